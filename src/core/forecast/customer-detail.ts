/**
 * One customer seen through the model: their purchase days, and P(alive) as it would have been judged at each point
 * of their history (from the purchases made up to then). The curve jumps up at each purchase and decays in the
 * silences between, which is how the model reads "still a customer".
 */
import { groupCustomerDays } from '../figures';
import { dayToIso } from '../figures/dates';
import { purchaseModel, type ModelName } from './models';
import type { TimeUnit, TransactionTable } from '../types';
import { observationDay } from './predictions';

export interface CustomerDetail {
  id: string;
  /** Purchase days (amounts of a day summed), oldest first. */
  purchases: { date: string; amount: number }[];
  /** P(alive) at the end of each step from the first purchase to the observation end. */
  path: { date: string; pAlive: number }[];
}

/** At most this many points on the P(alive) path: daily for short histories, coarser for long ones. */
const MAX_POINTS = 400;

export function customerDetail(table: TransactionTable, customerId: string, model: ModelName, params: ArrayLike<number>, timeUnit: TimeUnit, observationEnd?: string | null): CustomerDetail | null {
  const c = table.customerIds.indexOf(customerId);
  if (c < 0) return null;
  const end = observationDay(table, observationEnd);
  const days = groupCustomerDays(table, { through: end });
  const from = days.dayStart[c], to = days.dayStart[c + 1];
  if (to === from) return null;
  const purchases = [];
  for (let k = from; k < to; k++) purchases.push({ date: dayToIso(days.day[k]), amount: days.total[k] / days.totalScale });
  const first = days.day[from];
  const perUnit = timeUnit === 'week' ? 7 : 1;
  const step = Math.max(1, Math.ceil((end - first) / MAX_POINTS));
  const m = purchaseModel(model);
  const path: CustomerDetail['path'] = [];
  let seen = from; // purchase days up to the current day
  for (let day = first; ; day = Math.min(end, day + step)) {
    while (seen + 1 < to && days.day[seen + 1] <= day) seen++;
    const x = seen - from;
    const tx = (days.day[seen] - first) / perUnit;
    const T = (day - first) / perUnit;
    path.push({ date: dayToIso(day), pAlive: m.pAlive(params, x, tx, T) });
    if (day >= end) break;
  }
  return { id: customerId, purchases, path };
}
