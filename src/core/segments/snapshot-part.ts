/** The snapshot's `segments` part (contract: shared/contracts/snapshot-v1.md): the rules, and every segment's count. */
import { dayToIso } from '../figures/dates';
import { SEGMENT_NAMES, type SnapshotSegments } from '../snapshot/schema';
import type { SegmentsReport } from './report';

const cents = (v: number) => Math.round(v * 100) / 100;

export function segmentsForSnapshot(report: SegmentsReport): SnapshotSegments {
  // Counts in the schema's order of segments (not the rules' order, which the owner may change), so that a snapshot
  // restored and written again is the same text.
  const rows = new Map(report.rows.map((row) => [row.segment, row]));
  const counts: SnapshotSegments['counts'] = {};
  for (const segment of SEGMENT_NAMES) {
    const row = rows.get(segment);
    if (row) counts[segment] = { customers: row.customers, revenue: cents(row.revenue) };
  }
  return {
    asOf: dayToIso(report.asOf),
    rules: report.rules.map((r) => ({ segment: r.segment, r: [r.r[0], r.r[1]], f: [r.f[0], r.f[1]], m: [r.m[0], r.m[1]] })),
    counts,
  };
}
