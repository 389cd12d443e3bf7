/** Figures domain: the historical dashboard and the cohorts of a stored dataset, at the dataset's own settings. */
import { clvDistribution, cohortMembers, historyLength, type CustomerHistory } from '../src/core/figures';
import { customerCsvParts, customerOrder, customerRows, isFirstView, type CustomerCsvColumns, type CustomerRows, type CustomerView } from '../src/core/figures/customer-table';
import type { CohortPeriod, Cohorts } from '../src/core/types';
import type { WorkerContext } from './context';
import { cohortsOf, dashboardOf } from './derived';
import { dashboardPage, type DashboardPage } from './dashboard-page';
import { largestFirst, largestFirstTop } from '../src/core/sort-by-number';
import { customerIdOf } from '../src/core/customer-ids';

/**
 * Rows of the first view (net revenue, largest first) answered from a partial sort: the table's first screen (it asks
 * for about eighty rows) without sorting every customer; scrolling past them, or the CSV, sorts them all, once.
 */
const FIRST_SCREEN = 500;

/** A customer table kept here: its columns and ids, its first view's order and its CSV's columns. */
interface CustomerTableSource {
  history: CustomerHistory;
  /** Every id, by code (made into strings when first asked: a search, a sort by id, the CSV); and one id. */
  ids: () => string[];
  idOf: (code: number) => string;
  /** The first view's first FIRST_SCREEN positions, and all of them; each computed when first asked, then kept. */
  firstScreen: () => Promise<Uint32Array>;
  first: () => Promise<Uint32Array>;
  csv: CustomerCsvColumns;
}

export function figuresApi(context: WorkerContext) {
  const { db, tables } = context;

  /**
   * A summary's History figures (docs/warehouse.md), computed once while the dataset is open; its code loads only
   * then. Null for an orders dataset.
   */
  async function summaryHistoryOf(datasetId: number) {
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
        distribution: data.revenue ? clvDistribution(data.revenue) : null,
        // The cohort table's cohorts come through `cohorts`; here only how it was read and its customers in all.
        cohortTable: table ? { report: table.report, customers: table.customers } : null,
      };
    });
    return { answer, ids: data.customerIds };
  }

  /** A table's first view orders, kept under `key` while the dataset is open (see CustomerTableSource). */
  function firstOrders(datasetId: number, key: string, history: CustomerHistory) {
    return {
      firstScreen: () => tables.derived(datasetId, `${key}:top`, () => largestFirstTop(history.netRevenue, FIRST_SCREEN)),
      first: () => tables.derived(datasetId, key, () => largestFirst(history.netRevenue)),
    };
  }

  /** The customer table of a dataset, orders or summary, at the dataset's margin. */
  async function customerTableOf(datasetId: number): Promise<CustomerTableSource> {
    const summary = await summaryHistoryOf(datasetId);
    if (summary) {
      const { history, dated } = summary.answer.customers;
      const ids = summary.ids;
      return { history, ids: () => ids, idOf: (code) => ids[code], ...firstOrders(datasetId, 'summary-order', history), csv: { dated, profit: false } };
    }
    const margin = (await context.settings(datasetId)).marginPercent;
    const data = await dashboardOf(tables, datasetId, margin);
    const table = await tables.table(datasetId);
    const history = data.historical.perCustomer;
    return {
      history,
      ids: () => table.customerIds,
      idOf: (code) => customerIdOf(table, code),
      ...firstOrders(datasetId, `dashboard-order:${margin ?? 'none'}`, history),
      csv: { dated: true, profit: data.historical.clv.profitMean !== null },
    };
  }

  /**
   * The last view's order for each table (a search or another sort), so that scrolling it sorts nothing again; kept
   * by the table's columns, so it goes when they do (another margin, the dataset closed).
   */
  const lastViews = new WeakMap<CustomerHistory, { key: string; order: Uint32Array }>();

  function viewOrder(table: CustomerTableSource, view: CustomerView): Promise<Uint32Array> | Uint32Array {
    if (isFirstView(view)) return table.first();
    const key = JSON.stringify([view.query.trim().toLowerCase(), view.column, view.ascending]);
    const last = lastViews.get(table.history);
    if (last?.key === key) return last.order;
    const order = customerOrder(table.history, table.ids(), view);
    lastViews.set(table.history, { key, order });
    return order;
  }

  return {
    /** Every figure of the historical dashboard (historical CLV, formulas, concentration, distribution). */
    async dashboard(datasetId: number): Promise<DashboardPage> {
      // The margin is read from the dataset, the one setting that history, forecast and snapshot all use.
      const margin = (await context.settings(datasetId)).marginPercent;
      return dashboardPage(await dashboardOf(tables, datasetId, margin));
    },

    /** The customer table's rows `from` to `to` of a view (search and sort), orders or summary dataset alike. */
    async customerRows(datasetId: number, view: CustomerView, from: number, to: number): Promise<CustomerRows> {
      const table = await customerTableOf(datasetId);
      // The first screen of the first view: every customer is in it, only the first ones need sorting.
      if (isFirstView(view) && to <= FIRST_SCREEN) return customerRows(table.history, table.idOf, await table.firstScreen(), from, to, historyLength(table.history));
      return customerRows(table.history, table.idOf, await viewOrder(table, view), from, to);
    },

    /** The CSV file of a view of the customer table, every row it keeps. */
    async customerCsv(datasetId: number, view: CustomerView): Promise<Blob> {
      const table = await customerTableOf(datasetId);
      return new Blob(customerCsvParts(table.history, table.ids(), await viewOrder(table, view), table.csv), { type: 'text/csv' });
    },

    cohorts(datasetId: number, period: CohortPeriod): Promise<Cohorts> {
      return cohortsOf(tables, datasetId, period);
    },

    /**
     * The History figures of a summary dataset (docs/warehouse.md); null for an orders dataset. Its customer table
     * stays here, as the orders' does.
     */
    async summaryHistory(datasetId: number) {
      const summary = await summaryHistoryOf(datasetId);
      if (!summary) return null;
      const { customers, ...answer } = summary.answer;
      return { ...answer, customers: { dated: customers.dated, count: historyLength(customers.history) } };
    },

    /** The ids of a cohort's customers, or of those among them who bought in period `k` after joining. */
    async cohortMembers(datasetId: number, period: CohortPeriod, cohort: string, k?: number): Promise<string[]> {
      const table = await tables.table(datasetId);
      return Array.from(cohortMembers(table, period, cohort, k), (c) => table.customerIds[c]);
    },
  };
}
