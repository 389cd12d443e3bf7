/**
 * Everything the Subscriptions view and the snapshot show, from one billing export: the monthly MRR bridge with churn,
 * ARPA and annual share; net and gross revenue retention; failed payments and their recovery; subscription LTV with
 * its averaging window; sBG per plan interval; cohorts by start month.
 */
import { dayToIso } from '../figures/dates';
import { subscriptionCohorts, type SubscriptionCohort } from './cohorts';
import { dunning, type Dunning } from './dunning';
import { intervalName, type IntervalName } from './intervals';
import { DEFAULT_ANNUAL_DISCOUNT, lifetimesByInterval, type IntervalLifetimes } from './lifetimes';
import { DEFAULT_LTV_WINDOW, subscriptionLtv, type SubscriptionLtv } from './ltv';
import { GRACE_DAYS, mrrBridge, mrrGrid, type BridgeMonth } from './monthly';
import { subscriptionsFromList, subscriptionsFromPayments, type SubscriptionHistory } from './paid-periods';
import type { BillingFile } from './read-billing';
import { revenueRetention, type RevenueRetention } from './retention';

export interface SubscriptionsOptions {
  /** Months the churn behind the LTV is averaged over. */
  ltvWindow?: number;
  /** Gross margin as a share 0–1 (1: revenue). */
  margin?: number;
  /** Months between the base month and the last month of NRR and GRR. */
  retentionMonths?: number;
  annualDiscount?: number;
}

export interface SubscriptionsReport {
  fileName: string;
  shape: BillingFile['shape'];
  currency: string | null;
  /** The file's last date (YYYY-MM-DD): the last month is measured on it. */
  asOf: string;
  rowsRead: number;
  skipped: BillingFile['skipped'];
  /** Payment rows by status (payments exports). */
  statusCounts: Record<string, number>;
  /** Money received on paid rows, money refunded, and paid rows. */
  paid: number;
  refunded: number;
  paidPayments: number;
  subscriptions: number;
  /** Subscriptions per plan interval, and how the interval was known. */
  intervals: { name: IntervalName; subscriptions: number }[];
  intervalFrom: Record<SubscriptionHistory['intervalFrom'], number>;
  months: BridgeMonth[];
  retention: RevenueRetention;
  ltv: SubscriptionLtv;
  dunning: Dunning;
  lifetimes: IntervalLifetimes[];
  cohorts: SubscriptionCohort[];
}

export function subscriptionsReport(file: BillingFile, options: SubscriptionsOptions = {}): SubscriptionsReport {
  const grace = file.shape === 'payments' ? GRACE_DAYS : 0;
  const fromPayments = file.shape === 'payments' ? subscriptionsFromPayments(file) : null;
  const subs = fromPayments ? fromPayments.subscriptions : subscriptionsFromList(file);
  const grid = mrrGrid(subs, file.asOf, grace);
  const months = mrrBridge(grid);
  const intervals = new Map<IntervalName, number>();
  const intervalFrom = { column: 0, period: 0, spacing: 0, assumed: 0 };
  for (const s of subs) {
    const n = intervalName(s.interval);
    intervals.set(n, (intervals.get(n) ?? 0) + 1);
    intervalFrom[s.intervalFrom]++;
  }
  return {
    fileName: file.fileName,
    shape: file.shape,
    currency: file.currency,
    asOf: dayToIso(file.asOf),
    rowsRead: file.rowsRead,
    skipped: file.skipped,
    statusCounts: fromPayments?.totals.statusCounts ?? {},
    paid: fromPayments?.totals.paid ?? 0,
    refunded: fromPayments?.totals.refunded ?? 0,
    paidPayments: fromPayments?.totals.paidCount ?? 0,
    subscriptions: subs.length,
    intervals: [...intervals].map(([name, subscriptions]) => ({ name, subscriptions })),
    intervalFrom,
    months,
    retention: revenueRetention(grid, options.retentionMonths ?? 12),
    ltv: subscriptionLtv(months, options.ltvWindow ?? DEFAULT_LTV_WINDOW, options.margin ?? 1),
    dunning: dunning(file.payments),
    lifetimes: lifetimesByInterval(subs, file.asOf, grace, options.annualDiscount ?? DEFAULT_ANNUAL_DISCOUNT),
    cohorts: subscriptionCohorts(grid),
  };
}
