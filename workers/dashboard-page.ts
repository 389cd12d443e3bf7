/** The historical dashboard as the page holds it, and what an import hands the page with a new dataset. */
import type { Cohorts } from '../src/core/types';
import type { DashboardData, HistoricalAggregates } from '../src/core/figures';

/**
 * DashboardData as it goes to the page: every figure but the per-customer columns and ids, which stay in the worker;
 * the page asks for the customer table's rows in sight (`customerRows`) and for its CSV (`customerCsv`).
 */
export type DashboardPage = Omit<DashboardData, 'historical'> & { historical: HistoricalAggregates };

/** The dashboard without its per-customer columns, which stay with the worker (the customer table asks for rows). */
export function dashboardPage(data: DashboardData): DashboardPage {
  const { historical, ...rest } = data;
  const { perCustomer: _columns, ...figures } = historical;
  return { ...rest, historical: figures };
}

/**
 * A new dataset's first screen, sent with the news that it can be shown: its dashboard without a margin and its monthly
 * cohorts, both made by the import. Asked for instead, they waited behind the save's first writes (10M lines: 120–150
 * ms each) before the page could draw.
 */
export interface FirstScreen {
  dashboard: DashboardPage;
  cohorts: Cohorts;
}
