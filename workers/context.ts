/**
 * What the compute worker's domains share: the database (the worker is its only writer), the open table with what
 * is derived from it, the forecast of the open dataset, and cancellation flags. Made once per worker; tests make
 * their own with a database of their own.
 */
import { ClvDatabase } from '../src/db/schema';
import { loadTable, settingsOf } from '../src/db/repo';
import type { DatasetSettings } from '../src/core/datasets';
import { TableCache, summaryTable } from './table-cache';
import { ForecastSessions } from './forecast-session';
import { CancelFlags } from './jobs';
import { FitRunner } from './fit-runner';
import { PendingDatasets } from './pending-datasets';
import type { DatasetRecord } from '../src/db/schema';

export interface WorkerContext {
  db: ClvDatabase;
  tables: TableCache;
  forecasts: ForecastSessions;
  fits: FitRunner;
  cancelFlags: CancelFlags;
  /** Datasets shown while their save is still writing (pending-datasets.ts). */
  pending: PendingDatasets;
  /** A dataset's record: from the save under way when there is one (IndexedDB would wait for it), else stored. */
  recordOf(id: number): Promise<DatasetRecord | undefined>;
  /** Its settings, read the same way; throws when the dataset no longer exists. */
  settings(id: number): Promise<DatasetSettings>;
  /** Drop everything held in memory for a dataset (deleted, or its rows changed). */
  forget(id: number): void;
}

export function createContext(dbName?: string): WorkerContext {
  const db = new ClvDatabase(dbName);
  const pending = new PendingDatasets();
  const recordOf = async (id: number) => pending.get(id) ?? db.datasets.get(id);
  // A summary dataset's reading is a chunk of its own, loaded only for such a dataset (the worker is near its budget).
  const loadSummary = async (id: number) => ((await recordOf(id))?.kind === 'summary' ? (await import('../src/db/summary-store')).loadSummaryDataset(db, id) : null);
  const tables = new TableCache(async (id) => {
    // A summary has no orders: its table is its customers with no rows (the views that need orders say so).
    const summary = await loadSummary(id);
    return summary ? summaryTable(summary.customerIds) : loadTable(db, id);
  }, loadSummary);
  const forecasts = new ForecastSessions();
  return {
    db,
    tables,
    forecasts,
    fits: new FitRunner(),
    cancelFlags: new CancelFlags(),
    pending,
    recordOf,
    settings: async (id) => settingsOf(await recordOf(id), id),
    forget(id) {
      tables.invalidate(id);
      forecasts.forget(id);
    },
  };
}
