/**
 * The history figures a per-customer summary allows (docs/warehouse.md): counts, money, order value, frequency,
 * repeat rate, lifespan, concentration and the CLV distribution come from the per-customer totals; refunds, cohorts by
 * period and monthly activity need the dated orders, and a summary does not have them (`unavailable` names them).
 * Definitions as the orders path's (historical.ts), with what a summary holds in place of the orders:
 * purchases = the file's purchases (else its purchase days, x + 1); revenue = Σ the customers' revenue; AOV =
 * revenue ÷ purchases; frequency = purchases ÷ customers; repeat customers = those with 2 or more purchases;
 * lifespan = first to last purchase (tₓ), in days.
 */
import type { DayNumber, SummaryDataset } from '../types';
import { concentration, type Concentration } from './concentration';
import { mean, median } from './stats';
import { NeumaierSum } from './sum';

/** The History figures that need dated orders, which a summary lacks. */
export const SUMMARY_UNAVAILABLE = ['refunds', 'cohorts', 'monthly-activity', 'formulas'] as const;

export interface SummaryHistory {
  customers: number;
  purchases: number;
  /** How purchases were counted: the file's purchases column (orders), or purchase days (x + 1) without one. */
  purchasesCountedBy: 'file' | 'purchase-day';
  /** Σ revenue; NaN when the file has no revenue column. */
  revenue: number;
  averageOrderValue: number;
  purchaseFrequency: number;
  repeatCustomers: number;
  repeatCustomerRate: number;
  lifespanDays: { mean: number; median: number };
  /** Earliest first purchase and latest last purchase; null without dates. */
  firstPurchaseDay: DayNumber | null;
  lastPurchaseDay: DayNumber | null;
  clv: { revenueMean: number; revenueMedian: number };
  concentration: Concentration;
  unavailable: readonly (typeof SUMMARY_UNAVAILABLE)[number][];
}

export function summaryHistory(data: SummaryDataset): SummaryHistory {
  const s = data.summary;
  const n = s.customer.length;
  const purchases = new NeumaierSum();
  const revenue = new NeumaierSum();
  let repeat = 0;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (let i = 0; i < n; i++) {
    const bought = data.purchases ? data.purchases[i] : s.frequency[i] + 1;
    purchases.add(bought);
    if (bought >= 2) repeat++;
    if (data.revenue) revenue.add(data.revenue[i]);
    if (data.firstDay) {
      firstDay = Math.min(firstDay, data.firstDay[i]);
      lastDay = Math.max(lastDay, data.firstDay[i] + s.recency[i]);
    }
  }
  const total = data.revenue ? revenue.value : NaN;
  const count = purchases.value;
  const perCustomer = data.revenue ?? new Float64Array(n).fill(NaN);
  return {
    customers: n,
    purchases: count,
    purchasesCountedBy: data.purchases ? 'file' : 'purchase-day',
    revenue: total,
    averageOrderValue: total / count,
    purchaseFrequency: count / n,
    repeatCustomers: repeat,
    repeatCustomerRate: repeat / n,
    lifespanDays: { mean: mean(s.recency), median: median(s.recency) },
    firstPurchaseDay: data.firstDay && n > 0 ? firstDay : null,
    lastPurchaseDay: data.firstDay && n > 0 ? lastDay : null,
    clv: { revenueMean: mean(perCustomer), revenueMedian: median(perCustomer) },
    concentration: concentration(perCustomer),
    unavailable: SUMMARY_UNAVAILABLE,
  };
}
