/**
 * The import engine end to end on small hand-written inputs: every format the issue lists, broken inputs, and
 * chunk boundaries. Expected values are worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { createImporter, importBytes, ImportError, sniff, type ImportOptions } from '../../../src/core/import';
import { dayToIso } from '../../../src/core/figures/dates';
import type { ImportReport, TransactionTable } from '../../../src/core/types';

const utf8 = (s: string) => new TextEncoder().encode(s);
const run = (text: string | Uint8Array, overrides: Partial<ImportOptions> = {}) =>
  importBytes(typeof text === 'string' ? utf8(text) : text, 'test.csv', overrides);
const dates = (t: TransactionTable) => Array.from(t.day, dayToIso);
const amounts = (t: TransactionTable) => Array.from(t.amount);
const ids = (t: TransactionTable) => Array.from(t.customer, (c) => t.customerIds[c]);
const counts = (r: ImportReport) => Object.fromEntries(r.rejected.map((g) => [g.code, g.count]));

function balanced(r: ImportReport) {
  expect(r.rowsRead).toBe(r.rowsAccepted + r.rowsRejected);
}

describe('delimiters and quoting', () => {
  it.each([
    [',', 'customer,date,amount\nA,2024-01-05,10\nB,2024-01-06,20\n'],
    [';', 'customer;date;amount\nA;2024-01-05;10\nB;2024-01-06;20\n'],
    ['\t', 'customer\tdate\tamount\nA\t2024-01-05\t10\nB\t2024-01-06\t20\n'],
    ['|', 'customer|date|amount\nA|2024-01-05|10\nB|2024-01-06|20\n'],
    ['whitespace', '  customer   date        amount\n  A          2024-01-05  10\n  B          2024-01-06  20\n'],
  ])('reads %j-delimited files', (delimiter, text) => {
    const { table, report, sniff: s } = run(text);
    expect(s.delimiter).toBe(delimiter);
    expect(ids(table)).toEqual(['A', 'B']);
    expect(dates(table)).toEqual(['2024-01-05', '2024-01-06']);
    expect(amounts(table)).toEqual([10, 20]);
    expect(report.rowsAccepted).toBe(2);
  });

  it('keeps delimiters, doubled quotes and line breaks inside quoted fields, and numbers lines from the record start', () => {
    const text = 'customer,date,amount,product\n"A, Ltd",2024-01-05,10,"say ""hi"""\nB,2024-01-06,20,"two\nlines"\nC,2024-01-07,x,plain\n';
    const { table, report } = run(text, { mapping: { customer: 0, date: 1, amount: 2, product: 3, quantity: null, unitPrice: null, orderId: null, channel: null, cost: null, margin: null } });
    expect(ids(table)).toEqual(['A, Ltd', 'B']);
    expect(table.productNames).toEqual(['say "hi"', 'two\nlines']);
    expect(Array.from(table.line)).toEqual([2, 3]);
    // C starts on physical line 5: the quoted field of line 3 spans two lines.
    expect(report.rejected[0]).toMatchObject({ code: 'bad-amount', count: 1, examples: [{ line: 5, text: 'C,2024-01-07,x,plain' }] });
  });

  it('reads CRLF, LF and lone CR line endings alike', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const { table, report } = run(['customer,date,amount', 'A,2024-01-05,10', 'B,2024-01-06,20'].join(eol) + eol);
      expect(ids(table)).toEqual(['A', 'B']);
      expect(Array.from(table.line)).toEqual([2, 3]);
      expect(report.blankLines).toBe(0);
    }
  });
});

describe('encodings', () => {
  const rows = 'customer;date;amount\nCafé;05/01/2024;12,50\nCafé;17/01/2024;7,25\n';

  it('UTF-8 with a BOM, UTF-16 LE and BE with BOMs (Excel "Unicode text")', () => {
    const bom8 = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(rows)]);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows.replace(/;/g, '\t'), 'utf16le')]);
    const be = Buffer.from(le);
    for (let i = 2; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    be[0] = 0xfe;
    be[1] = 0xff;
    for (const [bytes, encoding] of [[bom8, 'utf-8'], [new Uint8Array(le), 'utf-16le'], [new Uint8Array(be), 'utf-16be']] as const) {
      const { table, sniff: s, report } = run(bytes);
      expect(s.encoding).toBe(encoding);
      expect(table.customerIds).toEqual(['Café']);
      expect(amounts(table)).toEqual([12.5, 7.25]);
      expect(report.header[0]).toBe('customer');
    }
  });

  it('Windows-1252 when the bytes are not UTF-8 (é = 0xE9)', () => {
    const bytes = Uint8Array.from(rows, (ch) => (ch === 'é' ? 0xe9 : ch.charCodeAt(0)));
    const { table, sniff: s } = run(bytes);
    expect(s.encoding).toBe('windows-1252');
    expect(table.customerIds).toEqual(['Café']);
  });

  it('Windows-1258 Vietnamese, told from 1252 by its tone marks', () => {
    // "Đà Nẵng" in 1258: Đ=0xD0 a + grave 0xCC ... written with combining tone bytes after the vowel.
    const line = (name: number[], d: string) => [...name, ...utf8(`;${d};100\n`)];
    const daNang = [0xd0, 0x61, 0xcc, 0x20, 0x4e, 0xe3, 0xde, 0x6e, 0x67]; // Đà Nẵng: ă = 0xE3, tilde = 0xDE
    const hoa = [0x48, 0x6f, 0xec, 0x61]; // Hóa (acute 0xEC after o)
    const bytes = new Uint8Array([...utf8('khach;ngay;tien\n'), ...line(daNang, '05/01/2024'), ...line(hoa, '06/01/2024'), ...line(daNang, '07/01/2024')]);
    const { table, sniff: s } = run(bytes);
    expect(s.encoding).toBe('windows-1258');
    expect(table.customerIds.map((v) => v.normalize('NFC'))).toEqual(['Đà Nẵng', 'Hóa']);
  });

  it('binary files, empty files and header-only files get one clear problem', () => {
    expect(sniff(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'a.png', 10).problem).toMatch(/image/);
    expect(sniff(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'a.xlsx', 7).problem).toMatch(/Excel/);
    let seed = 7;
    const noise = Uint8Array.from({ length: 4096 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24));
    expect(sniff(noise, 'noise.csv', noise.length).problem).toMatch(/not text|binary/);
    expect(sniff(new Uint8Array(0), 'empty.csv', 0).problem).toMatch(/empty/);
    expect(sniff(utf8('customer,date,amount\n'), 'h.csv', 21).problem).toMatch(/header line but no data/);
    expect(() => run('')).toThrow(ImportError);
  });
});

describe('dates', () => {
  const one = (value: string, overrides: Partial<ImportOptions> = {}) => {
    const { table, report } = run(`customer,date,amount\nA,${value},1\n`, overrides);
    return { day: table.length ? dayToIso(table.day[0]) : null, report };
  };

  it.each([
    ['2023-04-05', '2023-04-05'],
    ['2023-04-05 14:30:00', '2023-04-05'],
    ['2023-04-05T23:59:59Z', '2023-04-05'],
    ['2023/04/05', '2023-04-05'],
    ['20230405', '2023-04-05'],
    ['25/12/2023', '2023-12-25'],
    ['12/25/2023', '2023-12-25'],
    ['25.12.2023', '2023-12-25'],
    ['25-12-23', '2023-12-25'],
    ['05 Jan 2024', '2024-01-05'],
    ['Jan 5 2024', '2024-01-05'],
    ['25/12/2566', '2023-12-25'],
    ['2566-12-25', '2023-12-25'],
  ])('%s → %s', (value, iso) => {
    expect(one(value).day).toBe(iso);
  });

  it('rejects impossible dates with the column name', () => {
    const { table, report } = run('customer,date,amount\nA,31/02/2024,1\nB,13/13/2024,1\nC,soon,1\nD,,1\nE,2024-02-29,1\n');
    expect(dates(table)).toEqual(['2024-02-29']);
    expect(counts(report)).toEqual({ 'bad-date': 3, 'missing-date': 1 });
    expect(report.rejected.find((g) => g.code === 'bad-date')?.reason).toBe('Date not recognised (column "date")');
    balanced(report);
  });

  it('decides day/month order per column: one late day above 12 decides for every row', () => {
    const { table, report } = run('customer,date,amount\nA,01/02/2024,1\nB,03/04/2024,1\nC,25/04/2024,1\n');
    expect(report.dateOrder).toBe('DMY');
    expect(dates(table)).toEqual(['2024-02-01', '2024-04-03', '2024-04-25']);
    const us = run('customer,date,amount\nA,01/02/2024,1\nB,04/25/2024,1\n');
    expect(us.report.dateOrder).toBe('MDY');
    expect(dates(us.table)).toEqual(['2024-01-02', '2024-04-25']);
  });

  it('uses the chosen order when every date is ambiguous, and says so', () => {
    const text = 'customer,date,amount\nA,01/02/2024,1\nB,03/04/2024,1\n';
    expect(sniff(utf8(text), 'a.csv', text.length)).toMatchObject({ dateOrder: null, dateOrderAmbiguous: true });
    const mdy = run(text, { dateOrderFallback: 'MDY' });
    expect(dates(mdy.table)).toEqual(['2024-01-02', '2024-03-04']);
    expect(mdy.report.warnings.join(' ')).toMatch(/MM\/DD\/YYYY/);
  });

  it('rejects the minority when a column mixes orders', () => {
    const { table, report } = run('customer,date,amount\nA,25/01/2024,1\nB,26/01/2024,1\nC,01/27/2024,1\n');
    expect(ids(table)).toEqual(['A', 'B']);
    expect(report.rejected).toEqual([
      { code: 'date-order-mismatch', reason: 'Date does not fit the day/month order of the rest of column "date"', count: 1, examples: [{ line: 4, text: 'C,01/27/2024,1' }] },
    ]);
  });
});

describe('amounts', () => {
  const column = (values: string[], delimiter = ';') => {
    const text = `customer${delimiter}date${delimiter}amount\n` + values.map((v, i) => `C${i}${delimiter}2024-01-0${(i % 9) + 1}${delimiter}${v}`).join('\n');
    return run(text);
  };

  it.each([
    [['1234.56', '7.5'], [1234.56, 7.5], { decimal: '.', group: '' }],
    [['1,234.56', '12.5'], [1234.56, 12.5], { decimal: '.', group: ',' }],
    [['1.234,56', '12,5'], [1234.56, 12.5], { decimal: ',', group: '.' }],
    [['1.250.000 ₫', '300.000 ₫', '-300.000 ₫'], [1250000, 300000, -300000], { decimal: ',', group: '.' }],
    [['1 234,56', '1\u00a0000,5', '2\u202f000,25'], [1234.56, 1000.5, 2000.25], { decimal: ',', group: ' ' }],
    [["1'234.50", '10.05'], [1234.5, 10.05], { decimal: '.', group: "'" }],
    [['$12.50', 'US$ 3.25', '£4', '€5.5', '฿100', '100 บาท', 'VND 1000000'], [12.5, 3.25, 4, 5.5, 100, 100, 1000000], { decimal: '.', group: '' }],
    [['-12', '12-', '(12.50)', '\u221212', '0'], [-12, -12, -12.5, -12, 0], { decimal: '.', group: '' }],
  ] as const)('%j', (values, expected, format) => {
    const { table, report } = column([...values]);
    expect(amounts(table)).toEqual(expected);
    if (values[0] !== '$12.50') expect(report.amountFormat).toEqual(format);
  });

  it('decides the decimal mark from the whole column, not from each cell', () => {
    // "1,250" alone could be 1.25 or 1250; "1,5" later in the column proves a decimal comma.
    const { table } = column(['1,250', '3,000', '1,5']);
    expect(amounts(table)).toEqual([1.25, 3, 1.5]);
    // Without such proof, a lone separator before three digits groups thousands.
    expect(amounts(column(['1,250', '3,000']).table)).toEqual([1250, 3000]);
  });

  it('counts refunds and zero amounts as accepted rows', () => {
    const { report, table } = column(['10', '-4', '0']);
    expect(report.rowsAccepted).toBe(3);
    expect(amounts(table)).toEqual([10, -4, 0]);
  });

  it('multiplies quantity by unit price exactly (6 × 2.55 = 15.3)', () => {
    const { table, sniff: s } = run('InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,6,2010-12-01 08:26:00,2.55,17850\n2,-2,2010-12-01 09:00:00,1.1,17850\n');
    expect(s.mapping).toMatchObject({ amount: null, quantity: 1, unitPrice: 3, customer: 4, date: 2, orderId: 0 });
    expect(amounts(table)).toEqual([15.3, -2.2]);
  });
});

describe('broken inputs and accounting', () => {
  it('rejects an unclosed quote on its line and reads the lines after it', () => {
    const { table, report } = run('customer,date,amount\nA,2024-01-05,10\n"B,2024-01-06,20\nC,2024-01-07,30\n');
    expect(ids(table)).toEqual(['A', 'C']);
    expect(report.rejected).toEqual([
      { code: 'unclosed-quote', reason: 'A quote (") opened on this line is never closed', count: 1, examples: [{ line: 3, text: '"B,2024-01-06,20' }] },
    ]);
    balanced(report);
  });

  it('rejects short rows, accepts long ones with a warning, and counts blank lines apart', () => {
    const { table, report } = run('customer,date,amount\nA,2024-01-05\n\nB,2024-01-06,20,extra\n  \nC,2024-01-07,30\n');
    expect(ids(table)).toEqual(['B', 'C']);
    expect(counts(report)).toEqual({ 'too-few-fields': 1 });
    expect(report.blankLines).toBe(2);
    expect(report.rowsRead).toBe(3);
    expect(report.warnings.join(' ')).toMatch(/more fields than the header \(first on line 4\)/);
  });

  it('groups rejections by reason with line numbers, original text and at most 20 examples', () => {
    const lines = ['customer,date,amount'];
    for (let i = 0; i < 30; i++) lines.push(`,2024-01-05,${i}`);
    lines.push('A,2024-01-05,ten', 'B,2024-01-05,', 'C,2024-01-05,5');
    const { report } = run(lines.join('\n'));
    expect(counts(report)).toEqual({ 'missing-customer': 30, 'bad-amount': 1, 'missing-amount': 1 });
    const missing = report.rejected.find((g) => g.code === 'missing-customer')!;
    expect(missing.examples).toHaveLength(20);
    expect(missing.examples[0]).toEqual({ line: 2, text: ',2024-01-05,0' });
    expect(report.rowsAccepted).toBe(1);
    balanced(report);
  });
});

describe('streaming', () => {
  const text =
    'Mã khách hàng;Ngày;Thành tiền;Ghi chú\r\n' +
    'KH01;05/01/2024;1.250.000 ₫;"có ""dấu"" ;\r\nvà xuống dòng"\r\n' +
    'KH02;17/01/2024;300.000 ₫;ổn\r\n' +
    ';18/01/2024;1 ₫;thiếu khách\r\n' +
    'KH01;20/02/2024;-450.000 ₫;"hoàn tiền"\r\n';

  function pushInChunks(bytes: Uint8Array, sizes: () => number) {
    const whole = importBytes(bytes, 'x.csv');
    const importer = createImporter({ fileName: 'x.csv', totalBytes: bytes.length, encoding: whole.sniff.encoding, delimiter: whole.sniff.delimiter, hasHeader: whole.sniff.hasHeader, mapping: whole.sniff.mapping });
    for (let at = 0; at < bytes.length; ) {
      const n = Math.max(1, sizes());
      importer.push(bytes.subarray(at, at + n));
      at += n;
    }
    return { whole, parts: importer.finish() };
  }

  it('gives the same table and report whatever the chunk boundaries (1 byte, random sizes; UTF-8 and UTF-16)', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) % 7) + 1;
    const le = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    for (const bytes of [utf8(text), le]) {
      for (const sizes of [() => 1, random]) {
        const { whole, parts } = pushInChunks(bytes, sizes);
        expect(parts.table).toEqual(whole.table);
        expect(parts.report).toEqual(whole.report);
      }
    }
    const { table, report } = importBytes(utf8(text), 'x.csv');
    expect(ids(table)).toEqual(['KH01', 'KH02', 'KH01']);
    expect(amounts(table)).toEqual([1250000, 300000, -450000]);
    expect(Array.from(table.line)).toEqual([2, 4, 6]);
    expect(report.rejected[0]).toMatchObject({ code: 'missing-customer', examples: [{ line: 5 }] });
    expect(report.currency).toBe('VND');
  });
});

describe('column roles from header names', () => {
  it.each([
    ['Customer ID,Order Date,Total', { customer: 0, date: 1, amount: 2 }],
    ['Mã đơn;Mã khách hàng;Ngày;Thành tiền', { orderId: 0, customer: 1, date: 2, amount: 3 }],
    ['รหัสลูกค้า,วันที่,ยอดขาย,ช่องทาง', { customer: 0, date: 1, amount: 2, channel: 3 }],
    ['Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country', { orderId: 0, product: 1, quantity: 3, date: 4, unitPrice: 5, customer: 6, amount: null }],
  ])('%s', (header, expected) => {
    const delimiter = header.includes(';') ? ';' : ',';
    const width = header.split(delimiter).length;
    const row = Array.from({ length: width }, (_, i) => (i === (expected.date as number) ? '2024-01-05' : i === (expected.customer as number) ? 'K1' : '3')).join(delimiter);
    const text = `${header}\n${row}\n${row}\n`;
    expect(sniff(utf8(text), 'x.csv', text.length).mapping).toMatchObject(expected);
  });
});
