/**
 * Chunk boundaries: the app feeds the importer file slices cut anywhere — inside a UTF-8 or UTF-16 character,
 * between CR and LF, inside or right after a quote. The same bytes must give the same table and report whatever
 * the cuts.
 */
import { describe, expect, it } from 'vitest';
import { importBytes, type ImportOptions } from '../../../src/core/import';
import { amounts, importInChunks, importThroughOneBuffer, rejectCounts, rowsOf, seeded, utf16be, utf16le, utf8 } from '../../fixtures/import/helpers';

/** Vietnamese shop export: CRLF, semicolons, quotes with "" and line breaks, VND amounts, rejects, blank lines. */
const SHOP =
  'Mã khách hàng;Ngày;Thành tiền;Ghi chú\r\n' +
  'KH01;05/01/2024;1.250.000 ₫;"có ""dấu"" ;\r\nvà xuống dòng"\r\n' +
  'KH02;17/01/2024;300.000 ₫;ổn\r\n' +
  '\r\n' +
  ';18/01/2024;1 ₫;thiếu khách\r\n' +
  'KH03 ; 02/02/2024 ; 45.500 ₫ ; "  "\r\n' +
  'KH01;20/02/2024;-450.000 ₫;"hoàn tiền"  \r\n' +
  'KH04;31/13/2024;10 ₫;sai ngày\r\n' +
  '"KH05;21/02/2024;5 ₫;mở ngoặc\r\n' +
  'Nguyễn Văn Ánh;22/02/2024;(12.000 ₫);"🙂 emoji, 4 bytes"\r\n' +
  'KH02;23/02/2024;0 ₫;\r';

const EXPECTED_ROWS = [
  ['KH01', '2024-01-05', 1250000, 2],
  ['KH02', '2024-01-17', 300000, 4],
  ['KH03', '2024-02-02', 45500, 7],
  ['KH01', '2024-02-20', -450000, 8],
  ['Nguyễn Văn Ánh', '2024-02-22', -12000, 11],
  ['KH02', '2024-02-23', 0, 12],
];

function optionsFor(bytes: Uint8Array): { options: ImportOptions; whole: ReturnType<typeof importBytes> } {
  const whole = importBytes(bytes, 'shop.csv');
  const s = whole.sniff;
  const options = { fileName: 'shop.csv', totalBytes: bytes.length, encoding: s.encoding, delimiter: s.delimiter, hasHeader: s.hasHeader, mapping: s.mapping, dateOrderFallback: s.dateOrder ?? 'DMY' };
  return { options, whole };
}

describe.each([
  ['UTF-8', utf8(SHOP)],
  ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SHOP)])],
  ['UTF-16LE', utf16le(SHOP)],
  ['UTF-16BE', utf16be(SHOP)],
])('%s', (_, bytes) => {
  const { options, whole } = optionsFor(bytes);

  it('reads the file as worked out by hand', () => {
    expect(rowsOf(whole.table)).toEqual(EXPECTED_ROWS);
    expect(rejectCounts(whole.report)).toEqual({ 'missing-customer': 1, 'bad-date': 1, 'unclosed-quote': 1 });
    expect(Object.fromEntries(whole.report.rejected.map((g) => [g.code, g.examples.map((e) => e.line)]))).toEqual({ 'missing-customer': [6], 'bad-date': [9], 'unclosed-quote': [10] });
    expect(whole.report).toMatchObject({ rowsRead: 9, rowsAccepted: 6, rowsRejected: 3, blankLines: 1, currency: 'VND', dateOrder: 'DMY' });
  });

  it('gives the same table and report pushed one byte at a time', () => {
    expect(importInChunks(bytes, options, () => 1)).toEqual({ table: whole.table, report: whole.report });
  });

  it('gives the same table and report in random chunk sizes (seeded)', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const random = seeded(seed);
      expect(importInChunks(bytes, options, () => 1 + random() * 13), `seed ${seed}`).toEqual({ table: whole.table, report: whole.report });
    }
  });

  it('gives the same table and report when every chunk comes in one buffer, overwritten after each push', () => {
    for (const seed of [21, 22, 23, 24]) {
      const random = seeded(seed);
      expect(importThroughOneBuffer(bytes, options, () => 1 + random() * 40), `seed ${seed}`).toEqual({ table: whole.table, report: whole.report });
    }
  });

  it('gives the same table and report cut in two at every byte', () => {
    for (let cut = 1; cut < bytes.length; cut++) {
      const sizes = [cut, bytes.length - cut];
      expect(importInChunks(bytes, options, () => sizes.shift()!), `cut at ${cut}`).toEqual({ table: whole.table, report: whole.report });
    }
  });
});

describe('a longer file in larger random chunks', () => {
  it('gives the same result as one push, and the expected totals', () => {
    const random = seeded(99);
    const lines = ['InvoiceNo,Description,Quantity,InvoiceDate,UnitPrice,CustomerID'];
    let expectedCents = 0;
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const quantity = 1 + Math.floor(random() * 20);
      const cents = 1 + Math.floor(random() * 999);
      const customer = i % 7 === 3 ? '' : String(12000 + Math.floor(random() * 500));
      const description = i % 5 === 0 ? `"LINE ${i}, WITH ""QUOTES""\r\nAND A BREAK"` : `PLAIN ${i}`;
      // A row without a customer is an invoice of its own (a whole invoice without a customer, as in Online Retail).
      lines.push(`${customer ? 500000 + Math.floor(i / 4) : 600000 + i},${description},${quantity},2011-0${1 + (i % 9)}-1${i % 10} 08:26:00,${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')},${customer}`);
      if (customer) {
        expectedCents += quantity * cents;
        accepted++;
      }
    }
    const bytes = utf8(lines.join('\r\n') + '\r\n');
    const { options, whole } = optionsFor(bytes);
    expect(whole.report).toMatchObject({ rowsRead: 20_000, rowsAccepted: accepted, rowsRejected: 20_000 - accepted });
    const total = amounts(whole.table).reduce((a, b) => a + b, 0);
    expect(Math.round(total * 100)).toBe(expectedCents);
    // Lines: 20,000 rows, every fifth spanning two physical lines; the last row (i = 19,999) starts on line 24,001.
    expect(whole.table.line[whole.table.length - 1]).toBe(24_001);
    for (const seed of [11, 12]) {
      const r = seeded(seed);
      expect(importInChunks(bytes, options, () => 1 + r() * 65_536), `seed ${seed}`).toEqual({ table: whole.table, report: whole.report });
    }
  });
});

describe('a chunk is not read after it was pushed', () => {
  // One row a chunk, each written over the last in the same buffer: a customer or a date compared with the previous
  // row's cell where that cell was read would find the new row's own characters there, and take C2 for C1.
  const rows = ['customer,date,amount', 'C1,2024-01-01,5', 'C2,2024-01-02,6', 'C2,2024-01-02,7', 'C3,2024-01-01,8'];
  const bytes = utf8(rows.map((r) => `${r}\n`).join(''));
  const { options } = optionsFor(bytes);

  it('keeps each row’s customer and date apart from the row before', () => {
    const sizes = rows.map((r) => r.length + 1);
    const { table } = importThroughOneBuffer(bytes, options, () => sizes.shift()!);
    expect(rowsOf(table)).toEqual([
      ['C1', '2024-01-01', 5, 2],
      ['C2', '2024-01-02', 6, 3],
      ['C2', '2024-01-02', 7, 4],
      ['C3', '2024-01-01', 8, 5],
    ]);
    expect(table.customerIds).toEqual(['C1', 'C2', 'C3']);
  });
});
