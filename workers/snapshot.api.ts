/**
 * Snapshot domain: the open dataset's snapshot (contract: shared/contracts/snapshot-v1.md), assembled here from what
 * the worker holds (the stored dataset, its figures at its own margin, its monthly cohorts and the forecast last
 * made), so it is the same document `npm run analyze` writes for the file (with `--aggregate-only` for sharing).
 */
import { name as appName, version as appVersion } from '../package.json';
import { historicalForSnapshot } from '../src/core/figures';
import { snapshotModelParts } from '../src/core/forecast';
// Straight from the modules, not the snapshot index: its re-export of restore would put restore's checks in the
// worker's first chunk (they load on demand, when a shared snapshot is opened).
import { buildSnapshot } from '../src/core/snapshot/build';
import { aggregateOnlySnapshot, checkK } from '../src/core/snapshot/aggregate-only';
import { DEFAULT_K, type SnapshotV1 } from '../src/core/snapshot/schema';
import type { WorkerContext } from './context';
import { cohortsOf, dashboardOf } from './derived';
import { segmentsOf } from './segments-of';
import { npsCode, npsOf } from './nps.api';
import { segmentsForSnapshot } from '../src/core/segments';

/**
 * Which snapshot to make. Sharing (the default): aggregate-only, groups under `k` customers suppressed. A backup for
 * the owner: `{ aggregateOnly: false }`, everything the app writes (re-importing it restores the dataset's figures).
 */
export interface SnapshotOptions {
  aggregateOnly: boolean;
  /** With aggregateOnly: the smallest group shown (1–1000; default 5). */
  k?: number;
}

/** The snapshot for sharing. */
export const SHARE_OPTIONS: SnapshotOptions = { aggregateOnly: true, k: DEFAULT_K };
/** The full snapshot, as a backup. */
export const BACKUP_OPTIONS: SnapshotOptions = { aggregateOnly: false };

/** The owner's saved what-if scenarios as snapshot parts; the scenario code is loaded only when there are some. */
async function savedScenarioParts(context: WorkerContext, datasetId: number) {
  if (!(await context.db.scenarios.where('datasetId').equals(datasetId).count())) return [];
  const [{ listScenarios }, { compareScenario, scenarioPart }, { scenarioBaseOf }] = await Promise.all([import('../src/db/scenarios'), import('../src/core/scenario'), import('./scenario-of')]);
  const base = await scenarioBaseOf(context, datasetId);
  return (await listScenarios(context.db, datasetId)).map((s) => scenarioPart(base, compareScenario(base, s.levers), s.name));
}

export function snapshotApi(context: WorkerContext) {
  const { db, tables, forecasts } = context;

  async function full(datasetId: number): Promise<SnapshotV1> {
    const record = await context.recordOf(datasetId);
    if (!record) throw new Error(`Dataset ${datasetId} no longer exists.`);
    // A summary dataset (docs/warehouse.md): its historical part from the per-customer totals, the cohorts of its
    // cohort table when one was added (else none), marked
    // `dataset.source: "summary"` as `npm run analyze` writes it (the code loads only for such a dataset).
    const summary = await tables.summaryDataset(datasetId);
    const [historical, cohorts] = summary
      ? [await import('./summary-snapshot').then((m) => m.summaryHistoricalPart(summary)), summary.cohortTable?.cohorts ?? { period: 'month' as const, rows: [] }]
      : await Promise.all([dashboardOf(tables, datasetId, record.marginPercent ?? null).then((d) => historicalForSnapshot(d.historical)), cohortsOf(tables, datasetId, 'month')]);
    const session = forecasts.peek(datasetId);
    const prediction = session?.prediction;
    const parts = prediction ? snapshotModelParts(prediction, session.comparison) : {};
    const [segments, nps, subscriptions, scenarios] = await Promise.all([
      segmentsOf(context, datasetId, null), npsOf(context, datasetId), subscriptionsPart(datasetId), savedScenarioParts(context, datasetId),
    ]);
    const npsPart = nps ? (await npsCode()).npsForSnapshot(nps.report) : null;
    const snapshot = buildSnapshot({
      app: `${appName}@${appVersion}`,
      report: record.report,
      figures: record.figures,
      cohorts,
      historical,
      ...parts,
      segments: segmentsForSnapshot(segments.report),
      ...(npsPart ? { nps: npsPart } : {}),
      ...(subscriptions ? { subscriptions } : {}),
      ...(scenarios.length ? { scenarios } : {}),
    });
    return summary ? { ...snapshot, dataset: { ...snapshot.dataset, source: 'summary' } } : snapshot;
  }

  /** A billing export's `subscriptions` part, as `npm run analyze` writes it (its code loads only for such a dataset). */
  async function subscriptionsPart(datasetId: number) {
    const billing = await db.billing.get(datasetId);
    if (!billing) return null;
    const [{ subscriptionsReport }, { subscriptionsForSnapshot }] = await Promise.all([import('../src/core/subscriptions/report'), import('../src/core/subscriptions/snapshot-part')]);
    return subscriptionsForSnapshot(subscriptionsReport(billing.file));
  }

  async function make(datasetId: number, options: SnapshotOptions): Promise<SnapshotV1> {
    const k = options.aggregateOnly ? checkK(options.k ?? DEFAULT_K) : null; // a bad k fails before any work
    const snapshot = await full(datasetId);
    return k === null ? snapshot : aggregateOnlySnapshot(snapshot, { k });
  }

  return {
    /** The open dataset's snapshot: aggregate-only with k = 5 unless the options say otherwise. */
    snapshot(datasetId: number, options: SnapshotOptions = SHARE_OPTIONS): Promise<SnapshotV1> {
      return make(datasetId, options);
    },
  };
}
