/**
 * Lists of customers to act on, each from a rule that is shown and can be tuned, ranked by what acting is worth:
 * - at risk: repeat customers who are overdue against their own usual gap between purchases (or, with a fitted
 *   model, whose chance of still being a customer has fallen below a threshold), ranked by the value at risk;
 * - win back: customers who have not bought for a long time and used to spend well, ranked by what they spent;
 * - grow: active, frequent customers whose orders are smaller than those of their peers, ranked by the yearly
 *   revenue they would add at the peers' typical order value.
 */
import { valuesAtRanks } from '../figures/select';
import type { CustomerPredictionsByCode, SegmentsReport } from './report';

const DAYS_PER_YEAR = 365.25;

export interface AtRiskRule {
  /** Purchase days needed for a usual gap to exist. */
  minPurchases: number;
  /** Overdue: days since the last purchase above this many usual gaps. */
  overdueFactor: number;
  /** With a fitted model, also at risk when P(alive) is below this. */
  maxPAlive: number;
}

export interface WinBackRule {
  /** Days without a purchase that make a customer lapsed. */
  lapsedDays: number;
  /** Worth the effort: net revenue so far at least this share of the customers ranked by revenue (0.5 = median). */
  minRevenueQuantile: number;
}

export interface GrowRule {
  /** Active: a purchase within this many days (or, with a model, P(alive) at least `minPAlive`). */
  activeDays: number;
  minPAlive: number;
  /** Frequent: at least this many purchase days. */
  minPurchases: number;
}

export const DEFAULT_LIST_RULES = {
  atRisk: { minPurchases: 3, overdueFactor: 2, maxPAlive: 0.5 } satisfies AtRiskRule,
  winBack: { lapsedDays: 180, minRevenueQuantile: 0.5 } satisfies WinBackRule,
  grow: { activeDays: 90, minPAlive: 0.7, minPurchases: 3 } satisfies GrowRule,
};
export type ListRules = { atRisk: AtRiskRule; winBack: WinBackRule; grow: GrowRule };
export type ListKind = keyof ListRules;

export interface ListEntry {
  /** Customer code (index into table.customerIds). */
  customer: number;
  lastDay: number;
  daysSinceLast: number;
  purchases: number;
  revenue: number;
  /** The customer's usual days between purchases (NaN with one purchase). */
  usualGap: number;
  pAlive: number;
  /** What the ranking is by: value at risk, revenue so far, or yearly revenue to gain. */
  value: number;
}

export interface CustomerList {
  kind: ListKind;
  /** Sorted by `value`, largest first; the first `limit` when one was asked. */
  entries: ListEntry[];
  /** Customers on the list. */
  total: number;
  /** Customers the rule looked at (all scored customers). */
  considered: number;
}

/** Candidates as they are found: row (index into the report's customers), P(alive) and ranking value. */
class Picked {
  readonly rows: Uint32Array;
  readonly alive: Float64Array;
  readonly values: Float64Array;
  count = 0;
  /** At most `capacity` candidates: typed arrays sized once, as a list can hold most customers. */
  constructor(capacity: number) {
    this.rows = new Uint32Array(capacity);
    this.alive = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }
  add(row: number, pAlive: number, value: number) {
    const k = this.count++;
    this.rows[k] = row;
    this.alive[k] = pAlive;
    this.values[k] = value;
  }
}

function usualGap(report: SegmentsReport, i: number): number {
  const n = report.input.frequency[i];
  return n >= 2 ? (report.input.lastDay[i] - report.input.firstDay[i]) / (n - 1) : NaN;
}

/** Net revenue per year of a customer's life so far (at least a month of it), the yardstick without a model. */
function yearlyRevenue(report: SegmentsReport, i: number): number {
  const days = Math.max(30, report.asOf - report.input.firstDay[i] + 1);
  return (report.input.monetary[i] * DAYS_PER_YEAR) / days;
}

/** The picked customers ranked by value (largest first, then by customer), as entries for the first `limit`. */
function ranked(kind: ListKind, report: SegmentsReport, picked: Picked, limit: number): CustomerList {
  const { input } = report;
  const total = picked.count;
  const values = picked.values.subarray(0, total);
  const shown = Math.min(limit, total);
  // Only the first `shown` need ranking: a selection finds the smallest value among them, and the
  // comparator sort runs on the customers at or above it (ties included), not on every customer picked.
  let order: Uint32Array;
  if (shown < total) {
    const threshold = shown ? valuesAtRanks(values, [total - shown])[0] : Infinity;
    let m = 0;
    for (let p = 0; p < total; p++) if (values[p] >= threshold) m++;
    order = new Uint32Array(m);
    for (let p = 0, k = 0; p < total; p++) if (values[p] >= threshold) order[k++] = p;
  } else order = Uint32Array.from(values.keys());
  order.sort((a, b) => values[b] - values[a] || input.customer[picked.rows[a]] - input.customer[picked.rows[b]]);
  const entries: ListEntry[] = new Array(shown);
  for (let k = 0; k < shown; k++) {
    const p = order[k], i = picked.rows[p];
    entries[k] = { customer: input.customer[i], lastDay: input.lastDay[i], daysSinceLast: input.recencyDays[i], purchases: input.frequency[i], revenue: input.monetary[i], usualGap: usualGap(report, i), pAlive: picked.alive[p], value: values[p] };
  }
  return { kind, entries, total, considered: input.customer.length };
}

/**
 * At risk. Value at risk: with a model, the predicted CLV the customer brings if they stay (CLV ÷ P(alive)); without
 * one, a year of their spending so far.
 */
export function atRiskList(report: SegmentsReport, rule: AtRiskRule, predictions: CustomerPredictionsByCode | null, limit = Infinity): CustomerList {
  const n = report.input.customer.length;
  const out = new Picked(n);
  for (let i = 0; i < n; i++) {
    const gap = usualGap(report, i);
    const pAlive = predictions ? predictions.pAlive[report.input.customer[i]] : NaN;
    const overdue = report.input.frequency[i] >= rule.minPurchases && gap > 0 && report.input.recencyDays[i] > rule.overdueFactor * gap;
    const fading = report.input.frequency[i] >= rule.minPurchases && Number.isFinite(pAlive) && pAlive < rule.maxPAlive;
    if (!overdue && !fading) continue;
    const clv = predictions ? predictions.clv[report.input.customer[i]] : NaN;
    const value = Number.isFinite(clv) && pAlive > 0.01 ? clv / pAlive : yearlyRevenue(report, i);
    if (value > 0) out.add(i, pAlive, value);
  }
  return ranked('atRisk', report, out, limit);
}

/** Win back: lapsed customers whose spending so far reaches the chosen quantile, ranked by it. */
export function winBackList(report: SegmentsReport, rule: WinBackRule, predictions: CustomerPredictionsByCode | null, limit = Infinity): CustomerList {
  const n = report.input.customer.length;
  const out = new Picked(n);
  const floor = n ? valuesAtRanks(report.input.monetary, [Math.min(n - 1, Math.floor(rule.minRevenueQuantile * n))])[0] : 0;
  for (let i = 0; i < n; i++) {
    if (report.input.recencyDays[i] < rule.lapsedDays || report.input.monetary[i] < floor || report.input.monetary[i] <= 0) continue;
    out.add(i, predictions ? predictions.pAlive[report.input.customer[i]] : NaN, report.input.monetary[i]);
  }
  return ranked('winBack', report, out, limit);
}

/**
 * Grow: active, frequent customers whose average order is below the median of such customers; the value is the
 * yearly revenue they would add at that median (their purchases per year × the difference).
 */
export function growList(report: SegmentsReport, rule: GrowRule, predictions: CustomerPredictionsByCode | null, limit = Infinity): CustomerList {
  const n = report.input.customer.length;
  const peers: number[] = [];
  for (let i = 0; i < n; i++) {
    const pAlive = predictions ? predictions.pAlive[report.input.customer[i]] : NaN;
    const active = Number.isFinite(pAlive) ? pAlive >= rule.minPAlive : report.input.recencyDays[i] <= rule.activeDays;
    if (active && report.input.frequency[i] >= rule.minPurchases && report.input.monetary[i] > 0) peers.push(i);
  }
  const orderValue = (i: number) => report.input.monetary[i] / report.input.frequency[i];
  const values = new Float64Array(peers.length);
  peers.forEach((i, k) => (values[k] = orderValue(i)));
  const middle = values.length ? valuesAtRanks(values, [(values.length - 1) >> 1, values.length >> 1]) : [0, 0];
  const median = (middle[0] + middle[1]) / 2;
  const out = new Picked(peers.length);
  for (const i of peers) {
    const aov = orderValue(i);
    if (aov >= median) continue;
    const years = Math.max(30, report.asOf - report.input.firstDay[i] + 1) / DAYS_PER_YEAR;
    const perYear = report.input.frequency[i] / years;
    out.add(i, predictions ? predictions.pAlive[report.input.customer[i]] : NaN, perYear * (median - aov));
  }
  return ranked('grow', report, out, limit);
}

export function customerList(kind: ListKind, report: SegmentsReport, rules: ListRules, predictions: CustomerPredictionsByCode | null, limit = Infinity): CustomerList {
  if (kind === 'atRisk') return atRiskList(report, rules.atRisk, predictions, limit);
  if (kind === 'winBack') return winBackList(report, rules.winBack, predictions, limit);
  return growList(report, rules.grow, predictions, limit);
}
