/**
 * The predictive part of a dataset as the app shows it: per-customer model input from the stored table, the
 * forecast of the chosen model, the comparison of the three purchase models, and the holdout check. Pure: the
 * worker calls it, and `npm run analyze` can too.
 */
import { calibrationHoldout, customerSummary, tableDayRange } from '../figures';
import { dayToIso, isoToDay } from '../figures/dates';
import { checkHoldout, compareModels, fitModel, forecast, purchaseModel, type Forecast, type HoldoutCheck, type ModelFit, type ModelName } from './models';
import { trackingCurves, type TrackingCurves } from './tracking';
import { monthlyRate, type PredictionSettings } from './settings';
import type { CustomerSummary, DayNumber, TimeUnit, TransactionTable } from '../types';

export { DEFAULT_PREDICTION_SETTINGS, monthlyRate, recommended, type PredictionSettings } from './settings';

export interface CustomerPredictions {
  settings: PredictionSettings;
  observationEnd: string;
  forecast: Forecast;
  /** Ids aligned with the forecast's per-customer arrays. */
  ids: string[];
  summary: CustomerSummary;
  timings: { summaryMs: number; forecastMs: number };
}

/** The day the models treat as now: the given ISO date, or the data's last day. */
export function observationDay(table: TransactionTable, iso: string | null | undefined): DayNumber {
  if (iso) return isoToDay(iso);
  const range = tableDayRange(table);
  if (!range) throw new Error('The dataset has no rows.');
  return range.max;
}

/** Fit the chosen model (and Gamma-Gamma) and predict every customer. */
export function predictCustomers(table: TransactionTable, settings: PredictionSettings): CustomerPredictions {
  const t0 = performance.now();
  const end = observationDay(table, settings.observationEnd);
  const summary = customerSummary(table, { observationEnd: end, timeUnit: settings.timeUnit });
  const t1 = performance.now();
  const result = forecast(summary, {
    model: settings.model,
    timeUnit: settings.timeUnit,
    horizonMonths: settings.horizonMonths,
    monthlyDiscountRate: monthlyRate(settings.discountRate, settings.discountPer),
    margin: settings.margin,
  });
  const t2 = performance.now();
  const ids = Array.from(summary.customer, (c) => table.customerIds[c]);
  return { settings, observationEnd: dayToIso(end), forecast: result, ids, summary, timings: { summaryMs: t1 - t0, forecastMs: t2 - t1 } };
}

/** One purchase model fitted on the table's customer summary. */
export function fitModelOnTable(table: TransactionTable, model: ModelName, timeUnit: TimeUnit, observationEnd?: string | null): ModelFit {
  return fitModel(customerSummary(table, { observationEnd: observationDay(table, observationEnd), timeUnit }), model);
}

/** The three purchase models fitted on the same data, for the comparison table. */
export function modelComparison(table: TransactionTable, timeUnit: TimeUnit, observationEnd?: string | null): ModelFit[] {
  const summary = customerSummary(table, { observationEnd: observationDay(table, observationEnd), timeUnit });
  return compareModels(summary);
}

export interface HoldoutReport {
  calibrationEnd: string;
  observationEnd: string;
  holdoutDuration: number;
  customers: number;
  checks: HoldoutCheck[];
  /** Weekly tracking curves per checked model (null where its fit failed), aligned with `checks`. */
  tracking: (TrackingCurves | null)[];
}

/** Fit each model on the data up to `calibrationEnd` and compare with what happened after it. */
export function holdoutReport(table: TransactionTable, calibrationEnd: string, timeUnit: TimeUnit, models: ModelName[] = ['bgnbd', 'mbgnbd', 'paretoNbd']): HoldoutReport {
  const range = tableDayRange(table);
  if (!range) throw new Error('The dataset has no rows.');
  const cal = isoToDay(calibrationEnd);
  if (cal <= range.min || cal >= range.max) throw new Error('The calibration date must fall inside the data, with data after it.');
  const split = calibrationHoldout(table, { calibrationEnd: cal, observationEnd: range.max, timeUnit });
  const checks = models.map((m) => checkHoldout(split.calibration, split.holdoutFrequency, split.holdoutDuration, m));
  const tracking = checks.map((c) => (c.params ? trackingCurves(table, cal, range.max, purchaseModel(c.model), c.params, timeUnit) : null));
  return { calibrationEnd, observationEnd: dayToIso(range.max), holdoutDuration: split.holdoutDuration, customers: split.calibration.customer.length, checks, tracking };
}
