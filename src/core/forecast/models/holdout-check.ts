/**
 * Validation on evidence: fit on the calibration period, predict each customer's purchases over the holdout, and
 * compare with what happened, in total, per calibration-frequency group, and as errors per customer.
 */
import type { Notice } from '../../types';
import type { CustomerSummary } from '../../types';
import { fitPurchaseModel } from './fit-purchases';
import type { ModelName } from './forecast';
import { purchaseModel } from './purchase-models';
import { purchaseReliability, type FitReliability } from './reliability';

export interface HoldoutCheck {
  model: ModelName;
  /** Purchases the model expected in the holdout, over all calibration customers. */
  predictedTotal: number;
  actualTotal: number;
  /** (predicted − actual) / actual × 100. */
  errorPercent: number;
  /** Mean absolute and root-mean-square error per customer. */
  mae: number;
  rmse: number;
  /** Customers grouped by repeat purchases in the calibration period (0..6, "7+"): mean predicted and actual. */
  byFrequency: { frequency: string; customers: number; predicted: number; actual: number }[];
  /** Why the model could not be checked (then the numbers are NaN), or a caution about its fit. */
  message: Notice | null;
  /** The parameters fitted on the calibration period; null when the fit failed. */
  params: number[] | null;
  /** Whether the fit on the calibration period can be trusted (a short calibration period may not pin it down). */
  reliability: FitReliability;
}

const GROUPS = 8;

/** Per-customer holdout predictions of a model fitted on the calibration summary. */
export function holdoutPredictions(calibration: CustomerSummary, holdoutDuration: number, model: ModelName): { predicted: Float64Array; message: Notice | null; usable: boolean; params: Float64Array; reliability: FitReliability } {
  const fit = fitPurchaseModel(model, { x: calibration.frequency, tx: calibration.recency, T: calibration.T });
  const n = calibration.customer.length;
  const predicted = new Float64Array(n);
  const usable = Array.from(fit.params).every(Number.isFinite);
  const reliability = purchaseReliability(fit);
  if (!usable) return { predicted: predicted.fill(NaN), message: fit.message, usable, params: fit.params, reliability };
  const m = purchaseModel(model);
  for (let i = 0; i < n; i++) predicted[i] = m.expected(fit.params, calibration.frequency[i], calibration.recency[i], calibration.T[i], holdoutDuration);
  return { predicted, message: fit.message, usable, params: fit.params, reliability };
}

export function checkHoldout(calibration: CustomerSummary, holdoutFrequency: Float64Array, holdoutDuration: number, model: ModelName): HoldoutCheck {
  const { predicted, message, usable, params, reliability } = holdoutPredictions(calibration, holdoutDuration, model);
  const n = calibration.customer.length;
  const count = new Array<number>(GROUPS).fill(0);
  const sumPredicted = new Array<number>(GROUPS).fill(0);
  const sumActual = new Array<number>(GROUPS).fill(0);
  let predictedTotal = 0, actualTotal = 0, absolute = 0, squared = 0;
  for (let i = 0; i < n; i++) {
    const g = Math.min(GROUPS - 1, Math.round(calibration.frequency[i]));
    const p = predicted[i];
    const a = holdoutFrequency[i];
    count[g]++;
    sumPredicted[g] += p;
    sumActual[g] += a;
    predictedTotal += p;
    actualTotal += a;
    absolute += Math.abs(p - a);
    squared += (p - a) * (p - a);
  }
  return {
    model,
    predictedTotal,
    actualTotal,
    errorPercent: usable && actualTotal > 0 ? ((predictedTotal - actualTotal) / actualTotal) * 100 : NaN,
    mae: n ? absolute / n : NaN,
    rmse: n ? Math.sqrt(squared / n) : NaN,
    byFrequency: count.map((c, g) => ({ frequency: g === GROUPS - 1 ? `${g}+` : String(g), customers: c, predicted: c ? sumPredicted[g] / c : NaN, actual: c ? sumActual[g] / c : NaN })),
    message,
    params: usable ? Array.from(params) : null,
    reliability,
  };
}
