/**
 * Subscriptions domain: the Subscriptions tab of a billing export (MRR bridge, churn, NRR/GRR, dunning, LTV with its
 * window, sBG per plan interval, cohorts), worked out from the billing rows stored with the dataset, at the dataset's
 * margin. The code is a lazy chunk: only billing datasets load it.
 */
import type { SubscriptionsReport } from '../src/core/subscriptions';
import type { BillingFile } from '../src/core/subscriptions';
import type { WorkerContext } from './context';

export interface SubscriptionsRequest {
  /** Months the churn behind the LTV is averaged over. */
  ltvWindow: number;
}

export type SubscriptionsView = SubscriptionsReport & { margin: number | null };

export function subscriptionsApi(context: WorkerContext) {
  const { db } = context;
  /** The billing rows last read, kept while the same dataset is shown (a window change costs no database read). */
  let held: { datasetId: number; file: BillingFile } | null = null;

  return {
    /** The tab's figures, or null when the dataset holds no billing export. */
    async subscriptions(datasetId: number, request: SubscriptionsRequest): Promise<SubscriptionsView | null> {
      const [record, dataset] = await Promise.all([held?.datasetId === datasetId ? held : db.billing.get(datasetId), db.datasets.get(datasetId)]);
      if (!record || !dataset) return null;
      held = { datasetId, file: record.file };
      const { subscriptionsReport } = await import('../src/core/subscriptions/report');
      const margin = dataset.marginPercent ?? null;
      return { ...subscriptionsReport(record.file, { ltvWindow: request.ltvWindow, margin: margin === null ? 1 : margin / 100 }), margin };
    },
  };
}
