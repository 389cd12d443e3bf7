/**
 * Acquisition cohorts: customers grouped by the period of their first accepted row, followed period by period.
 */
import type { CohortPeriod, CohortRow, Cohorts, TransactionTable } from '../types';
import { customerFirstDays, FIRST_DAY_NONE, groupCustomerDays, tableDayRange } from './customer-days';
import { periodLookup, periodProgress, periodScheme, type PeriodLookup } from './periods';
import { release } from '../release';
import { moneyUnit } from '../money-column';

/** Marks a customer with no accepted row. */
const NO_COHORT = -2147483648;

/** Each customer's cohort period index (NO_COHORT when absent), and the lookup used to compute it. */
interface CohortAssignment {
  lookup: PeriodLookup;
  cohortOf: Int32Array;
  /** Period of the dataset's first and last day. */
  firstPeriod: number;
  lastPeriod: number;
}

function assignCohorts(table: TransactionTable, period: CohortPeriod): CohortAssignment | null {
  const range = tableDayRange(table);
  if (!range) return null;
  const lookup = periodLookup(periodScheme(period), range.min, range.max);
  const firstDay = customerFirstDays(table);
  const cohortOf = new Int32Array(firstDay.length);
  for (let c = 0; c < firstDay.length; c++) {
    cohortOf[c] = firstDay[c] === FIRST_DAY_NONE ? NO_COHORT : lookup.table[firstDay[c] - range.min];
  }
  return {
    lookup,
    cohortOf,
    firstPeriod: lookup.table[0],
    lastPeriod: lookup.table[lookup.table.length - 1],
  };
}

import { COHORT_CELL_LIMIT } from './cohort-cell-limit';

export { COHORT_CELL_LIMIT };

/**
 * Cohort table. The cohort is the period of a customer's FIRST accepted row (any amount, so a customer whose first
 * row is a refund still belongs to that cohort). active[k] = cohort customers with a purchase (amount >= 0) in the
 * k-th period after the cohort's, except active[0] = customers by the contract's definition; revenue[k] = net
 * accepted amounts of the cohort in period k. Every row runs to the dataset's last period, so its arrays have
 * lastPeriod − cohortPeriod + 1 entries. Rows are in cohort order. `lastPeriod` says how much of the last period the
 * data covers.
 *
 * When all cohorts together would hold more than `cellLimit` cells, only the most recent cohorts that fit are built
 * (each still whole, to the last period) and `omitted` counts the older ones: the work and memory stay bounded
 * however far apart the dates are.
 */
export function cohorts(table: TransactionTable, period: CohortPeriod, cellLimit = COHORT_CELL_LIMIT): Cohorts {
  const assigned = assignCohorts(table, period);
  if (!assigned) return { period, rows: [] };
  const { lookup, cohortOf, firstPeriod, lastPeriod } = assigned;
  const span = lastPeriod - firstPeriod + 1;

  // Cohort sizes, then a flat layout: cohort p's cells start at offset[p − firstPeriod], one per period to the end.
  // Cohorts are taken from the most recent back while they fit the cell limit; offset −1 marks a cohort not built.
  const size = new Uint32Array(span);
  for (let c = 0; c < cohortOf.length; c++) if (cohortOf[c] !== NO_COHORT) size[cohortOf[c] - firstPeriod]++;
  let oldest = span;
  let cells = 0;
  for (let s = span - 1; s >= 0; s--) {
    if (size[s] === 0) continue;
    if (cells + (span - s) > cellLimit) break;
    cells += span - s;
    oldest = s;
  }
  let omittedCohorts = 0;
  let omittedCustomers = 0;
  for (let s = 0; s < oldest; s++) {
    if (size[s] === 0) continue;
    omittedCohorts++;
    omittedCustomers += size[s];
  }
  const offset = new Int32Array(span).fill(-1);
  cells = 0;
  for (let s = oldest; s < span; s++) {
    if (size[s] === 0) continue;
    offset[s] = cells;
    cells += span - s;
  }

  // Revenue and activity customer by customer, from the purchase days (their totals are net of the refunds written
  // on their rows), then the refund rows: reading each row's cohort at its customer, a random place in an array of
  // every customer, cost a memory access per row (3.3 million customers over ten million rows: 0.6-1 s).
  // Compensated (Neumaier) sums per cell, written out inline.
  const revenue = new Float64Array(cells);
  const compensation = new Float64Array(cells);
  const active = new Uint32Array(cells);
  const days = lookup.table;
  const minDay = lookup.firstDay;
  const purchases = groupCustomerDays(table);
  for (let c = 0; c < purchases.customerCount; c++) {
    const cp = cohortOf[c];
    if (cp === NO_COHORT || offset[cp - firstPeriod] < 0) continue;
    const base = offset[cp - firstPeriod] - cp;
    // A customer is active in a period once, however many purchase days it holds; days come sorted per customer,
    // so comparing with the previous day's period is enough to de-duplicate.
    let previous = NO_COHORT;
    for (let j = purchases.dayStart[c]; j < purchases.dayStart[c + 1]; j++) {
      const p = days[purchases.day[j] - minDay];
      const cell = base + p;
      if (p !== previous) active[cell]++;
      previous = p;
      const s = revenue[cell];
      const x = purchases.total[j] / purchases.totalScale;
      const t = s + x;
      compensation[cell] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      revenue[cell] = t;
    }
  }
  const { customer, day, amount, length } = table;
  const refunded = table.refunded ?? null;
  const unit = moneyUnit(table);
  for (let i = 0; i < length; i++) {
    if (amount[i] >= 0) continue;
    const cp = cohortOf[customer[i]];
    const start = offset[cp - firstPeriod];
    if (start < 0) continue;
    const cell = start + days[day[i] - minDay] - cp;
    const s = revenue[cell];
    const x = (refunded ? amount[i] - refunded[i] : amount[i]) / unit;
    const t = s + x;
    compensation[cell] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    revenue[cell] = t;
  }

  const scheme = periodScheme(period);
  const rows: CohortRow[] = [];
  for (let s = oldest; s < span; s++) {
    if (size[s] === 0) continue;
    const from = offset[s];
    const n = span - s;
    const rowActive = Array.from(active.subarray(from, from + n));
    rowActive[0] = size[s];
    const rowRevenue = new Array<number>(n);
    for (let k = 0; k < n; k++) rowRevenue[k] = revenue[from + k] + compensation[from + k];
    rows.push({ cohort: scheme.label(firstPeriod + s), customers: size[s], active: rowActive, revenue: rowRevenue });
  }
  const result: Cohorts = { period, rows, lastPeriod: periodProgress(period, lookup.firstDay + days.length - 1) };
  // A cohort per customer (13 MB for 3.3M) and the cells, read here only: given back now, not held through the save.
  release(cohortOf, revenue, compensation, active);
  if (omittedCohorts > 0) result.omitted = { cohorts: omittedCohorts, customers: omittedCustomers, cellLimit };
  return result;
}

/**
 * Customer indices (ascending) of one cohort, for "click a cell to list its customers". With k, only those with a
 * purchase in the cohort's k-th period; k = 0 lists the whole cohort, matching active[0] = customers.
 * Unknown labels and k beyond the data give an empty list.
 */
export function cohortMembers(table: TransactionTable, period: CohortPeriod, cohortLabel: string, k?: number): Uint32Array {
  const assigned = assignCohorts(table, period);
  if (!assigned) return new Uint32Array(0);
  const { lookup, cohortOf, firstPeriod, lastPeriod } = assigned;
  const scheme = periodScheme(period);
  let target = NO_COHORT;
  for (let p = firstPeriod; p <= lastPeriod; p++) {
    if (scheme.label(p) === cohortLabel) {
      target = p;
      break;
    }
  }
  if (target === NO_COHORT) return new Uint32Array(0);
  const members: number[] = [];
  for (let c = 0; c < cohortOf.length; c++) if (cohortOf[c] === target) members.push(c);
  if (k === undefined || k === 0) return Uint32Array.from(members);
  const wanted = target + k;
  if (wanted > lastPeriod) return new Uint32Array(0);

  const inCohort = new Uint8Array(cohortOf.length);
  for (const c of members) inCohort[c] = 1;
  const activeThen = new Uint8Array(cohortOf.length);
  const { customer, day, amount, length } = table;
  for (let i = 0; i < length; i++) {
    const c = customer[i];
    if (inCohort[c] && amount[i] >= 0 && lookup.table[day[i] - lookup.firstDay] === wanted) activeThen[c] = 1;
  }
  return Uint32Array.from(members.filter((c) => activeThen[c] === 1));
}
