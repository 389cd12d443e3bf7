/**
 * Amount cells (every way people write money, and what is refused), the per-column decision of the decimal mark,
 * currencies, refunds and quantity × unit price.
 */
import { describe, expect, it } from 'vitest';
import { datasetFigures } from '../../../src/core/figures';
import { cellExtras, NumberFit, readNumberCell } from '../../../src/core/import/numbers';
import { amounts, mapping, rejectCounts, rowsOf, run } from '../../fixtures/import/helpers';
import { charsOf } from '../../../src/core/import/chars';

/** [fit, value with '.' as decimal mark, value with ','] of one cell (NaN where a reading is impossible). */
function cell(text: string): [NumberFit, number, number] {
  const out = new Float64Array(2);
  const fit = readNumberCell(charsOf(text), 0, text.length, out);
  return fit <= NumberFit.Invalid ? [fit, NaN, NaN] : [fit, out[0], out[1]];
}

/** A semicolon file with one amount per row (semicolons, so that commas stay inside the amounts). */
const amountFile = (values: string[], header = 'customer;date;amount') =>
  `${header}\n` + values.map((v, i) => `C${i};2024-01-${String((i % 28) + 1).padStart(2, '0')};${v}`).join('\n') + '\n';

describe('amount cells', () => {
  it.each([
    // [text, fit, with '.', with ',']
    ['1234', NumberFit.Same, 1234, 1234],
    ['1234.56', NumberFit.DotOnly, 1234.56, NaN],
    ['1234,56', NumberFit.CommaOnly, NaN, 1234.56],
    ['1,234.56', NumberFit.DotOnly, 1234.56, NaN],
    ['1.234,56', NumberFit.CommaOnly, NaN, 1234.56],
    ['1,234,567.89', NumberFit.DotOnly, 1234567.89, NaN],
    ['1.234.567,89', NumberFit.CommaOnly, NaN, 1234567.89],
    ['1.250.000', NumberFit.CommaOnly, NaN, 1250000],
    ['1,250,000', NumberFit.DotOnly, 1250000, NaN],
    // One separator before exactly three digits: a decimal or a digit group, the column will tell.
    ['1.250', NumberFit.Either, 1.25, 1250],
    ['1,250', NumberFit.Either, 1250, 1.25],
    ['12,5', NumberFit.CommaOnly, NaN, 12.5],
    ['1234,567', NumberFit.CommaOnly, NaN, 1234.567], // four digits cannot lead a group
    ['0,500', NumberFit.CommaOnly, NaN, 0.5], // neither can a lone 0
    ['0.500', NumberFit.DotOnly, 0.5, NaN],
    ['.5', NumberFit.DotOnly, 0.5, NaN],
    [',75', NumberFit.CommaOnly, NaN, 0.75],
    // Spaces and apostrophes group digits (also no-break, narrow no-break and thin spaces).
    ['1 234,56', NumberFit.CommaOnly, NaN, 1234.56],
    ['1 234.56', NumberFit.DotOnly, 1234.56, NaN],
    ['1\u00a0234,56', NumberFit.CommaOnly, NaN, 1234.56],
    ['1\u202f234,56', NumberFit.CommaOnly, NaN, 1234.56],
    ['1\u2009234,56', NumberFit.CommaOnly, NaN, 1234.56],
    ['1 234 567', NumberFit.Same, 1234567, 1234567],
    ["1'234.50", NumberFit.DotOnly, 1234.5, NaN],
    ["1'234'567", NumberFit.Same, 1234567, 1234567],
    // Currency signs and codes before or after, with or without a space.
    ['$12.50', NumberFit.DotOnly, 12.5, NaN],
    ['US$ 3.25', NumberFit.DotOnly, 3.25, NaN],
    ['£4', NumberFit.Same, 4, 4],
    ['€5,5', NumberFit.CommaOnly, NaN, 5.5],
    ['5,50 €', NumberFit.CommaOnly, NaN, 5.5],
    ['฿100', NumberFit.Same, 100, 100],
    ['100 บาท', NumberFit.Same, 100, 100],
    ['100THB', NumberFit.Same, 100, 100],
    ['VND 1000000', NumberFit.Same, 1000000, 1000000],
    ['150.000đ', NumberFit.Either, 150, 150000],
    ['1.250.000 ₫', NumberFit.CommaOnly, NaN, 1250000],
    ['2.000.000 VNĐ', NumberFit.CommaOnly, NaN, 2000000],
    // Negatives: leading or trailing minus, parentheses, the Unicode minus sign; an explicit plus.
    ['-12', NumberFit.Same, -12, -12],
    ['12-', NumberFit.Same, -12, -12],
    ['(12.50)', NumberFit.DotOnly, -12.5, NaN],
    ['\u221212', NumberFit.Same, -12, -12],
    ['- 12', NumberFit.Same, -12, -12],
    ['-$1,234.50', NumberFit.DotOnly, -1234.5, NaN],
    ['(300.000 ₫)', NumberFit.Either, -300, -300000],
    ['+5', NumberFit.Same, 5, 5],
    ['0', NumberFit.Same, 0, 0],
    ['12%', NumberFit.Same, 12, 12],
    ['  42  ', NumberFit.Same, 42, 42],
  ] as const)('%j', (text, fit, dot, comma) => {
    expect(cell(text)).toEqual([fit, dot, comma]);
  });

  it.each(['abc', '12abc', 'N/A', '--', '$', '1.2.3', '1,2,3', '12 34', '12,34.5', '1.234 567', '(12.50', '12.50)', '12 EURO', '1e5', '0x1F', '12..5'])(
    '%j is not a number',
    (text) => {
      expect(cell(text)[0]).toBe(NumberFit.Invalid);
    },
  );

  it.each(['', '   ', '\u00a0'])('%j is empty', (text) => {
    expect(cell(text)[0]).toBe(NumberFit.Empty);
  });

  it.each([
    ['₫ 1', 'VND'], ['đ1', 'VND'], ['1 VND', 'VND'], ['1 vnd', 'VND'], ['฿1', 'THB'], ['1 บาท', 'THB'], ['THB 1', 'THB'],
    ['$1', 'USD'], ['US$1', 'USD'], ['£1', 'GBP'], ['€1', 'EUR'], ['1 EUR', 'EUR'], ['1', null],
  ])('%j names the currency %s', (text, code) => {
    cell(text);
    expect(cellExtras.currency).toBe(code);
  });
});

describe('decimal mark per column', () => {
  it.each([
    [['1234.56', '7.5'], [1234.56, 7.5], { decimal: '.', group: '' }],
    [['1,234.56', '12.5', '3'], [1234.56, 12.5, 3], { decimal: '.', group: ',' }],
    [['1.234,56', '12,5', '3'], [1234.56, 12.5, 3], { decimal: ',', group: '.' }],
    [['1.250.000', '300.000', '45.500'], [1250000, 300000, 45500], { decimal: ',', group: '.' }],
    [['1 234,56', '1\u00a0000,5', '2\u202f000,25'], [1234.56, 1000.5, 2000.25], { decimal: ',', group: ' ' }],
    [["1'234.50", '10.05'], [1234.5, 10.05], { decimal: '.', group: "'" }],
    [['12', '7'], [12, 7], { decimal: '.', group: '' }],
  ] as const)('%j', (values, expected, format) => {
    const { table, report } = run(amountFile([...values]));
    expect(amounts(table)).toEqual(expected);
    expect(report.amountFormat).toEqual(format);
    expect(report.rejected).toEqual([]);
  });

  it('a later "1,5" proves a decimal comma for the "1,250" before it', () => {
    const { table, report } = run(amountFile(['1,250', '3,000', '1,5']));
    expect(amounts(table)).toEqual([1.25, 3, 1.5]);
    expect(report.amountFormat).toEqual({ decimal: ',', group: '' });
  });

  it('without proof, a lone separator before three digits groups thousands', () => {
    expect(amounts(run(amountFile(['1,250', '3,000'])).table)).toEqual([1250, 3000]);
    expect(amounts(run(amountFile(['1.250', '2.500'])).table)).toEqual([1250, 2500]);
    // A decimal point elsewhere in the column makes "1.250" one and a quarter.
    expect(amounts(run(amountFile(['1.250', '2.5'])).table)).toEqual([1.25, 2.5]);
  });

  it('decides from rows far past the sniffed head', () => {
    const values = Array.from({ length: 3000 }, (_, i) => `${1 + (i % 9)},${String(100 + i).slice(-3)}`);
    values.push('7,5');
    const { table, sniff } = run(amountFile(values));
    // The head shows only "d,ddd": thousands. The whole column has "7,5": a decimal comma.
    expect(sniff.amountFormat).toEqual({ decimal: '.', group: ',' });
    expect(amounts(table).slice(0, 2)).toEqual([1.1, 2.101]);
    expect(amounts(table)[3000]).toBe(7.5);
  });

  it('rejects the cells that contradict the majority, with their text, and warns', () => {
    const { table, report } = run(amountFile(['1.234,56', '12,5', '1,234.56', '3']));
    expect(amounts(table)).toEqual([1234.56, 12.5, 3]);
    expect(report.amountFormat).toEqual({ decimal: ',', group: '.' });
    expect(report.rejected).toEqual([
      {
        code: 'number-format-mismatch-amount',
        reason: 'Number uses a different decimal mark from the rest of column "amount" (which uses ",")',
        vars: { column: 'amount', decimal: ',' },
        count: 1,
        examples: [{ line: 4, text: 'C2;2024-01-03;1,234.56' }],
      },
    ]);
    expect(report.warnings.map((w) => w.text)).toEqual(['Column "amount" mixes decimal points and decimal commas; rows that disagree with the majority were rejected.']);
    expect(report.rowsRead).toBe(report.rowsAccepted + report.rowsRejected);
  });

  it('a tab file with decimal commas and space groups', () => {
    const { table, sniff, report } = run('customer\tdate\tamount\nA\t2024-01-05\t1 234,56\nB\t2024-01-06\t12,5\n');
    expect(sniff.delimiter).toBe('\t');
    expect(amounts(table)).toEqual([1234.56, 12.5]);
    expect(report.amountFormat).toEqual({ decimal: ',', group: ' ' });
  });

  it('amounts in quotes in a comma file', () => {
    const { table, report } = run('customer,date,amount\nA,2024-01-05,"1,234.50"\nB,2024-01-06," 12.00 "\nC,2024-01-07,"1.234,5"\n');
    expect(amounts(table)).toEqual([1234.5, 12]);
    expect(rejectCounts(report)).toEqual({ 'number-format-mismatch-amount': 1 });
  });
});

describe('currency of the dataset', () => {
  it.each([
    [['1.250.000 ₫', '300.000 ₫'], 'VND'],
    [['150.000đ', '20.000đ'], 'VND'],
    [['1.200.000 VND', '50.000 VND'], 'VND'],
    [['฿100', '฿250.50'], 'THB'],
    [['100 บาท', '250 บาท'], 'THB'],
    [['$12.50', '$3'], 'USD'],
    [['£4.20', '£1'], 'GBP'],
    [['€5,50', '€1'], 'EUR'],
    // The most frequent sign wins.
    [['$1', '€2', '€3'], 'EUR'],
    [['12.50', '3'], null],
  ])('%j → %s', (values, code) => {
    const { report, sniff } = run(amountFile(values));
    expect(report.currency).toBe(code);
    expect(sniff.currency).toBe(code);
  });

  it('from a currency column or from the amount column name', () => {
    const byColumn = run('customer,date,amount,currency\nA,2024-01-05,10,THB\nB,2024-01-06,20,THB\nC,2024-01-06,20,USD\n');
    expect(byColumn.report.currency).toBe('THB');
    expect(byColumn.sniff.currency).toBe('THB');
    expect(run('customer,date,Amount (VND)\nA,2024-01-05,150000\nB,2024-01-06,20000\n').sniff.currency).toBe('VND');
  });
});

describe('refunds and zero amounts', () => {
  it('are accepted rows; negatives count as refunds, zeros as purchases worth nothing', () => {
    const { table, report } = run(amountFile(['10', '-4', '0', '5-', '(2.50)', '\u22121', '0.00']));
    expect(report).toMatchObject({ rowsRead: 7, rowsAccepted: 7, rowsRejected: 0 });
    expect(amounts(table)).toEqual([10, -4, 0, -5, -2.5, -1, 0]);
    const figures = datasetFigures(table);
    // 10, 0 and 0.00 are purchases (amount >= 0, contract 2026-12); the four negatives are refunds.
    expect(figures).toMatchObject({ purchases: 3, refunds: 4, netRevenue: -2.5 });
  });

  it('an empty or non-numeric amount is rejected, naming the column', () => {
    const { report } = run(amountFile(['10', '', 'abc', ' ', 'n/a'], 'Customer;Date;Total'));
    expect(report.rejected).toEqual([
      { code: 'bad-amount', reason: 'Amount is not a number (column "Total")', vars: { column: 'Total' }, count: 2, examples: [{ line: 4, text: 'C2;2024-01-03;abc' }, { line: 6, text: 'C4;2024-01-05;n/a' }] },
      { code: 'missing-amount', reason: 'Amount is empty (column "Total")', vars: { column: 'Total' }, count: 2, examples: [{ line: 3, text: 'C1;2024-01-02;' }, { line: 5, text: 'C3;2024-01-04; ' }] },
    ]);
  });
});

describe('quantity × unit price', () => {
  const uci = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n';

  it('is the row value when the file has no amount column, exact to the decimal', () => {
    const text =
      uci +
      '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n' +
      '536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom\n' +
      '536366,22633,HAND WARMER UNION JACK,3,2010-12-01 08:28:00,0.1,17850,United Kingdom\n' +
      '536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,2010-12-01 08:34:00,1.69,13047,United Kingdom\n' +
      'C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom\n' +
      '536370,22728,"ALARM CLOCK BAKELIKE PINK, RED",24,2010-12-01 08:45:00,3.75,12583,France\n' +
      '536371,22086,PAPER CHAIN KIT,80,2010-12-01 09:00:00,0,13748,United Kingdom\n';
    const { table, report, sniff } = run(text);
    expect(sniff.mapping).toEqual(mapping({ orderId: 0, product: 1, quantity: 3, date: 4, unitPrice: 5, customer: 6 }));
    // 6 × 2.55 = 15.3 (not 15.299999999999999), 6 × 3.39 = 20.34, 3 × 0.1 = 0.3, 32 × 1.69 = 54.08.
    expect(rowsOf(table)).toEqual([
      ['17850', '2010-12-01', 15.3, 2],
      ['17850', '2010-12-01', 20.34, 3],
      ['17850', '2010-12-01', 0.3, 4],
      ['13047', '2010-12-01', 54.08, 5],
      ['14527', '2010-12-01', -27.5, 6],
      ['12583', '2010-12-01', 90, 7],
      ['13748', '2010-12-01', 0, 8],
    ]);
    expect(table.orderCodes).toEqual({ count: 6, blank: -1 });
    expect(Array.from(table.order!)).toEqual([0, 0, 1, 2, 3, 4, 5]);
    expect(table.productNames).toEqual(['85123A', '71053', '22633', '84879', 'D', '22728', '22086']);
    expect(report).toMatchObject({ rowsRead: 7, rowsAccepted: 7, amountFormat: { decimal: '.', group: '' } });
  });

  it('each of the two columns decides its decimal mark', () => {
    const { table, report } = run('customer;date;quantity;price\nA;2024-01-05;2,5;1.234,50\nB;2024-01-06;3;1,5\nC;2024-01-07;1,250;2\n');
    // quantity: "2,5" proves a decimal comma, so "1,250" is 1.25; price: "1.234,50" too.
    expect(amounts(table)).toEqual([3086.25, 4.5, 2.5]);
    expect(report.amountFormat).toEqual({ decimal: ',', group: '.' });
  });

  it('names the quantity or price that is missing or not a number', () => {
    const { report } = run(uci + '1,A,x,,2010-12-01 08:26:00,2.55,1,UK\n2,A,x,six,2010-12-01 08:26:00,2.55,1,UK\n3,A,x,6,2010-12-01 08:26:00,,1,UK\n4,A,x,6,2010-12-01 08:26:00,free,1,UK\n5,A,x,6,2010-12-01 08:26:00,1,1,UK\n');
    expect(rejectCounts(report)).toEqual({ 'missing-quantity': 1, 'bad-quantity': 1, 'missing-price': 1, 'bad-price': 1 });
    expect(report.rejected.find((g) => g.code === 'bad-price')!.reason).toBe('Unit price is not a number (column "UnitPrice")');
    expect(report.rejected.find((g) => g.code === 'missing-quantity')!.reason).toBe('Quantity is empty (column "Quantity")');
    expect(report.rowsAccepted).toBe(1);
  });

  it('an amount column wins over quantity and price when both are mapped', () => {
    const { table, report } = run('customer,date,qty,price,total\nA,2024-01-05,2,3,7\n');
    expect(report.mapping.amount).toBe(4);
    expect(amounts(table)).toEqual([7]);
  });
});
