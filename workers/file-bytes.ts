/**
 * Reading a dropped file in the worker: its head (for sniffing), its bytes in large slices or through gunzip, and
 * byte ranges of it (for reading two halves at once).
 */
import type { ByteSource } from '../src/core/import/run';
import { isGzipMagic } from '../src/core/import/gzip-magic';
import { ImportError } from '../src/core/import/import-error';
import type { GzipMeter } from '../src/core/import/gzip';
import { release } from '../src/core/release';

/** The gzip meter and its sentences: a chunk of its own, loaded for a gzip file only (the worker is near its budget). */
const gzipCode = () => import('../src/core/import/gzip');

/** The first MiB is enough to guess encoding, delimiter, header and column roles. */
export const SNIFF_BYTES = 1 << 20;

/** Whether a file is gzip, from its first bytes: a plain CSV named .gz is read as text, a gzip named .csv inflated. */
export async function isGzip(file: Blob): Promise<boolean> {
  return isGzipMagic(new Uint8Array(await file.slice(0, 2).arrayBuffer()));
}

/** The device's memory in GiB where the browser says (Chromium, in workers too), for the inflated-size cap. */
const deviceMemory = () => (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory ?? null;

/** Plain files are read in large slices: fewer, bigger chunks cost less per byte than the 64 KiB of File.stream(). */
const SLICE_BYTES = 4 << 20;
const FIRST_SLICE_BYTES = 64 << 10;
/** Above this a range is read slice by slice, so that memory use stays bounded on a phone. */
const WHOLE_READ_MAX_BYTES = 128 << 20;

/**
 * A gzipped file's bytes through DecompressionStream, stopped with an ImportError past the inflated-size cap;
 * `consumed` is how far through the file the reading is, in compressed bytes (see GzipMeter.progress).
 */
export function gunzipChunks(file: Blob, limit?: number): { chunks: AsyncGenerator<Uint8Array>; consumed: () => number } {
  let consumed = 0;
  let meter: GzipMeter | null = null;
  const counted = file.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        consumed += chunk.byteLength;
        ctl.enqueue(chunk);
      },
    }),
  );
  const stream = counted.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  async function* metered(): AsyncGenerator<Uint8Array> {
    const { declaredInflatedSize, GzipMeter, inflatedLimit } = await gzipCode();
    const trailer = new Uint8Array(await file.slice(Math.max(0, file.size - 4)).arrayBuffer());
    const m = (meter = new GzipMeter(file.size, declaredInflatedSize(trailer), limit ?? inflatedLimit(deviceMemory())));
    const chunks = iterate(stream);
    try {
      for (;;) {
        let next: IteratorResult<Uint8Array>;
        try {
          next = await chunks.next();
        } catch (err) {
          throw await brokenGzip(err);
        }
        if (next.done) return;
        m.add(next.value.byteLength);
        yield next.value;
      }
    } finally {
      // Stopped early (the cap, a cancel): release the file and the decompressor.
      await chunks.return(undefined);
      await stream.cancel().catch(() => {});
    }
  }
  return { chunks: metered(), consumed: () => (meter ? meter.progress(consumed) : 0) };
}

/** The decompressor's own error ("incorrect header check", "unexpected end of file") as a sentence for the owner. */
async function brokenGzip(err: unknown): Promise<ImportError> {
  if (err instanceof ImportError) return err;
  const { GZIP_BROKEN, GZIP_BROKEN_TEXT } = await gzipCode();
  return new ImportError(GZIP_BROKEN, GZIP_BROKEN_TEXT, { detail: (err as Error)?.message ?? String(err) });
}

async function* iterate(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The first `bytes` of a file's text (inflated when it is gzip). */
export async function readHead(file: Blob, bytes = SNIFF_BYTES): Promise<Uint8Array> {
  if (!(await isGzip(file))) return new Uint8Array(await file.slice(0, bytes).arrayBuffer());
  const out = new Uint8Array(bytes);
  let n = 0;
  const reader = file.stream().pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>).getReader();
  while (n < bytes) {
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = await reader.read();
    } catch (err) {
      throw await brokenGzip(err);
    }
    const { done, value } = read;
    if (done) break;
    const take = Math.min(value.length, bytes - n);
    out.set(value.subarray(0, take), n);
    n += take;
  }
  await reader.cancel();
  return out.subarray(0, n);
}

/**
 * Slices `[from, to)` of a plain (not gzipped) file. A small first slice gives the header at once (so a second worker
 * can start on the other half); the rest is read in one request when it is not huge, then parsed from memory: reading
 * while parsing made the browser's reading compete with both parsing workers for the CPU. A larger range comes
 * through the Blob's stream (see streamedSlices). A chunk is valid until the next is asked for.
 *
 * A range read at once is released once its last piece has been read (src/core/release.ts): left to the collector, a
 * half of a 200 MB file stayed resident through the figures and the save.
 */
async function* sliceChunks(file: Blob, from: number, to: number): AsyncGenerator<Uint8Array> {
  const ahead = takeReadAhead(file, from, to);
  const early = ahead && (await ahead);
  // The small first piece here too: the header it holds starts the second worker (see above).
  if (early) return yield* piecesOf(early, FIRST_SLICE_BYTES);
  const read = async (start: number, end: number) => new Uint8Array(await file.slice(start, end).arrayBuffer());
  const first = Math.min(to, from + FIRST_SLICE_BYTES);
  if (from < first) yield await read(from, first);
  if (to - first <= WHOLE_READ_MAX_BYTES) return yield* piecesOf(await read(first, to));
  yield* streamedSlices(file.slice(first, to));
}

/** `bytes` in pieces of SLICE_BYTES, the first `firstPiece` long when given; released once read (or the reading stops). */
function* piecesOf(bytes: Uint8Array, firstPiece = 0): Generator<Uint8Array> {
  try {
    if (firstPiece > 0) yield bytes.subarray(0, firstPiece);
    for (let at = firstPiece; at < bytes.length; at += SLICE_BYTES) yield bytes.subarray(at, at + SLICE_BYTES);
  } finally {
    release(bytes);
  }
}

/**
 * Streams being read here. Chromium lets the collector take a Blob's stream read through a BYOB reader, its pending
 * read and everything awaiting that (the whole import) when nothing else holds them: a 10M-line import stopped for
 * good at the first collection that came mid-read (tests/e2e/stream-reading.spec.ts). Held until read or cancelled.
 */
const beingRead = new Set<ReadableStream>();

/**
 * A Blob's bytes through its stream, in slices of SLICE_BYTES read into one buffer used again for each (the reader has
 * decoded a slice before it asks for the next). Read so, with a reader that fills the buffer given to it (BYOB), a
 * worker read 360 MB in 1.1 s and held 51 MB more; through the stream's own 64 KB chunks, each a fresh buffer
 * gathered into ours, 1.8 s and 164 MB; by a request per 4 MB slice, 3.0–3.3 s.
 */
export async function* streamedSlices(blob: Blob): AsyncGenerator<Uint8Array> {
  const stream = blob.stream();
  beingRead.add(stream);
  try {
    yield* readerSlices(stream, blob.size);
  } finally {
    beingRead.delete(stream);
  }
}

async function* readerSlices(stream: ReadableStream<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = stream.getReader({ mode: 'byob' });
  } catch {
    // A stream that is not a byte stream (an older browser): its chunks, gathered.
    return yield* gatheredSlices(stream.getReader(), size);
  }
  // Each read hands the buffer over and gives it back in its answer: `buffer` follows it.
  let buffer = new ArrayBuffer(Math.max(1, Math.min(SLICE_BYTES, size)));
  try {
    for (let done = false; !done; ) {
      let filled = 0;
      while (filled < buffer.byteLength) {
        const read = await reader.read(new Uint8Array(buffer, filled, buffer.byteLength - filled));
        if (read.value) buffer = read.value.buffer as ArrayBuffer;
        if (read.done) {
          done = true;
          break;
        }
        filled += read.value.byteLength;
      }
      if (filled > 0) yield new Uint8Array(buffer, 0, filled);
    }
  } finally {
    // Stopped early (a cancel): the browser stops reading the file. The buffer is this worker's own: given back.
    await reader.cancel().catch(() => {});
    release(new Uint8Array(buffer));
  }
}

/** A stream's chunks gathered into slices of SLICE_BYTES in one buffer used again for each (see streamedSlices). */
async function* gatheredSlices(reader: ReadableStreamDefaultReader<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  const buffer = new Uint8Array(Math.max(1, Math.min(SLICE_BYTES, size)));
  let filled = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let at = 0; at < value.length; ) {
        const take = Math.min(value.length - at, buffer.length - filled);
        buffer.set(value.subarray(at, at + take), filled);
        filled += take;
        at += take;
        if (filled === buffer.length) {
          yield buffer;
          filled = 0;
        }
      }
    }
    if (filled > 0) yield buffer.subarray(0, filled);
  } finally {
    await reader.cancel().catch(() => {});
    release(buffer);
  }
}

/** A plain file as a ByteSource: any byte range can be read on its own. */
export function fileSource(file: Blob): ByteSource {
  return { size: file.size, chunks: (from, to) => sliceChunks(file, from, to) };
}

/**
 * A byte range read ahead of its import, while the user checks the columns. Reading a 22 MB half of a file from its
 * Blob took 150–290 ms in Chromium (the bytes come over from the browser's process), time the parse waited for on the
 * import's clock. The import takes it once, for the same file and exactly the same range; it is dropped after a few
 * minutes unused, when another range is read ahead, or when an import ends.
 */
interface ReadAhead {
  key: string;
  from: number;
  to: number;
  bytes: Promise<Uint8Array | null>;
  expiry: ReturnType<typeof setTimeout>;
}

let readAhead: ReadAhead | null = null;

/** How long bytes read ahead wait for their import. */
export const READ_AHEAD_KEEP_MS = 3 * 60_000;

/**
 * Which file a Blob is. The import gets its own structured clone of the File the sniff saw, so identity cannot be
 * compared; a File's name, size, type and modification time can. A Blob that is no File is never read ahead.
 */
export function fileKey(file: Blob): string | null {
  if (typeof File === 'undefined' || !(file instanceof File)) return null;
  return JSON.stringify([file.name, file.size, file.type, file.lastModified]);
}

/** Start reading `[from, to)` of a plain file now, for an import of that range to take (see ReadAhead). */
export function readRangeAhead(file: Blob, from: number, to: number): void {
  dropReadAhead();
  const key = fileKey(file);
  if (key === null || from >= to || to - from > WHOLE_READ_MAX_BYTES) return;
  const bytes = file
    .slice(from, to)
    .arrayBuffer()
    .then(
      (buffer) => new Uint8Array(buffer),
      // The import reads the range again and meets the error itself.
      () => null,
    );
  readAhead = { key, from, to, bytes, expiry: setTimeout(dropReadAhead, READ_AHEAD_KEEP_MS) };
}

/** The bytes read ahead for exactly this file and range, handed over once; null when there are none. */
function takeReadAhead(file: Blob, from: number, to: number): Promise<Uint8Array | null> | null {
  const held = readAhead;
  if (held === null || held.from !== from || held.to !== to || held.key !== fileKey(file)) return null;
  clearTimeout(held.expiry);
  readAhead = null;
  return held.bytes;
}

/** Forget bytes read ahead (an import ended, or another file was picked). */
export function dropReadAhead(): void {
  if (readAhead) {
    clearTimeout(readAhead.expiry);
    // Nobody took them: the bytes go now, not at a collection (src/core/release.ts).
    void readAhead.bytes.then((bytes) => release(bytes));
  }
  readAhead = null;
}
