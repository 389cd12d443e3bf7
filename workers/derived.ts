/**
 * Values computed from an open dataset's table, each kept in the table cache under its own key, so that each is
 * computed once while the dataset stays open (cohorts at import or on first open, not again on every view).
 */
import { cohorts, dashboardData, type DashboardData } from '../src/core/figures';
import { predictionInput, type PredictionInput } from '../src/core/forecast';
import type { CohortPeriod, Cohorts, TimeUnit } from '../src/core/types';
import type { TableCache } from './table-cache';

const cohortsKey = (period: CohortPeriod) => `cohorts:${period}`;

/** The derived values an import computed already, under their keys. */
export function importedValues(monthly: Cohorts): Record<string, unknown> {
  return { [cohortsKey(monthly.period)]: monthly };
}

export async function cohortsOf(tables: TableCache, id: number, period: CohortPeriod): Promise<Cohorts> {
  // A summary dataset has no dated orders: its cohorts are the warehouse's cohort table, monthly only, once added.
  const summary = await tables.summaryDataset(id);
  if (summary) return summary.cohortTable && period === 'month' ? summary.cohortTable.cohorts : { period, rows: [] };
  return tables.derived(id, cohortsKey(period), (table) => cohorts(table, period));
}

/** The key of the dashboard's figures at a margin (null: none entered). */
export const dashboardKey = (marginPercent: number | null) => `dashboard:${marginPercent ?? 'none'}`;

/** Every figure of the historical dashboard, at the dataset's margin (null: none entered). */
export function dashboardOf(tables: TableCache, id: number, marginPercent: number | null): Promise<DashboardData> {
  return tables.derived(id, dashboardKey(marginPercent), (table) => dashboardData(table, { marginPercent: marginPercent ?? undefined }));
}

/** The models' input per customer (x, tₓ, T, monetary) in a time unit, as of a day (default: the data's last). */
export async function summaryOf(tables: TableCache, id: number, timeUnit: TimeUnit, observationEnd: string | null): Promise<PredictionInput> {
  // A summary dataset (docs/warehouse.md) is the models' input itself, as of its own observation end.
  const data = await tables.summaryDataset(id);
  if (data) return tables.derived(id, `summary:${timeUnit}`, () => import('./summary-input').then((m) => m.summaryInput(data, timeUnit)));
  return tables.derived(id, `summary:${timeUnit}:${observationEnd ?? 'last'}`, (table) => predictionInput(table, timeUnit, observationEnd));
}
