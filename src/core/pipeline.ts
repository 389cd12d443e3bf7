/**
 * The import-and-analyse pipeline shared by the app's worker and the headless `npm run analyze` entry, so both
 * produce the same figures from the same bytes.
 */
import { createImporter, type ImportOptions } from './import';
import { cohorts as buildCohorts, datasetFigures } from './figures';
import type { Cohorts, DatasetFigures, ImportReport, TransactionTable } from './types';

export interface ImportProgress {
  stage: 'reading' | 'analysing' | 'saving';
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
  rowsPerSecond: number;
  elapsedMs: number;
}

export class ImportCancelled extends Error {
  constructor() {
    super('Import cancelled');
    this.name = 'ImportCancelled';
  }
}

export interface StreamImportResult {
  table: TransactionTable;
  report: ImportReport;
  timings: { parseMs: number };
}

/** How often progress is reported: often enough for a smooth bar, rare enough to cost nothing. */
const PROGRESS_EVERY_MS = 100;
const YIELD_EVERY_MS = 50;

/**
 * Feed byte chunks through the importer. `bytesConsumed` reports how far through the (possibly compressed) source
 * the reader is, for the progress bar; `isCancelled` is polled between chunks.
 */
export async function streamImport(
  options: ImportOptions,
  chunks: AsyncIterable<Uint8Array>,
  hooks: { onProgress?: (p: ImportProgress) => void; isCancelled?: () => boolean; bytesConsumed?: () => number } = {},
): Promise<StreamImportResult> {
  const importer = createImporter(options);
  const started = performance.now();
  let lastReport = started;
  let lastYield = started;
  for await (const chunk of chunks) {
    if (hooks.isCancelled?.()) throw new ImportCancelled();
    importer.push(chunk);
    let now = performance.now();
    // Reads can resolve as microtasks only; give queued messages (a Cancel) a turn now and then.
    if (now - lastYield >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      now = lastYield = performance.now();
    }
    if (hooks.onProgress && now - lastReport >= PROGRESS_EVERY_MS) {
      lastReport = now;
      const elapsed = now - started;
      hooks.onProgress({
        stage: 'reading',
        bytesRead: hooks.bytesConsumed?.() ?? importer.bytesRead,
        totalBytes: options.totalBytes,
        rowsRead: importer.rowsRead,
        rowsPerSecond: elapsed > 0 ? (importer.rowsRead * 1000) / elapsed : 0,
        elapsedMs: elapsed,
      });
    }
  }
  if (hooks.isCancelled?.()) throw new ImportCancelled();
  const { table, report } = importer.finish();
  return { table, report, timings: { parseMs: performance.now() - started } };
}

export interface DatasetAnalysis {
  figures: DatasetFigures;
  cohorts: Cohorts;
  timings: { figuresMs: number };
}

/** The dataset figures and monthly cohorts of the snapshot contract. */
export function analyzeDataset(table: TransactionTable): DatasetAnalysis {
  const t0 = performance.now();
  const figures = datasetFigures(table);
  const cohorts = buildCohorts(table, 'month');
  return { figures, cohorts, timings: { figuresMs: performance.now() - t0 } };
}
