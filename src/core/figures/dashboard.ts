/**
 * Everything the historical dashboard draws, computed in one call from a stored table: the historical figures,
 * the CLV distribution (linear and log bins). Also the `historical` part of the snapshot. (`perCustomer.customer` holds
 * customer codes: their ids are the table's.)
 */
import { histogramOfSorted, type Histogram } from './histogram';
import { finiteSorted } from './stats';
import { historicalFiguresAndSortedNet, type HistoricalFigures } from './historical';
import { dayToIso } from './dates';
import { release } from '../release';
import type { TransactionTable } from '../types';
import type { SnapshotHistorical } from '../snapshot/schema';

export interface DashboardOptions {
  /** Gross margin in percent when the file has no cost or margin column (e.g. 40 for 40%). */
  marginPercent?: number;
  /** See HistoricalOptions.releaseGroupings. */
  releaseGroupings?: boolean;
}

export interface DashboardData {
  historical: HistoricalFigures;
  /** Distribution of historical CLV (net revenue per customer), in linear and logarithmic bins. */
  distribution: { linear: Histogram; log: Histogram };
  timings: { figuresMs: number };
}

const DISTRIBUTION_BINS = 30;

/** The distribution of historical CLV per customer, in linear and logarithmic bins (orders and summaries alike). */
export function clvDistribution(values: ArrayLike<number>): { linear: Histogram; log: Histogram } {
  // Sorted once for both scales (histogram would sort for each).
  return distributionOfSorted(finiteSorted(values), values.length);
}

/** clvDistribution of `total` values whose finite ones are `sorted` ascending. */
function distributionOfSorted(sorted: Float64Array, total: number): { linear: Histogram; log: Histogram } {
  return {
    linear: histogramOfSorted(sorted, total, { bins: DISTRIBUTION_BINS, scale: 'linear' }),
    log: histogramOfSorted(sorted, total, { bins: DISTRIBUTION_BINS, scale: 'log' }),
  };
}

export function dashboardData(table: TransactionTable, options: DashboardOptions = {}): DashboardData {
  const t0 = performance.now();
  const { figures: historical, sortedNet } = historicalFiguresAndSortedNet(table, { marginPercent: options.marginPercent, releaseGroupings: options.releaseGroupings });
  // Counted from the net revenues the figures sorted anyway: the same bins as clvDistribution(perCustomer.netRevenue).
  const distribution = distributionOfSorted(sortedNet, historical.perCustomer.netRevenue.length);
  // Read no more (the figures keep only what they counted from it): 8 bytes a customer given back now.
  release(sortedNet);
  return { historical, distribution, timings: { figuresMs: performance.now() - t0 } };
}

const round = (v: number, digits = 6) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);
const isoOrNull = (day: number | null) => (day === null || !Number.isFinite(day) ? null : dayToIso(day));

/** The snapshot's `historical` part: aggregates only, no per-customer rows. */
export function historicalForSnapshot(h: HistoricalFigures): SnapshotHistorical {
  return {
    customers: h.customers,
    purchases: h.purchases,
    orders: h.orders,
    ordersCountedBy: h.ordersCountedBy,
    grossRevenue: round(h.grossRevenue, 2),
    refundTotal: round(h.refundTotal, 2),
    netRevenue: round(h.netRevenue, 2),
    averageOrderValue: round(h.averageOrderValue),
    purchaseFrequency: round(h.purchaseFrequency),
    repeatCustomerRate: round(h.repeatCustomerRate),
    lifespanDays: { mean: round(h.lifespanDays.mean), median: round(h.lifespanDays.median) },
    firstPurchaseDate: isoOrNull(h.firstPurchaseDay),
    lastPurchaseDate: isoOrNull(h.lastPurchaseDay),
    clv: {
      revenueMean: round(h.clv.revenueMean),
      revenueMedian: round(h.clv.revenueMedian),
      profitMean: h.clv.profitMean === null ? null : round(h.clv.profitMean),
      profitMedian: h.clv.profitMedian === null ? null : round(h.clv.profitMedian),
    },
    margin: { source: h.margin.source, rate: h.margin.rate === null ? null : round(h.margin.rate), coverage: round(h.margin.coverage) ?? 0 },
    formulas: h.formulas.map((f) => ({ id: f.id, value: f.value === null ? null : round(f.value), inputs: f.inputs.map((i) => ({ key: i.key, name: i.name, value: round(i.value), unit: i.unit })), caveat: f.caveat })),
    concentration: {
      topShares: h.concentration.topShares.map((s) => ({ top: s.top, customers: s.customers, share: round(s.share) })),
      gini: round(h.concentration.gini),
    },
  };
}
