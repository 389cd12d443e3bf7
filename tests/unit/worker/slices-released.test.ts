/**
 * A file's slices are given back (src/core/release.ts) once the reader asks for what follows them, never before: the
 * importer has decoded them by then, and holds no view of them.
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

/** Each chunk's buffer, whether it was released when the chunk came, and the releases after each step. */
async function readAndWatch(file: File, from: number, to: number) {
  released.length = 0;
  const steps: { buffer: ArrayBufferLike; releasedOnArrival: boolean; releasedBefore: number }[] = [];
  for await (const chunk of fileSource(file).chunks(from, to)) steps.push({ buffer: chunk.buffer, releasedOnArrival: released.includes(chunk.buffer), releasedBefore: released.length });
  return steps;
}

describe('the slices a file is read in', () => {
  it('are each released after the reader moved past them, slice by slice for a large range', async () => {
    // Above the whole-read limit (128 MB) a range is read in 4 MB slices: a file of 130 MB, sparse in memory.
    const file = new File([new Uint8Array(130 << 20)], 'big.csv', { type: 'text/csv' });
    const steps = await readAndWatch(file, 0, file.size);
    expect(steps.length).toBe(1 + Math.ceil(((130 << 20) - (64 << 10)) / (4 << 20)));
    expect(steps.every((s) => !s.releasedOnArrival)).toBe(true);
    // Slice k was released by the time slice k + 1 came, and the last one once the reading ended.
    for (let k = 1; k < steps.length; k++) expect(released.slice(0, steps[k].releasedBefore)).toContain(steps[k - 1].buffer);
    expect(released).toContain(steps[steps.length - 1].buffer);
  });

  it('are released whole at the end when they are pieces of one read (a range read at once, or read ahead)', async () => {
    const file = fileOf(9_000_000);
    const once = await readAndWatch(file, 0, 9_000_000);
    expect(once.every((s) => !s.releasedOnArrival)).toBe(true);
    // The first 64 KB slice is a read of its own; the rest are views of one buffer, released after the last.
    expect(once[1].releasedBefore).toBe(1);
    expect(once[once.length - 1].releasedBefore).toBe(1);
    expect(new Set(released)).toEqual(new Set([once[0].buffer, once[1].buffer]));
    readRangeAhead(file, 0, 9_000_000);
    const ahead = await readAndWatch(file, 0, 9_000_000);
    expect(ahead.every((s) => s.releasedBefore === 0)).toBe(true);
    expect(released).toEqual([ahead[0].buffer]);
    dropReadAhead();
  });

  it('are released when the reader stops early', async () => {
    const file = new File([new Uint8Array(130 << 20)], 'big.csv', { type: 'text/csv' });
    released.length = 0;
    let first: ArrayBufferLike | null = null;
    for await (const chunk of fileSource(file).chunks(0, file.size)) {
      first = chunk.buffer;
      break;
    }
    expect(released).toEqual([first]);
  });
});
