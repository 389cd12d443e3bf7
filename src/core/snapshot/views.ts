/**
 * What the read-only views of an opened snapshot take from it (restoreSnapshot's result), view by view:
 *
 * | view | from the snapshot |
 * |---|---|
 * | dashboard KPI cards (HistoricalKpis) | `dataset` (customers, purchases, refunds, net revenue, dates: {@link datasetFiguresOf}), `dataset.currency`, `historical` (AOV, frequency, repeat rate, lifespan, CLV mean/median, margin) |
 * | formulas (FormulaCards) | `historical.formulas`: each formula's value, inputs and caveat as the sender's app wrote them (English) |
 * | concentration | `historical.concentration` (top shares, suppressed ones null; Gini) |
 * | rejected rows | `dataset.rejected`: reasons and counts; examples only in a full snapshot |
 * | cohorts (CohortSection) | `cohorts` (period, rows; a suppressed row has its label only) |
 * | model comparison | `models` (parameters, log-likelihood, reliable) in `settings.timeUnit` |
 * | forecast totals | `forecast` (model, horizon, expected purchases, mean P(alive), CLV total, reliable, cautions) |
 * | segments | `segments` (rules and counts; suppressed counts null) |
 * | NPS | `nps` (counts, score, margin of error, value by group; suppressed groups null) |
 * | subscriptions (SharedSubscriptions) | `subscriptions` (the monthly MRR bridge, NRR, GRR, ARPA, annual share, failed and recovered payments) |
 *
 * Per-customer views (customer table, predictions, customer detail) have no data in a snapshot: `customers` is an
 * optional list the app does not write. {@link snapshotViews} says which views have data, and shareSummary's
 * `leftOut` says why the others have none.
 */
import type { DatasetFigures } from '../types';
import type { SnapshotV1 } from './schema';

/** The dataset's figures as the app stores them for a dataset (DatasetFigures), from a snapshot's `dataset` part. */
export function datasetFiguresOf(s: SnapshotV1): DatasetFigures {
  const d = s.dataset;
  const h = s.historical;
  return {
    customers: d.customers,
    purchases: d.purchases,
    ...(d.orders === undefined ? {} : { orders: d.orders }),
    ...(d.lineItems === undefined ? {} : { lineItems: d.lineItems }),
    refunds: d.refunds,
    // Money before refunds and refunded, as the historical figures give them (null there when unknown).
    ...(h?.grossRevenue == null ? {} : { grossRevenue: h.grossRevenue }),
    ...(h?.refundTotal == null ? {} : { refundTotal: h.refundTotal }),
    netRevenue: d.netRevenue,
    firstDate: d.firstDate,
    lastDate: d.lastDate,
  };
}

/** Which read-only views the snapshot holds data for. */
export interface SnapshotViews {
  figures: true;
  historical: boolean;
  /** At least one cohort is shown (not suppressed). */
  cohorts: boolean;
  models: boolean;
  forecast: boolean;
  segments: boolean;
  nps: boolean;
  subscriptions: boolean;
  customers: boolean;
}

export function snapshotViews(s: SnapshotV1): SnapshotViews {
  return {
    figures: true,
    historical: s.historical !== undefined,
    cohorts: s.cohorts.rows.some((r) => r.customers !== null),
    models: s.models !== undefined && Object.keys(s.models).length > 0,
    forecast: s.forecast !== undefined,
    segments: s.segments !== undefined,
    nps: s.nps !== undefined,
    subscriptions: s.subscriptions !== undefined,
    customers: s.customers !== undefined && s.customers.length > 0,
  };
}
