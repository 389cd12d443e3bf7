/**
 * What a cohort heatmap cell shows, per metric, and the weighted-average row: pure arithmetic on the cohort
 * counts, so that the chart, its table view and the tests agree.
 */
import type { CohortRow } from '../core/types';

export type CohortMetric = 'retention' | 'active' | 'revenuePerCustomer' | 'cumulativePerCustomer';

export const COHORT_METRICS: CohortMetric[] = ['retention', 'active', 'revenuePerCustomer', 'cumulativePerCustomer'];

/**
 * Fewest cohorts an average point stands on. At ages only one or two cohorts have reached, the "average" is those
 * cohorts alone (the oldest, often the most loyal), and a curve of it bends up for no reason a shop can act on.
 */
export const MIN_AVERAGE_COHORTS = 3;

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

export interface AveragePoint {
  value: number;
  /** Customers and cohorts behind the value. */
  customers: number;
  cohorts: number;
  /** At least MIN_AVERAGE_COHORTS cohorts: the value may be shown. */
  enough: boolean;
}

/**
 * The average over cohorts for each period, weighted by cohort size and using only cohorts that have completed that
 * period: younger cohorts would drag the average down with periods that have not happened yet, and a period still
 * in progress (`partialLast[i]`: row i's last entry) with a part of one. For `active` it is the mean count per
 * cohort. A point stands on fewer than MIN_AVERAGE_COHORTS cohorts is marked not `enough`. A cohort whose value is
 * unknown (NaN: revenue a shared snapshot suppressed) is left out of that period's point.
 */
export function weightedAverageRow(rows: CohortRow[], metric: CohortMetric, partialLast: readonly boolean[] = []): AveragePoint[] {
  const periods = rows.reduce((m, r) => Math.max(m, r.active.length), 0);
  const out: AveragePoint[] = [];
  for (let k = 0; k < periods; k++) {
    let customers = 0;
    let cohorts = 0;
    let weighted = 0;
    rows.forEach((r, i) => {
      const complete = r.active.length - (partialLast[i] ? 1 : 0);
      if (k >= complete) return;
      const value = metric === 'active' ? r.active[k] : cohortValue(r, k, metric);
      // Revenue a shared snapshot suppressed is unknown: the cohort sits out of that period's average.
      if (Number.isNaN(value)) return;
      cohorts++;
      customers += r.customers;
      weighted += metric === 'active' ? value : value * r.customers;
    });
    const value = metric === 'active' ? (cohorts ? weighted / cohorts : 0) : customers ? weighted / customers : 0;
    out.push({ value, customers, cohorts, enough: cohorts >= MIN_AVERAGE_COHORTS });
  }
  return out;
}
