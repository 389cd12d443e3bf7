/**
 * Text encodings: UTF-8 with and without BOM, UTF-16 (Excel "Unicode text"), the Windows code pages of old
 * Excel exports (1252 Western, 1258 Vietnamese, 874 Thai), and binary files that are no text at all.
 * Legacy bytes are written out by hand from the code page tables.
 */
import { describe, expect, it } from 'vitest';
import { ImportError, sniff } from '../../../src/core/import';
import { binaryKind, ChunkDecoder, DECODED_PIECE_BYTES, detectEncoding } from '../../../src/core/import/text-encoding';
import { ids, rowsOf, run, seeded, utf16be, utf16le, utf8 } from '../../fixtures/import/helpers';
import { charsText, type Chars } from '../../../src/core/import/chars';

const bytes = (...parts: (string | number[] | Uint8Array)[]) => new Uint8Array(parts.flatMap((p) => [...(typeof p === 'string' ? utf8(p) : p)]));

/** Windows-874 (TIS-620 plus): Thai U+0E01..U+0E5B sit at 0xA1..0xFB; ASCII as is. */
const thai874 = (text: string) =>
  Uint8Array.from(text, (ch) => {
    const c = ch.charCodeAt(0);
    if (c >= 0x0e01 && c <= 0x0e5b) return c - 0x0e01 + 0xa1;
    if (c >= 0x80) throw new Error(`not in this test's 874 table: ${ch}`);
    return c;
  });

// Windows-1258 bytes: Đ 0xD0, đ 0xF0, à 0xE0, â 0xE2, ê 0xEA, ô 0xF4, ơ 0xF5, ư 0xFD; tone marks are combining
// bytes after the vowel: 0xCC grave, 0xEC acute, 0xD2 hook above, 0xDE tilde, 0xF2 dot below.
const V = { DJ: 0xd0, dj: 0xf0, a_grave: 0xe0, a_circ: 0xe2, e_circ: 0xea, o_horn: 0xf5, u_horn: 0xfd, grave: 0xcc, acute: 0xec, hook: 0xd2, tilde: 0xde, dot: 0xf2 };

describe('UTF-8 and UTF-16', () => {
  const rows = 'customer;date;amount\nCafé Đà Nẵng;05/01/2024;12,50\nร้านกาแฟ;17/01/2024;7,25\n';
  const expected = [
    ['Café Đà Nẵng', '2024-01-05', 12.5, 2],
    ['ร้านกาแฟ', '2024-01-17', 7.25, 3],
  ];

  it('UTF-8 without a BOM', () => {
    const { table, sniff: s } = run(rows);
    expect(s.encoding).toBe('utf-8');
    expect(rowsOf(table)).toEqual(expected);
  });

  it('UTF-8 with a BOM: the BOM is not part of the first column name', () => {
    const { table, sniff: s, report } = run(bytes([0xef, 0xbb, 0xbf], rows));
    expect(s.encoding).toBe('utf-8');
    expect(report.header).toEqual(['customer', 'date', 'amount']);
    expect(s.mapping.customer).toBe(0);
    expect(rowsOf(table)).toEqual(expected);
  });

  it('UTF-16LE with a BOM and tabs, as Excel saves "Unicode text"', () => {
    const { table, sniff: s, report } = run(utf16le(rows.replace(/;/g, '\t')));
    expect(s).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', hasHeader: true });
    expect(report.header).toEqual(['customer', 'date', 'amount']);
    expect(rowsOf(table)).toEqual(expected);
  });

  it('UTF-16BE with a BOM', () => {
    const { table, sniff: s } = run(utf16be(rows));
    expect(s.encoding).toBe('utf-16be');
    expect(rowsOf(table)).toEqual(expected);
  });

  it('UTF-16 without a BOM, told by the zero bytes of ASCII characters', () => {
    const le = utf16le(rows).subarray(2);
    const be = utf16be(rows).subarray(2);
    expect(detectEncoding(le)).toEqual({ encoding: 'utf-16le', bom: false });
    expect(detectEncoding(be)).toEqual({ encoding: 'utf-16be', bom: false });
    expect(rowsOf(run(le).table)).toEqual(expected);
    expect(rowsOf(run(be).table)).toEqual(expected);
  });

  it('a UTF-8 head cut in the middle of a character is still UTF-8', () => {
    const all = utf8('customer,date,amount\nNguyễn,2024-01-05,1\n');
    const cut = all.subarray(0, all.indexOf(0xbb) + 1); // "ễ" is E1 BB 85: keep two of its three bytes
    expect(detectEncoding(cut).encoding).toBe('utf-8');
  });
});

describe('decoding a chunk in pieces', () => {
  // A chunk bigger than a piece, with a three-byte character (€) across the first piece boundary, a BOM inside the
  // text (files joined together) and one byte that is not UTF-8 (0xFF) in the second piece.
  const head = 'x'.repeat(DECODED_PIECE_BYTES - 1);
  const chunk = bytes(head, '€;', [0xef, 0xbb, 0xbf], 'C1;', [0xff], 'y'.repeat(DECODED_PIECE_BYTES), '\n');

  it('hands the reader every piece in order, none longer than a piece, with the same text as decoding at once', () => {
    const pieces: string[] = [];
    const decoder = new ChunkDecoder('utf-8');
    const reader = { push: (text: Chars) => pieces.push(charsText(text, 0, text.length)) };
    decoder.decodeInto(chunk, reader);
    decoder.flushInto(reader);
    expect(pieces.length).toBe(3);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(DECODED_PIECE_BYTES);
    expect(pieces[0]).toBe(head);
    expect(pieces.join('')).toBe(`${head}€;C1;\uFFFD${'y'.repeat(DECODED_PIECE_BYTES)}\n`);
    expect(decoder.replaced).toBe(1);
  });
});

describe('Windows code pages when the bytes are not UTF-8', () => {
  it('Windows-1252: "Café" with é = 0xE9, € = 0x80', () => {
    const file = bytes('customer;date;amount\nCaf', [0xe9], ';05/01/2024;', [0x80], '12,50\nCaf', [0xe9], ';17/01/2024;', [0x80], '7,25\n');
    const { table, sniff: s, report } = run(file);
    expect(s.encoding).toBe('windows-1252');
    expect(rowsOf(table)).toEqual([
      ['Café', '2024-01-05', 12.5, 2],
      ['Café', '2024-01-17', 7.25, 3],
    ]);
    expect(report.currency).toBe('EUR');
    expect(report.warnings).toEqual([]);
  });

  it('Windows-1258 Vietnamese: headers and names with Đ, â, ơ, ư and combining tone marks', () => {
    // "Mã khách hàng;Ngày;Thành tiền;Mã đơn" and rows for "Đà Nẵng" (Đ à N ă+tilde ng) and "Trương Thị Hồng".
    const header = bytes(
      'Ma', [V.tilde], ' kha', [V.acute], 'ch h', [V.a_grave], 'ng;Nga', [V.grave], 'y;Tha', [V.grave], 'nh ti', [V.e_circ, V.grave], 'n;Ma', [V.tilde], ' ', [V.dj], [V.o_horn], 'n\r\n',
    );
    const daNang = [V.DJ, V.a_grave, 0x20, 0x4e, 0xe3, V.tilde, 0x6e, 0x67];
    const truong = [...utf8('Tr'), V.u_horn, V.o_horn, ...utf8('ng Thi'), V.dot, ...utf8(' H'), 0xf4, V.grave, ...utf8('ng')];
    const file = bytes(header, daNang, ';05/01/2024;1.250.000;D1\r\n', truong, ';17/01/2024;300.000;D2\r\n', daNang, ';20/02/2024;-450.000;D3\r\n');
    const { table, sniff: s, report } = run(file);
    expect(s.encoding).toBe('windows-1258');
    // 1258 writes tones as combining marks; compare in composed form.
    expect(report.header.map((h) => h.normalize('NFC'))).toEqual(['Mã khách hàng', 'Ngày', 'Thành tiền', 'Mã đơn']);
    expect(s.mapping).toMatchObject({ customer: 0, date: 1, amount: 2, orderId: 3 });
    expect(rowsOf(table).map(([c, ...rest]) => [c.normalize('NFC'), ...rest])).toEqual([
      ['Đà Nẵng', '2024-01-05', 1250000, 2],
      ['Trương Thị Hồng', '2024-01-17', 300000, 3],
      ['Đà Nẵng', '2024-02-20', -450000, 4],
    ]);
    expect(table.customerIds).toHaveLength(2);
    expect(report.warnings).toEqual([]);
  });

  it('Windows-1258 "Đà" is 0xD0 0xE0 (in 1252 it would read "Ðà", with an Icelandic eth)', () => {
    const file = bytes('khach;ngay;tien\n', [V.DJ, V.a_grave], ';05/01/2024;100\nHo', [V.acute], 'a;13/01/2024;200\nNgo', [V.hook], 'c;14/01/2024;300\n');
    const { sniff: s, table } = run(file);
    expect(s.encoding).toBe('windows-1258');
    expect(ids(table).map((v) => v.normalize('NFC'))).toEqual(['Đà', 'Hóa', 'Ngỏc']);
  });

  it('Windows-874 Thai: headers and names', () => {
    const text =
      'รหัสลูกค้า,วันที่,ยอดขาย,สินค้า\n' +
      'สมชาย,05/01/2566,100.50,กาแฟ\n' +
      'นารี,17/01/2566,200,ชาเขียว\n' +
      'สมชาย,20/02/2566,300,ขนมปัง\n';
    const { table, sniff: s, report } = run(thai874(text));
    expect(s.encoding).toBe('windows-874');
    expect(report.header).toEqual(['รหัสลูกค้า', 'วันที่', 'ยอดขาย', 'สินค้า']);
    expect(s.mapping).toMatchObject({ customer: 0, date: 1, amount: 2, product: 3 });
    // Buddhist-era 2566 is 2023.
    expect(rowsOf(table)).toEqual([
      ['สมชาย', '2023-01-05', 100.5, 2],
      ['นารี', '2023-01-17', 200, 3],
      ['สมชาย', '2023-02-20', 300, 4],
    ]);
    expect(table.productNames).toEqual(['กาแฟ', 'ชาเขียว', 'ขนมปัง']);
  });

  it('Thai text full of า (0xD2) and ร (0xC3) is not mistaken for Vietnamese tone marks', () => {
    const text = 'ลูกค้า,วันที่,ราคา\nร้านอาหารบ้านนา,2023-01-05,120\nการค้าราชา,2023-01-06,90\nนารา,2023-01-07,30\n';
    expect(detectEncoding(thai874(text)).encoding).toBe('windows-874');
  });

  it('a text with one stray byte that is not UTF-8 is read as Windows-1252, never garbled', () => {
    const file = bytes('customer,date,amount\nJos', [0xe9], ',2024-01-05,10\nAnn,2024-01-06,20\n');
    const { table, sniff: s, report } = run(file);
    expect(s.encoding).toBe('windows-1252');
    expect(ids(table)).toEqual(['José', 'Ann']);
    expect(report.warnings).toEqual([]);
  });

  it('bytes that are not UTF-8 after the sniffed head show as � and are counted in a warning', () => {
    const head = 'customer,date,amount\n' + 'A,2024-01-05,1\n'.repeat(80_000); // 1.2 MB of ASCII: past the 1 MiB head
    const file = bytes(head, 'Jos', [0xe9], ',2024-01-06,2\nZo', [0xeb], ',2024-01-07,3\n');
    const { table, sniff: s, report } = run(file);
    expect(s.encoding).toBe('utf-8');
    expect(report.warnings.map((w) => w.text)).toEqual(['2 characters could not be read as UTF-8 and show as �.']);
    // Customer ids with � could be two different ids read alike: their rows are refused with their lines (they used
    // to be kept as "Jos�" and "Zo�", which would have merged "José" and "Josè").
    expect(table.customerIds).toEqual(['A']);
    expect(report.rejected.map((g) => [g.code, g.examples.map((e) => e.line)])).toEqual([['undecodable-customer', [80_002, 80_003]]]);
  });
});

describe('files that are not text', () => {
  const problem = (file: Uint8Array) => sniff(file, 'file.csv', file.length).problem;
  const random = seeded(1);
  const noise = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256));

  it.each([
    ['random bytes', 'binary', noise, 'This file is not text (it contains binary data), so it cannot be read as a CSV export.'],
    ['a PNG image', 'image', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR'), 'This is an image, not a data file. Export the orders from your shop system as CSV instead.'],
    ['a JPEG image', 'image', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'), 'This is an image, not a data file. Export the orders from your shop system as CSV instead.'],
    ['an Excel workbook', 'xlsx', bytes('PK', [0x03, 0x04, 0x14, 0, 0x06, 0], '[Content_Types].xml'), 'This is an Excel workbook (.xlsx), not a text file. In Excel choose File › Save As › CSV, then open the CSV here.'],
    ['an old Excel workbook', 'xls', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'This is an old Excel workbook (.xls), not a text file. In Excel choose File › Save As › CSV, then open the CSV here.'],
    ['a PDF', 'pdf', bytes('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3]), 'This is a PDF document, not a data file. Export the orders from your shop system as CSV instead.'],
    ['text with NUL bytes', 'binary', bytes('customer,date,amount\nA,2024-01-05,1', [0], '\n'), 'This file is not text (it contains binary data), so it cannot be read as a CSV export.'],
  ])('%s gets one clear problem, and importing it throws it', (_, code, file, message) => {
    expect(problem(file)).toBe(message);
    expect(() => run(file)).toThrow(new ImportError(code, message));
  });

  it('a few control characters in a text do not make it binary; many do', () => {
    const text = 'customer,date,amount\n' + 'A,2024-01-05,1\n'.repeat(20);
    expect(binaryKind(utf8(text + '\x07'), 'utf-8')).toBeNull();
    expect(binaryKind(utf8(text + '\x07'.repeat(20)), 'utf-8')).toBe('binary');
    expect(binaryKind(utf16le(text), 'utf-16le')).toBeNull();
  });
});
