/**
 * Purchase rows grouped by customer, and within a customer merged into purchase days (one customer's purchases
 * on one day are one purchase, amounts summed: the contract's and lifetimes' convention). Every per-customer figure
 * (summaries, holdout, cohorts' activity, historical CLV) starts from this grouping.
 *
 * Grouping is a counting sort on the customer index (one pass to count, one to place), so it never compares rows.
 * Within a customer the rows keep file order; files are nearly always in date order, so the per-customer day sort
 * only runs for the customers whose rows are not.
 */
import type { DayNumber, TransactionTable } from '../types';

/** Which rows count as purchases. */
export interface PurchaseRowFilter {
  /** Keep rows with day > after (exclusive). */
  after?: DayNumber;
  /** Keep rows with day ≤ through (inclusive). */
  through?: DayNumber;
  /**
   * Count amount = 0 rows as purchases too. The contract says purchases are amount > 0; Python lifetimes counts every
   * row it is given, so this switch reproduces lifetimes on data with zero-value rows (CDNOW has 80).
   */
  includeZeroAmounts?: boolean;
}

/** Purchase rows grouped by customer, and the customer-days they merge into. Offsets are per customer index. */
export interface CustomerDays {
  /** = table.customerIds.length; offsets arrays have customerCount + 1 entries. */
  customerCount: number;
  /** Selected row indices grouped by customer, days ascending within a customer. */
  rows: Uint32Array;
  /** rows[rowStart[c] .. rowStart[c+1]) are customer c's selected rows. */
  rowStart: Uint32Array;
  /** Distinct purchase days, ascending within a customer. */
  day: Int32Array;
  /** Summed amount of each customer-day. */
  total: Float64Array;
  /** How many rows merged into each customer-day. */
  rowCount: Uint32Array;
  /** day/total/rowCount[dayStart[c] .. dayStart[c+1]) belong to customer c. */
  dayStart: Uint32Array;
}

/** Whether row i passes the filter; kept tiny so the engine inlines it. */
function keeps(amount: number, day: number, minAmountExclusive: boolean, after: number, through: number): boolean {
  return (minAmountExclusive ? amount > 0 : amount >= 0) && day > after && day <= through;
}

/** Group the table's purchase rows (amount > 0, optionally within a day window) by customer and purchase day. */
export function groupCustomerDays(table: TransactionTable, filter: PurchaseRowFilter = {}): CustomerDays {
  const { length, customer, day, amount } = table;
  const customerCount = table.customerIds.length;
  const after = filter.after ?? -Infinity;
  const through = filter.through ?? Infinity;
  const strict = !filter.includeZeroAmounts;

  // Counting sort by customer: count, prefix-sum, place.
  const rowStart = new Uint32Array(customerCount + 1);
  for (let i = 0; i < length; i++) {
    if (keeps(amount[i], day[i], strict, after, through)) rowStart[customer[i] + 1]++;
  }
  for (let c = 0; c < customerCount; c++) rowStart[c + 1] += rowStart[c];
  const rows = new Uint32Array(rowStart[customerCount]);
  const cursor = rowStart.slice(0, customerCount);
  for (let i = 0; i < length; i++) {
    if (keeps(amount[i], day[i], strict, after, through)) rows[cursor[customer[i]]++] = i;
  }

  // Order each customer's rows by day where the file did not already; count distinct days on the way.
  let dayCount = 0;
  const byDay = (a: number, b: number) => day[a] - day[b];
  for (let c = 0; c < customerCount; c++) {
    const from = rowStart[c];
    const to = rowStart[c + 1];
    let sorted = true;
    for (let j = from + 1; j < to; j++) {
      if (day[rows[j]] < day[rows[j - 1]]) {
        sorted = false;
        break;
      }
    }
    if (!sorted) rows.subarray(from, to).sort(byDay);
    for (let j = from; j < to; j++) if (j === from || day[rows[j]] !== day[rows[j - 1]]) dayCount++;
  }

  // Merge rows into customer-days.
  const days = new Int32Array(dayCount);
  const total = new Float64Array(dayCount);
  const rowCount = new Uint32Array(dayCount);
  const dayStart = new Uint32Array(customerCount + 1);
  let k = -1;
  for (let c = 0; c < customerCount; c++) {
    dayStart[c] = k + 1;
    const from = rowStart[c];
    const to = rowStart[c + 1];
    let compensation = 0;
    for (let j = from; j < to; j++) {
      const r = rows[j];
      if (j === from || day[r] !== day[rows[j - 1]]) {
        if (k >= 0) total[k] += compensation;
        k++;
        days[k] = day[r];
        compensation = 0;
      }
      // Neumaier step inline: a day can merge hundreds of invoice lines.
      const s = total[k];
      const x = amount[r];
      const t = s + x;
      compensation += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      total[k] = t;
      rowCount[k]++;
    }
    if (to > from) total[k] += compensation;
  }
  dayStart[customerCount] = dayCount;
  return { customerCount, rows, rowStart, day: days, total, rowCount, dayStart };
}
