/**
 * How a file's bytes reach the importer: the bytes themselves, in what slices, and which buffers are given back
 * (src/core/release.ts): the stream's own buffer once the reading ends, a range read at once after its last piece.
 */
import { describe, expect, it, vi } from 'vitest';

const released: ArrayBufferLike[] = [];
vi.mock('../../../src/core/release', () => ({
  release: (...arrays: (ArrayBufferView | null | undefined)[]) => {
    for (const a of arrays) if (a) released.push(a.buffer);
  },
}));

const { dropReadAhead, fileSource, readRangeAhead } = await import('../../../workers/file-bytes');

function fileOf(size: number) {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 251;
  return new File([bytes], 'orders.csv', { type: 'text/csv', lastModified: 1_700_000_000_000 });
}

/** Each chunk's bytes (copied: a streamed slice's buffer is used again), its buffer, and the releases so far. */
async function readAndWatch(file: File, from: number, to: number) {
  released.length = 0;
  const steps: { bytes: Uint8Array; buffer: ArrayBufferLike; releasedOnArrival: boolean; releasedBefore: number; previousDetached: boolean }[] = [];
  for await (const chunk of fileSource(file).chunks(from, to)) {
    const previous = steps.at(-1)?.buffer;
    steps.push({ bytes: chunk.slice(), buffer: chunk.buffer, releasedOnArrival: released.includes(chunk.buffer), releasedBefore: released.length, previousDetached: previous?.byteLength === 0 });
  }
  return steps;
}

/** The chunks joined: the bytes the reader got. */
function joined(steps: { bytes: Uint8Array }[]): Uint8Array {
  const out = new Uint8Array(steps.reduce((n, s) => n + s.bytes.length, 0));
  let at = 0;
  for (const s of steps) (out.set(s.bytes, at), (at += s.bytes.length));
  return out;
}

/** Where `a` and `b` first differ (their length if one is a prefix of the other), or -1 when they are equal. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

describe('the slices a file is read in', () => {
  it('come through the stream for a large range, in 4 MB slices read into one buffer, given back once the reading ends', async () => {
    // Above the whole-read limit (128 MB) a range is streamed: a file of 130 MB, bytes 0…250 repeating.
    const size = 130 << 20;
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = i % 251;
    const file = new File([bytes], 'big.csv', { type: 'text/csv' });
    const from = 1_000_003;
    const steps = await readAndWatch(file, from, size);
    expect(firstDifference(joined(steps), bytes.subarray(from))).toBe(-1);
    // The 64 KB head, then 4 MB slices (the last shorter), all in one buffer.
    expect(steps.map((s) => s.bytes.length).slice(0, 3)).toEqual([64 << 10, 4 << 20, 4 << 20]);
    expect(steps.length).toBe(1 + Math.ceil((size - from - (64 << 10)) / (4 << 20)));
    // One buffer, handed to each read and back (so each slice's view is empty once the next is read), not a new
    // buffer per slice.
    expect(steps.slice(2).every((s) => s.previousDetached)).toBe(true);
    expect(steps.every((s) => !s.releasedOnArrival && s.releasedBefore === 0)).toBe(true);
    expect(released).toEqual([steps.at(-1)!.buffer]);
  });

  it('gather the chunks of a stream that cannot fill a given buffer (an older browser) into the same slices', async () => {
    const size = 130 << 20;
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 7) % 253;
    const file = new File([bytes], 'big.csv', { type: 'text/csv' });
    const byteStream = Blob.prototype.stream;
    // A plain stream of the same chunks: getReader({ mode: 'byob' }) throws on it, as on a browser without byte streams.
    Blob.prototype.stream = function (this: Blob) {
      const reader = byteStream.call(this).getReader();
      return new ReadableStream<Uint8Array<ArrayBuffer>>({ pull: async (controller) => {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } });
    };
    try {
      const steps = await readAndWatch(file, 3, size);
      expect(firstDifference(joined(steps), bytes.subarray(3))).toBe(-1);
      expect(steps.map((s) => s.bytes.length).slice(0, 3)).toEqual([64 << 10, 4 << 20, 4 << 20]);
      expect(new Set(steps.slice(1).map((s) => s.buffer)).size).toBe(1);
      expect(released).toEqual([steps[1].buffer]);
    } finally {
      Blob.prototype.stream = byteStream;
    }
  });

  it('are given back once their last piece is read when read from the file in one request, or read ahead', async () => {
    const file = fileOf(9_000_000);
    const once = await readAndWatch(file, 5, 9_000_000);
    expect(firstDifference(joined(once), new Uint8Array(await file.arrayBuffer()).subarray(5))).toBe(-1);
    // The first 64 KB slice is a read of its own; the rest are views of one buffer, released after the last.
    expect(once[0].bytes.length).toBe(64 << 10);
    expect(new Set(once.slice(1).map((s) => s.buffer)).size).toBe(1);
    expect(once.every((s) => !s.releasedOnArrival && s.releasedBefore === 0)).toBe(true);
    expect(released).toEqual([once[1].buffer]);
    readRangeAhead(file, 0, 9_000_000);
    const ahead = await readAndWatch(file, 0, 9_000_000);
    expect(firstDifference(joined(ahead), new Uint8Array(await file.arrayBuffer()))).toBe(-1);
    expect(new Set(ahead.map((s) => s.buffer)).size).toBe(1);
    expect(ahead.every((s) => !s.releasedOnArrival && s.releasedBefore === 0)).toBe(true);
    expect(released).toEqual([ahead[0].buffer]);
    dropReadAhead();
  });

  it('give back bytes read ahead that no import took, once they are dropped', async () => {
    const file = fileOf(3_000_000);
    released.length = 0;
    readRangeAhead(file, 1_000, 3_000_000);
    // Another range read ahead drops the first: its bytes go once they have arrived.
    readRangeAhead(file, 2_000, 3_000_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(released.map((b) => b.byteLength)).toEqual([3_000_000 - 1_000]);
    dropReadAhead();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(released.map((b) => b.byteLength)).toEqual([3_000_000 - 1_000, 3_000_000 - 2_000]);
  });

  it('stop the stream and give the buffer back when the reader stops early', async () => {
    const file = new File([new Uint8Array(130 << 20)], 'big.csv', { type: 'text/csv' });
    released.length = 0;
    let slice: ArrayBufferLike | null = null;
    let n = 0;
    for await (const chunk of fileSource(file).chunks(0, file.size)) {
      slice = chunk.buffer;
      if (++n === 3) break;
    }
    expect(released).toEqual([slice]);
  });
});
