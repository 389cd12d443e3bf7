/** The snapshot's `subscriptions` part (schema: SnapshotSubscriptions): aggregates only, figures as computed. */
import type { SnapshotSubscriptions } from '../snapshot/schema';
import type { SubscriptionsReport } from './report';

export function subscriptionsForSnapshot(r: SubscriptionsReport): SnapshotSubscriptions {
  const last = r.months[r.months.length - 1];
  return {
    asOf: r.asOf,
    months: r.months.map((m) => ({ month: m.month, mrr: m.mrr, subscribers: m.subscribers, new: m.new, expansion: m.expansion, contraction: m.contraction, churned: m.churned, reactivation: m.reactivation })),
    nrr: r.retention.nrr,
    grr: r.retention.grr,
    retentionMonths: r.retention.months,
    arpa: last?.arpa ?? null,
    annualShare: last?.annualShare ?? null,
    failedPayments: r.dunning.failedPayments,
    recovered: r.dunning.recovered,
  };
}
