/**
 * Running an import over a file's bytes: in one pass, or in two halves at once (the second read elsewhere), with
 * progress and cancellation. Shared by the app's workers and the headless `npm run analyze` entry.
 */
import { createImporter, type Importer, type ImportOptions, type ImportPart } from './importer';
import type { SniffResult } from './sniff';
import type { ImportReport, ImportedTable, TransactionTable } from '../types';

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
  table: ImportedTable;
  report: ImportReport;
  /** `parts`: 2 when the file was read in two halves at once; then the other figures say where the time went. */
  timings: { parseMs: number; parts: number; firstHalfMs?: number; firstHalfParsingMs?: number; secondHalfMs?: number; secondHalfParsingMs?: number; waitMs?: number; absorbMs?: number; finishMs?: number };
}

/** How often progress is reported: often enough for a smooth bar, rare enough to cost nothing. */
const PROGRESS_EVERY_MS = 100;
const YIELD_EVERY_MS = 50;

export type ImportHooks = { onProgress?: (p: ImportProgress) => void; isCancelled?: () => boolean; bytesConsumed?: () => number };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Progress reporting and cancellation shared by the one-pass and the split import. */
class ImportTicker {
  private readonly started = performance.now();
  private lastReport = this.started;
  private lastYield = this.started;
  /** Time spent parsing chunks, apart from waiting for them (the file's reads) and for other work. */
  parsingMs = 0;
  constructor(
    private readonly totalBytes: number,
    private readonly hooks: ImportHooks,
    /** Bytes and rows read so far, over every part of the file. */
    private readonly counts: () => { bytes: number; rows: number },
  ) {}

  get elapsedMs() {
    return performance.now() - this.started;
  }

  checkCancelled() {
    if (this.hooks.isCancelled?.()) throw new ImportCancelled();
  }

  /** After each chunk: now and then give queued messages (a Cancel) a turn, and report progress. */
  async tick(): Promise<void> {
    let now = performance.now();
    // Reads can resolve as microtasks only; give queued messages (a Cancel) a turn now and then.
    if (now - this.lastYield >= YIELD_EVERY_MS) {
      await sleep(0);
      now = this.lastYield = performance.now();
    }
    if (this.hooks.onProgress && now - this.lastReport >= PROGRESS_EVERY_MS) {
      this.lastReport = now;
      const elapsed = now - this.started;
      const { bytes, rows } = this.counts();
      this.hooks.onProgress({
        stage: 'reading',
        bytesRead: this.hooks.bytesConsumed?.() ?? bytes,
        totalBytes: this.totalBytes,
        rowsRead: rows,
        rowsPerSecond: elapsed > 0 ? (rows * 1000) / elapsed : 0,
        elapsedMs: elapsed,
      });
    }
  }

  async feed(importer: Importer, chunks: AsyncIterable<Uint8Array>, afterChunk?: () => void): Promise<void> {
    for await (const chunk of chunks) {
      this.checkCancelled();
      const t0 = performance.now();
      importer.push(chunk);
      this.parsingMs += performance.now() - t0;
      afterChunk?.();
      await this.tick();
    }
  }

  /** Wait for `promise`, still reporting progress and noticing a Cancel meanwhile. */
  async wait<T>(promise: Promise<T>): Promise<T> {
    let done = false;
    const settled = promise.finally(() => (done = true));
    settled.catch(() => {});
    while (!done) {
      await Promise.race([settled, sleep(PROGRESS_EVERY_MS)]);
      this.checkCancelled();
      await this.tick();
    }
    return settled;
  }
}

/**
 * Feed byte chunks through the importer. `bytesConsumed` reports how far through the (possibly compressed) source
 * the reader is, for the progress bar; `isCancelled` is polled between chunks.
 */
export async function streamImport(options: ImportOptions, chunks: AsyncIterable<Uint8Array>, hooks: ImportHooks = {}): Promise<StreamImportResult> {
  importsStarted++;
  const importer = createImporter(options);
  const ticker = new ImportTicker(options.totalBytes, hooks, () => ({ bytes: importer.bytesRead, rows: importer.rowsRead }));
  await ticker.feed(importer, chunks);
  ticker.checkCancelled();
  const { table, report } = importer.finish();
  return { table, report, timings: { parseMs: ticker.elapsedMs, parts: 1 } };
}

/** A file whose byte ranges can be read on their own (a File's slices, or bytes in memory). */
export interface ByteSource {
  size: number;
  chunks(from: number, to: number): AsyncIterable<Uint8Array>;
}

/** A later part of a file as read elsewhere, with how long the reading took. */
export type TimedImportPart = ImportPart & { elapsedMs: number; parsingMs: number };

/** The second half of a file, being read elsewhere (another worker). */
export interface PartJob {
  result: Promise<TimedImportPart>;
  progress(): { bytes: number; rows: number };
  /** Stop it: its result is not wanted. */
  cancel(): void;
}

export type RunPart = (options: ImportOptions, from: number, to: number) => PartJob;

/** Below this size a file is read in one pass: starting a second worker would cost more than it saves. */
export const SPLIT_MIN_BYTES = 8 << 20;

/**
 * Where to cut a file in two: just after the first line feed past its middle, or null when it is not worth cutting
 * or cannot be cut on bytes (UTF-16, where a line feed is two bytes).
 */
export async function findSplit(source: ByteSource, options: Pick<ImportOptions, 'encoding'>): Promise<number | null> {
  if (source.size < SPLIT_MIN_BYTES || options.encoding.startsWith('utf-16')) return null;
  const middle = Math.floor(source.size / 2);
  let at = middle;
  for await (const chunk of source.chunks(middle, Math.min(source.size, middle + (1 << 20)))) {
    const lf = chunk.indexOf(10);
    if (lf >= 0) return at + lf + 1 < source.size ? at + lf + 1 : null;
    at += chunk.length;
  }
  return null;
}

/**
 * Import a file in two halves at once: this thread reads the first, `runPart` the second (in another worker), and
 * the second is appended to the first. The cut is made at a line feed on the guess that it is not inside a quoted
 * field; when the first half ends inside one after all, the second half's work is dropped and this thread reads on.
 * Either way the table and report equal those of one pass over the file.
 */
export async function splitImport(options: ImportOptions, source: ByteSource, runPart: RunPart, hooks: ImportHooks = {}): Promise<StreamImportResult> {
  const split = await findSplit(source, options);
  if (split === null) return streamImport(options, source.chunks(0, source.size), hooks);
  return importInTwo(options, source, split, runPart, hooks);
}

/** splitImport with the cut given: `split` must follow a line feed. */
export async function importInTwo(options: ImportOptions, source: ByteSource, split: number, runPart: RunPart, hooks: ImportHooks = {}): Promise<StreamImportResult> {
  importsStarted++;
  const importer = createImporter({ ...options, totalBytes: split, sizeForBytes: source.size });
  let part: PartJob | null = null;
  const ticker = new ImportTicker(options.totalBytes, hooks, () => {
    const other = part?.progress() ?? { bytes: 0, rows: 0 };
    return { bytes: importer.bytesRead + other.bytes, rows: importer.rowsRead + other.rows };
  });
  // The second half starts as soon as the header is known (after the first chunk, normally).
  const startPart = () => {
    const header = importer.header;
    if (part === null && header !== null) part = runPart({ ...options, totalBytes: source.size - split, continuation: { header: header.names, width: header.width } }, split, source.size);
  };
  try {
    await ticker.feed(importer, source.chunks(0, split), startPart);
    startPart();
    const firstHalfMs = ticker.elapsedMs;
    const firstHalfParsingMs = ticker.parsingMs;
    const job = part as PartJob | null;
    const later = job !== null && importer.atRecordBoundary ? await ticker.wait(job.result.catch(() => null)) : null;
    const joinedAt = ticker.elapsedMs;
    // The other reader is done either way: its columns are here (transferred), or they are not wanted. Ended before the
    // join, so that what it still holds (its dictionaries' tables, its heap) is not held through the import's peak.
    job?.cancel();
    part = null;
    if (later !== null) await importer.absorb(later);
    else {
      // Cut inside a quoted field, or the other worker failed: read the second half here.
      await ticker.feed(importer, source.chunks(split, source.size));
    }
    ticker.checkCancelled();
    const finishAt = ticker.elapsedMs;
    const { table, report } = importer.finish();
    const parseMs = ticker.elapsedMs;
    if (later === null) return { table, report, timings: { parseMs, parts: 1 } };
    // Where the time went, for the benchmark: each half's reading, the wait for the second, joining, finishing.
    const detail = { firstHalfMs, firstHalfParsingMs, secondHalfMs: later.elapsedMs, secondHalfParsingMs: later.parsingMs, waitMs: joinedAt - firstHalfMs, absorbMs: finishAt - joinedAt, finishMs: parseMs - finishAt };
    return { table, report, timings: { parseMs, parts: 2, ...detail } };
  } finally {
    (part as PartJob | null)?.cancel();
  }
}

/** Imports started in this thread (see warmUpImporter). */
let importsStarted = 0;

/**
 * Rounds of warmUpImporter by default. Read once, a 1 MiB head took a 7.8 MB import from 348–391 to 257–332 ms in
 * Node; read four times, to 180–214 ms (the code then runs optimised from its first rows: the same import's fifth run
 * in one process takes 150–250 ms).
 */
export const WARM_UP_ROUNDS = 4;

/**
 * Read a file's head with the options its sniff proposed and discard the result, `rounds` times, each a task of its
 * own. Run in a worker while the user checks the column mapping, it lets the JIT optimise the importer's code paths
 * for this file, so that a large import does not spend its first second in unoptimised code. It stops as soon as an
 * import starts in this thread (it would only slow it). Anything wrong with the head is reported by the real import.
 * Resolves to the rounds read.
 */
export async function warmUpImporter(head: Uint8Array, guess: SniffResult, fileName: string, rounds = WARM_UP_ROUNDS): Promise<number> {
  if (guess.problem) return 0;
  const started = importsStarted;
  let done = 0;
  while (done < rounds && importsStarted === started) {
    if (done > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    if (importsStarted !== started) break;
    try {
      const importer = createImporter({ fileName, totalBytes: head.length, encoding: guess.encoding, delimiter: guess.delimiter, hasHeader: guess.hasHeader, mapping: guess.mapping, dateOrderFallback: guess.dateOrder ?? 'DMY' });
      importer.push(head);
      importer.finish();
    } catch {
      // Nothing to warm up: the import will say why.
      break;
    }
    done++;
  }
  return done;
}

/** The importer of a later part of a file (ImportOptions.continuation), run to the end of its bytes. */
export async function importPart(options: ImportOptions, chunks: AsyncIterable<Uint8Array>, onProgress?: (bytes: number, rows: number) => void): Promise<TimedImportPart> {
  importsStarted++;
  const importer = createImporter(options);
  const started = performance.now();
  let last = started;
  let parsingMs = 0;
  for await (const chunk of chunks) {
    const t0 = performance.now();
    importer.push(chunk);
    const now = performance.now();
    parsingMs += now - t0;
    if (onProgress && now - last >= PROGRESS_EVERY_MS) {
      last = now;
      onProgress(importer.bytesRead, importer.rowsRead);
    }
  }
  return { ...(await importer.endPart()), elapsedMs: performance.now() - started, parsingMs };
}

/** A file as the import sees it: plain bytes that can be read by range, or a gzip stream read from the start. */
export type ImportSource =
  | { kind: 'plain'; bytes: ByteSource; runPart: RunPart | null }
  | { kind: 'gzip'; gunzip: () => { chunks: AsyncIterable<Uint8Array>; consumed: () => number } };

/**
 * The whole read of a file: gzip in one pass (it cannot be cut), a large plain file in two halves at once when a
 * second reader is available (`runPart`), anything else in one pass.
 */
export async function importSource(options: ImportOptions, source: ImportSource, hooks: ImportHooks = {}): Promise<StreamImportResult> {
  if (source.kind === 'gzip') {
    const { chunks, consumed } = source.gunzip();
    return streamImport(options, chunks, { ...hooks, bytesConsumed: consumed });
  }
  const { bytes, runPart } = source;
  return runPart ? splitImport(options, bytes, runPart, hooks) : streamImport(options, bytes.chunks(0, bytes.size), hooks);
}
