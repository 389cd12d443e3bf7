/**
 * Importing a file in two halves (the app reads the second half in another worker): whatever line the cut falls
 * after, including lines inside quoted fields, the table and report must equal those of one pass.
 */
import { describe, expect, it } from 'vitest';
import { importBytes, type ImportOptions } from '../../../src/core/import';
import { findSplit, importInTwo, importPart, ImportCancelled, SPLIT_MIN_BYTES, type ByteSource, type RunPart } from '../../../src/core/import/run';
import { refundedAmounts, utf8 } from '../../fixtures/import/helpers';

/** A ByteSource over bytes in memory, read in small slices so that chunk edges fall everywhere too. */
function memorySource(bytes: Uint8Array, slice = 97): ByteSource {
  return {
    size: bytes.length,
    async *chunks(from: number, to: number) {
      for (let at = from; at < to; at += slice) yield bytes.subarray(at, Math.min(to, at + slice));
    },
  };
}

/** Runs the second half in this thread; records whether the split import dropped it. */
function inProcess(bytes: Uint8Array) {
  const calls = { started: 0, cancelled: 0 };
  const run: RunPart = (options, from, to) => {
    calls.started++;
    return { result: importPart(options, memorySource(bytes, 53).chunks(from, to)), progress: () => ({ bytes: 0, rows: 0 }), cancel: () => void calls.cancelled++ };
  };
  return { run, calls };
}

function optionsOf(bytes: Uint8Array, fileName: string, overrides: Partial<ImportOptions> = {}) {
  const whole = importBytes(bytes, fileName, overrides);
  const s = whole.sniff;
  const options: ImportOptions = { fileName, totalBytes: bytes.length, encoding: s.encoding, delimiter: s.delimiter, hasHeader: s.hasHeader, mapping: s.mapping, dateOrderFallback: s.dateOrder ?? 'DMY', ...overrides };
  return { options, whole: { table: whole.table, report: whole.report } };
}

/** Every position just after a line feed, except the end. */
const cutsOf = (bytes: Uint8Array) => [...bytes.keys()].filter((i) => bytes[i] === 10 && i + 1 < bytes.length).map((i) => i + 1);

async function expectEveryCutMatches(bytes: Uint8Array, fileName: string, overrides: Partial<ImportOptions> = {}, every = 1) {
  const { options, whole } = optionsOf(bytes, fileName, overrides);
  const cuts = cutsOf(bytes).filter((_, k) => k % every === 0);
  expect(cuts.length).toBeGreaterThan(3);
  let fellBack = 0;
  for (const cut of cuts) {
    const { run, calls } = inProcess(bytes);
    // When the first half ends inside a quoted field, this thread reads the second half itself.
    const source = memorySource(bytes);
    const chunks = source.chunks;
    source.chunks = (from, to) => {
      if (from === cut) fellBack++;
      return chunks(from, to);
    };
    const split = await importInTwo(options, source, cut, run);
    expect({ table: split.table, report: split.report }, `cut at byte ${cut}`).toEqual(whole);
    expect(calls.started).toBe(1);
    expect(calls.cancelled).toBe(1);
  }
  return { whole, fellBack, cuts: cuts.length };
}

/**
 * A shop export with what makes the halves interact: quoted fields spanning lines (cuts inside them), rejected rows
 * of several kinds (more than 20 of one), day/month order decided by a late row, decimal commas with digit groups,
 * labels and a currency column repeated across the halves, and a row with extra fields.
 */
function shopFile(): string {
  const lines = ['Order;Customer;Date;Amount;Product;Channel;Currency;Note'];
  for (let i = 0; i < 90; i++) {
    const customer = i % 11 === 5 ? '' : `K${(i * 7) % 23}`;
    const day = 1 + (i % 12);
    const date = i === 70 ? '25/03/2024' : `${String(day).padStart(2, '0')}/0${1 + (i % 9)}/2024`;
    const amount = i % 13 === 4 ? 'n/a' : i % 3 === 0 ? `"1.${String(200 + i).padStart(3, '0')},5"` : `${10 + i},25`;
    const note = i % 9 === 2 ? `"two\nlines; ""quoted"""` : i % 17 === 3 ? '"never closed' : 'ok';
    const extra = i === 60 ? ';surplus' : '';
    lines.push(`A${Math.floor(i / 3)};${customer};${date};${amount};P${i % 5};${i % 2 ? 'web' : 'shop'};EUR;${note}${extra}`);
  }
  return lines.join('\n') + '\n';
}

describe('split import equals one pass', () => {
  it('on a shop export cut after every line, inside quoted fields too', async () => {
    const bytes = utf8(shopFile());
    const { whole, fellBack } = await expectEveryCutMatches(bytes, 'shop.csv');
    expect(whole.report.rowsRead).toBe(whole.report.rowsAccepted + whole.report.rowsRejected);
    expect(whole.report.rejected.length).toBeGreaterThanOrEqual(3);
    expect(whole.report.dateOrder).toBe('DMY');
    // Cuts inside the quoted two-line notes leave the first half mid-record: the second half is dropped.
    expect(fellBack).toBeGreaterThan(0);
  });

  it('on an orders export whose orders, statuses, empty totals and refunds straddle the cut', async () => {
    // Shopify's layout: the total, the status and the refund on an order's first line only, its other lines empty
    // there; an order cut in two takes its total and status from the half before. Every 7th order is cancelled,
    // every 5th partly refunded; one line has no order total at all on a single-line order (rejected at the end).
    const lines = ['Name,Email,Financial Status,Total,Created at,Lineitem name,Refunded Amount'];
    for (let o = 0; o < 40; o++) {
      const status = o % 7 === 3 ? 'voided' : o % 5 === 1 ? 'partially_refunded' : 'paid';
      const total = o === 18 ? '' : `${20 + o}.50`;
      lines.push(`#${1000 + o},c${o % 9}@shop.vn,${status},${total},2024-0${1 + (o % 9)}-1${o % 10} 10:00:00 +0700,Item A,${o % 5 === 1 ? '3.00' : '0.00'}`);
      for (let k = 1; k <= o % 3; k++) lines.push(`#${1000 + o},c${o % 9}@shop.vn,,,2024-0${1 + (o % 9)}-1${o % 10} 10:00:00 +0700,Item ${k},`);
    }
    const { whole } = await expectEveryCutMatches(utf8(lines.join('\n') + '\n'), 'orders_export.csv');
    expect(whole.report.orderAmounts).toBe('total-on-one-line');
    expect(whole.report.excluded!.map((e) => e.status)).toEqual(['voided']);
    expect(whole.report.rejected.map((g) => [g.code, g.count])).toEqual([['missing-amount', 1]]);
    expect(refundedAmounts(whole.table)!.some((r) => r === 3)).toBe(true);
  });

  it('on an orders export whose item lines leave the customer and date to the order’s first line', async () => {
    // Item lines carry only the order name and the item; an item line cut from its order's first line takes the
    // customer and date from the half before. Order #1013's first line has no email: its items have none to take.
    const lines = ['Name,Email,Financial Status,Total,Created at,Lineitem name'];
    for (let o = 0; o < 30; o++) {
      lines.push(`#${1000 + o},${o === 13 ? '' : `c${o % 7}@shop.vn`},paid,${10 + o}.00,2024-0${1 + (o % 9)}-2${o % 8} 09:30:00 +0700,Item A`);
      for (let k = 1; k <= o % 3; k++) lines.push(`#${1000 + o},,,,,Item ${k}`);
    }
    const { whole } = await expectEveryCutMatches(utf8(lines.join('\n') + '\n'), 'orders_export.csv');
    // #1013 (1 + 13 % 3 = 2 lines) has no customer at all: both its lines are rejected for the empty email.
    expect(whole.report.rejected.map((g) => [g.code, g.count])).toEqual([['missing-customer', 2]]);
    // 30 orders of 1 + o % 3 lines: 60 rows, 58 accepted.
    expect(whole.report.rowsAccepted).toBe(60 - 2);
  });

  it('keeps the first 20 examples of a reason and the line numbers of the whole file', async () => {
    const lines = ['Customer,Date,Amount'];
    for (let i = 0; i < 120; i++) lines.push(i % 2 ? `C${i % 9},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i}.5` : `C${i},not a date,1`);
    const { whole } = await expectEveryCutMatches(utf8(lines.join('\r\n') + '\r\n'), 'dates.csv', {}, 7);
    const bad = whole.report.rejected.find((g) => g.code === 'bad-date')!;
    expect(bad.count).toBe(60);
    expect(bad.examples.map((e) => e.line)).toEqual(Array.from({ length: 20 }, (_, k) => 2 + 2 * k));
  });

  it('reports digit groups from the first 500 grouped cells only, as one pass does', async () => {
    // 610 prices grouped with apostrophes (1'234.50), then one with a comma: one pass never notes the comma.
    const lines = ['Customer,Date,Price,Qty'];
    for (let i = 0; i < 620; i++) lines.push(`C${i % 40},2024-02-01,${i === 610 ? '"1,234.50"' : `1'2${i % 10}4.50`},1`);
    const { whole } = await expectEveryCutMatches(utf8(lines.join('\n') + '\n'), 'groups.csv', {}, 41);
    expect(whole.report.amountFormat).toEqual({ decimal: '.', group: "'" });
  });

  it('on whitespace-aligned columns (CDNOW layout) and on Windows-1258 text', async () => {
    const cdnow = Array.from({ length: 40 }, (_, i) => `${String(1 + (i % 6)).padStart(5)} 1997${String(1 + (i % 12)).padStart(2, '0')}0${1 + (i % 9)}  ${1 + (i % 4)}  ${(12.5 + i).toFixed(2).padStart(8)}`).join('\n') + '\n';
    await expectEveryCutMatches(utf8(cdnow), 'cdnow.txt');
    // "Khách" with Windows-1258 bytes for á (0xE1): cells and names survive the cut.
    const text = ['Khach;Ngay;Tien', ...Array.from({ length: 30 }, (_, i) => `Kh\u00e1ch ${i % 4};0${1 + (i % 9)}/01/2024;${i}.000`)].join('\r\n') + '\r\n';
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const { whole } = await expectEveryCutMatches(bytes, 'vn.csv', { encoding: 'windows-1258' });
    expect(whole.table.customerIds).toContain('Khách 3');
  });
});

describe('when the second half fails', () => {
  it('reads it in this thread instead, with the same result', async () => {
    const bytes = utf8(shopFile());
    const { options, whole } = optionsOf(bytes, 'shop.csv');
    const broken: RunPart = () => ({ result: Promise.reject(new Error('worker crashed')), progress: () => ({ bytes: 0, rows: 0 }), cancel: () => {} });
    const split = await importInTwo(options, memorySource(bytes), cutsOf(bytes)[1], broken);
    expect({ table: split.table, report: split.report }).toEqual(whole);
  });
});

describe('findSplit', () => {
  const options = (encoding: string) => ({ encoding }) as ImportOptions;

  it('cuts a large file just after the first line feed past its middle', async () => {
    const line = utf8('C1,2024-01-01,12.50,"a note"\n');
    const bytes = new Uint8Array(Math.ceil(SPLIT_MIN_BYTES / line.length) * line.length);
    for (let at = 0; at < bytes.length; at += line.length) bytes.set(line, at);
    const split = (await findSplit(memorySource(bytes, 1 << 16), options('utf-8')))!;
    expect(bytes[split - 1]).toBe(10);
    expect(split).toBeGreaterThan(bytes.length / 2);
    expect(split - bytes.length / 2).toBeLessThanOrEqual(line.length);
    expect(await findSplit(memorySource(bytes, 1 << 16), options('utf-16le'))).toBeNull();
    expect(await findSplit(memorySource(bytes.subarray(0, SPLIT_MIN_BYTES - 1), 1 << 16), options('utf-8'))).toBeNull();
  });
});

describe('cancel while waiting for the second half', () => {
  it('throws ImportCancelled and stops the second half', async () => {
    const bytes = utf8(shopFile());
    const { options } = optionsOf(bytes, 'shop.csv');
    let stopped = 0;
    let cancel = false;
    const never: RunPart = () => ({ result: new Promise(() => {}), progress: () => ({ bytes: 0, rows: 0 }), cancel: () => void stopped++ });
    const cut = cutsOf(bytes)[1];
    const pending = importInTwo(options, memorySource(bytes), cut, never, { isCancelled: () => cancel });
    setTimeout(() => (cancel = true), 30);
    await expect(pending).rejects.toBeInstanceOf(ImportCancelled);
    expect(stopped).toBeGreaterThan(0);
  });
});
