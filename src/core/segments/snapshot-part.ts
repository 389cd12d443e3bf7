/** The snapshot's `segments` part (contract: shared/contracts/snapshot-v1.md): the rules, and every segment's count. */
import { dayToIso } from '../figures/dates';
import type { SnapshotSegments } from '../snapshot/schema';
import type { SegmentsReport } from './report';

const cents = (v: number) => Math.round(v * 100) / 100;

export function segmentsForSnapshot(report: SegmentsReport): SnapshotSegments {
  const counts: SnapshotSegments['counts'] = {};
  for (const row of report.rows) counts[row.segment] = { customers: row.customers, revenue: cents(row.revenue) };
  return {
    asOf: dayToIso(report.asOf),
    rules: report.rules.map((r) => ({ segment: r.segment, r: [r.r[0], r.r[1]], f: [r.f[0], r.f[1]], m: [r.m[0], r.m[1]] })),
    counts,
  };
}
