/** Import domain: look at a file, make the sample shop, run and cancel imports. */
import { ImportError, sniff, type ImportOptions, type ImportOutcome, type SniffOutcome, type SniffResult } from '../src/core/import';
import { failedSniff, needsLongerHead } from '../src/core/import/sniff';
import { findSplit, SPLIT_MIN_BYTES, warmUpImporter, type ImportProgress } from '../src/core/import/run';
import { generateSampleShop } from '../src/core/sample';
import { recallMapping } from '../src/db/repo';
import type { WorkerContext } from './context';
import { dropReadAhead, fileSource, isGzip, readHead, readRangeAhead } from './file-bytes';
import { runImportJob } from './import-job';
import type { FirstScreen } from './dashboard-page';
import { dropReading, startReading } from './parse-ahead';
import { dismissSplitImport, prepareSplitImport } from './run-part';

export function importApi(context: WorkerContext) {
  const { db, cancelFlags } = context;
  return {
    async sniffFile(file: File): Promise<SniffOutcome> {
      // Whatever was read ahead for an earlier file (its second worker holds its half) is not wanted any more.
      dropReading();
      dismissSplitImport();
      dropReadAhead();
      let head: Uint8Array;
      let result: SniffResult;
      try {
        head = await readHead(file);
        result = sniff(head, file.name, file.size);
        // A header line that fills the first MiB: look further, to read it or to say how long it is.
        if (needsLongerHead(result, head)) {
          // Rare: its code loads only for such a file (the worker is near its size budget).
          const { HEADER_SCAN_BYTES, sniffLongHead } = await import('../src/core/import/long-head');
          ({ sniff: result, head } = sniffLongHead(await readHead(file, HEADER_SCAN_BYTES), file.name, file.size));
        }
      } catch (err) {
        if (!(err instanceof ImportError)) throw err;
        return { sniff: failedSniff(err.code, err.message, err.vars), remembered: null };
      }
      if (!result.problem && !(await isGzip(file)) && file.size >= SPLIT_MIN_BYTES) {
        // A large import will follow: start its second worker, let both warm up on the head meanwhile, and have each
        // read its half of the file ahead (the cut the import will make with the encoding proposed).
        const split = await findSplit(fileSource(file), result);
        prepareSplitImport(head, result, file.name, split === null ? undefined : { file, from: split, to: file.size });
        if (split !== null) readRangeAhead(file, 0, split);
        setTimeout(() => void warmUpImporter(head, result, file.name), 0);
      }
      const remembered = result.problem ? null : await recallMapping(db, result.header);
      return { sniff: result, remembered: remembered as Partial<ImportOptions> | null };
    },

    /**
     * A realistic synthetic shop, generated from a seed, as CSV text the page wraps in a File so that it takes the
     * normal import path. (Plain data: a File's name does not survive structured cloning everywhere.)
     */
    sampleFile(seed: number): { name: string; csv: string } {
      return { name: 'sample-shop.csv', csv: generateSampleShop({ seed }) };
    },

    /**
     * The options the user would import `file` with now (they settle while the columns are checked): the file is read
     * with them at once, and an import with the same options takes that reading (parse-ahead.ts).
     */
    prepareImport(file: File, options: ImportOptions): void {
      startReading(file, options);
    },

    /** The column check was left without importing: its reading is not wanted. */
    dropPreparedImport(): void {
      dropReading();
    },

    /**
     * Parse, analyse and store a file. Stored whole or not at all; `onShown` hears the dataset's id when it can be
     * shown, before its save has committed (the outcome comes once it has).
     */
    async runImport(file: File, options: ImportOptions, jobId: string, onProgress?: (p: ImportProgress) => void, onShown?: (datasetId: number, first: FirstScreen | null) => void): Promise<ImportOutcome> {
      cancelFlags.clear(jobId);
      const run = async () => {
        try {
          return await runImportJob(file, options, { db, tables: context.tables, isCancelled: () => cancelFlags.isCancelled(jobId), onProgress, job: jobId, pending: context.pending, onShown });
        } finally {
          cancelFlags.clear(jobId);
        }
      };
      // Held while the import runs, by this worker: the browser frees it when the worker or its tab goes away, which
      // is how the page tells a running import from one that was killed (src/state/import-journal.ts).
      const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
      return locks ? locks.request(`clv-import-${jobId}`, run) : run();
    },

    /**
     * Read and store a per-customer summary file (the sniff said 'summary-file'), as a dataset of kind 'summary'. Its
     * reader and storing are a chunk of their own, loaded only for such a file.
     */
    async runSummaryImport(file: File, jobId?: string, onStarted?: () => void) {
      const run = async () => {
        onStarted?.();
        const { runSummaryImportJob } = await import('./summary-import-job');
        return runSummaryImportJob(file, { db, tables: context.tables, job: jobId });
      };
      // Held while it runs, as an orders import's (see runImport): the page tells a killed worker by it.
      const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
      return jobId && locks ? locks.request(`clv-import-${jobId}`, run) : run();
    },

    /** Add the warehouse's cohort table to a summary dataset (docs/warehouse.md); its reader is a chunk of its own. */
    async addCohortTable(datasetId: number, file: File) {
      // In the summary import's chunk: two lazy chunks sharing the summary's number reader split the worker's own code.
      const { runCohortTableImport } = await import('./summary-import-job');
      return runCohortTableImport(datasetId, file, { db, tables: context.tables });
    },

    /** Remove a summary dataset's cohort table. */
    async removeCohortTable(datasetId: number): Promise<void> {
      const { removeCohortTable } = await import('../src/db/summary-store');
      await removeCohortTable(db, datasetId);
      context.tables.invalidate(datasetId);
    },

    cancelImport(jobId: string): void {
      cancelFlags.cancel(jobId);
    },
  };
}
