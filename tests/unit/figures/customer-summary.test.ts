import { describe, expect, it } from 'vitest';
import { calibrationHoldout, customerSummary, purchaseDayCounts, summarizeCustomerDays } from '../../../src/core/figures';
import type { CustomerDays } from '../../../src/core/figures/customer-days';
import { day, tableFromRows, type LiteralRow } from '../../fixtures/figures/build-table';

/*
 * X: 01-01 10 and 01-01 5 (one purchase day worth 15), 01-08 20, 01-15 −3 (refund: not a purchase), 01-29 40,
 *    then in February 02-05 100 and 02-05 50.
 * Y: 01-10 7, then 02-10 30 and 02-20 10.
 * Z: a refund only → never in a summary.
 * W: first purchase 02-01 → after the January observation end.
 */
const ROWS: LiteralRow[] = [
  ['X', '2024-01-01', 10],
  ['X', '2024-01-08', 20],
  ['X', '2024-01-01', 5], // out of date order on purpose
  ['Y', '2024-01-10', 7],
  ['X', '2024-01-15', -3],
  ['Z', '2024-01-20', -5],
  ['X', '2024-01-29', 40],
  ['W', '2024-02-01', 9],
  ['X', '2024-02-05', 100],
  ['X', '2024-02-05', 50],
  ['Y', '2024-02-10', 30],
  ['Y', '2024-02-20', 10],
];
const table = tableFromRows(ROWS);
const JAN_31 = day('2024-01-31');
const FEB_29 = day('2024-02-29');
const ids = (customers: Uint32Array) => Array.from(customers, (c) => table.customerIds[c]);

describe('customerSummary', () => {
  it('follows the lifetimes conventions in days', () => {
    const s = customerSummary(table, { observationEnd: JAN_31, timeUnit: 'day' });
    expect(ids(s.customer)).toEqual(['X', 'Y']);
    // X: purchase days 01-01, 01-08, 01-29 → frequency 2, recency 28, T = 31 − 1 = 30, monetary (20 + 40) / 2 = 30.
    // Y: one day → frequency 0, recency 0, T = 31 − 10 = 21, monetary 0.
    expect(Array.from(s.frequency)).toEqual([2, 0]);
    expect(Array.from(s.recency)).toEqual([28, 0]);
    expect(Array.from(s.T)).toEqual([30, 21]);
    expect(Array.from(s.monetary)).toEqual([30, 0]);
  });

  it('divides day counts by 7 in weeks', () => {
    const s = customerSummary(table, { observationEnd: JAN_31, timeUnit: 'week' });
    expect(Array.from(s.frequency)).toEqual([2, 0]);
    expect(Array.from(s.recency)).toEqual([4, 0]);
    expect(Array.from(s.T)).toEqual([30 / 7, 3]);
    expect(Array.from(s.monetary)).toEqual([30, 0]);
  });

  it('holds counts and day spans in 32-bit floats, spans in weeks or past 2^24 days in 64-bit, every value exact', () => {
    const inDays = customerSummary(table, { observationEnd: JAN_31, timeUnit: 'day' });
    expect([inDays.frequency, inDays.recency, inDays.T].map((a) => a.constructor.name)).toEqual(['Float32Array', 'Float32Array', 'Float32Array']);
    const inWeeks = customerSummary(table, { observationEnd: JAN_31, timeUnit: 'week' });
    expect([inWeeks.frequency, inWeeks.recency, inWeeks.T].map((a) => a.constructor.name)).toEqual(['Float32Array', 'Float64Array', 'Float64Array']);
    // One customer bought on day 1 and on day 2^24 + 1, the other on day 3 only; the observation ends on day 2^24 + 3.
    // A 32-bit float would hold 2^24 + 2 (T of the first) as 2^24 and 2^24 + 1 as 2^24 (it rounds to even).
    const far = 2 ** 24;
    const days: CustomerDays = {
      customerCount: 2, rowStart: Uint32Array.of(0, 2, 3), dayStart: Uint32Array.of(0, 2, 3),
      day: Int32Array.of(1, far + 1, 3), total: Int32Array.of(500, 700, 900), totalScale: 100,
    };
    const wide = summarizeCustomerDays(days, far + 3, 'day');
    expect(wide.recency.constructor.name).toBe('Float64Array');
    expect(Array.from(wide.frequency)).toEqual([1, 0]);
    expect(Array.from(wide.recency)).toEqual([far, 0]);
    expect(Array.from(wide.T)).toEqual([far + 2, far]);
    expect(Array.from(wide.monetary)).toEqual([7, 0]);
    // One day less apart, and 32 bits hold every span exactly.
    const near = summarizeCustomerDays({ ...days, day: Int32Array.of(1, far - 1, 3) }, far - 1, 'day');
    expect(near.T.constructor.name).toBe('Float32Array');
    expect(Array.from(near.recency)).toEqual([far - 2, 0]);
    expect(Array.from(near.T)).toEqual([far - 2, far - 4]);
  });

  it('includes later purchases when the observation end moves', () => {
    const s = customerSummary(table, { observationEnd: FEB_29, timeUnit: 'day' });
    expect(ids(s.customer)).toEqual(['X', 'Y', 'W']);
    // X: + 02-05 (150) → frequency 3, recency 35, T 59, monetary (20 + 40 + 150) / 3 = 70.
    expect(s.frequency[0]).toBe(3);
    expect(s.recency[0]).toBe(35);
    expect(s.T[0]).toBe(59);
    expect(s.monetary[0]).toBe(70);
    // Y: 01-10, 02-10, 02-20 → frequency 2, recency 41, monetary (30 + 10) / 2 = 20. W: T = 59 − 31 = 28.
    expect([s.frequency[1], s.recency[1], s.monetary[1]]).toEqual([2, 41, 20]);
    expect([s.frequency[2], s.T[2]]).toEqual([0, 28]);
  });

  it('counts zero-value rows as purchases (the contract, as lifetimes), and leaves them out only when asked', () => {
    const t = tableFromRows([
      ['A', '2024-01-01', 10],
      ['A', '2024-01-05', 0],
      ['B', '2024-01-03', 0],
    ]);
    // A: purchase days 01-01 and 01-05 → frequency 1, recency 4, monetary = the repeat day's total 0. B: one free order.
    const contract = customerSummary(t, { observationEnd: day('2024-01-10'), timeUnit: 'day' });
    expect(Array.from(contract.frequency)).toEqual([1, 0]);
    expect(Array.from(contract.monetary)).toEqual([0, 0]);
    expect(Array.from(contract.recency)).toEqual([4, 0]);
    // Positive amounts only (a reference cleaned with price > 0): B has no purchase and A one purchase day.
    const positive = customerSummary(t, { observationEnd: day('2024-01-10'), timeUnit: 'day', positiveOnly: true });
    expect(positive.customer.length).toBe(1);
    expect(positive.frequency[0]).toBe(0);
  });
});

describe('calibrationHoldout', () => {
  it('summarises the calibration and counts the holdout per customer', () => {
    const h = calibrationHoldout(table, { calibrationEnd: JAN_31, observationEnd: FEB_29, timeUnit: 'day' });
    // Same customers and values as the January summary; W (first purchase in February) is not there.
    expect(ids(h.calibration.customer)).toEqual(['X', 'Y']);
    expect(Array.from(h.calibration.frequency)).toEqual([2, 0]);
    // X: one holdout day (02-05) with two rows 100 and 50: rows mean 75 (lifetimes), day mean 150.
    // Y: two holdout days, 30 and 10: both means 20.
    expect(Array.from(h.holdoutFrequency)).toEqual([1, 2]);
    expect(Array.from(h.holdoutMonetary)).toEqual([75, 20]);
    expect(Array.from(h.holdoutMonetaryPerDay)).toEqual([150, 20]);
    expect(h.holdoutDuration).toBe(29);
    const weeks = calibrationHoldout(table, { calibrationEnd: JAN_31, observationEnd: FEB_29, timeUnit: 'week' });
    expect(weeks.holdoutDuration).toBe(29 / 7);
    expect(Array.from(weeks.holdoutFrequency)).toEqual([1, 2]);
  });

  it('rejects an observation end before the calibration end', () => {
    expect(() => calibrationHoldout(table, { calibrationEnd: FEB_29, observationEnd: JAN_31, timeUnit: 'day' })).toThrow();
  });
});

describe('purchaseDayCounts', () => {
  it('counts first and repeat purchase days per calendar day', () => {
    const counts = purchaseDayCounts(table, { observationEnd: JAN_31 });
    expect(counts.startDay).toBe(day('2024-01-01'));
    expect(counts.first.length).toBe(31);
    const nonZero = (a: Uint32Array) => Object.fromEntries(Array.from(a).flatMap((n, i) => (n ? [[i, n]] : [])));
    // X first on 01-01 (index 0), Y first on 01-10 (index 9); X repeats on 01-08 (7) and 01-29 (28).
    expect(nonZero(counts.first)).toEqual({ 0: 1, 9: 1 });
    expect(nonZero(counts.repeat)).toEqual({ 7: 1, 28: 1 });
  });

  it('runs to the last purchase day by default and sums to the summary frequencies', () => {
    const counts = purchaseDayCounts(table);
    expect(counts.startDay + counts.first.length - 1).toBe(day('2024-02-20'));
    const s = customerSummary(table, { observationEnd: day('2024-02-20'), timeUnit: 'day' });
    const repeatTotal = counts.repeat.reduce((a, b) => a + b, 0);
    expect(repeatTotal).toBe(Array.from(s.frequency).reduce((a, b) => a + b, 0));
    expect(repeatTotal).toBe(5); // X 3 + Y 2
  });
});
