/**
 * Storing and reading a summary dataset (a per-customer summary file, docs/warehouse.md): a dataset record of kind
 * 'summary' (no chunks) and, in the `summaries` table, its columns and cohort table, written in one transaction, so
 * the dataset exists whole or not at all, like an orders dataset. The columns are apart from the record because the
 * dataset list reads records whole.
 */
import type { DatasetFigures, ImportReport, SummaryCohortTable, SummaryDataset } from '../core/types';
import type { ClvDatabase, DatasetRecord, StoredSummary, SummaryRecord } from './schema';

export interface NewSummaryDataset {
  name: string;
  report: ImportReport;
  figures: DatasetFigures;
  currency: string | null;
  timings: Record<string, number>;
  /** The import that stores it (the interrupted-import journal finds a save finished after its tab closed by it). */
  importJob?: string;
}

function toStored(data: SummaryDataset): StoredSummary {
  const s = data.summary;
  return {
    customerIds: data.customerIds,
    frequency: s.frequency,
    recency: s.recency,
    T: s.T,
    monetary: s.monetary,
    purchases: data.purchases,
    revenue: data.revenue,
    firstDay: data.firstDay,
    observationEnd: data.observationEnd,
    hasMonetary: data.hasMonetary,
  };
}

export async function saveSummaryDataset(db: ClvDatabase, data: SummaryDataset, meta: NewSummaryDataset): Promise<number> {
  const now = Date.now();
  const record: DatasetRecord = { ...meta, kind: 'summary', timeUnit: 'day', rows: data.customerIds.length, chunkCount: 0, createdAt: now, updatedAt: now };
  return db.transaction('rw', db.datasets, db.summaries, async () => {
    const id = (await db.datasets.add(record)) as number;
    await db.summaries.add({ datasetId: id, summary: toStored(data), cohortTable: null });
    return id;
  });
}

/** A stored summary as the models and views read it. */
export function summaryOfStored({ summary: s, cohortTable }: SummaryRecord): SummaryDataset {
  const n = s.customerIds.length;
  return {
    customerIds: s.customerIds,
    summary: { customer: Uint32Array.from({ length: n }, (_, i) => i), frequency: s.frequency, recency: s.recency, T: s.T, monetary: s.monetary },
    purchases: s.purchases,
    revenue: s.revenue,
    firstDay: s.firstDay,
    observationEnd: s.observationEnd,
    hasMonetary: s.hasMonetary,
    cohortTable,
  };
}

/** Add (or replace) a summary dataset's cohort table; false when the dataset is gone or is not a summary. */
export async function saveCohortTable(db: ClvDatabase, id: number, table: SummaryCohortTable): Promise<boolean> {
  return db.transaction('rw', db.datasets, db.summaries, async () => {
    if (!(await db.summaries.update(id, { cohortTable: table }))) return false;
    await db.datasets.update(id, { updatedAt: Date.now() });
    return true;
  });
}

/** Remove a summary dataset's cohort table (its cohorts are then unknown again). */
export async function removeCohortTable(db: ClvDatabase, id: number): Promise<void> {
  await db.transaction('rw', db.datasets, db.summaries, async () => {
    if (await db.summaries.update(id, { cohortTable: null })) await db.datasets.update(id, { updatedAt: Date.now() });
  });
}

/** The summary of a stored summary dataset; null for an orders dataset (or none). */
export async function loadSummaryDataset(db: ClvDatabase, id: number): Promise<SummaryDataset | null> {
  const row = await db.summaries.get(id);
  return row ? summaryOfStored(row) : null;
}
