import { describe, expect, it } from 'vitest';
import { customerFirstDays, groupCustomerDays, tableDayRange } from '../../../src/core/figures';
import { day, tableFromRows } from '../../fixtures/figures/build-table';

// Rows 0-5; B's rows are out of date order in the file on purpose.
const table = tableFromRows([
  ['A', '2024-03-01', 10], // 0
  ['B', '2024-03-05', 7], //  1
  ['A', '2024-03-01', 2.5], // 2 same day as row 0
  ['B', '2024-03-02', 4], //  3 earlier than row 1
  ['A', '2024-03-04', -1], // 4 refund: not a purchase
  ['C', '2024-03-03', 0], //  5 zero: a purchase worth nothing (not when positiveOnly)
]);

describe('groupCustomerDays', () => {
  it('groups purchase rows by customer and merges them into ordered purchase days', () => {
    const g = groupCustomerDays(table);
    expect(g.customerCount).toBe(3);
    expect(Array.from(g.rowStart)).toEqual([0, 2, 4, 5]); // A: rows 0, 2; B: rows 3, 1 (sorted by day); C: row 5
    expect('rows' in g).toBe(false); // row indices are not kept with the grouping
    expect(Array.from(g.dayStart)).toEqual([0, 1, 3, 4]);
    expect(Array.from(g.day)).toEqual([day('2024-03-01'), day('2024-03-02'), day('2024-03-05'), day('2024-03-03')]);
    expect(Array.from(g.total)).toEqual([12.5, 4, 7, 0]);
  });

  it('keeps one array of starts when every purchase row is a day of its own', () => {
    // Here A's two rows of 1 March make one day: rows and days differ, two arrays.
    expect(groupCustomerDays(table).rowStart).not.toBe(groupCustomerDays(table).dayStart);
    // The 1–4 March window: B's 03-02 and C's 03-03, one row a day each (A's refund is no purchase).
    const window = groupCustomerDays(table, { after: day('2024-03-01'), through: day('2024-03-04') });
    expect(window.rowStart).toBe(window.dayStart);
    expect(Array.from(window.dayStart)).toEqual([0, 0, 1, 2]);
  });

  it('applies day windows and the positive-only switch', () => {
    const window = groupCustomerDays(table, { after: day('2024-03-01'), through: day('2024-03-04') });
    // B's 03-02 purchase (row 3) and C's free one on 03-03 (row 5).
    expect([Array.from(window.rowStart), Array.from(window.day), Array.from(window.total)]).toEqual([[0, 0, 1, 2], [day('2024-03-02'), day('2024-03-03')], [4, 0]]);
    const positive = groupCustomerDays(table, { positiveOnly: true });
    // A's rows 0 and 2, B's 3 and 1; C's free row left out.
    expect([Array.from(positive.rowStart), Array.from(positive.dayStart)]).toEqual([[0, 2, 4, 4], [0, 1, 3, 3]]);
  });

  it('shares one grouping per table and filter, and treats a bound that cuts nothing as no bound', () => {
    const all = groupCustomerDays(table);
    expect(groupCustomerDays(table)).toBe(all);
    expect(groupCustomerDays(table, { through: day('2030-01-01'), after: day('2000-01-01') })).toBe(all);
    expect(groupCustomerDays(table, { through: day('2024-03-02') })).not.toBe(all);
    // Another table object, even with the same columns, gets its own grouping.
    expect(groupCustomerDays({ ...table })).not.toBe(all);
    expect(groupCustomerDays({ ...table })).toEqual(all);
  });

  it('knows the day range and each customer’s first row of any amount', () => {
    expect(tableDayRange(table)).toEqual({ min: day('2024-03-01'), max: day('2024-03-05') });
    expect(Array.from(customerFirstDays(table))).toEqual([day('2024-03-01'), day('2024-03-02'), day('2024-03-03')]);
    expect(tableDayRange(tableFromRows([]))).toBeNull();
  });
});
