/**
 * The import use case, run in the compute worker: read the file (gzip, two halves or one pass), refuse a file with no
 * usable row, compute the figures kept with the dataset, store it whole or not at all, remember the column choices,
 * and keep the new table open in memory.
 */
import { ImportError, type ImportOptions, type ImportOutcome } from '../src/core/import';
import { ImportCancelled, importSource, type ImportProgress } from '../src/core/import/run';
import { analyzeDataset } from '../src/core/figures';
import { withoutLines } from '../src/core/import/dataset-table';
import { rememberMapping, saveDataset, storedBytes } from '../src/db/repo';
import { storageFailure } from '../src/db/storage-errors';
import type { ClvDatabase, DatasetRecord } from '../src/db/schema';
import { dropReadAhead, isGzip } from './file-bytes';
import { dropReading, firstDashboard, importSourceOf, takeReading, workMs } from './parse-ahead';
import type { TableCache } from './table-cache';
import { dashboardKey, importedValues } from './derived';
import type { BillingFile } from '../src/core/subscriptions';
import type { PendingDatasets } from './pending-datasets';
import { dropSpare } from '../src/core/spare-memory';
import { dashboardPage, type FirstScreen } from './dashboard-page';

/**
 * The billing rows of a file whose header is a billing export's (src/core/subscriptions/columns.ts), else null. The
 * reader is a lazy chunk: the worker's first chunk is near its budget, and orders files never need it.
 */
async function billingOf(file: File, header: string[]): Promise<BillingFile | null> {
  const { isBillingHeader } = await import('../src/core/subscriptions/columns');
  if (!isBillingHeader(header)) return null;
  const { readBillingFile } = await import('../src/core/subscriptions/read-billing');
  const stream = (await isGzip(file)) ? file.stream().pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : null;
  const bytes = new Uint8Array(await (stream ? new Response(stream) : file).arrayBuffer());
  try {
    return readBillingFile(bytes, file.name);
  } catch (err) {
    // The orders import went through: a file the billing reader cannot use is kept as orders alone.
    if (err instanceof ImportError) return null;
    throw err;
  }
}

export interface ImportJobContext {
  db: ClvDatabase;
  tables: TableCache;
  isCancelled: () => boolean;
  onProgress?: (p: ImportProgress) => void;
  /** The page's id of this import, kept with the dataset. */
  job?: string;
  /** Datasets being saved, listed and read from here until their save commits. */
  pending?: PendingDatasets;
  /**
   * The dataset can be shown: its figures are ready and held in memory, and its save has begun. The outcome follows
   * when the save has committed (or failed: the dataset is then taken out of the list again).
   */
  onShown?: (datasetId: number, first: FirstScreen | null) => void;
}

export async function runImportJob(file: File, options: ImportOptions, context: ImportJobContext): Promise<ImportOutcome> {
  const { db, tables, isCancelled, onProgress } = context;
  const started = performance.now();
  const stage = (name: ImportProgress['stage'], rowsRead: number) =>
    onProgress?.({ stage: name, bytesRead: file.size, totalBytes: file.size, rowsRead, rowsPerSecond: 0, elapsedMs: performance.now() - started });
  try {
    // Read while the user checked the columns, when these were the options (parse-ahead.ts); else read now.
    const hooks = { onProgress, isCancelled };
    const taken = takeReading(file, options, hooks);
    // A reading with other options would only compete with this one.
    if (!taken) dropReading();
    const parsed = taken ? await taken : { ...withoutLines(await importSource(options, await importSourceOf(file), hooks)), analysis: null, startedAt: started, endedAt: started };
    const { table, report } = parsed;
    if (report.rowsAccepted === 0) return { ok: false, reason: 'nothing-accepted', message: 'No row of the file could be used.', report };
    stage('analysing', report.rowsRead);
    const analysis = parsed.analysis ?? analyzeDataset(table);
    if (isCancelled()) throw new ImportCancelled();
    // A billing export is read a second time by the subscriptions reader, whose code loads only for such a file.
    const billing = report.hasHeader ? await billingOf(file, report.header) : null;
    if (isCancelled()) throw new ImportCancelled();
    stage('saving', report.rowsRead);
    // The dashboard the page asks for next, computed before the save (when the reading ahead has not: parse-ahead.ts)
    // so that the save's copies come after the groupings are given back.
    const first = parsed.dashboard !== undefined ? parsed.dashboard : firstDashboard(table);
    // Memory the import left for its first grouping, if that did not take it (src/core/spare-memory.ts).
    dropSpare();
    const dashboard = first?.data ?? null;
    const savedAt = performance.now();
    const { parseMs, parts: parseParts, ...parseDetail } = parsed.timings;
    const timings: Record<string, number> = { parseMs, parseParts, ...parseDetail, figuresMs: analysis.timings.figuresMs, ...(first ? { dashboardMs: first.ms } : {}) };
    const meta = { name: options.fileName, report, figures: analysis.figures, currency: report.currency, timeUnit: 'day' as const, timings, importJob: context.job };
    const cached = { ...importedValues(analysis.cohorts), ...(dashboard ? { [dashboardKey(null)]: dashboard } : {}) };
    let shownId: number | null = null;
    // Once the record has its id the dataset is shown from memory while its chunks are written (10M lines: the
    // save's two seconds off the wait); the views read its record from `pending` meanwhile.
    const show = (record: DatasetRecord & { id: number }) => {
      shownId = record.id;
      // From the import's start (the click) until the dataset could be shown: it is stored with the record.
      timings.shownMs = performance.now() - started;
      tables.put(record.id, table, cached);
      context.pending?.add(record);
      // With its first screen, which the page draws at once instead of asking for it behind the save's writes.
      context.onShown?.(record.id, dashboard ? { dashboard: dashboardPage(dashboard), cohorts: analysis.cohorts } : null);
    };
    const datasetId = await saveDataset(
      db,
      table,
      meta,
      () => {
        // Measured inside the transaction so the stored record carries its own saving time.
        timings.saveMs = performance.now() - savedAt;
        // The reading done while the columns were checked counts too: the dataset's "imported in" is the whole work.
        timings.totalMs = workMs(parsed, started, performance.now());
        return { timings };
      },
      billing,
      show,
    ).catch((err: unknown) => {
      // The save's transaction rolled back whole: the dataset shown goes away again. A full disk says how much the
      // file needed (the page adds the quota).
      if (shownId !== null) {
        context.pending?.remove(shownId, false);
        tables.invalidate(shownId);
      }
      if (storageFailure(err) !== 'quota') throw err;
      throw Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError', notice: { code: 'quota', text: 'The browser\'s storage is full.', vars: { needed: storedBytes(table) } } });
    });
    // Stored: the record read from IndexedDB says the same from now on.
    context.pending?.remove(datasetId, true);
    if (report.hasHeader) {
      await rememberMapping(db, report.header, {
        delimiter: options.delimiter,
        encoding: options.encoding,
        hasHeader: options.hasHeader,
        mapping: options.mapping,
        dateOrderFallback: options.dateOrderFallback,
        ...(options.statusChoices?.length ? { statusChoices: options.statusChoices } : {}),
      });
    }
    return { ok: true, datasetId, report, timings };
  } catch (err: unknown) {
    if (err instanceof ImportCancelled) return { ok: false, reason: 'cancelled', message: 'Import cancelled. Nothing was saved.' };
    if (err instanceof ImportError) return { ok: false, reason: 'unreadable', message: err.message, code: err.code, ...(Object.keys(err.vars).length ? { vars: err.vars } : {}) };
    throw err;
  } finally {
    // Bytes read ahead for a cut this import did not make (another encoding chosen) are not wanted any more, nor memory
    // left for a grouping that never came (an import that failed after its end).
    dropReadAhead();
    dropSpare();
  }
}
