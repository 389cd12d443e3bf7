import { describe, expect, it } from 'vitest';
import {
  civilFromDay,
  dayToIso,
  isoToDay,
  isoWeekLabel,
  monthIndex,
  monthLabel,
  quarterIndex,
  quarterLabel,
  weekIndex,
} from '../../../src/core/figures/dates';
import { periodLookup, periodScheme } from '../../../src/core/figures/periods';

describe('day numbers and calendar dates', () => {
  it('converts known days both ways', () => {
    expect(dayToIso(0)).toBe('1970-01-01');
    expect(dayToIso(-1)).toBe('1969-12-31');
    // 30 years of 365 days + 7 leap days (72, 76, 80, 84, 88, 92, 96) + 31 (Jan) + 28 = 11016.
    expect(dayToIso(11016)).toBe('2000-02-29');
    expect(isoToDay('2000-02-29')).toBe(11016);
    expect(civilFromDay(isoToDay('1900-03-01'))).toEqual({ year: 1900, month: 3, day: 1 });
    expect(() => isoToDay('2000/02/29')).toThrow();
  });

  it('agrees with Date for every day from 1899 to 2101', () => {
    for (let d = isoToDay('1899-01-01'); d <= isoToDay('2101-12-31'); d++) {
      const expected = new Date(d * 86_400_000).toISOString().slice(0, 10);
      if (dayToIso(d) !== expected) throw new Error(`day ${d}: ${dayToIso(d)} ≠ ${expected}`);
      if (isoToDay(expected) !== d) throw new Error(`${expected}: ${isoToDay(expected)} ≠ ${d}`);
    }
  });

  it('round-trips years Date.UTC would misread (0-99) and far ones', () => {
    // 0001-01-01 is 719,162 days before 1970-01-01 (proleptic Gregorian).
    expect(isoToDay('0001-01-01')).toBe(-719162);
    expect(dayToIso(-719162)).toBe('0001-01-01');
    for (const iso of ['0050-02-28', '0400-02-29', '1600-03-01', '9999-12-31']) expect(dayToIso(isoToDay(iso))).toBe(iso);
  });
});

describe('period labels', () => {
  it('labels months and quarters', () => {
    expect(monthLabel(monthIndex(isoToDay('2011-12-09')))).toBe('2011-12');
    expect(monthLabel(monthIndex(isoToDay('2011-01-01')))).toBe('2011-01');
    // Consecutive months have consecutive indices across a year end.
    expect(monthIndex(isoToDay('2012-01-01')) - monthIndex(isoToDay('2011-12-31'))).toBe(1);
    expect(quarterLabel(quarterIndex(isoToDay('2011-12-09')))).toBe('2011-Q4');
    expect(quarterLabel(quarterIndex(isoToDay('2011-04-01')))).toBe('2011-Q2');
    expect(quarterLabel(quarterIndex(isoToDay('2011-03-31')))).toBe('2011-Q1');
  });

  it('labels ISO weeks, Monday first, with the ISO year at year ends', () => {
    const label = (iso: string) => isoWeekLabel(weekIndex(isoToDay(iso)));
    expect(label('2024-01-01')).toBe('2024-W01'); // a Monday
    expect(label('2023-12-31')).toBe('2023-W52'); // the Sunday before
    expect(label('2021-01-03')).toBe('2020-W53'); // Sunday; 2020 had 53 ISO weeks
    expect(label('2021-01-04')).toBe('2021-W01');
    expect(label('2008-12-29')).toBe('2009-W01'); // a December Monday in next year's week 1
    expect(label('2010-01-03')).toBe('2009-W53');
    expect(label('2010-12-01')).toBe('2010-W48');
    expect(label('1970-01-01')).toBe('1970-W01'); // Thursday: its week is week 1 of 1970
    expect(weekIndex(isoToDay('2024-01-07'))).toBe(weekIndex(isoToDay('2024-01-01')));
    expect(weekIndex(isoToDay('2024-01-08'))).toBe(weekIndex(isoToDay('2024-01-01')) + 1);
  });

  it('builds a day → period table that matches the direct computation', () => {
    for (const period of ['month', 'week', 'quarter'] as const) {
      const scheme = periodScheme(period);
      const from = isoToDay('2009-11-20');
      const to = isoToDay('2012-02-10');
      const lookup = periodLookup(scheme, from, to);
      expect(lookup.table.length).toBe(to - from + 1);
      for (let d = from; d <= to; d++) expect(lookup.table[d - from]).toBe(scheme.indexOf(d));
    }
  });
});
