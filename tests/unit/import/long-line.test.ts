/**
 * A very long last line, arriving in the small pieces gunzip hands out (16 KiB from Node's zlib). The reader kept the
 * incomplete record and re-joined and re-scanned it with every piece, so its time grew with the line's length
 * squared: a 100 MB line in a 0.3 MB gzip took 210 s in `npm run analyze`. The line is now joined once.
 */
import { Readable } from 'node:stream';
import { gzipSync, createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createImporter, type ImportOptions } from '../../../src/core/import';
import { streamImport } from '../../../src/core/import/run';
import { mapping, rejectCounts, rowsOf, utf8 } from '../../fixtures/import/helpers';

const HEAD = 'customer,date,amount,note\nA,2024-01-01,5,x\nB,2024-01-02,7,y\n';
/** The file with a last line whose note is `n` characters long (a valid row: the note column is not used). */
const fileWithLongLine = (n: number) => utf8(`${HEAD}C,2024-01-03,9,${'z'.repeat(n)}\n`);
const options = (totalBytes: number): ImportOptions => ({
  fileName: 'long.csv', totalBytes, encoding: 'utf-8', delimiter: ',', hasHeader: true,
  mapping: mapping({ customer: 0, date: 1, amount: 2 }), dateOrderFallback: 'DMY',
});

/** Milliseconds to import `bytes` pushed in pieces of `piece` bytes, and the result. */
function timedImport(bytes: Uint8Array, piece = 16384) {
  const started = performance.now();
  const importer = createImporter(options(bytes.length));
  for (let at = 0; at < bytes.length; at += piece) importer.push(bytes.subarray(at, at + piece));
  const result = importer.finish();
  return { ms: performance.now() - started, ...result };
}

describe('a very long line read in small pieces', () => {
  it('reads an 8 MB last line in well under a second (the old reader took 3-4 s), every row accounted for', () => {
    const { ms, table, report } = timedImport(fileWithLongLine(8_000_000));
    expect(rowsOf(table)).toEqual([
      ['A', '2024-01-01', 5, 2],
      ['B', '2024-01-02', 7, 3],
      ['C', '2024-01-03', 9, 4],
    ]);
    expect(report).toMatchObject({ rowsRead: 3, rowsAccepted: 3, rowsRejected: 0 });
    expect(ms).toBeLessThan(1500);
  });

  it('takes about twice as long for a line twice as long (not four times)', () => {
    timedImport(fileWithLongLine(1_000_000)); // warm-up
    // Best of five, and lines long enough to take tens of ms: at 3 and 6 MB (15-50 ms) one slow moment of this shared
    // machine gave a ratio of 3.3 (2 Dec 2026).
    const best = (n: number) => Math.min(...[0, 1, 2, 3, 4].map(() => timedImport(fileWithLongLine(n)).ms));
    const single = best(5_000_000);
    const double = best(10_000_000);
    // Quadratic growth gives 4; linear 2. Generous for a loaded machine, still below quadratic.
    expect(double / single).toBeLessThan(3.2);
  });

  it('reads it through gunzip as the command line does (the same rows, the line read once)', async () => {
    const plain = fileWithLongLine(8_000_000);
    const gz = gzipSync(plain);
    expect(gz.length).toBeLessThan(50_000); // a small file on disk
    const chunks = (async function* () {
      for await (const c of Readable.from([gz]).pipe(createGunzip())) yield new Uint8Array(c as Buffer);
    })();
    const started = performance.now();
    const { table, report } = await streamImport(options(gz.length), chunks);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(table.length).toBe(3);
    expect(rejectCounts(report)).toEqual({});
    expect(report.rowsRead).toBe(3);
  });
});
