import { describe, expect, it } from 'vitest';
import { readCohortTable } from '../../../src/core/import/cohort-table';
import { isCohortTableHeader } from '../../../src/core/import/cohort-table-columns';
import { sniff } from '../../../src/core/import';
import { ImportError } from '../../../src/core/import/import-error';
import { isoToDay } from '../../../src/core/figures/dates';

const bytes = (text: string) => new TextEncoder().encode(text);
const HEADER = 'cohort_year,cohort_month,period,customers,active,revenue';

describe('readCohortTable', () => {
  it('fills the cells the query leaves out with 0, up to the month of the observation end (hand-built table)', () => {
    // January: 3 customers, one of them back in March (40); February: 2, one back in March with a refund only.
    const csv = [HEADER, '2024,1,0,3,3,150.5', '2024,1,2,3,1,40', '2024,2,0,2,2,80', '2024,2,1,2,1,-10'].join('\n');
    const { cohorts, customers, report } = readCohortTable(bytes(csv), 'cohorts.csv', isoToDay('2024-03-15'));
    expect(report).toMatchObject({ rowsRead: 4, rowsAccepted: 4, rowsRejected: 0, rejected: [] });
    expect(customers).toBe(5);
    expect(cohorts.period).toBe('month');
    expect(cohorts.rows).toEqual([
      { cohort: '2024-01', customers: 3, active: [3, 0, 1], revenue: [150.5, 0, 40] },
      { cohort: '2024-02', customers: 2, active: [2, 1], revenue: [80, -10] },
    ]);
    // 15 of March's 31 days are observed.
    expect(cohorts.lastPeriod).toEqual({ days: 15, length: 31 });
    expect(cohorts.omitted).toBeUndefined();
  });

  it('without an observation end, ends at the table’s own last month, taken as whole', () => {
    const csv = [HEADER, '2023,12,0,4,4,10', '2023,12,3,4,2,7.25'].join('\n');
    const { cohorts } = readCohortTable(bytes(csv), 'c.csv', null);
    expect(cohorts.rows).toEqual([{ cohort: '2023-12', customers: 4, active: [4, 0, 0, 2], revenue: [10, 0, 0, 7.25] }]);
    // The last month is March 2024 (December + 3): 31 days, counted whole.
    expect(cohorts.lastPeriod).toEqual({ days: 31, length: 31 });
  });

  it('reads the columns in any order and case, with a byte order mark, semicolons and CRLF', () => {
    const csv = '\uFEFFREVENUE;Period;Active;Customers;Cohort_Month;Cohort_Year\r\n12.5;0;2;2;7;2022\r\n3;1;1;2;7;2022\r\n';
    const { cohorts, report } = readCohortTable(bytes(csv), 'c.csv', isoToDay('2022-08-31'));
    expect(report.rowsAccepted).toBe(2);
    expect(cohorts.rows).toEqual([{ cohort: '2022-07', customers: 2, active: [2, 1], revenue: [12.5, 3] }]);
    expect(cohorts.lastPeriod).toEqual({ days: 31, length: 31 });
  });

  it('rejects each bad row with its line and reason, and counts every row read', () => {
    const lines = [
      HEADER,
      '2024,1,0,3,3,150', // line 2: kept
      'x024,1,1,3,1,5', // 3: year
      '2024,13,0,1,1,5', // 4: month
      '2024,1,-1,3,1,5', // 5: period
      '2024,1,1,3,4,5', // 6: active above customers
      '2024,2,0,2,1,5', // 7: first month not everyone active
      '2024,1,0,3,3,150', // 8: duplicate of line 2
      '2024,1,1,4,1,5', // 9: size differs from line 2
      '2024,1,5,3,1,5', // 10: June, after the observation end (March)
      '2024,1,1,3,1,abc', // 11: revenue
      '2024,1,2,3,"1,5', // 12: quote never closed
    ];
    const { cohorts, report } = readCohortTable(bytes(lines.join('\n')), 'c.csv', isoToDay('2024-03-31'));
    expect(report.rowsRead).toBe(11);
    expect(report.rowsAccepted).toBe(1);
    expect(report.rowsRejected).toBe(10);
    const lineOf = Object.fromEntries(report.rejected.map((g) => [g.code, g.examples.map((e) => e.line)]));
    expect(lineOf).toEqual({
      'cohort-cohort_year': [3],
      'cohort-cohort_month': [4],
      'cohort-period': [5],
      'cohort-active': [6],
      'cohort-first-month': [7],
      'cohort-duplicate': [8],
      'cohort-size-differs': [9],
      'cohort-after-end': [10],
      'cohort-revenue': [11],
      'unclosed-quote': [12],
    });
    expect(report.rejected.find((g) => g.code === 'cohort-cohort_month')!.reason).toBe('The cohort month is not a whole number from 1 to 12 (column "cohort_month")');
    expect(cohorts.rows).toEqual([{ cohort: '2024-01', customers: 3, active: [3, 0, 0], revenue: [150, 0, 0] }]);
  });

  it('refuses a file without the columns, naming the missing ones, and a table with no usable row', () => {
    const missing = () => readCohortTable(bytes('cohort_year,cohort_month,period,customers\n2024,1,0,3\n'), 'c.csv', null);
    expect(missing).toThrow(ImportError);
    expect(missing).toThrow('lacks the column(s) active, revenue');
    const empty = () => readCohortTable(bytes(`${HEADER}\n2024,1,0,3,2,5\n`), 'c.csv', null);
    expect(empty).toThrow(expect.objectContaining({ code: 'cohort-table-empty' }));
    expect(() => readCohortTable(bytes(''), 'c.csv', null)).toThrow(expect.objectContaining({ code: 'cohort-table-columns' }));
  });

  it('keeps only the most recent cohorts when the table would make more cells than a view can hold', () => {
    // 1,200 monthly cohorts from January 1900, each to December 1999: 720,600 cells, far above 250,000.
    const rows = [HEADER];
    for (let i = 0; i < 1200; i++) rows.push(`${1900 + Math.floor(i / 12)},${(i % 12) + 1},0,1,1,1`);
    const { cohorts, customers } = readCohortTable(bytes(rows.join('\n')), 'c.csv', isoToDay('1999-12-31'));
    expect(customers).toBe(1200);
    // Kept from the most recent back while the cells fit: k cohorts take 1 + 2 + … + k = k(k+1)/2 ≤ 250,000 → k = 706.
    expect(cohorts.rows.length).toBe(706);
    expect(cohorts.omitted).toEqual({ cohorts: 494, customers: 494, cellLimit: 250_000 });
    expect(cohorts.rows.at(-1)!.cohort).toBe('1999-12');
  });
});

describe('a cohort table dropped on the import screen', () => {
  it('is known by its header and refused as orders in one sentence, pointing to the summary it belongs with', () => {
    expect(isCohortTableHeader(['Cohort_Year', 'cohort_month', 'period', 'customers', 'active', 'revenue'])).toBe(true);
    expect(isCohortTableHeader(['customer_id', 'frequency', 'recency', 'T'])).toBe(false);
    // A file of thousands of columns is not the query's output (and is not searched for its names).
    expect(isCohortTableHeader([...HEADER.split(','), ...Array.from({ length: 1000 }, (_, i) => `x${i}`)])).toBe(false);
    const guess = sniff(bytes(`${HEADER}\n2024,1,0,3,3,1\n2024,1,1,3,1,2\n`), 'cohorts.csv', 45);
    expect(guess.problemCode).toBe('cohort-table-file');
    expect(guess.problem).toContain('add the cohort table in that summary’s History');
  });
});
