/** The snapshot's `nps` part (contract: shared/contracts/snapshot-v1.md): counts, score with margin, value by group. */
import type { SnapshotNps } from '../snapshot/schema';
import { NPS_GROUPS, type NpsReport } from './nps';

const round = (v: number, digits: number) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

export function npsForSnapshot(report: Omit<NpsReport, 'latest'>): SnapshotNps {
  const byGroup = Object.fromEntries(NPS_GROUPS.map((g) => {
    const f = report.byGroup[g];
    return [g, { customers: f.customers, revenue: round(f.revenue, 2) ?? 0, averageHistoricalClv: round(f.averageHistoricalClv, 6) }];
  })) as SnapshotNps['byGroup'];
  return {
    answers: report.answers, matched: report.matched, unmatched: report.unmatched,
    promoters: report.promoters, passives: report.passives, detractors: report.detractors,
    score: round(report.score, 6), marginOfError: round(report.marginOfError, 6), byGroup,
  };
}
