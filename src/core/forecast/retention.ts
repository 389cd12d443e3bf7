/**
 * Subscription retention (sBG over all monthly cohorts): each customer's months from their first to their last
 * purchase month are the months they paid for; a customer whose last purchase falls in the data's last month is
 * still subscribed (censored), anyone else cancelled after their last month. This is exact for a subscription export
 * (one charge a month) and a reading of "kept buying" for an orders file. It gives the retention curve, the expected
 * and discounted months a new customer pays, and so "monthly revenue × months kept" with months from the model.
 */
import type { Notice } from '../types';
import { groupCustomerDays } from '../figures';
import { monthIndex } from '../figures/dates';
import {
  fitPooledRetention, observedSurvival, pooledSurvival, sbgDiscountedExpectedLifetime, sbgExpectedLifetime, sbgSurvival,
} from './models';
import type { TransactionTable } from '../types';
import { observationDay } from './predictions';

export interface SubscriptionRetention {
  customers: number;
  stillActive: number;
  params: { alpha: number; beta: number } | null;
  standardErrors: { alpha: number; beta: number } | null;
  logLikelihood: number;
  identified: boolean;
  message: Notice | null;
  /** Share still subscribed at the start of month k (k = 0..), observed (Kaplan–Meier) and from the model. */
  observed: number[];
  fitted: number[];
  /** Expected months a new customer pays for (Infinity when the model's mean diverges, α ≤ 1). */
  expectedMonths: number;
  /** The same, discounted at the monthly rate (the first month undiscounted). */
  discountedMonths: number;
  /** Net revenue per customer-month paid for. */
  monthlyRevenue: number;
  /** monthlyRevenue × discountedMonths. */
  valuePerNewCustomer: number;
}

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
    for (let k = from; k < to; k++) revenue += days.total[k];
  }
  return retentionOfTenures(tenure, active, revenue, monthlyDiscountRate);
}

/**
 * sBG fitted to each customer's months paid for (first to last purchase month) and whether they are still subscribed
 * (a purchase in the last month), with `revenue` spread over the months paid for: the orders' and a summary's alike.
 */
export function retentionOfTenures(tenure: number[], active: boolean[], revenue: number, monthlyDiscountRate: number): SubscriptionRetention {
  const data = pooledSurvival(tenure, active);
  const fit = fitPooledRetention(data);
  const usable = fit.params.every(Number.isFinite);
  const observed = Array.from(observedSurvival(data));
  const fitted = usable ? observed.map((_, t) => sbgSurvival(fit.params, t)) : [];
  const paidMonths = tenure.reduce((a, v) => a + v, 0);
  const monthlyRevenue = paidMonths ? revenue / paidMonths : NaN;
  const discountedMonths = usable ? sbgDiscountedExpectedLifetime(fit.params, monthlyDiscountRate) : NaN;
  return {
    customers: tenure.length,
    stillActive: active.filter(Boolean).length,
    params: usable ? { alpha: fit.params[0], beta: fit.params[1] } : null,
    standardErrors: fit.standardErrors ? { alpha: fit.standardErrors[0], beta: fit.standardErrors[1] } : null,
    logLikelihood: fit.logLikelihood,
    identified: fit.identified,
    message: fit.message,
    observed,
    fitted,
    expectedMonths: usable ? sbgExpectedLifetime(fit.params) : NaN,
    discountedMonths,
    monthlyRevenue,
    valuePerNewCustomer: monthlyRevenue * discountedMonths,
  };
}
