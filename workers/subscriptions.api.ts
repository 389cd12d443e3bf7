/**
 * Subscriptions domain: the Subscriptions tab of a billing export (MRR bridge, churn, NRR/GRR, dunning, LTV with its
 * window, sBG per plan interval, cohorts), worked out from the billing rows stored with the dataset, at the dataset's
 * margin. The code is a lazy chunk: only billing datasets load it.
 */
import type { BillingFile, SubscriptionsReport } from '../src/core/subscriptions';
import type { WorkerContext } from './context';

export interface SubscriptionsRequest {
  /** Months the churn behind the LTV is averaged over. */
  ltvWindow: number;
}

export type SubscriptionsView = SubscriptionsReport & { margin: number | null };

export function subscriptionsApi(context: WorkerContext) {
  const { db } = context;
  /**
   * The figures last worked out, kept while the same dataset is shown at the same margin: a new LTV window only
   * averages the churn again (a second on 260,000 invoices for the whole report, a millisecond for the LTV).
   */
  let held: { datasetId: number; file: BillingFile; margin: number | null; report: SubscriptionsReport } | null = null;

  return {
    /** The tab's figures, or null when the dataset holds no billing export. */
    async subscriptions(datasetId: number, request: SubscriptionsRequest): Promise<SubscriptionsView | null> {
      const dataset = await context.recordOf(datasetId);
      if (!dataset) return null;
      const margin = dataset.marginPercent ?? null;
      const share = margin === null ? 1 : margin / 100;
      const [{ subscriptionsReport }, { subscriptionLtv }] = await Promise.all([import('../src/core/subscriptions/report'), import('../src/core/subscriptions/ltv')]);
      if (held?.datasetId === datasetId && held.margin === margin) return { ...held.report, ltv: subscriptionLtv(held.report.months, request.ltvWindow, share), margin };
      const file = held?.datasetId === datasetId ? held.file : (await db.billing.get(datasetId))?.file;
      if (!file) return null;
      const report = subscriptionsReport(file, { ltvWindow: request.ltvWindow, margin: share });
      held = { datasetId, file, margin, report };
      return { ...report, margin };
    },
  };
}
