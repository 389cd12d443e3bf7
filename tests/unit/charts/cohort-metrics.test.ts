import { describe, expect, it } from 'vitest';
import { cohortValue, weightedAverageRow } from '../../../src/charts/cohort-metrics';
import { cellTextOf, cohortView } from '../../../src/charts/cohort-scales';
import type { CohortRow, Cohorts } from '../../../src/core/types';

// The hand-checked cohorts of tests/fixtures/e2e/don-hang.csv.
const jan: CohortRow = { cohort: '2024-01', customers: 2, active: [2, 1, 0, 1], revenue: [1550000, 150000, 0, 600000] };
const feb: CohortRow = { cohort: '2024-02', customers: 1, active: [1, 1, 0], revenue: [2000000, 750000, 0] };
// Two more cohorts, made up, so that three cohorts reach month 1.
const mar: CohortRow = { cohort: '2024-03', customers: 3, active: [3, 1], revenue: [900000, 100000] };
const apr: CohortRow = { cohort: '2024-04', customers: 4, active: [4], revenue: [800000] };

describe('cohort heatmap metrics', () => {
  it('reads retention, counts, revenue per customer and cumulative revenue per customer', () => {
    expect(cohortValue(jan, 1, 'retention')).toBe(0.5);
    expect(cohortValue(jan, 3, 'active')).toBe(1);
    expect(cohortValue(jan, 3, 'revenuePerCustomer')).toBe(300000);
    expect(cohortValue(jan, 3, 'cumulativePerCustomer')).toBe(1150000);
    expect(cohortValue(feb, 1, 'cumulativePerCustomer')).toBe(2750000);
  });

  it('averages over the cohorts that have reached each period, weighted by size, and says when too few have', () => {
    const retention = weightedAverageRow([jan, feb], 'retention');
    expect(retention.map((a) => a.cohorts)).toEqual([2, 2, 2, 1]);
    expect(retention[1].value).toBeCloseTo(2 / 3, 12); // (1 + 1) of (2 + 1)
    expect(retention[2].value).toBe(0);
    expect(retention[3].value).toBe(0.5); // January alone
    // Two cohorts are too few for an average (three are needed).
    expect(retention.map((a) => a.enough)).toEqual([false, false, false, false]);
    const ltv = weightedAverageRow([jan, feb], 'cumulativePerCustomer');
    // Period 1: (1,700,000 + 2,750,000) / 3 customers.
    expect(ltv[1].value).toBeCloseTo(4450000 / 3, 6);
    expect(weightedAverageRow([jan, feb], 'active')[1].value).toBe(1);
    expect(weightedAverageRow([], 'retention')).toEqual([]);
  });

  it('leaves out a period still in progress', () => {
    // April is the period in progress: every row's last entry (Jan k3, Feb k2, Mar k1, Apr k0).
    const rows = [jan, feb, mar, apr];
    const whole = weightedAverageRow(rows, 'retention', [true, true, true, true]);
    // Month 0: Jan, Feb, Mar (April's month 0 is in progress): 6 customers, all. Month 1: Jan and Feb only,
    // (1 + 1) of 3: too few cohorts. Counting the period in progress, month 1 would be (1 + 1 + 1) of 6 = 50% over
    // three cohorts.
    expect(whole.map((a) => [a.cohorts, a.customers, a.enough])).toEqual([[3, 6, true], [2, 3, false], [1, 2, false], [0, 0, false]]);
    expect(whole[0].value).toBe(1);
    const counted = weightedAverageRow(rows, 'retention');
    expect(counted[1]).toEqual({ value: 0.5, customers: 6, cohorts: 3, enough: true });
  });
});

describe('cohort view', () => {
  const rows = (n: number): CohortRow[] =>
    Array.from({ length: n }, (_, i) => ({ cohort: `W${i}`, customers: i + 1, active: Array(n - i).fill(1), revenue: Array(n - i).fill(10) }));

  it('draws the most recent cohorts, cut to their first periods, and counts what it leaves out', () => {
    // 70 weekly cohorts of 1 … 70 customers, each to the last week; the engine left out 5 more (40 customers).
    const cohorts: Cohorts = { period: 'week', rows: rows(70), lastPeriod: { days: 3, length: 7 }, omitted: { cohorts: 5, customers: 40, cellLimit: 250_000 } };
    const view = cohortView(cohorts, 60, 50);
    expect(view.rows.map((r) => r.cohort)).toEqual(rows(70).slice(10).map((r) => r.cohort));
    expect(view.totalCohorts).toBe(75);
    expect(view.hiddenCohorts).toBe(15);
    // Customers of the 10 oldest rows: 1 + … + 10 = 55, plus the engine's 40.
    expect(view.hiddenCustomers).toBe(95);
    // Row W10 has 60 weeks: cut to 50, so its last week drawn is a whole one; W20 has 50, ending in the partial week.
    expect(view.rows[0].active.length).toBe(50);
    expect(view.periodsCut).toBe(true);
    expect(view.partialLast.slice(0, 11)).toEqual([...Array(10).fill(false), true]);
    expect(view.partial).toEqual({ days: 3, length: 7 });
  });

  it('draws everything when it fits, and no partial period when the last one is whole', () => {
    const view = cohortView({ period: 'month', rows: [jan, feb], lastPeriod: { days: 30, length: 30 } });
    expect(view).toMatchObject({ rows: [jan, feb], partialLast: [false, false], partial: null, hiddenCohorts: 0, hiddenCustomers: 0, periodsCut: false });
  });
});

describe('cell texts', () => {
  const row = (revenue: number[]): CohortRow => ({ cohort: '2024-01', customers: 1, active: revenue.map(() => 1), revenue });

  it('gives money the digits that tell neighbouring cells apart', () => {
    // Cumulative revenue per customer 1,020, 1,050, 1,090, 1,120: "1K" four times at 2 digits; 3 tell them apart.
    const text = cellTextOf([row([1020, 30, 40, 30])], 'cumulativePerCustomer', 'en-US');
    expect([1020, 1050, 1090, 1120].map(text)).toEqual(['1.02K', '1.05K', '1.09K', '1.12K']);
    // 150, 180, 420: two digits are enough.
    expect([150, 180, 420].map(cellTextOf([row([150, 30, 240])], 'cumulativePerCustomer', 'en-US'))).toEqual(['150', '180', '420']);
    // Equal neighbours (no purchase in between) do not ask for more digits; 1,000.4 vs 1,000 differs by < 0.5%.
    expect(cellTextOf([row([1000, 0, 0.4])], 'cumulativePerCustomer', 'en-US')(1000)).toBe('1K');
    // Vietnamese: a decimal comma.
    expect(cellTextOf([row([1020, 20])], 'cumulativePerCustomer', 'vi-VN')(1040)).toBe('1,04\u00a0N');
  });

  it('gives retention whole percent and counts as they are', () => {
    expect(cellTextOf([], 'retention', 'en-US')(0.146)).toBe('15');
    expect(cellTextOf([], 'active', 'en-US')(9_999)).toBe('9999');
    expect(cellTextOf([], 'active', 'en-US')(12_345)).toBe('12.3K');
  });
});
