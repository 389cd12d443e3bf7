/**
 * The reader's forecast settings and the small pure helpers the page uses with them. This module imports no model
 * code (types only): the page can import it without the models, their special functions and their
 * module-level tables coming into its first chunk. The models run in the compute worker.
 */
import type { ModelFit, ModelName } from './models';
import type { TimeUnit } from '../types';

export interface PredictionSettings {
  model: ModelName;
  timeUnit: TimeUnit;
  horizonMonths: number;
  /** Discount rate per `discountPer`; converted to a monthly rate as (1 + a)^(1/12) − 1 for an annual one. */
  discountRate: number;
  discountPer: 'year' | 'month';
  /** Gross margin 0..1 applied to expected spend. */
  margin: number;
  /** The day the model treats as now (ISO); default: the last day of the data. */
  observationEnd?: string | null;
}

export const DEFAULT_PREDICTION_SETTINGS: PredictionSettings = {
  model: 'bgnbd',
  timeUnit: 'week',
  horizonMonths: 12,
  discountRate: 0.1,
  discountPer: 'year',
  margin: 1,
  observationEnd: null,
};

/** A monthly discount rate from an annual or monthly one. */
export function monthlyRate(rate: number, per: 'year' | 'month'): number {
  return per === 'month' ? rate : Math.pow(1 + rate, 1 / 12) - 1;
}

/**
 * The purchase model with the lowest BIC among the fits the data can support (reliable: converged, every parameter
 * pinned down, enough repeat buyers), or null when none can be trusted: an unreliable fit is never recommended, however
 * well it scores.
 */
export function recommended(fits: ModelFit[]): ModelFit | null {
  return fits.filter((f) => f.reliability.reliable).reduce<ModelFit | null>((best, f) => (!best || f.bic < best.bic ? f : best), null);
}
