/**
 * Purchase days counted per calendar day across all customers: the "actual" line of a tracking plot (repeat
 * purchases per day, or cumulated, against what a model expects).
 */
import type { DayNumber, TransactionTable } from '../types';
import { groupCustomerDays } from './customer-days';

/** Settings of {@link purchaseDayCounts}. */
export interface PurchaseDayCountOptions {
  /** Last day counted (inclusive); default the last purchase day in the data. */
  observationEnd?: DayNumber;
  /** Leave amount = 0 rows out (references cleaned with "price > 0"); purchases are amount >= 0 otherwise. */
  positiveOnly?: boolean;
}

/** Counts per day for days startDay, startDay + 1, … (index = day − startDay). */
export interface PurchaseDayCounts {
  /** First day of the arrays: the earliest purchase day (or observationEnd + 1 when there is none). */
  startDay: DayNumber;
  /** Customers making their first purchase that day. */
  first: Uint32Array;
  /** Customers making a repeat purchase that day (a purchase day that is not their first). */
  repeat: Uint32Array;
}

/**
 * For each day up to observationEnd, how many customers made their first purchase and how many made a repeat
 * purchase (purchase rows only, one purchase per customer-day). Σ repeat = Σ frequency of the customer summary
 * with the same observationEnd.
 */
export function purchaseDayCounts(table: TransactionTable, options: PurchaseDayCountOptions = {}): PurchaseDayCounts {
  const days = groupCustomerDays(table, { through: options.observationEnd, positiveOnly: options.positiveOnly });
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let k = 0; k < days.day.length; k++) {
    const d = days.day[k];
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
  }
  const end = options.observationEnd ?? (days.day.length ? maxDay : 0);
  const startDay = days.day.length ? minDay : end + 1;
  const first = new Uint32Array(Math.max(0, end - startDay + 1));
  const repeat = new Uint32Array(first.length);
  for (let c = 0; c < days.customerCount; c++) {
    const from = days.dayStart[c];
    const to = days.dayStart[c + 1];
    if (to === from) continue;
    first[days.day[from] - startDay]++;
    for (let j = from + 1; j < to; j++) repeat[days.day[j] - startDay]++;
  }
  return { startDay, first, repeat };
}
