/** The prediction layer the app and `npm run analyze` share: settings, holdout report, tracking curves, snapshot parts. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../../../src/core/import';
import { calibrationHoldout } from '../../../src/core/figures';
import { isoToDay } from '../../../src/core/figures/dates';
import { fitForecast, fitPurchaseModel, forecastPredictor, purchaseModel } from '../../../src/core/forecast/models';
import {
  DEFAULT_PREDICTION_SETTINGS, forecastForSnapshot, holdoutReport, modelComparison, modelsForSnapshot, monthlyRate, periodDiscountRate, predictCustomers, predictionInput, toPredictSettings, rfGrid, trackingCurves,
} from '../../../src/core/forecast';
import { SHARED_DATA } from './reference-files';

const sample = importBytes(new Uint8Array(readFileSync(resolve(SHARED_DATA, 'cdnow/CDNOW_sample.txt'))), 'CDNOW_sample.txt').table;
const calibrationEnd = isoToDay('1997-09-30');
const end = isoToDay('1998-06-30');

describe('tracking curves on the CDNOW sample (BTYD walkthrough)', () => {
  const split = calibrationHoldout(sample, { calibrationEnd, observationEnd: end, timeUnit: 'week' });
  const fit = fitPurchaseModel('bgnbd', { x: split.calibration.frequency, tx: split.calibration.recency, T: split.calibration.T });
  const curves = trackingCurves(sample, calibrationEnd, end, purchaseModel('bgnbd'), fit.params, 'week');

  it('counts the actual repeat purchases of weeks 20–25 exactly', () => {
    expect(curves.cumulativeActual.slice(19, 25)).toEqual([1359, 1414, 1484, 1517, 1573, 1672]);
    expect(curves.actual.slice(19, 25)).toEqual([73, 55, 70, 33, 56, 99]);
    expect(curves.weekStart.length).toBe(78);
    expect(curves.holdoutStartWeek).toBe(39);
  });

  it('predicts them within 1% of the walkthrough (whose fit differs in the third digit)', () => {
    const published = [1309, 1385, 1460, 1533, 1604, 1674];
    curves.cumulativePredicted.slice(19, 25).forEach((v, i) => expect(Math.abs(v / published[i] - 1)).toBeLessThan(0.01));
    // Weekly values are the steps of the cumulative curve.
    expect(curves.predicted.reduce((a, v) => a + v, 0)).toBeCloseTo(curves.cumulativePredicted.at(-1)!, 6);
  });
});

describe('holdout report', () => {
  const report = holdoutReport(sample, '1997-09-30', 'week');

  it('fits each model on the calibration period and compares with the holdout', () => {
    // All 2,357 customers: a $0 order is a purchase (contract, 2026-12), as in lifetimes and the published tables.
    expect(report.customers).toBe(2357);
    expect(report.holdoutDuration).toBeCloseTo(273 / 7, 10);
    const bg = report.checks.find((c) => c.model === 'bgnbd')!;
    // Σ E[Y(39)] on the calibration summary, as in clv-models.md (1653.4); 1,882 repeat purchase days after 1997-09-30.
    expect(bg.predictedTotal).toBeCloseTo(1653.4, 0);
    expect(report.checks.map((c) => c.actualTotal)).toEqual([1882, 1882, 1882]);
    expect(bg.errorPercent).toBeCloseTo(((bg.predictedTotal - 1882) / 1882) * 100, 10);
    expect(bg.mae).toBeGreaterThan(0);
    expect(report.tracking.every((t) => t !== null && t.weekStart.length === 78)).toBe(true);
    expect(report.tracking[0]!.cumulativeActual.at(-1)).toBe(report.tracking[0]!.cumulativeActual[38] + bg.actualTotal);
  });

  it('refuses a calibration date outside the data', () => {
    expect(() => holdoutReport(sample, '1999-01-01', 'week')).toThrow(/inside the data/);
  });
});

describe('forecast settings and snapshot parts', () => {
  it('turns annual rates into monthly ones', () => {
    expect(monthlyRate(0.12, 'month')).toBe(0.12);
    expect(Math.pow(1 + monthlyRate(0.1, 'year'), 12)).toBeCloseTo(1.1, 12);
  });

  it('turns annual and monthly rates into rates per BG/BB period (values worked out by hand)', () => {
    // 10% a year: 1.1^(1/4) − 1 a quarter, 1.1^(1/12) − 1 a month (the forecast's own monthly rate), 10% a year.
    expect(periodDiscountRate(0.1, 'year', 'quarter')).toBeCloseTo(0.024113689084445129, 16);
    expect(periodDiscountRate(0.1, 'year', 'month')).toBe(monthlyRate(0.1, 'year'));
    expect(periodDiscountRate(0.1, 'year', 'month')).toBeCloseTo(0.0079741404289037411, 16);
    expect(periodDiscountRate(0.1, 'year', 'year')).toBe(0.1);
    // 1% a month: 1.01³ − 1 = 0.030301 a quarter, 1.01¹² − 1 = 0.12682503013196972 a year, 1% a month.
    expect(periodDiscountRate(0.01, 'month', 'quarter')).toBeCloseTo(0.030301, 16);
    expect(periodDiscountRate(0.01, 'month', 'year')).toBeCloseTo(0.12682503013196972, 15);
    expect(periodDiscountRate(0.01, 'month', 'month')).toBe(0.01);
    // Four quarters compound to the year; no discount stays none.
    expect(Math.pow(1 + periodDiscountRate(0.07, 'year', 'quarter'), 4) - 1).toBeCloseTo(0.07, 15);
    expect(periodDiscountRate(0, 'month', 'year')).toBe(0);
  });

  it('writes models and forecast as the contract names them, with the horizon in days of the models’ month', () => {
    const settings = { ...DEFAULT_PREDICTION_SETTINGS, timeUnit: 'week' as const, observationEnd: '1997-09-30', horizonMonths: 12 };
    const p = predictCustomers(sample, settings);
    const models = modelsForSnapshot(modelComparison(sample, 'week', '1997-09-30'), p.forecast.spend) as Record<string, Record<string, number>>;
    expect(Object.keys(models).sort()).toEqual(['bgnbd', 'gammaGamma', 'mbgnbd', 'paretoNbd']);
    expect(Object.keys(models.bgnbd)).toEqual(['r', 'alpha', 'a', 'b', 'logLikelihood', 'reliable']);
    expect(Object.keys(models.paretoNbd)).toEqual(['r', 'alpha', 's', 'beta', 'logLikelihood', 'reliable']);
    expect(Object.keys(models.gammaGamma)).toEqual(['p', 'q', 'v', 'logLikelihood', 'reliable']);
    // The CDNOW sample's 39 weeks pin every model down (FHL 2005's fit).
    expect(Object.values(models).map((m) => m.reliable)).toEqual([true, true, true, true]);
    // The published fit (FHL 2005; lifetimes 0.242593) now that $0 orders count as purchases (it was 0.2439 without).
    expect(models.bgnbd.r).toBeCloseTo(0.2426, 4);
    const forecast = forecastForSnapshot(p) as { horizonDays: number; expectedPurchases: number; meanProbabilityAlive: number; clv: { total: number } };
    expect(forecast.horizonDays).toBe(365); // 12 × 4.345 weeks
    expect(forecast.expectedPurchases).toBeCloseTo(p.forecast.totals.expectedPurchases, 6);
    expect(forecast.clv.total).toBeGreaterThan(0);
    expect(forecast).toMatchObject({ reliable: true, cautions: [] });
    // An unreliable fit is written as such, with its reasons: the purchase model's, then Gamma-Gamma's.
    const reason = (code: string) => ({ code, text: code, vars: {} });
    const unreliable = { reliable: false, reasons: [reason('dropout-unknown')], worstRelativeError: 3.3 };
    const spendOff = { reliable: false, reasons: [reason('spend-runaway')], worstRelativeError: null };
    const shaky = { ...p, forecast: { ...p.forecast, fit: { ...p.forecast.fit, reliability: unreliable }, spend: { ...p.forecast.spend!, reliability: spendOff } } };
    expect(forecastForSnapshot(shaky)).toMatchObject({ reliable: false, cautions: ['dropout-unknown', 'spend-runaway'] });
    // Without a CLV (Gamma-Gamma's mean undefined), its fit does not matter.
    const noClv = { ...shaky, forecast: { ...shaky.forecast, fit: p.forecast.fit, spendWarning: reason('spend-q-low') } };
    expect(forecastForSnapshot(noClv)).toMatchObject({ reliable: true, cautions: [], clv: { total: null } });
    const day = forecastForSnapshot(predictCustomers(sample, { ...settings, timeUnit: 'day' })) as { horizonDays: number };
    expect(day.horizonDays).toBe(360);
  });

  it('splits into the pieces a worker keeps: the input per unit and end, the fit per model, a predictor per both', () => {
    const settings = { ...DEFAULT_PREDICTION_SETTINGS, observationEnd: '1997-09-30', horizonMonths: 18, discountRate: 0.01, discountPer: 'month' as const, margin: 0.5 };
    const whole = predictCustomers(sample, settings);
    const input = predictionInput(sample, settings.timeUnit, settings.observationEnd);
    expect(input.observationEnd).toBe(whole.observationEnd);
    expect(input.ids).toEqual(whole.ids);
    expect(input.summary).toEqual(whole.summary);
    expect(toPredictSettings(settings)).toEqual({ timeUnit: 'week', horizonMonths: 18, monthlyDiscountRate: 0.01, margin: 0.5 });
    const predictor = forecastPredictor(input.summary, fitForecast(input.summary, settings.model));
    predictor.predict(toPredictSettings({ ...settings, horizonMonths: 3 }));
    expect(predictor.predict(toPredictSettings(settings))).toEqual(whole.forecast);
  });

  it('gives every customer a 90% range around expected purchases and CLV', () => {
    const p = predictCustomers(sample, { ...DEFAULT_PREDICTION_SETTINGS, observationEnd: '1997-09-30' });
    const c = p.forecast.customers;
    for (let i = 0; i < c.clv.length; i += 97) {
      expect(c.expectedPurchasesLow[i]).toBeLessThanOrEqual(c.expectedPurchases[i]);
      expect(c.expectedPurchasesHigh[i]).toBeGreaterThanOrEqual(c.expectedPurchases[i]);
      expect(c.clvLow[i]).toBeLessThanOrEqual(c.clv[i]);
      expect(c.clvHigh[i]).toBeGreaterThan(c.clv[i]);
    }
  });
});

describe('frequency × recency grid', () => {
  it('averages values per cell and leaves empty cells NaN', () => {
    const summary = { customer: Uint32Array.of(0, 1, 2), frequency: Float64Array.of(0, 2, 2), recency: Float64Array.of(0, 5, 9.5), T: Float64Array.of(10, 10, 10), monetary: Float64Array.of(0, 1, 1) };
    const grid = rfGrid(summary, [0.9, 0.4, 0.6], 3, 2);
    expect(grid.frequencies).toEqual(['0', '1', '2', '3+']);
    expect(grid.mean[0][0]).toBeCloseTo(0.9);
    expect(grid.mean[2][1]).toBeCloseTo(0.5);
    expect(grid.count[2][1]).toBe(2);
    expect(Number.isNaN(grid.mean[1][0])).toBe(true);
  });
});

describe('customer detail', () => {
  it('lists the purchase days and traces P(alive) from the first purchase to the end, jumping at purchases', async () => {
    const { customerDetail } = await import('../../../src/core/forecast');
    const fit = fitPurchaseModel('bgnbd', (() => {
      const split = calibrationHoldout(sample, { calibrationEnd: end, observationEnd: end, timeUnit: 'week' });
      return { x: split.calibration.frequency, tx: split.calibration.recency, T: split.calibration.T };
    })());
    const id = sample.customerIds[0];
    const detail = customerDetail(sample, id, 'bgnbd', fit.params, 'week', '1998-06-30')!;
    expect(detail.purchases.length).toBeGreaterThan(0);
    expect(detail.path[0].date).toBe(detail.purchases[0].date);
    expect(detail.path.at(-1)!.date).toBe('1998-06-30');
    // Before any repeat purchase, a BG/NBD customer is alive for sure.
    expect(detail.path[0].pAlive).toBe(1);
    for (const p of detail.path) {
      expect(p.pAlive).toBeGreaterThanOrEqual(0);
      expect(p.pAlive).toBeLessThanOrEqual(1);
    }
    // The last point is the customer's P(alive) in the forecast.
    const days = detail.purchases.map((p) => isoToDay(p.date));
    const T = (end - days[0]) / 7;
    const tx = (days.at(-1)! - days[0]) / 7;
    expect(detail.path.at(-1)!.pAlive).toBeCloseTo(purchaseModel('bgnbd').pAlive(fit.params, days.length - 1, tx, T), 12);
    expect(customerDetail(sample, 'no such customer', 'bgnbd', fit.params, 'week')).toBeNull();
  });
});

