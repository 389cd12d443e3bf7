import { describe, expect, it } from 'vitest';
import { cohortValue, weightedAverageRow } from '../../../src/charts/cohort-metrics';
import type { CohortRow } from '../../../src/core/types';

// The hand-checked cohorts of tests/fixtures/e2e/don-hang.csv.
const jan: CohortRow = { cohort: '2024-01', customers: 2, active: [2, 1, 0, 1], revenue: [1550000, 150000, 0, 600000] };
const feb: CohortRow = { cohort: '2024-02', customers: 1, active: [1, 1, 0], revenue: [2000000, 750000, 0] };

describe('cohort heatmap metrics', () => {
  it('reads retention, counts, revenue per customer and cumulative revenue per customer', () => {
    expect(cohortValue(jan, 1, 'retention')).toBe(0.5);
    expect(cohortValue(jan, 3, 'active')).toBe(1);
    expect(cohortValue(jan, 3, 'revenuePerCustomer')).toBe(300000);
    expect(cohortValue(jan, 3, 'cumulativePerCustomer')).toBe(1150000);
    expect(cohortValue(feb, 1, 'cumulativePerCustomer')).toBe(2750000);
  });

  it('averages over the cohorts that have reached each period, weighted by size', () => {
    const retention = weightedAverageRow([jan, feb], 'retention');
    expect(retention.map((a) => a.cohorts)).toEqual([2, 2, 2, 1]);
    expect(retention[1].value).toBeCloseTo(2 / 3, 12); // (1 + 1) of (2 + 1)
    expect(retention[2].value).toBe(0);
    expect(retention[3].value).toBe(0.5); // January alone
    const ltv = weightedAverageRow([jan, feb], 'cumulativePerCustomer');
    // Period 1: (1,700,000 + 2,750,000) / 3 customers.
    expect(ltv[1].value).toBeCloseTo(4450000 / 3, 6);
    expect(weightedAverageRow([jan, feb], 'active')[1].value).toBe(1);
    expect(weightedAverageRow([], 'retention')).toEqual([]);
  });
});
