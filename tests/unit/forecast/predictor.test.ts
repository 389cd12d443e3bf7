/**
 * Fitting apart from predicting: a ForecastPredictor predicts from the fits as given, never refits, and whatever it
 * was asked before, gives exactly what a fresh predictor (and the one-call forecast) gives. Against a plain
 * transcription of the per-customer formulas (no caches, no tables) it agrees to round-off.
 */
import { describe, expect, it, vi } from 'vitest';
import { discountedPurchases, unitsPerMonth } from '../../../src/core/forecast/models/clv';
import { fitPurchaseModel } from '../../../src/core/forecast/models/fit-purchases';
import { fitGammaGamma, gammaGammaExpectedSpend } from '../../../src/core/forecast/models/gamma-gamma';
import { logVariance, perturbedParameters, range90 } from '../../../src/core/forecast/models/intervals';
import {
  fitForecast, forecast, forecastPredictor, ForecastPredictor, predictForecast, purchaseModel, type FittedForecast, type Forecast, type ModelName, type PredictSettings,
} from '../../../src/core/forecast/models';
import type { CustomerSummary } from '../../../src/core/types';
import { referenceSummary } from './reference-files';

// Every call of the fitting functions is counted, wherever it comes from.
vi.mock('../../../src/core/forecast/models/fit-purchases', async (original) => {
  const actual = await original<typeof import('../../../src/core/forecast/models/fit-purchases')>();
  return { ...actual, fitPurchaseModel: vi.fn(actual.fitPurchaseModel) };
});
vi.mock('../../../src/core/forecast/models/gamma-gamma', async (original) => {
  const actual = await original<typeof import('../../../src/core/forecast/models/gamma-gamma')>();
  return { ...actual, fitGammaGamma: vi.fn(actual.fitGammaGamma) };
});

const { summary } = referenceSummary('cdnow/cdnow_sample_cal39w_summary.csv');
const base: PredictSettings = { timeUnit: 'week', horizonMonths: 12, monthlyDiscountRate: 0.01, margin: 1 };
const COLUMNS = ['pAlive', 'expectedPurchases', 'expectedPurchasesLow', 'expectedPurchasesHigh', 'expectedSpend', 'clv', 'clvLow', 'clvHigh', 'nextPurchase'] as const;

/** Bit for bit (NaN equal to NaN), column by column, with the first difference in the message. */
function expectIdentical(actual: Forecast, expected: Forecast, what: string) {
  for (const column of COLUMNS) {
    const a = actual.customers[column], e = expected.customers[column];
    expect(a.length, `${what}: ${column} length`).toBe(e.length);
    const i = a.findIndex((v, k) => !Object.is(v, e[k]));
    expect(i, `${what}: ${column}[${i}] ${a[i]} vs ${e[i]}`).toBe(-1);
  }
  expect(actual.totals, `${what}: totals`).toEqual(expected.totals);
  expect(actual.horizonUnits, `${what}: horizon`).toBe(expected.horizonUnits);
  expect(actual.fit).toEqual(expected.fit);
  expect(actual.spend).toEqual(expected.spend);
  expect(actual.spendWarning).toEqual(expected.spendWarning);
}

/**
 * The forecast written out customer by customer from the model functions, as the one-call forecast computed it
 * before predicting was split from fitting: nothing cached, the scalar ₂F₁.
 */
function plainForecast(summary: CustomerSummary, fitted: FittedForecast, settings: PredictSettings): Forecast['customers'] {
  const model = purchaseModel(fitted.fit.model as ModelName);
  const params = Object.values(fitted.fit.params);
  const sets = perturbedParameters(params);
  const covariance = Float64Array.from(fitted.fit.logCovariance!);
  const spendSets = perturbedParameters(Object.values(fitted.spend!.params));
  const spendCovariance = Float64Array.from(fitted.spend!.logCovariance!);
  const months = settings.horizonMonths;
  const unitsMonth = unitsPerMonth(settings.timeUnit);
  const last = Math.ceil(months - 1e-9);
  const n = summary.customer.length;
  const out = Object.fromEntries(COLUMNS.map((c) => [c, new Float64Array(n)])) as Forecast['customers'];
  for (let i = 0; i < n; i++) {
    const x = summary.frequency[i], tx = summary.recency[i], T = summary.T[i];
    const expected = new Float64Array(sets.length);
    const discounted = new Float64Array(sets.length);
    sets.forEach((p, s) => {
      const cumulative = new Float64Array(Math.max(last, 0) + 1);
      const alive = model.pAlive(p, x, tx, T);
      discounted[s] = alive * discountedPurchases((t) => model.expectedIfAlive(p, x, T, t), months, unitsMonth, settings.monthlyDiscountRate, cumulative);
      expected[s] = alive * (last > 0 ? cumulative[last] : 0);
    });
    const spend = spendSets.map((p) => gammaGammaExpectedSpend(p, x, summary.monetary[i]));
    out.pAlive[i] = model.pAlive(params, x, tx, T);
    out.nextPurchase[i] = model.nextPurchase(params, x, tx, T);
    out.expectedPurchases[i] = expected[0];
    [out.expectedPurchasesLow[i], out.expectedPurchasesHigh[i]] = range90(expected[0], logVariance(expected, covariance));
    out.expectedSpend[i] = spend[0];
    out.clv[i] = settings.margin * spend[0] * discounted[0];
    [out.clvLow[i], out.clvHigh[i]] = range90(out.clv[i], logVariance(discounted, covariance) + logVariance(spend, spendCovariance));
  }
  return out;
}

/**
 * Relative differences within `tolerance` (NaN only where NaN). The ranges get a looser one: their log-gradients are
 * differences over a 1e-4 step, which multiply round-off in the values by up to 1e4.
 */
function expectClose(actual: Forecast['customers'], expected: Forecast['customers'], what: string, tolerance = 1e-12) {
  for (const column of COLUMNS) {
    const limit = /Low|High/.test(column) ? tolerance * 1e4 : tolerance;
    const a = actual[column], e = expected[column];
    let worst = 0, at = 0;
    for (let i = 0; i < e.length; i++) {
      const error = Number.isNaN(e[i]) ? (Number.isNaN(a[i]) ? 0 : Infinity) : Math.abs(a[i] - e[i]) / Math.max(Math.abs(e[i]), 1e-300);
      if (!(error <= worst)) [worst, at] = [Number.isNaN(error) ? Infinity : error, i];
    }
    if (process.env.SHOW_ERRORS) console.log(what, column, worst);
    expect(worst, `${what}: ${column}[${at}] ${a[at]} vs ${e[at]}`).toBeLessThanOrEqual(limit);
  }
}

describe.each(['bgnbd', 'mbgnbd', 'paretoNbd'] as const)('%s: fit once, predict many times', (model) => {
  const fitted = fitForecast(summary, model);

  it('fits to plain data that survives a structured clone', () => {
    expect(structuredClone(fitted)).toEqual(fitted);
    expect(JSON.stringify(fitted).length).toBeLessThan(2000);
    expect(fitted.fit.model).toBe(model);
  });

  it('predicts what the one-call forecast gives, from a cloned fit', () => {
    expectIdentical(forecastPredictor(summary, structuredClone(fitted)).predict(base), forecast(summary, { model, ...base }), 'forecast');
    expectIdentical(predictForecast(summary, fitted, { ...base, horizonMonths: 7.5 }), forecast(summary, { model, ...base, horizonMonths: 7.5 }), 'forecast, 7.5 months');
  });

  it('agrees to round-off with the formulas written out per customer, whole and fractional horizons', () => {
    const predictor = forecastPredictor(summary, fitted);
    for (const settings of [base, { ...base, horizonMonths: 6.5, margin: 0.4 }, { ...base, horizonMonths: 0.25 }, { ...base, horizonMonths: 30, monthlyDiscountRate: 0.02 }, { ...base, horizonMonths: 0 }]) {
      expectClose(predictor.predict(settings).customers, plainForecast(summary, fitted, settings), `${settings.horizonMonths} months`);
    }
  });

  it('after any sequence of settings gives exactly what a fresh predictor gives', () => {
    const predictor = forecastPredictor(summary, fitted);
    const sequence: PredictSettings[] = [
      base,
      { ...base, horizonMonths: 24 },
      base, // shorter after longer: from the cached months
      { ...base, horizonMonths: 6.5 }, // a partial last month inside the cached months
      { ...base, horizonMonths: 7 },
      { ...base, horizonMonths: 6.5 },
      { ...base, horizonMonths: 30.25, monthlyDiscountRate: 0.02 }, // longer and partial at once
      { ...base, horizonMonths: 30.25, monthlyDiscountRate: 0.012 },
      { ...base, monthlyDiscountRate: 0.012, margin: 0.4 },
      { ...base, margin: 0.4 },
      { ...base, horizonMonths: 0.5 },
      { ...base, horizonMonths: 0 },
      { ...base, timeUnit: 'day' }, // another unit: the month is other times
      base,
    ];
    for (const settings of sequence) {
      const what = JSON.stringify(settings);
      expectIdentical(predictor.predict(settings), new ForecastPredictor(summary, fitted).predict(settings), what);
    }
  });

  it('after a horizon change gives exactly what a fresh fit and prediction at that horizon give', () => {
    const predictor = forecastPredictor(summary, fitted);
    predictor.predict(base);
    expectIdentical(predictor.predict({ ...base, horizonMonths: 24 }), forecast(summary, { model, ...base, horizonMonths: 24 }), '12 → 24 months');
    expectIdentical(predictor.predict({ ...base, horizonMonths: 18.5 }), forecast(summary, { model, ...base, horizonMonths: 18.5 }), '24 → 18.5 months');
  });

  it('months prepared ahead while idle, a few at a time, give exactly what a fresh prediction gives', () => {
    const predictor = forecastPredictor(summary, fitted);
    predictor.predict(base);
    // A budget of 0 ms still computes one month per call: 24 calls prepare months 13..36.
    let calls = 0;
    while (!predictor.prepareMonths('week', 36, 0)) calls++;
    expect(calls).toBe(23);
    expectIdentical(predictor.predict({ ...base, horizonMonths: 30 }), forecast(summary, { model, ...base, horizonMonths: 30 }), 'prepared to 36, asked 30');
    // Prepared in another unit than the one predicted: nothing is prepared, and nothing breaks.
    expect(predictor.prepareMonths('day', 48, 5)).toBe(true);
    expectIdentical(predictor.predict({ ...base, horizonMonths: 40 }), forecast(summary, { model, ...base, horizonMonths: 40 }), 'then 40');
  });
});

describe('predicting never fits', () => {
  it('calls the fitting functions in fitForecast only', () => {
    const purchases = vi.mocked(fitPurchaseModel);
    const spend = vi.mocked(fitGammaGamma);
    purchases.mockClear();
    spend.mockClear();
    const fitted = fitForecast(summary, 'bgnbd');
    expect([purchases.mock.calls.length, spend.mock.calls.length]).toEqual([1, 1]);
    const predictor = forecastPredictor(summary, fitted);
    for (const horizonMonths of [12, 24, 3.5, 60]) for (const margin of [1, 0.3]) predictor.predict({ ...base, horizonMonths, margin });
    predictForecast(summary, fitted, base);
    expect([purchases.mock.calls.length, spend.mock.calls.length]).toEqual([1, 1]);
    // The one-call forecast fits once, then predicts.
    forecast(summary, { model: 'bgnbd', ...base });
    expect([purchases.mock.calls.length, spend.mock.calls.length]).toEqual([2, 2]);
  });

  it('uses the parameters and covariances as given, not refitted ones', () => {
    const fitted = fitForecast(summary, 'bgnbd');
    const { r, alpha, a, b } = fitted.fit.params;
    const changed: FittedForecast = {
      ...fitted,
      fit: { ...fitted.fit, params: { r: r * 1.3, alpha: alpha * 0.7, a: a * 1.1, b: b * 0.9 }, logCovariance: fitted.fit.logCovariance!.map((v) => 2 * v) },
      spend: { ...fitted.spend!, params: { ...fitted.spend!.params, p: fitted.spend!.params.p * 1.2 } },
    };
    const original = forecastPredictor(summary, fitted).predict(base).customers;
    const result = forecastPredictor(summary, changed).predict(base).customers;
    expectClose(result, plainForecast(summary, changed, base), 'changed parameters');
    expect(result.expectedPurchases[0]).not.toBeCloseTo(original.expectedPurchases[0], 3);
    expect(result.expectedSpend[1]).not.toBeCloseTo(original.expectedSpend[1], 3);
  });
});
