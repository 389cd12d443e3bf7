/**
 * The snapshot to share: a full snapshot turned into one that holds aggregates only (contract: "aggregate-only").
 *
 * - No customer id and no per-customer row anywhere: the `customers` part is left out, and the rejected rows'
 *   examples (which quote the file's lines, customer ids and all) are emptied; the reasons and counts stay.
 * - No figure about fewer than `k` customers: a cohort of 1 to k − 1 customers, a segment of 1 to k − 1, an NPS group
 *   of 1 to k − 1 matched customers, and a top-customers revenue share over fewer than k customers (or differing
 *   from a smaller shown one by fewer than k) are written as null with `suppressed: true`. Empty segments and groups
 *   stay 0: they describe nobody.
 * - No figure that could be worked out from the others: cohorts add up to `dataset.customers` (and their revenue to
 *   the net revenue) and segments to the buyers, so when exactly one of them is suppressed, the smallest shown one
 *   is suppressed with it.
 *
 * What stays: the dataset's totals (the owner's own business figures), the historical figures and formulas, the
 * models and forecast totals, the segments' rules and NPS score. `restore` checks these promises (rules.ts), so a
 * receiver can trust a file that says `dataset.aggregateOnly: true`.
 *
 * Pure: the input is not changed, and the result shares no object with it.
 */
import type { ScenarioPart } from '../scenario/snapshot-part';
import {
  DEFAULT_K,
  MAX_K,
  MIN_K,
  NPS_GROUP_NAMES,
  SEGMENT_NAMES,
  type SnapshotCohortRow,
  type SnapshotCohorts,
  type SnapshotHistorical,
  type SnapshotNps,
  type SnapshotSegments,
  type SnapshotSuppressedCohortRow,
  type SnapshotV1,
} from './schema';

export interface AggregateOnlyOptions {
  /** Groups of fewer customers than this are suppressed (default DEFAULT_K = 5; MIN_K to MAX_K). */
  k?: number;
}

/** Whether a group of `customers` is too small to show: 1 to k − 1 (0 describes nobody). */
export const tooSmall = (customers: number, k: number) => customers > 0 && customers < k;

/** A deep copy of plain JSON data (a snapshot is nothing else). */
const copy = <T>(value: T): T => structuredClone(value);

/**
 * The indices to suppress among groups whose sizes add up to a published total: those of 1 to k − 1, and, when that
 * is exactly one group while others are shown, also the smallest shown group of at least one customer (the first
 * such on a tie), so that neither can be worked out by subtraction.
 */
export function suppressedIndices(sizes: readonly (number | null)[], k: number): Set<number> {
  const out = new Set<number>();
  sizes.forEach((n, i) => {
    if (n === null || tooSmall(n, k)) out.add(i);
  });
  if (out.size === 1) {
    let smallest = -1;
    sizes.forEach((n, i) => {
      if (n !== null && n > 0 && !out.has(i) && (smallest < 0 || n < (sizes[smallest] as number))) smallest = i;
    });
    if (smallest >= 0) out.add(smallest);
  }
  return out;
}

/** Whether a shown cohort's revenue in a period would describe fewer than k customers: 1 to k − 1 buyers, or none
 * but a refund (money from customers the count does not show). */
export const smallCohortCell = (active: number, revenue: number | null, k: number) => revenue !== null && revenue !== 0 && active < k;

/**
 * Cohorts of fewer than k customers are suppressed whole. In the cohorts shown, a period's revenue is suppressed where
 * fewer than k customers bought (its count of buyers stays: a count names no one's money). The cells add up to the
 * net revenue, so when only one revenue is unknown in all (suppressed cohorts included), the shown revenue of the
 * period with the fewest buyers is suppressed with it.
 */
function cohortsOnly(cohorts: SnapshotCohorts, k: number): SnapshotCohorts {
  const hide = suppressedIndices(cohorts.rows.map((r) => r.customers), k);
  const rows = cohorts.rows.map((row, i): SnapshotCohortRow | SnapshotSuppressedCohortRow =>
    hide.has(i) || row.customers === null
      ? { cohort: row.cohort, customers: null, active: null, revenue: null, suppressed: true }
      : { ...copy(row), revenue: row.revenue.map((r, p) => (smallCohortCell(row.active[p], r, k) ? null : r)) },
  );
  let unknown = hide.size;
  let fewest: { row: SnapshotCohortRow; p: number } | null = null;
  for (const row of rows) {
    if (row.customers === null) continue;
    row.revenue.forEach((r, p) => {
      if (r === null) unknown++;
      else if (r !== 0 && (!fewest || row.active[p] < fewest.row.active[fewest.p])) fewest = { row, p };
    });
  }
  const lone = fewest as { row: SnapshotCohortRow; p: number } | null;
  if (unknown === 1 && lone) lone.row.revenue[lone.p] = null;
  return { period: cohorts.period, rows };
}

/**
 * Top-customer shares: nested groups (top 1% within top 10% …), so a share is hidden when its group has fewer than k
 * customers, or when it differs from the largest smaller group shown by 1 to k − 1 customers (the difference of the
 * two shares would be theirs).
 */
export function topSharesOnly(shares: SnapshotHistorical['concentration']['topShares'], k: number): SnapshotHistorical['concentration']['topShares'] {
  const order = shares.map((s, i) => i).sort((a, b) => shares[a].customers - shares[b].customers || a - b);
  const hide = new Set<number>();
  let shown = 0;
  for (const i of order) {
    const { customers, suppressed } = shares[i];
    if (suppressed || customers < k || tooSmall(customers - shown, k)) hide.add(i);
    else shown = customers;
  }
  return shares.map((s, i) => (hide.has(i) ? { top: s.top, customers: s.customers, share: null, suppressed: true as const } : { top: s.top, customers: s.customers, share: s.share }));
}

function segmentsOnly(segments: SnapshotSegments, k: number): SnapshotSegments {
  // Names from the app's own list, in its order (as the app writes them), never keys taken from the input.
  const names = SEGMENT_NAMES.filter((name) => Object.hasOwn(segments.counts, name));
  const hide = suppressedIndices(names.map((name) => segments.counts[name]!.customers), k);
  const counts: SnapshotSegments['counts'] = {};
  names.forEach((name, i) => {
    counts[name] = hide.has(i) ? { customers: null, revenue: null, suppressed: true } : copy(segments.counts[name]!);
  });
  return { asOf: segments.asOf, rules: copy(segments.rules), counts };
}

/** NPS groups: each group's value is shown only for k or more matched customers. Counts of answers stay. */
function npsOnly(nps: SnapshotNps, k: number): SnapshotNps {
  const byGroup = {} as SnapshotNps['byGroup'];
  for (const name of NPS_GROUP_NAMES) {
    const g = nps.byGroup[name];
    byGroup[name] = g.customers === null || tooSmall(g.customers, k) ? { customers: null, revenue: null, averageHistoricalClv: null, suppressed: true } : copy(g);
  }
  return { ...copy(nps), byGroup };
}

/** Outputs that carry the win-back lever's money (a share of the at-risk customers' value). */
const WIN_BACK_FIELDS = ['revenue12', 'revenue24', 'revenue36', 'grossProfit12', 'grossProfit24', 'grossProfit36'] as const;

/**
 * A what-if part: its figures are averages and totals over all customers, except the at-risk list's value, a sum over
 * that list's customers. With 1 to k − 1 of them it is left out, and so are the outputs a win-back lever moved with it
 * (null, with the reason).
 */
function scenarioOnly(part: ScenarioPart, k: number): ScenarioPart {
  const out = copy(part);
  const n = part.assumptions.atRiskCustomers;
  if (n === null || n === 0 || n >= k) return out;
  out.assumptions.atRiskValue = null;
  if (part.levers.winBackPercent !== 0) {
    for (const field of WIN_BACK_FIELDS) {
      out.scenario[field] = out.difference[field] = null;
      out.reasons.push({ side: 'scenario', field, code: 'suppressed', reason: `Left out: win-back is a share of the value of fewer than ${k} at-risk customers.` });
    }
  }
  return out;
}

/** Check a k given by a caller (the export dialog, `--k`). */
export function checkK(k: number): number {
  if (!Number.isSafeInteger(k) || k < MIN_K || k > MAX_K) throw new RangeError(`k must be a whole number from ${MIN_K} to ${MAX_K}, not ${k}`);
  return k;
}

/**
 * The aggregate-only snapshot of `full` with groups under `k` customers suppressed. A snapshot that is already
 * aggregate-only keeps what it suppressed, and the larger of its k and this one.
 */
export function aggregateOnlySnapshot(full: SnapshotV1, options: AggregateOnlyOptions = {}): SnapshotV1 {
  const k = Math.max(checkK(options.k ?? DEFAULT_K), full.dataset.aggregateOnly ? (full.dataset.k ?? MIN_K) : MIN_K);
  const { customers: _perCustomer, ...rest } = full;
  const { aggregateOnly: _a, k: _k, ...dataset } = copy(full.dataset);
  const out: SnapshotV1 = {
    ...copy(rest),
    dataset: { ...dataset, rejected: dataset.rejected.map((g) => ({ reason: g.reason, count: g.count, examples: [] })), aggregateOnly: true, k },
    cohorts: cohortsOnly(full.cohorts, k),
  };
  if (full.historical) {
    const historical = copy(full.historical);
    historical.concentration.topShares = topSharesOnly(full.historical.concentration.topShares, k);
    out.historical = historical;
  }
  if (full.segments) out.segments = segmentsOnly(full.segments, k);
  if (full.nps) out.nps = npsOnly(full.nps, k);
  if (full.scenario) out.scenario = scenarioOnly(full.scenario, k);
  if (full.scenarios) out.scenarios = full.scenarios.map((s) => scenarioOnly(s, k));
  // The parts in the contract's order, as buildSnapshot writes them.
  const order: (keyof SnapshotV1)[] = ['format', 'version', 'createdAt', 'app', 'dataset', 'settings', 'historical', 'cohorts', 'models', 'forecast', 'segments', 'nps', 'subscriptions', 'scenario', 'scenarios'];
  return Object.fromEntries(order.filter((key) => out[key] !== undefined).map((key) => [key, out[key]])) as unknown as SnapshotV1;
}
