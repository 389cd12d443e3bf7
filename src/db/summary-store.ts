/**
 * Storing and reading a summary dataset (a per-customer summary file, docs/warehouse.md). The record holds the
 * summary's columns itself (`kind: 'summary'`, no chunks): one row per customer is a fraction of an orders table, and
 * the record is written in one transaction, so it exists whole or not at all, like an orders dataset.
 */
import type { DatasetFigures, ImportReport, SummaryCohortTable, SummaryDataset } from '../core/types';
import type { ClvDatabase, DatasetRecord, StoredSummary } from './schema';

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
  const record: DatasetRecord = { ...meta, kind: 'summary', summary: toStored(data), timeUnit: 'day', rows: data.customerIds.length, chunkCount: 0, createdAt: now, updatedAt: now };
  return (await db.datasets.add(record)) as number;
}

/** The summary of a stored summary dataset; null for an orders dataset (or none). */
export function summaryOfRecord(record: DatasetRecord | undefined): SummaryDataset | null {
  const s = record?.kind === 'summary' ? record.summary : null;
  if (!s) return null;
  const n = s.customerIds.length;
  return {
    customerIds: s.customerIds,
    summary: { customer: Uint32Array.from({ length: n }, (_, i) => i), frequency: s.frequency, recency: s.recency, T: s.T, monetary: s.monetary },
    purchases: s.purchases,
    revenue: s.revenue,
    firstDay: s.firstDay,
    observationEnd: s.observationEnd,
    hasMonetary: s.hasMonetary,
    cohortTable: record?.cohortTable ?? null,
  };
}

/** Add (or replace) a summary dataset's cohort table; false when the dataset is gone or is not a summary. */
export async function saveCohortTable(db: ClvDatabase, id: number, table: SummaryCohortTable): Promise<boolean> {
  return db.transaction('rw', db.datasets, async () => {
    const record = await db.datasets.get(id);
    if (record?.kind !== 'summary') return false;
    await db.datasets.update(id, { cohortTable: table, updatedAt: Date.now() });
    return true;
  });
}

/** Remove a summary dataset's cohort table (its cohorts are then unknown again). */
export async function removeCohortTable(db: ClvDatabase, id: number): Promise<void> {
  await db.datasets.update(id, { cohortTable: null, updatedAt: Date.now() });
}

export async function loadSummaryDataset(db: ClvDatabase, id: number): Promise<SummaryDataset | null> {
  return summaryOfRecord(await db.datasets.get(id));
}
