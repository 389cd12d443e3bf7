/**
 * Memory an import leaves for its first grouping (src/core/spare-memory.ts): handed over once, given back when not
 * taken, and the grouping made in it equal to one made in fresh arrays, through both sorts.
 */
import { describe, expect, it } from 'vitest';
import { dropSpare, offerSpare, takeSpare } from '../../../src/core/spare-memory';
import { groupCustomerDays, releaseGroupings } from '../../../src/core/figures/customer-days';
import { run } from '../../fixtures/import/helpers';

describe('spare memory', () => {
  it('is taken once, only by an array it holds, and given back when another is offered or it is dropped', () => {
    const first = new ArrayBuffer(64);
    offerSpare(first);
    expect(takeSpare(65)).toBeNull();
    expect(takeSpare(64)).toBe(first);
    expect(takeSpare(8)).toBeNull();
    // Offered and never taken: given back (detached) by the next offer, and by a drop.
    const second = new ArrayBuffer(32);
    offerSpare(second);
    offerSpare(new ArrayBuffer(16));
    expect(second.byteLength).toBe(0);
    dropSpare();
    expect(takeSpare(1)).toBeNull();
    expect(first.byteLength).toBe(64);
  });

  for (const [customers, sort] of [[977, 'the plain sort'], [70_001, 'the blocked sort']] as const) {
    it(`holds an import's first grouping (${sort}), which equals one made afresh`, () => {
      // 150,000 lines of cents over 16-bit days: the amounts as read (8 bytes a row, 1.2 MB) are left spare.
      const lines = Array.from({ length: 150_000 }, (_, i) => `C${(i * 7919) % customers},2024-0${1 + (i % 9)}-${10 + (i % 19)},${(i % 500) + 0.01 * (i % 100)}`);
      const { table } = run(`customer,date,amount\n${lines.join('\n')}\n`);
      expect([table.moneyScale, table.day instanceof Uint16Array]).toEqual([100, true]);
      const inSpare = groupCustomerDays(table);
      // Days and totals made in one buffer: the import's, not two of their own.
      expect(inSpare.day.buffer === inSpare.total.buffer).toBe(true);
      const copy = { rowStart: Array.from(inSpare.rowStart), dayStart: Array.from(inSpare.dayStart), day: Array.from(inSpare.day), total: Array.from(inSpare.total) };
      releaseGroupings(table);
      // Released together: the spare is given back whole.
      expect(inSpare.day.length + inSpare.total.length).toBe(0);
      const fresh = groupCustomerDays(table);
      expect(fresh.day.buffer === fresh.total.buffer).toBe(false);
      // Compared element by element (a failing deep comparison of 100,000s of numbers takes minutes to print).
      const same = (a: ArrayLike<number>, b: number[]) => a.length === b.length && b.every((v, i) => a[i] === v);
      expect([same(fresh.rowStart, copy.rowStart), same(fresh.dayStart, copy.dayStart), same(fresh.day, copy.day), same(fresh.total, copy.total)]).toEqual([true, true, true, true]);
      expect(copy.day.length).toBeGreaterThan(100_000);
      releaseGroupings(table);
    });
  }

  it('is given back as soon as a grouping that merged many rows into fewer days keeps copies instead', () => {
    // Four lines a customer a day (an order's items): 40,000 rows make 10,000 days, and the days and totals are
    // copied out of the rows, which nothing reads afterwards.
    const lines = Array.from({ length: 40_000 }, (_, i) => `C${Math.floor(i / 4) % 500},2024-01-${10 + Math.floor(i / 2000)},${1 + (i % 7)}.25`);
    const { table } = run(`customer,date,amount\n${lines.join('\n')}\n`);
    expect(table.moneyScale).toBe(100);
    dropSpare();
    const spare = new ArrayBuffer(8 * table.length);
    offerSpare(spare);
    const grouping = groupCustomerDays(table);
    expect(grouping.dayStart[grouping.customerCount]).toBe(10_000);
    expect(grouping.day.buffer === spare).toBe(false);
    // Taken, and detached once the copies were made (not left for the collector).
    expect(takeSpare(1)).toBeNull();
    expect(spare.byteLength).toBe(0);
    releaseGroupings(table);
  });
});

