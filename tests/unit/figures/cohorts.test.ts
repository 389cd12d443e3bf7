import { describe, expect, it } from 'vitest';
import { cohortMembers, cohorts } from '../../../src/core/figures';
import { COHORT_CELL_LIMIT } from '../../../src/core/figures/cohorts';
import { tableFromRows, type LiteralRow } from '../../fixtures/figures/build-table';

/*
 * Hand-checked data, months January–April 2024:
 *   A: 01-05 +100, 01-20 +50, 03-02 +30            → cohort 2024-01
 *   B: 01-31 −10 (first row is a refund), 02-01 +40 → cohort 2024-01 (first accepted row, any amount)
 *   C: 02-15 +20, 02-16 −5, 04-30 +10              → cohort 2024-02
 *   D: 03-10  0                                     → cohort 2024-03 (a zero row still makes a customer)
 */
const ROWS: LiteralRow[] = [
  ['A', '2024-01-05', 100],
  ['A', '2024-01-20', 50],
  ['B', '2024-01-31', -10],
  ['B', '2024-02-01', 40],
  ['C', '2024-02-15', 20],
  ['C', '2024-02-16', -5],
  ['A', '2024-03-02', 30],
  ['D', '2024-03-10', 0],
  ['C', '2024-04-30', 10],
];

describe('cohorts', () => {
  it('builds monthly cohorts by hand-checked numbers', () => {
    const result = cohorts(tableFromRows(ROWS), 'month');
    expect(result.period).toBe('month');
    expect(result.rows).toEqual([
      // Jan: A, B. active: k0 = 2 by definition; Feb: B bought (A did not) = 1; Mar: A = 1; Apr: none.
      // revenue: Jan 100 + 50 − 10 = 140; Feb 40; Mar 30; Apr 0.
      { cohort: '2024-01', customers: 2, active: [2, 1, 1, 0], revenue: [140, 40, 30, 0] },
      // Feb: C. Mar none; Apr C. revenue Feb 20 − 5 = 15, Mar 0, Apr 10.
      { cohort: '2024-02', customers: 1, active: [1, 0, 1], revenue: [15, 0, 10] },
      // Mar: D with a zero row only: active[0] = customers = 1 by the contract, though D never bought.
      { cohort: '2024-03', customers: 1, active: [1, 0], revenue: [0, 0] },
    ]);
  });

  it('builds quarterly cohorts', () => {
    // Q1: A, B, C, D. Q2 (April): C bought → active [4, 1]. Revenue Q1 = 140 + 40 + 30 + 15 + 0 = 225, Q2 = 10.
    expect(cohorts(tableFromRows(ROWS), 'quarter').rows).toEqual([
      { cohort: '2024-Q1', customers: 4, active: [4, 1], revenue: [225, 10] },
    ]);
  });

  it('builds ISO-week cohorts running to the last week of the data', () => {
    const { rows } = cohorts(tableFromRows(ROWS), 'week');
    // First days: A 01-05 (W01), B 01-31 (W05), C 02-15 (W07), D 03-10 Sunday (W10). Last day 04-30 is in W18.
    expect(rows.map((r) => r.cohort)).toEqual(['2024-W01', '2024-W05', '2024-W07', '2024-W10']);
    const a = rows[0];
    expect(a.active.length).toBe(18); // W01 … W18
    // A bought in W01 (k0), W03 (01-20, k2), W09 (03-02 is the Saturday of W09, k8).
    const activeWeeks = a.active.map((n, k) => (n > 0 ? k : -1)).filter((k) => k >= 0);
    expect(activeWeeks).toEqual([0, 2, 8]);
    expect(a.revenue[0]).toBe(100);
    expect(a.revenue[2]).toBe(50);
    expect(a.revenue[8]).toBe(30);
    expect(a.revenue.reduce((s, x) => s + x, 0)).toBe(180);
    expect(rows[3].active.length).toBe(9); // W10 … W18
  });

  it('does not depend on row order', () => {
    const shuffled = [...ROWS].reverse();
    expect(cohorts(tableFromRows(shuffled), 'month')).toEqual(cohorts(tableFromRows(ROWS), 'month'));
  });

  it('counts a customer once per period however many purchase days it has', () => {
    const rows: LiteralRow[] = [
      ['A', '2024-01-01', 1],
      ['B', '2024-01-02', 1],
      ['A', '2024-02-01', 1],
      ['A', '2024-02-02', 1],
      ['A', '2024-02-02', 1],
      ['B', '2024-02-28', 1],
    ];
    expect(cohorts(tableFromRows(rows), 'month').rows).toEqual([
      { cohort: '2024-01', customers: 2, active: [2, 2], revenue: [2, 4] },
    ]);
  });

  it('returns no rows for an empty table', () => {
    expect(cohorts(tableFromRows([]), 'month')).toEqual({ period: 'month', rows: [] });
  });

  it('says how much of the last period the data covers', () => {
    const table = tableFromRows(ROWS);
    // The last date, Tuesday 2024-04-30: all 30 days of April; 2 of the 7 days of ISO week 18 (from Monday 04-29);
    // 30 of the 91 days of Q2 (April 30 + May 31 + June 30).
    expect(cohorts(table, 'month').lastPeriod).toEqual({ days: 30, length: 30 });
    expect(cohorts(table, 'week').lastPeriod).toEqual({ days: 2, length: 7 });
    expect(cohorts(table, 'quarter').lastPeriod).toEqual({ days: 30, length: 91 });
    // Ending on 2024-02-09: 9 of February's 29 days (a leap year).
    expect(cohorts(tableFromRows([['A', '2024-01-15', 5], ['A', '2024-02-09', 5]]), 'month').lastPeriod).toEqual({ days: 9, length: 29 });
  });

  it('builds only the most recent cohorts that fit the cell limit, and counts the ones left out', () => {
    const table = tableFromRows(ROWS);
    const whole = cohorts(table, 'month');
    expect(whole.omitted).toBeUndefined();
    // Cells: March 2 (Mar, Apr), February 3, January 4. A limit of 5 takes March and February (2 + 3); January's
    // 2 customers (A, B) are left out.
    const capped = cohorts(table, 'month', 5);
    expect(capped.rows).toEqual(whole.rows.slice(1));
    expect(capped.omitted).toEqual({ cohorts: 1, customers: 2, cellLimit: 5 });
    expect(capped.lastPeriod).toEqual(whole.lastPeriod);
    // Exactly 9 cells fit all three; 1 cell fits none (the most recent cohort alone needs 2).
    expect(cohorts(table, 'month', 9).omitted).toBeUndefined();
    expect(cohorts(table, 'month', 1)).toMatchObject({ rows: [], omitted: { cohorts: 3, customers: 4 } });
  });

  it('stays bounded and quick on a file whose dates run from 1800 to 2100', () => {
    // 5,002 rows (about the size of a 170 KB file) of 2,000 customers on dates spread evenly over three centuries:
    // built whole, monthly cohorts take about 3 million cells and weekly ones 18 million.
    const rows: LiteralRow[] = [];
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const from = Date.UTC(1800, 0, 1);
    const to = Date.UTC(2100, 11, 31);
    for (let i = 0; i < 5000; i++) {
      rows.push([`C${Math.floor(random() * 2000)}`, new Date(from + random() * (to - from)).toISOString().slice(0, 10), 10]);
    }
    rows.push(['C0', '1800-01-01', 10], ['C1', '2100-12-31', 10]);
    const table = tableFromRows(rows);
    const started = performance.now();
    const built = (['month', 'week', 'quarter'] as const).map((period) => cohorts(table, period));
    const ms = performance.now() - started;
    for (const c of built) {
      const cells = c.rows.reduce((sum, r) => sum + r.active.length, 0);
      expect(cells).toBeLessThanOrEqual(COHORT_CELL_LIMIT);
      expect(c.omitted?.cohorts).toBeGreaterThan(0);
      // Every customer is either in a row or counted as left out.
      expect(c.rows.reduce((sum, r) => sum + r.customers, 0) + c.omitted!.customers).toBe(table.customerIds.length);
    }
    // The last date, Friday 2100-12-31: all of December, 5 days of ISO week 2100-W52, all 92 days of Q4.
    expect(built.map((c) => c.lastPeriod)).toEqual([{ days: 31, length: 31 }, { days: 5, length: 7 }, { days: 92, length: 92 }]);
    // Building them all took 0.6 s (months) and 3 s (weeks) before the limit; now 0.1-0.3 s each on a busy machine.
    expect(ms).toBeLessThan(3000);
    // The quarterly rows kept equal the most recent rows of the whole table (about 580,000 cells, still affordable).
    const whole = cohorts(table, 'quarter', Infinity);
    expect(whole.omitted).toBeUndefined();
    expect(built[2].rows).toEqual(whole.rows.slice(whole.rows.length - built[2].rows.length));
  });
});

describe('cohortMembers', () => {
  const table = tableFromRows(ROWS);
  const ids = (members: Uint32Array) => Array.from(members, (c) => table.customerIds[c]);

  it('lists the customers behind a cohort cell', () => {
    expect(ids(cohortMembers(table, 'month', '2024-01'))).toEqual(['A', 'B']);
    expect(ids(cohortMembers(table, 'month', '2024-01', 0))).toEqual(['A', 'B']);
    expect(ids(cohortMembers(table, 'month', '2024-01', 1))).toEqual(['B']);
    expect(ids(cohortMembers(table, 'month', '2024-01', 2))).toEqual(['A']);
    expect(ids(cohortMembers(table, 'month', '2024-01', 3))).toEqual([]);
    expect(ids(cohortMembers(table, 'month', '2024-02', 2))).toEqual(['C']);
    expect(ids(cohortMembers(table, 'quarter', '2024-Q1', 1))).toEqual(['C']);
    expect(ids(cohortMembers(table, 'week', '2024-W01', 8))).toEqual(['A']);
  });

  it('agrees with the cohort counts in every cell', () => {
    for (const period of ['month', 'week', 'quarter'] as const) {
      for (const row of cohorts(table, period).rows) {
        row.active.forEach((n, k) => expect(cohortMembers(table, period, row.cohort, k).length).toBe(n));
      }
    }
  });

  it('is empty for unknown cohorts and cells past the data', () => {
    expect(cohortMembers(table, 'month', '2023-12').length).toBe(0);
    expect(cohortMembers(table, 'month', '2024-03', 5).length).toBe(0);
  });
});
