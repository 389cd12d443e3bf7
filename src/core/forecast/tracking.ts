/**
 * Tracking curves (Fader, Hardie & Lee's "tracking plots"): repeat purchases week by week across the calibration
 * and holdout periods, as they happened and as the model fitted on the calibration period expects them from the
 * customers acquired by its end. The predicted curve is Σ over acquisition days d of n_d·E[X(t − d)], with E[X] the
 * model's expected repeat purchases of a customer of that age; it does not look at anyone's later history, so it
 * shows whether the model carries the whole customer base forward, not only each customer's next step.
 */
import { groupCustomerDays } from '../figures';
import type { PurchaseModel } from './models';
import type { DayNumber, TimeUnit, TransactionTable } from '../types';

export interface TrackingCurves {
  /** First day of each week, as day numbers; the last week may be shorter. */
  weekStart: DayNumber[];
  /** Repeat purchases (distinct purchase days after the first) in each week, by customers acquired by calibrationEnd. */
  actual: number[];
  predicted: number[];
  cumulativeActual: number[];
  cumulativePredicted: number[];
  /** Index of the first week that lies (at least partly) after calibrationEnd. */
  holdoutStartWeek: number;
}

export function trackingCurves(
  table: TransactionTable,
  calibrationEnd: DayNumber,
  observationEnd: DayNumber,
  model: PurchaseModel,
  params: ArrayLike<number>,
  timeUnit: TimeUnit,
): TrackingCurves {
  const days = groupCustomerDays(table, { through: observationEnd });
  const perUnit = timeUnit === 'week' ? 7 : 1;
  let first = Infinity;
  for (let c = 0; c < days.customerCount; c++) {
    if (days.dayStart[c + 1] > days.dayStart[c]) first = Math.min(first, days.day[days.dayStart[c]]);
  }
  if (!Number.isFinite(first)) return { weekStart: [], actual: [], predicted: [], cumulativeActual: [], cumulativePredicted: [], holdoutStartWeek: 0 };
  const weeks = Math.ceil((observationEnd - first + 1) / 7);
  const actual = new Array<number>(weeks).fill(0);
  // Customers acquired by calibrationEnd, counted by acquisition day.
  const births = new Map<number, number>();
  for (let c = 0; c < days.customerCount; c++) {
    const from = days.dayStart[c], to = days.dayStart[c + 1];
    if (to === from) continue;
    const birth = days.day[from];
    if (birth > calibrationEnd) continue;
    births.set(birth, (births.get(birth) ?? 0) + 1);
    for (let k = from + 1; k < to; k++) actual[Math.floor((days.day[k] - first) / 7)]++;
  }
  // Expected repeat purchases by the end of each week (end of day e: age e + 1 − birth − 1 days after the first purchase
  // day, lifetimes' convention of whole days since the first purchase).
  const cumulativePredicted = new Array<number>(weeks).fill(0);
  for (let w = 0; w < weeks; w++) {
    const end = Math.min(first + 7 * (w + 1) - 1, observationEnd);
    let total = 0;
    for (const [birth, count] of births) if (end + 1 > birth) total += count * model.expectedNew(params, (end + 1 - birth) / perUnit);
    cumulativePredicted[w] = total;
  }
  const predicted = cumulativePredicted.map((v, w) => v - (w ? cumulativePredicted[w - 1] : 0));
  let running = 0;
  const cumulativeActual = actual.map((v) => (running += v));
  return {
    weekStart: Array.from({ length: weeks }, (_, w) => first + 7 * w),
    actual,
    predicted,
    cumulativeActual,
    cumulativePredicted,
    holdoutStartWeek: Math.floor((calibrationEnd + 1 - first) / 7),
  };
}
