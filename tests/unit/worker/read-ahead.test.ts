import { afterEach, describe, expect, it, vi } from 'vitest';
import { dropReadAhead, fileSource, readRangeAhead } from '../../../workers/file-bytes';

/** A file of `size` bytes whose byte i is i mod 251, and the ranges read from it. */
function fileOf(size: number, name = 'orders.csv', lastModified = 1_700_000_000_000) {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 251;
  const file = new File([bytes], name, { type: 'text/csv', lastModified });
  const reads: [number, number][] = [];
  const slice = file.slice.bind(file);
  vi.spyOn(file, 'slice').mockImplementation((start?: number, end?: number) => (reads.push([start ?? 0, end ?? size]), slice(start, end)));
  return { file, bytes, reads };
}

/** Byte-for-byte equality (vitest's deep equality walks megabytes one element at a time). */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

async function readAll(file: File, from: number, to: number) {
  const chunks: Uint8Array[] = [];
  for await (const chunk of fileSource(file).chunks(from, to)) chunks.push(chunk.slice());
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) (out.set(c, at), (at += c.length));
  return { out, sizes: chunks.map((c) => c.length) };
}

describe('a half of a file read ahead while the columns are checked', () => {
  afterEach(() => dropReadAhead());

  it('is what the import of that range gets, without reading the file again, header first', async () => {
    const { file, bytes, reads } = fileOf(5_000_000);
    readRangeAhead(file, 0, 3_000_000);
    // The import holds its own copy of the File (structured clone): same name, size, type and date.
    const twin = new File([file], file.name, { type: file.type, lastModified: file.lastModified });
    const twinReads: unknown[] = [];
    const slice = twin.slice.bind(twin);
    vi.spyOn(twin, 'slice').mockImplementation((a?: number, b?: number) => (twinReads.push([a, b]), slice(a, b)));
    const { out, sizes } = await readAll(twin, 0, 3_000_000);
    expect(same(out, bytes.subarray(0, 3_000_000))).toBe(true);
    expect(twinReads).toEqual([]);
    expect(reads).toEqual([[0, 3_000_000]]);
    // The first piece is small: it holds the header that starts the second worker.
    expect(sizes[0]).toBe(64 * 1024);
    // Taken once: a second import of the range reads the file.
    await readAll(twin, 0, 3_000_000);
    expect(twinReads.length).toBeGreaterThan(0);
  });

  it('is not used for another range or another file, and is gone once dropped', async () => {
    const { file, bytes } = fileOf(2_000_000);
    readRangeAhead(file, 1_000_000, 2_000_000);
    // Another file: same name and size, another modification time.
    const other = fileOf(2_000_000, 'orders.csv', 1_700_000_000_001);
    expect(same((await readAll(other.file, 1_000_000, 2_000_000)).out, other.bytes.subarray(1_000_000))).toBe(true);
    expect(other.reads.length).toBeGreaterThan(0);
    // The same file, another range.
    const shifted = fileOf(2_000_000);
    expect(same((await readAll(shifted.file, 1_000_001, 2_000_000)).out, bytes.subarray(1_000_001))).toBe(true);
    expect(shifted.reads.length).toBeGreaterThan(0);
    // Still held for the range it was read for, until dropped.
    dropReadAhead();
    const again = fileOf(2_000_000);
    expect(same((await readAll(again.file, 1_000_000, 2_000_000)).out, bytes.subarray(1_000_000))).toBe(true);
    expect(again.reads.length).toBeGreaterThan(0);
  });

  it('is taken by the matching range after other reads of the file', async () => {
    const { file, bytes } = fileOf(2_000_000);
    readRangeAhead(file, 1_000_000, 2_000_000);
    const twin = fileOf(2_000_000);
    await readAll(twin.file, 0, 1_000);
    const readsBefore = twin.reads.length;
    expect(same((await readAll(twin.file, 1_000_000, 2_000_000)).out, bytes.subarray(1_000_000))).toBe(true);
    expect(twin.reads.length).toBe(readsBefore);
  });

  it('is not made for a Blob that is no File, nor for a range too large to be read whole', async () => {
    const blob = new Blob([new Uint8Array(10)]);
    const spy = vi.spyOn(blob, 'slice');
    readRangeAhead(blob, 0, 10);
    expect(spy).not.toHaveBeenCalled();
    const { file, reads } = fileOf(16);
    Object.defineProperty(file, 'size', { value: 300 << 20 });
    readRangeAhead(file, 0, 300 << 20);
    expect(reads).toEqual([]);
  });
});
