/** Figures domain: the historical dashboard and the cohorts of a stored dataset, at the dataset's own settings. */
import { transfer } from 'comlink';
import { clvDistribution, cohortMembers, type DashboardData } from '../src/core/figures';
import { packStrings, type PackedStrings } from '../src/core/utf16-text';
import type { CohortPeriod, Cohorts } from '../src/core/types';
import { datasetSettings } from '../src/db/repo';
import type { WorkerContext } from './context';
import { cohortsOf, dashboardOf } from './derived';
import { sortByNumber } from '../src/core/sort-by-number';

/** DashboardData as it goes to the page: the ids as strings or packed. */
export type DashboardTransfer = Omit<DashboardData, 'customerIds'> & { customerIds: string[] | PackedStrings };

/**
 * Each column copied into a buffer of its own, to be transferred (a view's buffer may hold more, or be shared); a
 * column under two names stays one copy.
 */
function handedOver<T extends Record<keyof T, Uint32Array | Int32Array | Float64Array>>(columns: T): T {
  const out = {} as T;
  const copies = new Map<ArrayBufferView, T[keyof T]>();
  for (const key of Object.keys(columns) as (keyof T)[]) {
    let copy = copies.get(columns[key]);
    if (!copy) copies.set(columns[key], (copy = columns[key].slice() as T[keyof T]));
    out[key] = copy;
  }
  return out;
}

/** The buffers of the columns, each once, for a transfer list. */
const buffersOf = (columns: object) => [...new Set(Object.values(columns).map((column: ArrayBufferView) => column.buffer))];

/** Positions by a value, largest first (unknown last): a customer table's first order (see DashboardData). */
function largestFirst(values: Float64Array): Uint32Array {
  const positions = new Uint32Array(values.length);
  for (let i = 0; i < positions.length; i++) positions[i] = i;
  return sortByNumber(positions, values, false);
}

export function figuresApi(context: WorkerContext) {
  const { db, tables } = context;
  return {
    /**
     * Every figure of the historical dashboard (historical CLV, formulas, concentration, distribution). The customer
     * ids go packed in two transferred arrays when they can (the history store unpacks them): copying 3.3 million
     * strings to the page cost seconds of both threads.
     */
    async dashboard(datasetId: number): Promise<DashboardTransfer> {
      // The margin is read from the dataset, the one setting that history, forecast and snapshot all use.
      const data = await dashboardOf(tables, datasetId, (await datasetSettings(db, datasetId)).marginPercent);
      const packed = packStrings(data.customerIds);
      // The per-customer columns go as copies handed over, not cloned: cloning 3.3 million customers' columns held
      // them three times at once (this worker's cache, the message, the page's copy), 0.5 GB at the end of a
      // 10M-line import. The cache keeps its own (forecast, snapshot and what-if read it).
      const perCustomer = handedOver(data.historical.perCustomer);
      const byNetRevenue = data.byNetRevenue.slice();
      const buffers = [...buffersOf(perCustomer), byNetRevenue.buffer];
      if (packed) buffers.push(packed.units.buffer, packed.ends.buffer);
      return transfer({ ...data, historical: { ...data.historical, perCustomer }, byNetRevenue, customerIds: packed ?? data.customerIds }, buffers);
    },

    cohorts(datasetId: number, period: CohortPeriod): Promise<Cohorts> {
      return cohortsOf(tables, datasetId, period);
    },

    /**
     * The History figures of a summary dataset (docs/warehouse.md); null for an orders dataset. Its code loads only
     * then. Computed once while the dataset is open; the columns, the ids (packed) and the customer table's first order
     * go to the page handed over, as the dashboard's do: a summary can hold ten million customers.
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
      const history = handedOver(answer.customers.history);
      const byNetRevenue = answer.byNetRevenue.slice();
      const packed = packStrings(data.customerIds);
      const buffers = [...buffersOf(history), byNetRevenue.buffer];
      if (packed) buffers.push(packed.units.buffer, packed.ends.buffer);
      const customerIds: string[] | PackedStrings = packed ?? data.customerIds;
      return transfer({ ...answer, customers: { ...answer.customers, history }, byNetRevenue, customerIds }, buffers);
    },

    /** The ids of a cohort's customers, or of those among them who bought in period `k` after joining. */
    async cohortMembers(datasetId: number, period: CohortPeriod, cohort: string, k?: number): Promise<string[]> {
      const table = await tables.table(datasetId);
      return Array.from(cohortMembers(table, period, cohort, k), (c) => table.customerIds[c]);
    },
  };
}
