/**
 * Cohorts by start month: the customers whose MRR first appears in a month, and at each later age how many of them
 * still pay (subscribers retained) and how much MRR they bring compared with their first month (MRR retained, which
 * exceeds 100% when upgrades outweigh cancellations).
 */
import { monthLabel } from '../figures/dates';
import type { MrrGrid } from './monthly';

export interface SubscriptionCohort {
  month: string;
  customers: number;
  mrr: number;
  /** Age 0 (the start month) to the last month of the file. */
  retained: { customers: number; mrr: number }[];
}

export function subscriptionCohorts(grid: MrrGrid): SubscriptionCohort[] {
  const { months, customers, mrr } = grid;
  const cohorts: SubscriptionCohort[] = [];
  for (let m = 0; m < months; m++) cohorts.push({ month: monthLabel(grid.firstMonth + m), customers: 0, mrr: 0, retained: Array.from({ length: months - m }, () => ({ customers: 0, mrr: 0 })) });
  for (let c = 0; c < customers.length; c++) {
    let start = -1;
    for (let m = 0; m < months; m++) if (mrr[c * months + m] > 1e-9) { start = m; break; }
    if (start < 0) continue;
    const cohort = cohorts[start];
    cohort.customers++;
    cohort.mrr += mrr[c * months + start];
    for (let m = start; m < months; m++) {
      const v = mrr[c * months + m];
      if (v > 1e-9) {
        cohort.retained[m - start].customers++;
        cohort.retained[m - start].mrr += v;
      }
    }
  }
  return cohorts.filter((c) => c.customers > 0);
}
