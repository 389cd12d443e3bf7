/**
 * The fitted model's expected purchases month by month, for the what-if's predicted value: predicted again from the
 * fitted parameters (a horizon of k months for k = 1 … months), never fitted again. Takes anything that predicts like
 * the forecast's ForecastPredictor, so this module brings no model code with it.
 */
import type { Forecast, PredictSettings } from '../forecast/models';
import type { TimeUnit } from '../types';
import type { PredictedBase } from './base';

export interface Predicts {
  predict(settings: PredictSettings): Forecast;
}

export function predictedBase(predictor: Predicts, timeUnit: TimeUnit, monthlyDiscountRate: number, months = 12): PredictedBase {
  const monthlyPurchases: number[] = [];
  let before = 0;
  let last: Forecast | null = null;
  for (let k = 1; k <= months; k++) {
    last = predictor.predict({ timeUnit, horizonMonths: k, monthlyDiscountRate: 0, margin: 1 });
    monthlyPurchases.push(last.totals.expectedPurchases - before);
    before = last.totals.expectedPurchases;
  }
  // Spend per purchase: the forecast's undiscounted revenue over its purchases (each customer's spend weighted by their purchases).
  const spend = last && Number.isFinite(last.totals.clv) && last.totals.expectedPurchases > 0 ? last.totals.clv / last.totals.expectedPurchases : null;
  return { model: last?.fit.model ?? '', customers: last?.customers.pAlive.length ?? 0, monthlyPurchases, spendPerPurchase: spend, monthlyDiscountRate };
}
