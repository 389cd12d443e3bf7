/**
 * What a shared snapshot's views need from its parts, read defensively: an aggregate-only snapshot writes `null`
 * (with `suppressed: true`) for a cohort, segment or group of fewer than `dataset.k` customers, and a view shows
 * "fewer than k" there instead of a number. Pure functions, tested in Node.
 */
import type { Cohorts, CohortRow } from '../../core/types';
import { isoToDay } from '../../core/figures/dates';
import { periodProgress } from '../../core/figures/periods';
import type { SnapshotCohorts, SnapshotV1 } from '../../core/snapshot/schema';

/** A count as a snapshot may write it: a number, or null when suppressed. */
export type MaybeCount = number | null | undefined;

/** The k below which groups were suppressed, when the sender shared totals only. */
export function suppressionK(snapshot: SnapshotV1): number | null {
  const d = snapshot.dataset as { aggregateOnly?: boolean; k?: number };
  return d.aggregateOnly && typeof d.k === 'number' ? d.k : null;
}

interface LooseRow {
  cohort: string;
  customers: MaybeCount;
  active: MaybeCount[] | null | undefined;
  revenue: MaybeCount[] | null | undefined;
}

/**
 * The cohorts the heatmap can draw (every count present), and how many were left out as suppressed. With the data's
 * last date, the period it falls in is marked as in progress when it is, as the dashboard marks it.
 */
export function drawableCohorts(part: SnapshotCohorts, lastDate: string | null = null): { cohorts: Cohorts; suppressed: number; suppressedCells: number } {
  const rows: CohortRow[] = [];
  let suppressed = 0;
  let suppressedCells = 0;
  for (const r of part.rows as unknown as LooseRow[]) {
    const whole = typeof r.customers === 'number' && Array.isArray(r.active) && Array.isArray(r.revenue)
      && r.active.every((v) => typeof v === 'number') && r.revenue.every((v) => typeof v === 'number' || v === null);
    if (!whole) {
      suppressed++;
      continue;
    }
    // A period's revenue suppressed for its few buyers is unknown (NaN): its cells show a dash, averages skip it.
    const revenue = (r.revenue as (number | null)[]).map((v) => (v === null ? NaN : v));
    suppressedCells += revenue.filter((v) => Number.isNaN(v)).length;
    rows.push({ cohort: r.cohort, customers: r.customers as number, active: r.active as number[], revenue });
  }
  const lastDay = lastDate && /^\d{4}-\d{2}-\d{2}$/.test(lastDate) ? isoToDay(lastDate) : NaN;
  const cohorts: Cohorts = { period: part.period, rows };
  if (Number.isFinite(lastDay)) cohorts.lastPeriod = periodProgress(part.period, lastDay);
  return { cohorts, suppressed, suppressedCells };
}

/** Each segment's count in rule order, null where suppressed, leaving out segments the snapshot does not list. */
export function segmentRows(snapshot: SnapshotV1): { segment: string; customers: number | null; revenue: number | null }[] {
  const seg = snapshot.segments;
  if (!seg) return [];
  const counts = seg.counts as Record<string, { customers: MaybeCount; revenue: MaybeCount } | undefined>;
  const out: { segment: string; customers: number | null; revenue: number | null }[] = [];
  const seen = new Set<string>();
  for (const rule of seg.rules) {
    if (seen.has(rule.segment)) continue;
    seen.add(rule.segment);
    const c = Object.hasOwn(counts, rule.segment) ? counts[rule.segment] : undefined;
    if (!c) continue;
    out.push({ segment: rule.segment, customers: typeof c.customers === 'number' ? c.customers : null, revenue: typeof c.revenue === 'number' ? c.revenue : null });
  }
  return out;
}

/** Parts the sender left out, in the order the views mention them. */
export function missingParts(snapshot: SnapshotV1): ('historical' | 'cohorts' | 'models' | 'forecast' | 'segments' | 'nps')[] {
  const out: ('historical' | 'cohorts' | 'models' | 'forecast' | 'segments' | 'nps')[] = [];
  if (!snapshot.historical) out.push('historical');
  if (!snapshot.cohorts.rows.length) out.push('cohorts');
  if (!snapshot.models || !Object.keys(snapshot.models).length) out.push('models');
  if (!snapshot.forecast) out.push('forecast');
  if (!snapshot.segments) out.push('segments');
  if (!snapshot.nps) out.push('nps');
  return out;
}
