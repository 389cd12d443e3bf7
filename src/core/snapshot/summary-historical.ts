/**
 * The snapshot's `historical` part of a per-customer summary (docs/warehouse.md), from summaryHistory's totals: the
 * same for `npm run analyze` and the page's export. Refunds are unknown (null), there are no owner formulas (they need
 * months of activity), and values are rounded as the orders path rounds them (src/core/figures/dashboard.ts).
 */
import type { SummaryHistory } from '../figures/summary-history';
import { dayToIso } from '../figures/dates';
import type { SnapshotHistorical } from './schema';

const iso = (day: number | null) => (day === null ? null : dayToIso(day));
const round = (v: number, digits = 6) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

/** The snapshot's `historical` part from the per-customer totals. */
export function summaryHistoricalForSnapshot(h: SummaryHistory): SnapshotHistorical {
  return {
    customers: h.customers,
    purchases: h.purchases,
    orders: h.purchases,
    ordersCountedBy: h.purchasesCountedBy === 'file' ? 'order-id' : 'purchase-day',
    grossRevenue: round(h.revenue, 2),
    // Refunds are not in a summary: unknown, not 0.
    refundTotal: null,
    netRevenue: round(h.revenue, 2),
    averageOrderValue: round(h.averageOrderValue),
    purchaseFrequency: round(h.purchaseFrequency),
    repeatCustomerRate: round(h.repeatCustomerRate),
    lifespanDays: { mean: round(h.lifespanDays.mean), median: round(h.lifespanDays.median) },
    firstPurchaseDate: iso(h.firstPurchaseDay),
    lastPurchaseDate: iso(h.lastPurchaseDay),
    clv: { revenueMean: round(h.clv.revenueMean), revenueMedian: round(h.clv.revenueMedian), profitMean: null, profitMedian: null },
    margin: { source: 'none', rate: null, coverage: 0 },
    formulas: [],
    concentration: { topShares: h.concentration.topShares.map((s) => ({ top: s.top, customers: s.customers, share: round(s.share) })), gini: round(h.concentration.gini) },
  };
}

