/**
 * The sBG fit of subscription retention from each customer's months paid for and whether they still pay, shared by
 * the orders' reading (retention.ts) and a summary's (summary-retention.ts). A module of its own: a summary's
 * retention loads it in the worker without the orders' grouping code.
 */
import type { Notice } from '../types';
import {
  fitPooledRetention, observedSurvival, pooledSurvival, sbgDiscountedExpectedLifetime, sbgExpectedLifetime, sbgSurvival,
} from './models';

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
