/**
 * Inputs that used to break trust: words every JavaScript object knows taken for a currency, digits rounded by a
 * factor, amounts that overflow, products of them, costs read with the wrong decimal mark, all silently. Each case
 * is now read exactly or refused with its line.
 */
import { describe, expect, it } from 'vitest';
import { datasetFigures } from '../../../src/core/figures';
import { cellExtras, CellProblem, NumberFit, readNumberCell } from '../../../src/core/import/numbers';
import { amounts, mapping, rejectCounts, rowsOf, run } from '../../fixtures/import/helpers';
import { charsOf } from '../../../src/core/import/chars';

function cell(text: string): [NumberFit, number, number, CellProblem] {
  const out = new Float64Array(2);
  const fit = readNumberCell(charsOf(text), 0, text.length, out);
  return fit <= NumberFit.Invalid ? [fit, NaN, NaN, cellExtras.problem] : [fit, out[0], out[1], cellExtras.problem];
}

const huge = '9'.repeat(400);

describe('words every object knows', () => {
  it.each(['12.50 constructor', '12.50 __proto__', 'toString 12', '12 valueOf', 'hasOwnProperty 1'])('%j is not a number with a currency', (text) => {
    expect(cell(text)[0]).toBe(NumberFit.Invalid);
    expect(cellExtras.currency).toBeNull();
  });

  it('after an amount, they reject that row; in the header, they are no currency', () => {
    const file = 'customer,date,Amount (constructor)\nA,2024-01-02,12.50 constructor\nB,2024-01-03,7\nC,2024-01-04,__proto__ 3\n';
    const { table, report } = run(file);
    expect(rowsOf(table)).toEqual([['B', '2024-01-03', 7, 3]]);
    expect(rejectCounts(report)).toEqual({ 'bad-amount': 2 });
    expect(report.currency).toBeNull();
    // The report crosses a worker boundary: it must clone (a function in it would not).
    expect(structuredClone(report)).toEqual(report);
  });

  it.each([['Tổng tiền (VND)', 'VND'], ['ยอดรวม (บาท)', 'THB'], ['Total (USD)', 'USD'], ['Thành tiền (₫)', 'VND'], ['Amount (toString)', null]])(
    'the header %j names the currency %s, which the report keeps',
    (header, code) => {
      const { report, sniff } = run(`customer,date,${header}\nA,2024-01-02,150000\nB,2024-01-03,20000\n`);
      expect(sniff.currency).toBe(code);
      expect(report.currency).toBe(code);
    },
  );
});

describe('digits kept exactly or refused', () => {
  it.each([
    // Trailing zeros of a fraction mean nothing: 1.000…0 (25 zeros) is 1, never 1000.
    ['1.0000000000000000000000000', NumberFit.DotOnly, 1, NaN],
    ['1,0000000000000000000000000', NumberFit.CommaOnly, NaN, 1],
    ['2.500000000000000000000', NumberFit.DotOnly, 2.5, NaN],
    // 15 significant digits are kept exactly.
    ['123456789012.345', NumberFit.DotOnly, 123456789012.345, NaN],
    ['999999999999999', NumberFit.Same, 999999999999999, 999999999999999],
    // Leading zeros are not digits of the value.
    ['0000000000000000000000012.5', NumberFit.DotOnly, 12.5, NaN],
    ['0.000000000000001', NumberFit.DotOnly, 1e-15, NaN],
    // A minus zero is zero: not a refund.
    ['-0', NumberFit.Same, 0, 0],
  ] as const)('%j reads exactly', (text, fit, dot, comma) => {
    const [f, d, c] = cell(text);
    expect([f, d, c]).toEqual([fit, dot, comma]);
    if (f === NumberFit.Same) expect(Object.is(d, -0)).toBe(false);
  });

  it.each([
    // Sixteen significant digits: a double would round the last one.
    ['1234567890123456', CellProblem.TooPrecise],
    ['1234567890.123456', CellProblem.TooPrecise],
    ['0.0000000000000001', CellProblem.TooPrecise],
    // Over 10^15: no order is that large, and 400 digits would be Infinity.
    ['1000000000000001', CellProblem.TooPrecise],
    ['2000000000000000', CellProblem.TooLarge],
    ['2.000.000.000.000.000', CellProblem.TooLarge],
    ['1.000.000.000.000.000', null],
    [huge, CellProblem.TooLarge],
    [`-${huge}.5`, CellProblem.TooLarge],
  ] as const)('%j is refused (%s)', (text, problem) => {
    const [fit, , comma, why] = cell(text);
    if (problem === null) {
      // Exactly 10^15 (digit groups of a decimal-comma column) is still a number.
      expect([fit, comma]).toEqual([NumberFit.CommaOnly, 1e15]);
      return;
    }
    expect(fit).toBe(NumberFit.Invalid);
    expect(why).toBe(problem);
  });

  it('a 400-digit amount rejects its row with the reason and line; the figures stay finite', () => {
    const { table, report } = run(`customer,date,amount\nA,2024-01-02,10\nB,2024-01-03,${huge}\nC,2024-01-04,1.0000000000000000000000000\n`);
    expect(rowsOf(table)).toEqual([['A', '2024-01-02', 10, 2], ['C', '2024-01-04', 1, 4]]);
    expect(report.rejected.map((g) => [g.code, g.count, g.examples.map((e) => e.line)])).toEqual([['too-large-amount', 1, [3]]]);
    expect(report.rejected[0].reason).toBe('Amount is too large to be read (above 10^15) (column "amount")');
    expect(report.rowsRead).toBe(report.rowsAccepted + report.rowsRejected);
    expect(datasetFigures(table).netRevenue).toBe(11);
  });

  it('a quantity 0 × a 400-digit price is a rejected row, not a NaN or a TypeError', () => {
    const file = `customer,date,quantity,price\nA,2024-01-02,0,${huge}\nB,2024-01-03,2,3.5\n`;
    const { table, report } = run(file, { mapping: mapping({ customer: 0, date: 1, quantity: 2, unitPrice: 3 }) });
    expect(amounts(table)).toEqual([7]);
    expect(rejectCounts(report)).toEqual({ 'too-large-price': 1 });
  });

  it('a product of two readable cells beyond 10^15 is rejected at the end, with its line and text', () => {
    const file = 'customer,date,quantity,price\nA,2024-01-02,100000000,100000000\nB,2024-01-03,2,3.5\n';
    const { table, report } = run(file, { mapping: mapping({ customer: 0, date: 1, quantity: 2, unitPrice: 3 }) });
    expect(amounts(table)).toEqual([7]);
    expect(report.rejected.map((g) => [g.code, g.examples])).toEqual([['too-large-product', [{ line: 2, text: 'A,2024-01-02,100000000,100000000' }]]]);
  });
});

describe('a cost the column cannot read', () => {
  it('is not a silent NaN: the rows keep no cost and a warning counts them and names the first line', () => {
    // The cost column uses decimal commas ("1,5" proves it); "2.75" reads only with a decimal point.
    const file = 'customer;date;amount;cost\nA;2024-01-02;10;1,5\nB;2024-01-03;20;2.75\nC;2024-01-04;30;4,25\n';
    const { table, report } = run(file, { mapping: mapping({ customer: 0, date: 1, amount: 2, cost: 3 }) });
    expect(Array.from(table.cost!)).toEqual([1.5, NaN, 4.25]);
    expect(report.warnings.filter((w) => w.code === 'cost-decimal-mismatch')).toEqual([
      { code: 'cost-decimal-mismatch', text: '1 cells of column "cost" use a different decimal mark from the rest of it (first on line 3); those rows have no cost.', vars: { count: 1, column: 'cost', line: 3 } },
    ]);
  });
});

describe('bytes that are not valid text', () => {
  const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

  it('two customer ids that differ only in such a byte are refused with their lines, not merged', () => {
    // "A\xff" and "A\xfe" both decode to "A�": as one customer they would buy twice. They are refused instead.
    const file = bytes('customer,date,amount\nA', [0xff], ',2024-01-02,10\nA', [0xfe], ',2024-01-03,20\nB,2024-01-04,5\n');
    const { table, report } = run(file, { encoding: 'utf-8' });
    expect(rowsOf(table)).toEqual([['B', '2024-01-04', 5, 4]]);
    expect(table.customerIds).toEqual(['B']);
    expect(report.rejected.map((g) => [g.code, g.count, g.examples.map((e) => e.line)])).toEqual([['undecodable-customer', 2, [2, 3]]]);
    expect(report.rejected[0].vars).toEqual({ column: 'customer', encoding: 'UTF-8' });
    expect(report.warnings.map((w) => w.code)).toContain('replaced-characters');
  });

  it('so are order ids: two orders would otherwise count as one', () => {
    const file = bytes('customer,date,amount,order\nA,2024-01-02,10,X', [0xff], '\nA,2024-01-02,20,X', [0xfe], '\nA,2024-01-03,5,Y\n');
    const { table, report } = run(file, { encoding: 'utf-8', mapping: mapping({ customer: 0, date: 1, amount: 2, orderId: 3 }) });
    expect(amounts(table)).toEqual([5]);
    expect(table.orderCodes).toEqual({ count: 1, blank: -1 });
    expect(rejectCounts(report)).toEqual({ 'undecodable-order': 2 });
  });
});
