/** Figures domain: the historical dashboard and the cohorts of a stored dataset, at the dataset's own settings. */
import { transfer } from 'comlink';
import { clvDistribution, cohortMembers, type DashboardData } from '../src/core/figures';
import { packStrings, type PackedStrings } from '../src/core/utf16-text';
import type { CohortPeriod, Cohorts } from '../src/core/types';
import { datasetSettings } from '../src/db/repo';
import type { WorkerContext } from './context';
import { cohortsOf, dashboardOf } from './derived';
import { largestFirst } from '../src/core/sort-by-number';

/**
 * DashboardData as it goes to the page: the ids as strings or packed, and the customer table's first order (sorted
 * here once, kept while the dataset is open: the page sorted 3.3 million customers each time the table was drawn).
 */
export type DashboardTransfer = Omit<DashboardData, 'customerIds'> & { customerIds: string[] | PackedStrings; byNetRevenue: Uint32Array };

/**
 * A customer table for the page: its columns as copies of their own, handed over rather than cloned (cloning held
 * them three times at once: the worker's cache, the message, the page's copy; the cache keeps its own), its first
 * order likewise, and the ids packed in two arrays when they can be (copying millions of strings one by one cost
 * seconds of both threads). `buffers` is the transfer list.
 */
function customerTableForPage<T extends Record<keyof T, Uint32Array | Int32Array | Float64Array>>(columns: T, byNetRevenue: Uint32Array, ids: string[]) {
  const copies = new Map<ArrayBufferView, T[keyof T]>();
  const handed = {} as T;
  for (const key of Object.keys(columns) as (keyof T)[]) {
    // A column under two names (a summary's gross and net revenue) stays one copy.
    let copy = copies.get(columns[key]);
    if (!copy) copies.set(columns[key], (copy = columns[key].slice() as T[keyof T]));
    handed[key] = copy;
  }
  const order = byNetRevenue.slice();
  const packed = packStrings(ids);
  const buffers: ArrayBufferLike[] = [...[...copies.values()].map((copy) => copy.buffer), order.buffer];
  if (packed) buffers.push(packed.units.buffer, packed.ends.buffer);
  const customerIds: string[] | PackedStrings = packed ?? ids;
  return { columns: handed, byNetRevenue: order, customerIds, buffers };
}

export function figuresApi(context: WorkerContext) {
  const { db, tables } = context;
  return {
    /** Every figure of the historical dashboard (historical CLV, formulas, concentration, distribution). */
    async dashboard(datasetId: number): Promise<DashboardTransfer> {
      // The margin is read from the dataset, the one setting that history, forecast and snapshot all use.
      const margin = (await datasetSettings(db, datasetId)).marginPercent;
      const data = await dashboardOf(tables, datasetId, margin);
      const order = await tables.derived(datasetId, `dashboard-order:${margin ?? 'none'}`, () => largestFirst(data.historical.perCustomer.netRevenue));
      const page = customerTableForPage(data.historical.perCustomer, order, data.customerIds);
      return transfer({ ...data, historical: { ...data.historical, perCustomer: page.columns }, byNetRevenue: page.byNetRevenue, customerIds: page.customerIds }, page.buffers);
    },

    cohorts(datasetId: number, period: CohortPeriod): Promise<Cohorts> {
      return cohortsOf(tables, datasetId, period);
    },

    /**
     * The History figures of a summary dataset (docs/warehouse.md); null for an orders dataset. Its code loads only
     * then. Computed once while the dataset is open, and its customer table handed to the page as the dashboard's is:
     * a summary can hold ten million customers.
     */
    async summaryHistory(datasetId: number) {
      const data = await tables.summaryDataset(datasetId);
      if (!data) return null;
      const answer = await tables.derived(datasetId, 'summary-history', async () => {
        const [{ summaryHistory }, { summaryCustomers }] = await Promise.all([import('../src/core/figures/summary-history'), import('../src/core/figures/summary-customers')]);
        const table = data.cohortTable;
        const customers = summaryCustomers(data);
        return {
          history: summaryHistory(data),
          observationEnd: data.observationEnd,
          // The customer table and the CLV distribution, as the orders' History has them (no profit: a summary has no costs).
          customers,
          byNetRevenue: largestFirst(customers.history.netRevenue),
          distribution: data.revenue ? clvDistribution(data.revenue) : null,
          // The cohort table's cohorts come through `cohorts`; here only how it was read and its customers in all.
          cohortTable: table ? { report: table.report, customers: table.customers } : null,
        };
      });
      const page = customerTableForPage(answer.customers.history, answer.byNetRevenue, data.customerIds);
      return transfer({ ...answer, customers: { ...answer.customers, history: page.columns }, byNetRevenue: page.byNetRevenue, customerIds: page.customerIds }, page.buffers);
    },

    /** The ids of a cohort's customers, or of those among them who bought in period `k` after joining. */
    async cohortMembers(datasetId: number, period: CohortPeriod, cohort: string, k?: number): Promise<string[]> {
      const table = await tables.table(datasetId);
      return Array.from(cohortMembers(table, period, cohort, k), (c) => table.customerIds[c]);
    },
  };
}
