/**
 * Files that lie about themselves, through the worker's own reading (a File, gunzip by DecompressionStream): a plain
 * CSV named .gz, a gzip named .csv, a damaged gzip, a zip holding a CSV, a gzip that inflates past the cap, a header
 * line of 10 MB, and the progress of a gzip whose text is much larger than the file.
 */
import { gzipSync, zipSync } from 'fflate';
import { proxy } from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../src/core/import/run';
import { GzipMeter, inflatedLimit } from '../../../src/core/import/gzip';
import { gunzipChunks, readHead } from '../../../workers/file-bytes';
import { acceptedOptions, computeHarness } from '../../support/compute-harness';

const { api, close } = computeHarness();
afterAll(close);

const CSV = 'customer,date,amount\nA,2024-01-05,10\nB,2024-01-06,20\nA,2024-02-05,5\n';
const enc = (s: string) => new TextEncoder().encode(s);

/** Sniff, accept the guessed columns, import: the outcome. */
async function importFile(file: File, onProgress?: (p: ImportProgress) => void) {
  const { sniff } = await api.sniffFile(file);
  if (sniff.problem) return { sniff, outcome: null };
  const outcome = await api.runImport(file, await acceptedOptions(api, file), crypto.randomUUID(), onProgress && proxy(onProgress));
  return { sniff, outcome };
}

describe('gzip is told by its bytes, not its name', () => {
  it('reads a plain CSV named .gz as text (it got "incorrect header check")', async () => {
    const { sniff, outcome } = await importFile(new File([CSV], 'orders.csv.gz'));
    expect(sniff.problem).toBeNull();
    expect(outcome).toMatchObject({ ok: true, report: { rowsRead: 3, rowsAccepted: 3 } });
  });

  it('the worker reads a plain file named .gz as it is, and inflates a gzip named .csv (no cloning: the name is kept)', async () => {
    expect(new TextDecoder().decode(await readHead(new File([CSV], 'orders.csv.gz')))).toBe(CSV);
    expect(new TextDecoder().decode(await readHead(new File([gzipSync(enc(CSV))], 'orders.csv')))).toBe(CSV);
  });

  it('inflates a gzip named .csv', async () => {
    const { sniff, outcome } = await importFile(new File([gzipSync(enc(CSV))], 'orders.csv'));
    expect(sniff.header).toEqual(['customer', 'date', 'amount']);
    expect(outcome).toMatchObject({ ok: true, report: { rowsRead: 3, rowsAccepted: 3 } });
  });

  it("says a damaged gzip is damaged (it showed the decompressor's own error)", async () => {
    const gz = gzipSync(enc(CSV));
    gz[12] ^= 0xff; // inside the deflate stream
    const { sniff } = await api.sniffFile(new File([gz.subarray(0, 6)], 'cut.gz'));
    expect(sniff).toMatchObject({ problemCode: 'gzip-broken' });
    expect(sniff.problem).toContain('damaged or cut short');
  });

  it('a gzip inside a gzip is named as such', async () => {
    const { sniff } = await api.sniffFile(new File([gzipSync(gzipSync(enc(CSV)))], 'twice.csv.gz'));
    expect(sniff.problemCode).toBe('gzip');
  });
});

describe('zip archives', () => {
  it('a zip holding a CSV is a zip archive, not an Excel workbook', async () => {
    const zip = zipSync({ 'orders.csv': enc(CSV) });
    const { sniff } = await api.sniffFile(new File([zip], 'orders.zip'));
    expect(sniff.problemCode).toBe('zip');
    expect(sniff.problem).toBe('This is a zip archive, not a text file. Unzip it first, then open the CSV file inside.');
  });

  it('an .xlsx (a zip of a workbook) still gets the Excel message', async () => {
    const xlsx = zipSync({ '[Content_Types].xml': enc('<Types/>'), '_rels/.rels': enc('<Relationships/>'), 'xl/workbook.xml': enc('<workbook/>') });
    expect((await api.sniffFile(new File([xlsx], 'orders.xlsx'))).sniff.problemCode).toBe('xlsx');
    // Writers that put [Content_Types].xml last (openpyxl) still name xl/ entries first.
    const late = zipSync({ 'docProps/app.xml': enc('<Properties/>'), 'xl/workbook.xml': enc('<workbook/>'), '[Content_Types].xml': enc('<Types/>') });
    expect((await api.sniffFile(new File([late], 'orders.xlsx'))).sniff.problemCode).toBe('xlsx');
  });
});

describe('a header line longer than the sniffed head', () => {
  it('a 10 MB header followed by data is refused with its length, not called "a header line but no data rows"', async () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `${'a column name '.repeat(7)}${i}`).join(',');
    expect(header.length).toBeGreaterThan(10_000_000);
    const file = new File([header, '\n', 'A,2024-01-05,10\n'.repeat(5)], 'wide.csv');
    const { sniff } = await api.sniffFile(file);
    expect(sniff.problemCode).toBe('header-too-long');
    expect(sniff.problemVars).toEqual({ length: header.length.toLocaleString('en'), limit: '4 MB' });
    expect(sniff.problem).toContain(`is ${header.length.toLocaleString('en')} bytes long`);
  });

  it('a header of 1.5 MB (more than the first MiB) is read, with its rows', async () => {
    const names = ['customer', 'date', 'amount', ...Array.from({ length: 20_000 }, (_, i) => `${'long column name '.repeat(5)}${i}`)];
    const rows = Array.from({ length: 4 }, (_, r) => [`C${r}`, `2024-01-0${r + 1}`, `${r + 1}0`, ...names.slice(3).map(() => '')].join(','));
    const file = new File([[names.join(','), ...rows].join('\n') + '\n'], 'wide.csv');
    expect(names.join(',').length).toBeGreaterThan(1 << 20);
    const { sniff, outcome } = await importFile(file);
    expect(sniff.problem).toBeNull();
    expect(sniff.header.length).toBe(names.length);
    expect(outcome).toMatchObject({ ok: true, report: { rowsRead: 4, rowsAccepted: 4 } });
  });
});

describe('gzip progress and the inflated-size cap', () => {
  /** 6 MB of rows that compress to a few KB: the decompressor takes in the whole file at once. */
  const rows = 'A,2024-01-05,10\n'.repeat(400_000);
  const big = enc('customer,date,amount\n' + rows);

  it('progress follows the inflated text, never reaching the file size before the end', async () => {
    const gz = gzipSync(big);
    expect(gz.length).toBeLessThan(64 << 10);
    const { chunks, consumed } = gunzipChunks(new Blob([gz]), 1 << 30);
    const seen: [number, number][] = [];
    let inflated = 0;
    for await (const chunk of chunks) {
      inflated += chunk.length;
      seen.push([inflated, consumed()]);
    }
    expect(inflated).toBe(big.length);
    // Before the last piece, the bar is below 100%, and in proportion to the text read (within one piece).
    for (const [n, c] of seen) {
      expect(c).toBeLessThan(gz.length);
      expect(c / gz.length).toBeCloseTo(Math.min(0.999, n / big.length), 2);
    }
    const half = seen.find(([n]) => n >= big.length / 2)!;
    expect(half[1] / gz.length).toBeGreaterThan(0.45);
    expect(half[1] / gz.length).toBeLessThan(0.6);
  });

  it('a gzip that inflates past the cap is stopped with a sentence (en, vi and th have it)', async () => {
    const { chunks } = gunzipChunks(new Blob([gzipSync(big)]), 1 << 20);
    let read = 0;
    await expect(
      (async () => {
        for await (const c of chunks) read += c.length;
      })(),
    ).rejects.toMatchObject({ code: 'gzip-too-large', vars: { limit: '1 MB' } });
    expect(read).toBeLessThanOrEqual(1 << 20);
  });

  it("the cap is a quarter of the device's memory, from 256 MiB to 4 GiB (2 GiB when unknown)", async () => {
    // Under the cap of a device of 1 GiB (256 MiB) the whole file would pass; the test cap is the meter's own.
    expect(inflatedLimit(1)).toBe(256 << 20);
    expect(inflatedLimit(8)).toBe(2 * 2 ** 30);
    expect(inflatedLimit(64)).toBe(4 * 2 ** 30 - 1);
    expect(inflatedLimit(null)).toBe(2 * 2 ** 30);
    const meter = new GzipMeter(1000, null, 100);
    meter.add(100);
    expect(() => meter.add(1)).toThrow(/expands to more than 0 MB/);
  });

  it('the import of a large gzip reports progress below 100% while reading', async () => {
    const progress: ImportProgress[] = [];
    const gz = gzipSync(enc('customer,date,amount\n' + 'A,2024-01-05,10\n'.repeat(800_000)));
    const { outcome } = await importFile(new File([gz], 'big.csv.gz'), (p) => void progress.push(p));
    expect(outcome).toMatchObject({ ok: true, report: { rowsRead: 800_000 } });
    const reading = progress.filter((p) => p.stage === 'reading');
    expect(reading.length).toBeGreaterThan(0);
    for (const p of reading) expect(p.bytesRead).toBeLessThan(p.totalBytes);
  });
});
