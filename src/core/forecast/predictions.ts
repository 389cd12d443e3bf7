/**
 * The predictive part of a dataset as the app shows it: per-customer model input from the stored table, the
 * forecast of the chosen model, the comparison of the three purchase models, and the holdout check. Pure: the
 * worker calls it, and `npm run analyze` can too.
 */
import { calibrationHoldout, customerSummary, tableDayRange } from '../figures';
import { dayToIso, isoToDay } from '../figures/dates';
import { checkHoldout, compareModels, fitModel, forecast, purchaseModel, type Forecast, type HoldoutCheck, type ModelFit, type ModelName, type PredictSettings } from './models';
import { trackingCurves, type TrackingCurves } from './tracking';
import { monthlyRate, type PredictionSettings } from './settings';
import type { OpportunityPeriod } from './opportunities';
import type { CustomerSummary, DayNumber, TimeUnit, TransactionTable } from '../types';

export { DEFAULT_PREDICTION_SETTINGS, monthlyRate, recommended, type PredictionSettings } from './settings';

const PERIOD_MONTHS: Record<OpportunityPeriod, number> = { year: 12, quarter: 3, month: 1 };

/**
 * The discount rate per BG/BB period (year, quarter or month) equivalent to an annual or monthly rate, compounding:
 * (1 + a)^(m/12) − 1 for an annual rate a, (1 + d)^m − 1 for a monthly rate d, m months to the period. A rate given
 * per the period itself is returned as it is, and the monthly rate is the forecast's (monthlyRate).
 */
export function periodDiscountRate(rate: number, per: 'year' | 'month', period: OpportunityPeriod): number {
  if (period === per) return rate;
  if (period === 'month') return monthlyRate(rate, per);
  const months = PERIOD_MONTHS[period];
  return Math.expm1((per === 'year' ? months / 12 : months) * Math.log1p(rate));
}

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

/**
 * The customers as the models see them, for one time unit and observation end: the summary (in the time unit), the
 * ids aligned with it, and the end as an ISO date. Made once per (dataset, unit, end) and handed to fitForecast and
 * forecastPredictor, which never rebuild it.
 */
export interface PredictionInput {
  observationEnd: string;
  summary: CustomerSummary;
  ids: string[];
}

export function predictionInput(table: TransactionTable, timeUnit: TimeUnit, observationEnd?: string | null): PredictionInput {
  const end = observationDay(table, observationEnd);
  const summary = customerSummary(table, { observationEnd: end, timeUnit });
  return { observationEnd: dayToIso(end), summary, ids: Array.from(summary.customer, (c) => table.customerIds[c]) };
}

/** The settings a ForecastPredictor needs, from the page's (the discount rate made monthly). */
export function toPredictSettings(settings: PredictionSettings): PredictSettings {
  return {
    timeUnit: settings.timeUnit,
    horizonMonths: settings.horizonMonths,
    monthlyDiscountRate: monthlyRate(settings.discountRate, settings.discountPer),
    margin: settings.margin,
  };
}

/** Fit the chosen model (and Gamma-Gamma) and predict every customer. */
export function predictCustomers(table: TransactionTable, settings: PredictionSettings): CustomerPredictions {
  const t0 = performance.now();
  const { observationEnd, summary, ids } = predictionInput(table, settings.timeUnit, settings.observationEnd);
  const t1 = performance.now();
  const result = forecast(summary, { model: settings.model, ...toPredictSettings(settings) });
  const t2 = performance.now();
  return { settings, observationEnd, forecast: result, ids, summary, timings: { summaryMs: t1 - t0, forecastMs: t2 - t1 } };
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
