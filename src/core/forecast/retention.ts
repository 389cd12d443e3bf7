/**
 * Subscription retention (sBG over all monthly cohorts): each customer's months from their first to their last
 * purchase month are the months they paid for; a customer whose last purchase falls in the data's last month is
 * still subscribed (censored), anyone else cancelled after their last month. This is exact for a subscription export
 * (one charge a month) and a reading of "kept buying" for an orders file. It gives the retention curve, the expected
 * and discounted months a new customer pays, and so "monthly revenue × months kept" with months from the model.
 */
import { groupCustomerDays } from '../figures';
import { monthIndex } from '../figures/dates';
import { retentionOfTenures, type SubscriptionRetention } from './retention-fit';
import type { TransactionTable } from '../types';
import { observationDay } from './predictions';

export type { SubscriptionRetention } from './retention-fit';

export function subscriptionRetention(table: TransactionTable, monthlyDiscountRate: number, observationEnd?: string | null): SubscriptionRetention {
  const end = observationDay(table, observationEnd);
  const lastMonth = monthIndex(end);
  const days = groupCustomerDays(table, { through: end });
  const tenure: number[] = [];
  const active: boolean[] = [];
  let revenue = 0;
  for (let c = 0; c < days.customerCount; c++) {
    const from = days.dayStart[c], to = days.dayStart[c + 1];
    if (to === from) continue;
    const first = monthIndex(days.day[from]);
    const last = monthIndex(days.day[to - 1]);
    tenure.push(last - first + 1);
    active.push(last === lastMonth);
    for (let k = from; k < to; k++) revenue += days.total[k] / days.totalScale;
  }
  return retentionOfTenures(tenure, active, revenue, monthlyDiscountRate);
}
