/**
 * How an import holds a table's money (TransactionTable.moneyScale): whole units or cents in 32 bits when every
 * amount and refund is one, else 64-bit floats; read as money through moneyUnit either way.
 */
import { describe, expect, it } from 'vitest';
import { amounts, refundedAmounts, run } from '../../fixtures/import/helpers';

describe('the money of an imported table', () => {
  it('amounts of two decimals are held as cents', () => {
    const { table } = run('customer,date,amount\nA,2024-01-05,84.21\nB,2024-01-06,"1,234.50"\nA,2024-01-07,-19.99\n');
    expect(table.moneyScale).toBe(100);
    expect(Array.from(table.amount)).toEqual([8421, 123450, -1999]);
    expect(amounts(table)).toEqual([84.21, 1234.5, -19.99]);
  });

  it('whole đồng are held as whole units, refunds at the same scale', () => {
    const { table } = run('customer,date,amount,refunded\nA,2024-01-05,1500000,0\nB,2024-01-06,250000,50000\n');
    expect(table.moneyScale).toBe(1);
    expect(Array.from(table.amount)).toEqual([1_500_000, 250_000]);
    expect(refundedAmounts(table)).toEqual([0, 50_000]);
  });

  it('quantity × price is held in cents (taken exactly, 6 × 2.55 = 15.30); a third decimal keeps 64-bit money', () => {
    const product = run('customer,date,quantity,unit price\nA,2024-01-05,6,2.55\n').table;
    expect(product.moneyScale).toBe(100);
    expect(Array.from(product.amount)).toEqual([1530]);
    const thousandths = run('customer,date,quantity,unit price\nA,2024-01-05,3,0.333\n').table;
    expect(thousandths.moneyScale).toBeUndefined();
    expect(thousandths.amount).toBeInstanceOf(Float64Array);
    expect(amounts(thousandths)).toEqual([0.999]);
    const mills = run('customer,date,amount\nA,2024-01-05,0.125\nB,2024-01-06,2\n').table;
    expect(mills.moneyScale).toBeUndefined();
    expect(amounts(mills)).toEqual([0.125, 2]);
  });

  it('a purchase log (no amounts) holds its zeros in 32 bits', () => {
    const { table } = run('customer,date\nA,2024-01-05\nB,2024-01-06\n');
    expect(table.withoutAmounts).toBe(true);
    expect(table.amount).toBeInstanceOf(Int32Array);
    expect(amounts(table)).toEqual([0, 0]);
  });

  it('cents are written over the 32-bit days once those are narrowed to 16 bits, not into fresh memory', () => {
    // 70,000 lines: the columns were sized for the file's rows (5% over), and every row is kept, so the days are read
    // in place. The amounts then take the 32-bit days' array (at least its 4 bytes a row), not one of 4 bytes a row of
    // their own; every value still reads back exactly.
    const lines = Array.from({ length: 70_000 }, (_, i) => `C${i % 977},2024-0${1 + (i % 9)}-1${i % 10},${(i % 500) + 0.01 * (i % 100)}`);
    const { table } = run(`customer,date,amount\n${lines.join('\n')}\n`);
    expect([table.length, table.moneyScale, table.day instanceof Uint16Array, table.amount instanceof Int32Array]).toEqual([70_000, 100, true, true]);
    expect(table.amount.buffer.byteLength).toBeGreaterThan(4 * table.length);
    expect(table.amount.buffer).not.toBe(table.day.buffer);
    expect(amounts(table).every((a, i) => a === (i % 500) + 0.01 * (i % 100))).toBe(true);
  });

  it('money narrowed into spare memory: there when it holds 4 bytes a value, else in an array of its own', async () => {
    const { narrowTableMoney } = await import('../../../src/core/money-column');
    const spare = new Int32Array([7, 7, 7, 7, 7]).buffer;
    const into = narrowTableMoney(new Float64Array([1.25, -3, 0.1]), null, spare);
    expect([into.moneyScale, Array.from(into.amount), into.amount.buffer === spare]).toEqual([100, [125, -300, 10], true]);
    const small = narrowTableMoney(new Float64Array([1.25, -3, 0.1]), null, new ArrayBuffer(8));
    expect([Array.from(small.amount), small.amount.buffer.byteLength]).toEqual([[125, -300, 10], 12]);
  });
});
