/**
 * A file's import read while the user checks its columns. The page sends the options it would import with each time
 * they settle; the file is read with them at once, and an import started with the same file and the same options
 * takes that reading (finished or still going) instead of starting over. Other options, another file or the page's
 * leaving the column check drop it. Nothing is stored until the import itself runs: a reading that is never taken
 * only cost the time the user spent looking at the preview.
 */
import type { ImportOptions } from '../src/core/import';
import { ImportCancelled, importSource, type ImportHooks, type ImportSource, type StreamImportResult } from '../src/core/import/run';
import { withoutLines } from '../src/core/import/dataset-table';
import { analyzeDataset, dashboardData, releaseCustomerFirstDays, releaseGroupings, type DashboardData, type DatasetAnalysis } from '../src/core/figures';
import { fileKey, fileSource, gunzipChunks, isGzip } from './file-bytes';
import { runPartInWorker } from './run-part';
import { dropSpare } from '../src/core/spare-memory';

/** A file as the import reads it: gzip in one stream, a plain file by ranges (in two halves when large). */
export async function importSourceOf(file: File): Promise<ImportSource> {
  return (await isGzip(file)) ? { kind: 'gzip', gunzip: () => gunzipChunks(file) } : { kind: 'plain', bytes: fileSource(file), runPart: runPartInWorker(file) };
}

/** A file read, its lines let go (dataset-table.ts), and its dataset figures when it has rows to count. */
export type ReadFile = ReturnType<typeof withoutLines<StreamImportResult>> & {
  analysis: DatasetAnalysis | null;
  /** The dashboard the page asks for first and how long it took; null when it failed or no row was accepted. */
  dashboard?: { data: DashboardData; ms: number } | null;
  /** When the reading began and ended (performance.now()), so that the import's time counts it (workMs). */
  startedAt: number;
  endedAt: number;
};

/**
 * The time an import worked, up to `now`: from its reading's start, less the time the reading waited, finished, for
 * the click (`jobStartedAt`). Not the time since the click alone (the reading was work too), nor since the reading's
 * start (the user may look at the columns for minutes).
 */
export function workMs(read: Pick<ReadFile, 'startedAt' | 'endedAt'>, jobStartedAt: number, now: number): number {
  return now - read.startedAt - Math.max(0, jobStartedAt - read.endedAt);
}

/**
 * The dashboard a new dataset shows first (no margin yet), then the table's groupings given back: its per-customer
 * columns are all that stays of them (at 10M lines 70 MB less from here on; a view that needs a grouping makes it
 * again). Null when it failed: the page's own request computes it again and says what went wrong.
 */
export function firstDashboard(table: ReadFile['table']): { data: DashboardData; ms: number } | null {
  const started = performance.now();
  // The dataset's figures and cohorts, made before, were the first days' last readers: 4 bytes a customer that would
  // be held through the dashboard's own columns, the import's peak.
  releaseCustomerFirstDays(table);
  let data: DashboardData | null = null;
  try {
    data = dashboardData(table, { releaseGroupings: true });
  } catch {
    // The page's own request computes it again and says what went wrong.
  }
  releaseGroupings(table);
  return data && { data, ms: performance.now() - started };
}

interface Reading {
  key: string;
  result: Promise<ReadFile>;
  /** The import's own hooks once it has taken the reading (progress, its Cancel). */
  hooks: ImportHooks;
  dropped: boolean;
}

let reading: Reading | null = null;

/** The same file (see fileKey) with the same options. */
const keyOf = (file: File, options: ImportOptions) => `${fileKey(file)}${JSON.stringify(options)}`;

/** Start reading `file` with `options`, dropping any earlier reading. */
export function startReading(file: File, options: ImportOptions): void {
  dropReading();
  const entry: Reading = { key: keyOf(file, options), hooks: {}, dropped: false, result: Promise.resolve(null as never) };
  const isCancelled = () => entry.dropped || (entry.hooks.isCancelled?.() ?? false);
  const startedAt = performance.now();
  entry.result = (async () => {
    const read = withoutLines(await importSource(options, await importSourceOf(file), { onProgress: (p) => entry.hooks.onProgress?.(p), isCancelled }));
    if (isCancelled()) throw new ImportCancelled();
    // The figures kept with the dataset too: the import then only stores.
    const analysis = read.report.rowsAccepted > 0 ? analyzeDataset(read.table) : null;
    // And the first dashboard: a file read before the click then only has to be stored.
    const dashboard = analysis ? firstDashboard(read.table) : null;
    // Memory the import left for its first grouping, if that did not take it (src/core/spare-memory.ts).
    dropSpare();
    return { ...read, analysis, dashboard, startedAt, endedAt: performance.now() };
  })();
  // A reading nobody takes may fail (the import would say why) or be dropped: neither is an error here.
  entry.result.catch(() => {});
  reading = entry;
}

/** Stop the reading, if any: its result is not wanted. */
export function dropReading(): void {
  if (reading) reading.dropped = true;
  reading = null;
}

/** The reading of this file with exactly these options, handed over once with the import's hooks; else null. */
export function takeReading(file: File, options: ImportOptions, hooks: ImportHooks): Promise<ReadFile> | null {
  const entry = reading;
  if (!entry || entry.key !== keyOf(file, options)) return null;
  reading = null;
  entry.hooks = hooks;
  return entry.result;
}
