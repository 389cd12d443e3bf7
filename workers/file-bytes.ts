/**
 * Reading a dropped file in the worker: its head (for sniffing), its bytes in large slices or through gunzip, and
 * byte ranges of it (for reading two halves at once).
 */
import type { ByteSource } from '../src/core/import/run';

/** The first MiB is enough to guess encoding, delimiter, header and column roles. */
export const SNIFF_BYTES = 1 << 20;

export const isGzip = (file: Blob & { name?: string }) => /\.gz$/i.test(file.name ?? '');

/** Plain files are read in large slices: fewer, bigger chunks cost less per byte than the 64 KiB of File.stream(). */
const SLICE_BYTES = 4 << 20;
const FIRST_SLICE_BYTES = 64 << 10;
/** Above this a range is read slice by slice, so that memory use stays bounded on a phone. */
const WHOLE_READ_MAX_BYTES = 128 << 20;

/** A gzipped file's bytes through DecompressionStream; `consumed` is how far through the compressed file it is. */
export function gunzipChunks(file: Blob): { chunks: AsyncGenerator<Uint8Array>; consumed: () => number } {
  let consumed = 0;
  const counted = file.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        consumed += chunk.byteLength;
        ctl.enqueue(chunk);
      },
    }),
  );
  const stream = counted.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  return { chunks: iterate(stream), consumed: () => consumed };
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

export async function readHead(file: Blob & { name?: string }): Promise<Uint8Array> {
  if (!isGzip(file)) return new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const out = new Uint8Array(SNIFF_BYTES);
  let n = 0;
  const reader = file.stream().pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>).getReader();
  while (n < SNIFF_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    const take = Math.min(value.length, SNIFF_BYTES - n);
    out.set(value.subarray(0, take), n);
    n += take;
  }
  await reader.cancel();
  return out.subarray(0, n);
}

/**
 * Slices `[from, to)` of a plain (not gzipped) file. A small first slice gives the header at once (so a second worker
 * can start on the other half); the rest is read in one request when it is not huge, then parsed from memory: reading
 * while parsing made the browser's reading compete with both parsing workers for the CPU.
 */
async function* sliceChunks(file: Blob, from: number, to: number): AsyncGenerator<Uint8Array> {
  const read = async (start: number, end: number) => new Uint8Array(await file.slice(start, end).arrayBuffer());
  const first = Math.min(to, from + FIRST_SLICE_BYTES);
  if (from < first) yield await read(from, first);
  if (to - first <= WHOLE_READ_MAX_BYTES) {
    const rest = await read(first, to);
    for (let at = 0; at < rest.length; at += SLICE_BYTES) yield rest.subarray(at, at + SLICE_BYTES);
    return;
  }
  for (let at = first; at < to; at += SLICE_BYTES) yield await read(at, Math.min(to, at + SLICE_BYTES));
}

/** A plain file as a ByteSource: any byte range can be read on its own. */
export function fileSource(file: Blob): ByteSource {
  return { size: file.size, chunks: (from, to) => sliceChunks(file, from, to) };
}
