/**
 * Adding the warehouse's cohort table to a summary dataset (docs/warehouse.md) in the compute worker: read the file
 * whole, read its rows up to the summary's observation end, and store the cohorts on the dataset's record (one write).
 * Loaded with the summary import's chunk, only for summary datasets.
 */
import { ImportError } from '../src/core/import/import-error';
import { readCohortTable } from '../src/core/import/cohort-table';
import type { CohortTableReport, NoticeVars } from '../src/core/types';
import { loadSummaryDataset, saveCohortTable } from '../src/db/summary-store';
import type { ClvDatabase } from '../src/db/schema';
import { readWholeFile } from './whole-file';
import type { TableCache } from './table-cache';

export type CohortTableOutcome =
  | { ok: true; report: CohortTableReport; customers: number; summaryCustomers: number; cohorts: number }
  | { ok: false; message: string; code?: string; vars?: NoticeVars };

export async function runCohortTableImport(datasetId: number, file: File, context: { db: ClvDatabase; tables: TableCache }): Promise<CohortTableOutcome> {
  const summary = await loadSummaryDataset(context.db, datasetId);
  if (!summary) return { ok: false, code: 'cohort-table-no-summary', message: 'A cohort table can be added to a per-customer summary dataset only.' };
  try {
    const table = readCohortTable(await readWholeFile(file), file.name, summary.observationEnd);
    if (!(await saveCohortTable(context.db, datasetId, table))) return { ok: false, code: 'cohort-table-no-summary', message: 'A cohort table can be added to a per-customer summary dataset only.' };
    // The open summary is read again with its table.
    context.tables.invalidate(datasetId);
    return { ok: true, report: table.report, customers: table.customers, summaryCustomers: summary.customerIds.length, cohorts: table.cohorts.rows.length };
  } catch (err: unknown) {
    if (err instanceof ImportError) return { ok: false, message: err.message, code: err.code, ...(Object.keys(err.vars).length ? { vars: err.vars } : {}) };
    throw err;
  }
}
