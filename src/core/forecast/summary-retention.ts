/**
 * Subscription retention (sBG) of a per-customer summary with dates (docs/warehouse.md), under the orders' reading
 * (retention.ts): a customer's months paid for run from their first purchase month to their last (first + tₓ days),
 * and they are still subscribed when that last month is the observation end's. A summary of x, tₓ and T only has no
 * months: null.
 */
import type { SummaryDataset } from '../types';
import { monthIndex } from '../figures/dates';
import { retentionOfTenures, type SubscriptionRetention } from './retention-fit';

export function summaryRetention(data: SummaryDataset, monthlyDiscountRate: number): SubscriptionRetention | null {
  if (!data.firstDay || data.observationEnd === null) return null;
  const lastMonth = monthIndex(data.observationEnd);
  const n = data.summary.customer.length;
  const tenure: number[] = [];
  const active: boolean[] = [];
  let revenue = 0;
  for (let i = 0; i < n; i++) {
    const first = monthIndex(data.firstDay[i]);
    const last = monthIndex(data.firstDay[i] + Math.round(data.summary.recency[i]));
    tenure.push(last - first + 1);
    active.push(last === lastMonth);
    if (data.revenue) revenue += data.revenue[i];
  }
  return retentionOfTenures(tenure, active, data.revenue ? revenue : NaN, monthlyDiscountRate);
}
