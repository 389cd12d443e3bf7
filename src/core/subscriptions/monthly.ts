/**
 * Monthly recurring revenue by customer and month, and the MRR bridge.
 *
 * MRR of a month is measured on its last day (the last month: on the file's last date): a subscription adds the rate
 * of its latest-starting paid period that covers that day. A paid period covers from its start to its end plus
 * GRACE_DAYS, so that a renewal paid a few days late (a card retried) is neither a churn nor a reactivation. A
 * customer's MRR is the sum of their subscriptions'; the bridge compares each customer's MRR with the month before:
 *   new          0 → more, and the customer never had MRR before
 *   reactivation 0 → more, after having had MRR in an earlier month
 *   expansion    more than the month before (upgrade, more seats, a second subscription)
 *   contraction  less than the month before, but not 0 (downgrade)
 *   churned      more → 0 (the month before's MRR is lost)
 * Contraction and churned are written as positive amounts lost, so that
 *   MRR = MRR of the month before + new + expansion + reactivation − contraction − churned.
 */
import { dayFromCivil, monthIndex, monthLabel, monthStartDay } from '../figures/dates';
import type { DayNumber } from '../types';
import { intervalMonths } from './intervals';
import type { SubscriptionHistory } from './paid-periods';

export const GRACE_DAYS = 7;
/** MRR differences below this are rounding, not movements. */
const EPSILON = 1e-9;

export interface MrrGrid {
  /** Month index (year·12 + month − 1) of the first column. */
  firstMonth: number;
  months: number;
  /** The day each month is measured on. */
  measureDay: Int32Array;
  customers: string[];
  /** mrr[c · months + m]: customer c's MRR in month m. */
  mrr: Float64Array;
  /** MRR from subscriptions billed yearly or less often, per month. */
  annualMrr: Float64Array;
}

/** The monthly rate a subscription pays on `day` (0 when no paid period covers it). */
export function rateOn(sub: SubscriptionHistory, day: DayNumber, grace: number): number {
  for (let i = sub.periods.length - 1; i >= 0; i--) {
    const p = sub.periods[i];
    if (p.start <= day && day < p.end + grace) return p.rate;
  }
  return 0;
}

export function mrrGrid(subs: readonly SubscriptionHistory[], asOf: DayNumber, grace: number): MrrGrid {
  let first = Infinity;
  for (const s of subs) for (const p of s.periods) first = Math.min(first, p.start);
  const firstMonth = Number.isFinite(first) ? monthIndex(first) : monthIndex(asOf);
  const months = Math.max(1, monthIndex(asOf) - firstMonth + 1);
  const measureDay = new Int32Array(months);
  for (let m = 0; m < months; m++) measureDay[m] = Math.min(asOf, monthStartDay(firstMonth + m + 1) - 1);
  const index = new Map<string, number>();
  const customers: string[] = [];
  for (const s of subs) if (!index.has(s.customer)) index.set(s.customer, customers.push(s.customer) - 1);
  const mrr = new Float64Array(customers.length * months);
  const annualMrr = new Float64Array(months);
  for (const s of subs) {
    const c = index.get(s.customer)!;
    const annual = intervalMonths(s.interval) >= 12;
    for (let m = 0; m < months; m++) {
      const r = rateOn(s, measureDay[m], grace);
      mrr[c * months + m] += r;
      if (annual) annualMrr[m] += r;
    }
  }
  return { firstMonth, months, measureDay, customers, mrr, annualMrr };
}

export interface BridgeMonth {
  /** YYYY-MM. */
  month: string;
  mrr: number;
  arr: number;
  /** Customers with MRR (accounts, not subscriptions). */
  subscribers: number;
  new: number;
  expansion: number;
  contraction: number;
  churned: number;
  reactivation: number;
  newCustomers: number;
  churnedCustomers: number;
  reactivatedCustomers: number;
  /** Customers churned ÷ subscribers at the end of the month before; null in the first month or after none. */
  logoChurn: number | null;
  /** Gross MRR churn: (churned + contraction) ÷ MRR of the month before. */
  revenueChurn: number | null;
  /** Net MRR churn: (churned + contraction − expansion) ÷ MRR of the month before (negative when expansion wins). */
  netRevenueChurn: number | null;
  /** Average revenue per account: MRR ÷ subscribers. */
  arpa: number | null;
  /** Share of MRR from subscriptions billed yearly (or less often). */
  annualShare: number | null;
}

export function mrrBridge(grid: MrrGrid): BridgeMonth[] {
  const { months, customers, mrr } = grid;
  const everPaid = new Uint8Array(customers.length);
  const out: BridgeMonth[] = [];
  for (let m = 0; m < months; m++) {
    const row: BridgeMonth = {
      month: monthLabel(grid.firstMonth + m), mrr: 0, arr: 0, subscribers: 0, new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0,
      newCustomers: 0, churnedCustomers: 0, reactivatedCustomers: 0, logoChurn: null, revenueChurn: null, netRevenueChurn: null, arpa: null, annualShare: null,
    };
    for (let c = 0; c < customers.length; c++) {
      const cur = mrr[c * months + m];
      const prev = m > 0 ? mrr[c * months + m - 1] : 0;
      row.mrr += cur;
      if (cur > EPSILON) row.subscribers++;
      if (prev <= EPSILON && cur > EPSILON) {
        if (everPaid[c]) (row.reactivation += cur), row.reactivatedCustomers++;
        else (row.new += cur), row.newCustomers++;
      } else if (prev > EPSILON && cur <= EPSILON) (row.churned += prev), row.churnedCustomers++;
      else if (cur - prev > EPSILON) row.expansion += cur - prev;
      else if (prev - cur > EPSILON) row.contraction += prev - cur;
      if (cur > EPSILON) everPaid[c] = 1;
    }
    row.arr = 12 * row.mrr;
    row.arpa = row.subscribers ? row.mrr / row.subscribers : null;
    row.annualShare = row.mrr > EPSILON ? grid.annualMrr[m] / row.mrr : null;
    const before = out[m - 1];
    if (before && before.subscribers) row.logoChurn = row.churnedCustomers / before.subscribers;
    if (before && before.mrr > EPSILON) {
      row.revenueChurn = (row.churned + row.contraction) / before.mrr;
      row.netRevenueChurn = (row.churned + row.contraction - row.expansion) / before.mrr;
    }
    out.push(row);
  }
  return out;
}

export const monthDay = (label: string): DayNumber => dayFromCivil(Number(label.slice(0, 4)), Number(label.slice(5, 7)), 1);
