/**
 * The columns of docs/warehouse.md's cohort table, and telling such a file by its header: a module of its own, so that
 * the sniff (in the worker's own script) knows the file without loading the table's reader.
 */

/** The columns the warehouse query writes, in its order (any order is read). */
export const COHORT_TABLE_COLUMNS = ['cohort_year', 'cohort_month', 'period', 'customers', 'active', 'revenue'] as const;
export type CohortColumn = (typeof COHORT_TABLE_COLUMNS)[number];

/** A header name as the query writes it, whatever the engine did to its case and spaces. */
export const cohortColumnName = (name: string) => name.trim().toLowerCase().replace(/^\uFEFF/, '');

/** Beyond this many columns a file is not the query's output; the check then costs nothing (files of 100,000 columns). */
const MAX_COLUMNS = 1000;

/** Whether a header names every column of the cohort table. */
export function isCohortTableHeader(header: readonly string[]): boolean {
  if (header.length > MAX_COLUMNS) return false;
  const names = new Set(header.map(cohortColumnName));
  return COHORT_TABLE_COLUMNS.every((c) => names.has(c));
}
