/**
 * Subscription lifetime value the owners' way: LTV = ARPA × margin ÷ monthly churn. One month's churn swings it
 * (ProfitWell smooths, ChartMogul averages six months), so the churn is averaged over a window of the last months,
 * pooled: customers churned in those months ÷ the subscribers at the start of each of them. ARPA is the last
 * month's. The answer says which months it used, and says so instead of a number when churn is zero (the formula
 * would give infinity); with fewer than MIN_AT_RISK customer-months behind the churn it is flagged as a small sample.
 */
import type { BridgeMonth } from './monthly';

export const LTV_WINDOWS = [1, 3, 6, 12] as const;
export const DEFAULT_LTV_WINDOW = 6;
export const MIN_AT_RISK = 30;

export type LtvStatus = 'ok' | 'small-sample' | 'no-churn' | 'no-subscribers';

export interface SubscriptionLtv {
  window: number;
  /** The months whose churn was averaged (YYYY-MM), fewer than the window when the file is shorter. */
  from: string | null;
  to: string | null;
  monthsUsed: number;
  arpa: number | null;
  /** Share 0–1. */
  margin: number;
  churned: number;
  /** Σ subscribers at the start of each month of the window. */
  atRisk: number;
  /** Monthly logo churn averaged over the window; null without customers at risk. */
  churn: number | null;
  /** Null when it cannot be worked out (no churn, no subscribers). */
  value: number | null;
  /** Expected months a subscriber stays: 1 ÷ churn. */
  lifetimeMonths: number | null;
  status: LtvStatus;
}

export function subscriptionLtv(months: readonly BridgeMonth[], window = DEFAULT_LTV_WINDOW, margin = 1): SubscriptionLtv {
  const last = months.length - 1;
  const firstUsed = Math.max(1, last - window + 1);
  let churned = 0, atRisk = 0;
  for (let m = firstUsed; m <= last; m++) {
    churned += months[m].churnedCustomers;
    atRisk += months[m - 1].subscribers;
  }
  const monthsUsed = Math.max(0, last - firstUsed + 1);
  const arpa = last >= 0 ? months[last].arpa : null;
  const churn = atRisk > 0 ? churned / atRisk : null;
  const base = { window, from: monthsUsed ? months[firstUsed].month : null, to: monthsUsed ? months[last].month : null, monthsUsed, arpa, margin, churned, atRisk, churn };
  if (arpa === null || churn === null) return { ...base, value: null, lifetimeMonths: null, status: 'no-subscribers' };
  if (churned === 0) return { ...base, value: null, lifetimeMonths: null, status: 'no-churn' };
  return { ...base, value: (arpa * margin) / churn, lifetimeMonths: 1 / churn, status: atRisk < MIN_AT_RISK ? 'small-sample' : 'ok' };
}
