import { describe, expect, it } from 'vitest';
import { joinDays, narrowDays } from '../../src/core/day-column';
import { dayToIso } from '../../src/core/figures/dates';
import { run } from '../fixtures/import/helpers';
import { groupCustomerDays } from '../../src/core/figures/customer-days';
import { customerHistory } from '../../src/core/figures/customer-history';
import { tableFromRows } from '../fixtures/figures/build-table';

describe('day numbers in 16 bits when they fit', () => {
  it('narrows 1970-01-01 (day 0) to 2149-06-06 (day 65,535), and keeps 32 bits for a day outside', () => {
    const inside = narrowDays(Int32Array.of(0, 19_723, 65_535));
    expect(inside).toBeInstanceOf(Uint16Array);
    expect(Array.from(inside)).toEqual([0, 19_723, 65_535]);
    const before1970 = Int32Array.of(19_723, -1);
    expect(narrowDays(before1970)).toBe(before1970);
    const after2149 = Int32Array.of(65_536, 0);
    expect(narrowDays(after2149)).toBe(after2149);
  });

  it('joins stored chunks of either width, as the import would make the column now', () => {
    const old = Int32Array.of(19_000, 19_001);
    const stored = Uint16Array.of(19_002);
    const joined = joinDays([old, stored], 3);
    expect(joined).toBeInstanceOf(Uint16Array);
    expect(Array.from(joined)).toEqual([19_000, 19_001, 19_002]);
    const wide = joinDays([Int32Array.of(-365), stored], 2);
    expect(wide).toBeInstanceOf(Int32Array);
    expect(Array.from(wide)).toEqual([-365, 19_002]);
    expect(joinDays([], 0)).toHaveLength(0);
  });

  it('an import of dates from 2024 keeps 16 bits, one with a date in 1965 keeps 32 and the date', () => {
    const recent = run('customer,date,amount\nA,2024-01-05,10\nB,2149-06-06,20\n').table;
    expect(recent.day).toBeInstanceOf(Uint16Array);
    expect(Array.from(recent.day, dayToIso)).toEqual(['2024-01-05', '2149-06-06']);
    const old = run('customer,date,amount\nA,2024-01-05,10\nB,1965-03-01,20\nC,2149-06-07,5\n').table;
    expect(old.day).toBeInstanceOf(Int32Array);
    expect(Array.from(old.day, dayToIso)).toEqual(['2024-01-05', '1965-03-01', '2149-06-07']);
  });

  it('a grouping of 16-bit days keeps them in 16 bits, with the days and totals a 32-bit table gives', () => {
    const rows: [string, string, number][] = [['A', '2024-03-02', 5], ['B', '2024-01-05', 7], ['A', '2024-01-05', 10], ['A', '2024-03-02', 2.5]];
    const wide = tableFromRows(rows);
    expect(wide.day).toBeInstanceOf(Int32Array);
    const narrow = { ...tableFromRows(rows), day: narrowDays(wide.day) };
    const w = groupCustomerDays(wide);
    const n = groupCustomerDays(narrow);
    expect(n.day).toBeInstanceOf(Uint16Array);
    expect(Array.from(n.day, dayToIso)).toEqual(['2024-01-05', '2024-03-02', '2024-01-05']);
    expect(Array.from(n.day)).toEqual(Array.from(w.day));
    expect(Array.from(n.total, (v) => v / n.totalScale)).toEqual([10, 7.5, 7]);
    expect(Array.from(n.dayStart)).toEqual(Array.from(w.dayStart));
    // The customer history's first and last days too: A 5 Jan – 2 Mar, B 5 Jan.
    const { history } = customerHistory(narrow);
    expect([history.firstDay, history.lastDay].map((d) => d.constructor.name)).toEqual(['Uint16Array', 'Uint16Array']);
    expect([Array.from(history.firstDay, dayToIso), Array.from(history.lastDay, dayToIso)]).toEqual([['2024-01-05', '2024-01-05'], ['2024-03-02', '2024-01-05']]);
  });
});
