/**
 * Snapshot domain: the open dataset's snapshot (contract: shared/contracts/snapshot-v1.md), assembled here from what
 * the worker holds (the stored dataset, its figures at its own margin, its monthly cohorts and the forecast last
 * made), so it is the same document `npm run analyze` writes for the file.
 */
import { name as appName, version as appVersion } from '../package.json';
import { historicalForSnapshot } from '../src/core/figures';
import { snapshotModelParts } from '../src/core/forecast';
import { buildSnapshot } from '../src/core/snapshot/build';
import type { SnapshotV1 } from '../src/core/snapshot/schema';
import type { WorkerContext } from './context';
import { cohortsOf, dashboardOf } from './derived';
import { segmentsOf } from './segments-of';
import { npsOf } from './nps.api';
import { segmentsForSnapshot } from '../src/core/segments';
import { npsForSnapshot } from '../src/core/nps';

export function snapshotApi(context: WorkerContext) {
  const { db, tables, forecasts } = context;
  return {
    async snapshot(datasetId: number): Promise<SnapshotV1> {
      const record = await db.datasets.get(datasetId);
      if (!record) throw new Error(`Dataset ${datasetId} no longer exists.`);
      const [dashboard, cohorts] = await Promise.all([dashboardOf(tables, datasetId, record.marginPercent ?? null), cohortsOf(tables, datasetId, 'month')]);
      const session = forecasts.peek(datasetId);
      const prediction = session?.prediction;
      const parts = prediction ? snapshotModelParts(prediction, session.comparison) : {};
      const [segments, nps] = await Promise.all([segmentsOf(context, datasetId, null), npsOf(context, datasetId)]);
      return buildSnapshot({
        app: `${appName}@${appVersion}`,
        report: record.report,
        figures: record.figures,
        cohorts,
        historical: historicalForSnapshot(dashboard.historical),
        ...parts,
        segments: segmentsForSnapshot(segments.report),
        ...(nps ? { nps: npsForSnapshot(nps.report) } : {}),
      });
    },
  };
}
