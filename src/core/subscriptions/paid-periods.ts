/**
 * From billing rows to paid periods: each paid payment pays for one interval from its period start (the period
 * columns, else its date), at a monthly rate of amount ÷ the interval in months. A subscription list gives one period
 * per paying subscription, from its start to its end (or open while it runs). Refunds are money back, not a change of
 * plan: a partly refunded payment keeps its rate; a fully refunded one pays for nothing.
 */
import type { DayNumber } from '../types';
import { inferInterval, intervalKey, intervalMonths, intervalOfPeriod, MONTH, periodEnd, type Interval } from './intervals';
import type { BillingFile } from './read-billing';

export interface PaidPeriod {
  start: DayNumber;
  /** Exclusive; Infinity for a subscription that runs on. */
  end: number;
  /** Monthly recurring revenue while it covers a day. */
  rate: number;
}

export interface SubscriptionHistory {
  id: string;
  customer: string;
  interval: Interval;
  /** How the interval was known: a column, the periods' dates, the spacing of the payments, or assumed monthly. */
  intervalFrom: 'column' | 'period' | 'spacing' | 'assumed';
  /** Paid payments (one period each), or a subscription list's row (one period from start to end). */
  source: 'payments' | 'list';
  /** Paid periods by start. */
  periods: PaidPeriod[];
  /** The price of one interval at its last paid period. */
  lastPrice: number;
}

export interface PaymentTotals {
  /** Money received on paid rows, before refunds. */
  paid: number;
  refunded: number;
  paidCount: number;
  /** Rows by status. */
  statusCounts: Record<string, number>;
}

/** Subscriptions from a payments export, in order of first appearance. */
export function subscriptionsFromPayments(file: BillingFile): { subscriptions: SubscriptionHistory[]; totals: PaymentTotals } {
  const bySub = new Map<string, BillingFile['payments']>();
  const totals: PaymentTotals = { paid: 0, refunded: 0, paidCount: 0, statusCounts: {} };
  for (const p of file.payments) {
    totals.statusCounts[p.status] = (totals.statusCounts[p.status] ?? 0) + 1;
    totals.refunded += p.refunded;
    if (p.status !== 'paid') continue;
    totals.paid += p.amount;
    totals.paidCount++;
    // A free invoice (a trial, a 100% coupon) and a payment refunded in full pay for nothing: no period, no MRR.
    if (!(p.amount > 0) || p.refunded >= p.amount) continue;
    let list = bySub.get(p.subscription);
    if (!list) bySub.set(p.subscription, (list = []));
    list.push(p);
  }
  const subscriptions: SubscriptionHistory[] = [];
  for (const [id, payments] of bySub) {
    payments.sort((a, b) => (a.periodStart ?? a.day) - (b.periodStart ?? b.day) || a.line - b.line);
    const fromColumn = payments.find((p) => p.interval)?.interval ?? null;
    const withPeriod = payments.find((p) => p.periodStart !== null && p.periodEnd !== null);
    const fromPeriod = withPeriod ? intervalOfPeriod(withPeriod.periodStart!, withPeriod.periodEnd!) : null;
    const fromSpacing = inferInterval(payments.map((p) => p.periodStart ?? p.day));
    const interval = fromColumn ?? fromPeriod ?? fromSpacing ?? MONTH;
    const intervalFrom = fromColumn ? 'column' : fromPeriod ? 'period' : fromSpacing ? 'spacing' : 'assumed';
    const periods = payments.map((p): PaidPeriod => {
      const own = p.interval ?? interval;
      const start = p.periodStart ?? p.day;
      const end = p.periodStart !== null && p.periodEnd !== null && p.periodEnd > start ? p.periodEnd : periodEnd(start, own);
      return { start, end, rate: p.amount / intervalMonths(own) };
    });
    const last = payments[payments.length - 1];
    subscriptions.push({ id, customer: last.customer, source: 'payments', interval, intervalFrom, periods, lastPrice: last.amount });
  }
  return { subscriptions, totals };
}

/** Subscriptions from a subscription list: trials and those that never started pay nothing. */
export function subscriptionsFromList(file: BillingFile): SubscriptionHistory[] {
  const out: SubscriptionHistory[] = [];
  for (const s of file.subscriptions) {
    if (s.status === 'trial' || s.status === 'not-started' || !(s.amount > 0)) continue;
    const interval = s.interval ?? MONTH;
    const end = s.end === null ? Infinity : s.end;
    if (!(end > s.start)) continue;
    out.push({ id: s.subscription, customer: s.customer, source: 'list', interval, intervalFrom: s.interval ? 'column' : 'assumed', periods: [{ start: s.start, end, rate: s.amount / intervalMonths(interval) }], lastPrice: s.amount });
  }
  return out;
}

export { intervalKey };
