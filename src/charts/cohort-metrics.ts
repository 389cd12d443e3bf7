/**
 * What a cohort heatmap cell shows, per metric, and the weighted-average row: pure arithmetic on the cohort
 * counts, so that the chart, its table view and the tests agree.
 */
import type { CohortRow } from '../core/types';

export type CohortMetric = 'retention' | 'active' | 'revenuePerCustomer' | 'cumulativePerCustomer';

export const COHORT_METRICS: CohortMetric[] = ['retention', 'active', 'revenuePerCustomer', 'cumulativePerCustomer'];

/** The metric's value for period k of one cohort (k within the row). */
export function cohortValue(row: CohortRow, k: number, metric: CohortMetric): number {
  const n = row.customers;
  if (metric === 'active') return row.active[k];
  if (metric === 'retention') return n ? row.active[k] / n : 0;
  if (metric === 'revenuePerCustomer') return n ? row.revenue[k] / n : 0;
  let sum = 0;
  for (let j = 0; j <= k; j++) sum += row.revenue[j];
  return n ? sum / n : 0;
}

/**
 * The average over cohorts for each period, weighted by cohort size and using only cohorts old enough to have
 * reached that period (younger cohorts would drag the average down with periods that have not happened yet).
 * For `active` it is the mean count per cohort.
 */
export function weightedAverageRow(rows: CohortRow[], metric: CohortMetric): { value: number; customers: number; cohorts: number }[] {
  const periods = rows.reduce((m, r) => Math.max(m, r.active.length), 0);
  const out: { value: number; customers: number; cohorts: number }[] = [];
  for (let k = 0; k < periods; k++) {
    let customers = 0;
    let cohorts = 0;
    let weighted = 0;
    for (const r of rows) {
      if (k >= r.active.length) continue;
      cohorts++;
      customers += r.customers;
      weighted += metric === 'active' ? r.active[k] : cohortValue(r, k, metric) * r.customers;
    }
    out.push({ value: metric === 'active' ? (cohorts ? weighted / cohorts : 0) : customers ? weighted / customers : 0, customers, cohorts });
  }
  return out;
}
