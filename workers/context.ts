/**
 * What the compute worker's domains share: the database (the worker is its only writer), the open table with what
 * is derived from it, the forecast of the open dataset, and cancellation flags. Made once per worker; tests make
 * their own with a database of their own.
 */
import { ClvDatabase } from '../src/db/schema';
import { loadTable } from '../src/db/repo';
import { TableCache, summaryTable } from './table-cache';
import { ForecastSessions } from './forecast-session';
import { CancelFlags } from './jobs';
import { FitRunner } from './fit-runner';

export interface WorkerContext {
  db: ClvDatabase;
  tables: TableCache;
  forecasts: ForecastSessions;
  fits: FitRunner;
  cancelFlags: CancelFlags;
  /** Drop everything held in memory for a dataset (deleted, or its rows changed). */
  forget(id: number): void;
}

export function createContext(dbName?: string): WorkerContext {
  const db = new ClvDatabase(dbName);
  // A summary dataset's reading is a chunk of its own, loaded only for such a dataset (the worker is near its budget).
  const loadSummary = async (id: number) => ((await db.datasets.get(id))?.kind === 'summary' ? (await import('../src/db/summary-store')).loadSummaryDataset(db, id) : null);
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
    forget(id) {
      tables.invalidate(id);
      forecasts.forget(id);
    },
  };
}
