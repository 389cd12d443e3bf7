/**
 * Importing a per-customer summary file (docs/warehouse.md) in the compute worker: read it whole with the engine's
 * summary reader, refuse it when no row is usable, store it as a dataset of kind 'summary' (one record, one
 * transaction: whole or not at all) and keep its summary open. Its own chunk: orders imports never load it.
 */
import { ImportError, type ImportOutcome } from '../src/core/import';
import { readSummaryFile, type SummaryReport } from '../src/core/import/summary-file';
import type { SummaryMapping } from '../src/core/import/summary-columns';
import { summaryHistory } from '../src/core/figures/summary-history';
import { dayToIso } from '../src/core/figures/dates';
import type { ColumnMapping, DatasetFigures, ImportReport, SummaryDataset } from '../src/core/types';
import { saveSummaryDataset } from '../src/db/summary-store';
import type { ClvDatabase } from '../src/db/schema';
import { readWholeFile } from './whole-file';
import type { TableCache } from './table-cache';

// The cohort table added to a summary later is read by the same chunk (see import.api.ts).
export { runCohortTableImport } from './cohort-table-job';

const NO_ORDER_ROLES: ColumnMapping = {
  customer: null, date: null, amount: null, quantity: null, unitPrice: null, orderId: null, product: null, channel: null, cost: null,
  margin: null, status: null, refunded: null, discountCode: null, customerName: null, email: null, phone: null,
};

/** The summary reader's report in the shape every dataset keeps (the orders roles: only the customer's column). */
export function summaryImportReport(report: SummaryReport): ImportReport {
  return {
    fileName: report.fileName,
    bytes: report.bytes,
    encoding: report.encoding,
    delimiter: report.delimiter,
    hasHeader: true,
    header: report.header,
    mapping: { ...NO_ORDER_ROLES, customer: report.mapping.customer },
    dateOrder: 'YMD',
    amountFormat: { decimal: '.', group: '' },
    currency: null,
    rowsRead: report.rowsRead,
    rowsAccepted: report.rowsAccepted,
    rowsRejected: report.rowsRejected,
    blankLines: report.blankLines,
    rejected: report.rejected,
    warnings: report.warnings,
  };
}

/** The figures kept on every dataset record, from what a summary holds, as `npm run analyze` writes them (refunds 0: a summary has none to count). */
export function summaryFigures(data: SummaryDataset): DatasetFigures {
  const h = summaryHistory(data);
  return {
    customers: h.customers,
    purchases: h.purchases,
    refunds: 0,
    grossRevenue: Number.isNaN(h.revenue) ? 0 : h.revenue,
    refundTotal: 0,
    netRevenue: Number.isNaN(h.revenue) ? 0 : h.revenue,
    ...(Number.isNaN(h.revenue) ? { withoutAmounts: true } : {}),
    firstDate: h.firstPurchaseDay === null ? null : dayToIso(h.firstPurchaseDay),
    lastDate: data.observationEnd === null ? null : dayToIso(data.observationEnd),
  };
}

export interface SummaryImportOutcomeExtra {
  /** Which column took which summary role. */
  summaryMapping: SummaryMapping;
}

export async function runSummaryImportJob(file: File, context: { db: ClvDatabase; tables: TableCache; job?: string }): Promise<ImportOutcome & Partial<SummaryImportOutcomeExtra>> {
  const started = performance.now();
  try {
    // Through the capped inflation of every import: a gzip that inflates past memory is stopped with a sentence.
    const bytes = await readWholeFile(file);
    const { dataset, report: summaryReport } = readSummaryFile(bytes, file.name);
    const report = summaryImportReport(summaryReport);
    if (report.rowsAccepted === 0) return { ok: false, reason: 'nothing-accepted', message: 'No row of the file could be used.', report };
    const parseMs = performance.now() - started;
    // One write (the record holds everything): stored whole or not at all; the saving time itself is not counted.
    const timings: Record<string, number> = { parseMs, totalMs: performance.now() - started };
    const datasetId = await saveSummaryDataset(context.db, dataset, { name: file.name, report, figures: summaryFigures(dataset), currency: null, timings, ...(context.job ? { importJob: context.job } : {}) });
    context.tables.putSummary(datasetId, dataset);
    return { ok: true, datasetId, report, timings, summaryMapping: summaryReport.mapping };
  } catch (err: unknown) {
    if (err instanceof ImportError) return { ok: false, reason: 'unreadable', message: err.message, code: err.code, ...(Object.keys(err.vars).length ? { vars: err.vars } : {}) };
    throw err;
  }
}
