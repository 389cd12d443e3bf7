/**
 * Purchase rows grouped by customer, and within a customer merged into purchase days (one customer's purchases
 * on one day are one purchase, amounts summed: the contract's and lifetimes' convention). A purchase row is a row
 * with amount >= 0: a free order is a purchase that adds nothing to spend (BTYD, lifetimes and the published CDNOW
 * tables count them); a negative amount is a refund. Rows whose status does not count never reach the table. Every per-customer figure
 * (summaries, holdout, cohorts' activity, historical CLV) starts from this grouping.
 *
 * Grouping is a counting sort on the customer index (one pass to count, one to place), so it never compares rows.
 * Within a customer the rows keep file order; files are nearly always in date order, so the per-customer day sort
 * only runs for the customers whose rows are not.
 */
import type { DayColumn, DayNumber, TransactionTable } from '../types';
import { daysLike } from '../day-column';
import { release } from '../release';
import { takeSpare } from '../spare-memory';
import { commonScale, LARGEST_I32, moneyUnit, scaleOf } from '../money-column';
import { customerCountOf } from '../customer-ids';

/** Which rows count as purchases. */
export interface PurchaseRowFilter {
  /** Keep rows with day > after (exclusive). */
  after?: DayNumber;
  /** Keep rows with day ≤ through (inclusive). */
  through?: DayNumber;
  /**
   * Leave amount = 0 rows out. Purchases are amount >= 0 (the contract); this switch only reproduces references
   * cleaned with "price > 0", as the lifetimes outputs of Online Retail were (its 40 free lines with a customer).
   */
  positiveOnly?: boolean;
}

/** Purchase rows grouped by customer, and the customer-days they merge into. Offsets are per customer index. */
export interface CustomerDays {
  /** = customerCountOf(table); offsets arrays have customerCount + 1 entries. */
  customerCount: number;
  /**
   * Customer c has rowStart[c + 1] − rowStart[c] selected rows. (Their indices are not kept: a grouping stays while
   * its table is open, and they were 4 bytes a row; distinct orders are counted without them, see orders-per-customer.)
   * The same array as dayStart when every selected row is a purchase day of its own (a file of orders, rarely two on
   * one day): a customer has then as many rows as days.
   */
  rowStart: Uint32Array;
  /** Distinct purchase days, ascending within a customer (as wide as the table's days). */
  day: DayColumn;
  /**
   * Summed amount of each customer-day, net of the refunds written on its rows (table.refunded), times totalScale:
   * read total[k] / totalScale. Whole numbers of units or cents in 32 bits when every day total is exactly one (as a
   * shop's amounts nearly always are): 40 MB less for 10M purchase days, held while the table is open.
   */
  total: Float64Array | Int32Array;
  /** 1, or 100 for cents (see src/core/money-column.ts); 1 for a Float64Array. */
  totalScale: number;
  /** day/total[dayStart[c] .. dayStart[c+1]) belong to customer c. */
  dayStart: Uint32Array;
}

/** A table's day range, each customer's first day (made when first asked), and the groupings already made from it. */
interface TableCache {
  minDay: DayNumber;
  maxDay: DayNumber;
  /** Day of each customer's first accepted row (any amount); FIRST_DAY_NONE for customers without rows. */
  firstDay: Int32Array | null;
  /** The scale every amount and refund fits in 32 bits (see computeCustomerDays), null if none; made when first asked. */
  amountScale?: number | null;
  groupings: Map<string, CustomerDays>;
}

/** Marks a customer with no accepted row in {@link customerFirstDays}. */
export const FIRST_DAY_NONE = 2147483647;

/**
 * Groupings already made, per table and filter. Tables are immutable once imported, and the dashboard asks for
 * several figures of the same table (cohorts by month, week and quarter, summary, history): they share one
 * grouping instead of each paying for it. Weakly held, so a table that is dropped takes its groupings along.
 */
const cache = new WeakMap<TransactionTable, TableCache>();
/** Groupings kept per table: the unfiltered one plus a few observation windows. */
const CACHE_PER_TABLE = 4;

/**
 * Above this many customers, per-customer work goes block by block (see {@link computeCustomerDays}): an array
 * indexed by customer then no longer fits the processor's cache, and touching it once per row in file order
 * (customers in no order) costs a memory access per row. 10M synthetic rows of 2M customers: counting rows per
 * customer took 950 ms in file order, 50 times the time of 1M rows.
 */
const BLOCKED_ABOVE = 1 << 16;

/** Customers per block, as a power of two: blocks of 1,024 customers or more, and at most about 256 blocks. */
function blockBits(customerCount: number): number {
  let bits = 10;
  while (customerCount > 256 << bits) bits++;
  return bits;
}

function tableCache(table: TransactionTable): TableCache {
  let entry = cache.get(table);
  if (!entry) {
    const { day } = table;
    let minDay = 2147483647;
    let maxDay = -2147483648;
    for (let i = 0; i < table.length; i++) {
      const d = day[i];
      if (d < minDay) minDay = d;
      if (d > maxDay) maxDay = d;
    }
    entry = { minDay, maxDay, firstDay: null, groupings: new Map() };
    cache.set(table, entry);
  }
  return entry;
}

/**
 * Each customer's first day over all rows: the first purchase day of the grouping (made anyway for every figure per
 * customer, and read here customer by customer), then the refund rows, which are few. Taking the minimum at each
 * row's customer read a random place of an array of every customer per row.
 */
function firstDays(table: TransactionTable): Int32Array {
  const { length, customer, day, amount } = table;
  const purchases = groupCustomerDays(table);
  const firstDay = new Int32Array(purchases.customerCount).fill(FIRST_DAY_NONE);
  for (let c = 0; c < purchases.customerCount; c++) if (purchases.dayStart[c] < purchases.dayStart[c + 1]) firstDay[c] = purchases.day[purchases.dayStart[c]];
  for (let i = 0; i < length; i++) if (!(amount[i] >= 0) && day[i] < firstDay[customer[i]]) firstDay[customer[i]] = day[i];
  return firstDay;
}

/**
 * Whether every row is an order of its own: as many order codes as rows, each in use (the import compacts them). A
 * file of orders rather than of their lines: its orders are then counted without reading a code per row.
 */
export function rowPerOrder(table: TransactionTable): boolean {
  return hasOrderIds(table) && table.orderCodes?.count === table.length;
}

/**
 * Whether the table has an order id column. Its codes may be left out (table.order null, orderCodes kept) when every
 * row is an order of its own: they would read 0, 1, 2, … (see TransactionTable.order).
 */
export function hasOrderIds(table: TransactionTable): boolean {
  return table.order !== null || table.orderCodes !== null;
}

/** How many customers have a row in the table (those with a first day). */
export function customersWithRows(table: TransactionTable): number {
  const firstDay = customerFirstDays(table);
  let count = 0;
  for (let c = 0; c < firstDay.length; c++) if (firstDay[c] !== FIRST_DAY_NONE) count++;
  return count;
}

/** Earliest and latest day of the table (computed once per table), or null when it is empty. */
export function tableDayRange(table: TransactionTable): { min: DayNumber; max: DayNumber } | null {
  if (table.length === 0) return null;
  const entry = tableCache(table);
  return { min: entry.minDay, max: entry.maxDay };
}

/**
 * Day of each customer's first accepted row, any amount (FIRST_DAY_NONE for customers without rows); computed once
 * per table and shared: treat as read-only.
 */
export function customerFirstDays(table: TransactionTable): Int32Array {
  const entry = tableCache(table);
  if (!entry.firstDay || entry.firstDay.length !== customerCountOf(table)) entry.firstDay = firstDays(table);
  return entry.firstDay;
}

/**
 * Give back the table's groupings now (the next request groups again): 7–12 bytes a row otherwise held for as long
 * as the table is open. Their arrays are detached, so only where nothing read from a grouping is still held: the
 * import's end, whose figures and dashboard keep their own columns.
 */
export function releaseGroupings(table: TransactionTable): void {
  const entry = cache.get(table);
  if (!entry) return;
  for (const days of entry.groupings.values()) release(days.rowStart, days.dayStart, days.day, days.total);
  entry.groupings.clear();
  releaseCustomerFirstDays(table);
}

/**
 * Give back each customer's first day ({@link customerFirstDays}: 4 bytes a customer, read by the dataset's figures and
 * cohorts); made again when next asked. Detached, so only once nothing read from it is held.
 */
export function releaseCustomerFirstDays(table: TransactionTable): void {
  const entry = cache.get(table);
  if (!entry) return;
  release(entry.firstDay);
  entry.firstDay = null;
}

/**
 * Group the table's purchase rows (amount >= 0, optionally within a day window) by customer and purchase day.
 * The result is shared between callers with the same table and filter: treat it as read-only.
 */
export function groupCustomerDays(table: TransactionTable, filter: PurchaseRowFilter = {}): CustomerDays {
  const entry = tableCache(table);
  // A bound that cuts nothing is no bound: "through the last day" then shares the unfiltered grouping.
  const after = filter.after !== undefined && filter.after >= entry.minDay ? filter.after : null;
  const through = filter.through !== undefined && filter.through < entry.maxDay ? filter.through : null;
  const positive = filter.positiveOnly === true;
  const key = `${after ?? ''}|${through ?? ''}|${positive ? 1 : 0}`;
  const hit = entry.groupings.get(key);
  // The length check guards against a table object whose id list was replaced after grouping.
  if (hit && hit.customerCount === customerCountOf(table)) return hit;
  const grouped = computeCustomerDays(table, after ?? -2147483648, through ?? 2147483647, positive);
  if (entry.groupings.size >= CACHE_PER_TABLE) entry.groupings.delete(entry.groupings.keys().next().value as string);
  entry.groupings.set(key, grouped);
  return grouped;
}

/** Selected rows' days and net amounts sorted by customer (file order within a customer), and where each customer's begin. */
interface RowsByCustomer {
  rowStart: Uint32Array;
  rowDay: DayColumn;
  /** Net amounts: as they are, or whole numbers of 1/scale (see computeCustomerDays); null if one did not fit. */
  rowAmount: Float64Array | Int32Array | null;
}

/**
 * The grouping. When every amount (and refund) is a whole number of units or of cents in 32 bits, as a shop's nearly
 * always are, the rows' amounts are gathered and summed as such: exact, half the bytes of 64-bit floats (80 → 40 MB
 * for 10M rows, each a fresh page to write), and the day totals come out in 32 bits with no pass to narrow them. A
 * net amount or a day total past 32 bits, and it is done again in 64-bit floats.
 */
function computeCustomerDays(table: TransactionTable, after: number, through: number, positiveOnly: boolean): CustomerDays {
  const scale = dayTotalsIn32Bits.allowed ? amountScaleOf(table) : null;
  if (scale !== null) {
    const whole = groupDays(table, after, through, positiveOnly, scale);
    if (whole) return whole;
  }
  return groupDays(table, after, through, positiveOnly, 0)!;
}

/** The scale the table's amounts and refunds all fit in 32 bits: the one they are held at, else computed once. */
function amountScaleOf(table: TransactionTable): number | null {
  if (table.moneyScale !== undefined) return table.moneyScale;
  const entry = tableCache(table);
  if (entry.amountScale === undefined) {
    const amount = table.amount as Float64Array;
    entry.amountScale = table.refunded ? commonScale(amount, table.refunded as Float64Array) : commonScale(amount);
  }
  return entry.amountScale;
}

/** computeCustomerDays with net amounts × `scale` in 32 bits (null if one does not fit), or as they are (scale 0). */
function groupDays(table: TransactionTable, after: number, through: number, positiveOnly: boolean, scale: number): CustomerDays | null {
  const customerCount = customerCountOf(table);
  const sorted = (customerCount > BLOCKED_ABOVE ? sortByCustomerBlocked : sortByCustomer)(table, after, through, positiveOnly, scale);
  const { rowStart, rowDay, rowAmount } = sorted;
  if (rowAmount === null) {
    release(rowStart, rowDay);
    return null;
  }
  const selected = rowDay.length;

  // Merge each customer's rows into days, in place: day k is written over row j ≥ k, after row j has been read (a
  // second set of arrays sized for every row was 32 bytes a row more, 320 MB for 10M rows).
  const days = rowDay;
  const total = rowAmount;
  const dayStart = new Uint32Array(customerCount + 1);
  let k = -1;
  for (let c = 0; c < customerCount; c++) {
    dayStart[c] = k + 1;
    const from = rowStart[c];
    const to = rowStart[c + 1];
    for (let j = from + 1; j < to; j++) {
      if (rowDay[j] < rowDay[j - 1]) {
        sortSlice(rowDay, rowAmount, from, to);
        break;
      }
    }
    let compensation = 0;
    let previous = 0;
    for (let j = from; j < to; j++) {
      const d = rowDay[j];
      const x = rowAmount[j];
      let s: number;
      if (j === from || d !== previous) {
        if (k >= 0) total[k] += compensation;
        k++;
        days[k] = d;
        compensation = 0;
        s = 0;
      } else s = total[k];
      previous = d;
      // Neumaier step inline: a day can merge hundreds of invoice lines. (Whole numbers add exactly: no compensation.)
      const t = s + x;
      compensation += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      if (scale !== 0 && !(Math.abs(t) <= LARGEST_I32)) {
        release(rowStart, rowDay, rowAmount, dayStart);
        return null;
      }
      total[k] = t;
    }
    if (to > from) total[k] += compensation;
  }
  const dayCount = k + 1;
  dayStart[customerCount] = dayCount;
  // As many days as rows in all means as many for each customer (a customer has at least as many rows as days).
  const starts = dayCount === selected ? rowStart : dayStart;
  if (starts === rowStart) release(dayStart);
  // Kept while the table is open: views of the row arrays when the days fill most of them (one line per order makes
  // about as many days as rows, and copies were 12 bytes a row more at the peak), copies when merging saved room.
  const asViews = dayCount >= selected * 0.9;
  const keep = <T extends DayColumn | Float64Array | Int32Array>(a: T): T => (asViews ? (a.subarray(0, dayCount) as T) : (a.slice(0, dayCount) as T));
  const totals = total instanceof Int32Array ? { total: keep(total), totalScale: scale } : narrowTotals(total, dayCount, keep);
  const grouping = { customerCount, rowStart, day: keep(days), ...totals, dayStart: starts };
  // Copied: the row arrays (in the import's spare memory, 8 bytes a row) are read no more. Left to the collector, they
  // stay held until its next major pass, which a worker at rest after an import may not make for a long while.
  if (!asViews) release(rowDay, rowAmount);
  return grouping;
}

/** Whether day totals may be kept in 32 bits (see CustomerDays.total); off only in the tests that compare both forms. */
export const dayTotalsIn32Bits = { allowed: true };

/** The day totals in 32 bits when each is exactly a whole number of units or of cents, else as they are. */
function narrowTotals(total: Float64Array, dayCount: number, keep: (a: Float64Array) => Float64Array): { total: Float64Array | Int32Array; totalScale: number } {
  const scale = dayTotalsIn32Bits.allowed ? scaleOf(total.subarray(0, dayCount)) : null;
  if (scale === null) return { total: keep(total), totalScale: 1 };
  const whole = new Int32Array(dayCount);
  for (let k = 0; k < dayCount; k++) whole[k] = Math.round(total[k] * scale);
  release(total);
  return { total: whole, totalScale: scale };
}

/**
 * A selected row's amount less what was refunded on it (a partly refunded order is worth what was kept), put at
 * rowAmount[j] as the grouping holds it: money for 64-bit sums (scale 0), else a whole number at `scale` (the table's
 * unit times `factor`). False when that number does not fit 32 bits. Both sorts below put their rows so.
 */
function putNetAmount(rowAmount: Int32Array | Float64Array, j: number, net: number, scale: number, unit: number, factor: number): boolean {
  if (scale === 0) {
    rowAmount[j] = net / unit;
    return true;
  }
  const n = factor === 1 ? net : Math.round(net * factor);
  rowAmount[j] = n;
  return Math.abs(n) <= LARGEST_I32;
}

/**
 * The arrays the sorts below gather the selected rows into: days as wide as the table's, amounts (32-bit at a scale,
 * else 64-bit money) and, for the blocked sort, each row's place in its block (`withinBytes` a row). Every element is
 * written before it is read. In 32 bits they are made in the spare memory an import leaves (spare-memory.ts) when it
 * holds them all: 10M rows, 80 MB not touched afresh. Released together (any one of them releases the spare whole).
 */
function gatheredArrays(day: DayColumn, selected: number, scale: number, withinBytes = 0): { rowDay: DayColumn; rowAmount: Int32Array | Float64Array; within: Uint16Array | Uint32Array | null } {
  const dayBytes = day instanceof Uint16Array ? 2 : 4;
  const spare = scale !== 0 ? takeSpare((4 + dayBytes + withinBytes) * selected) : null;
  if (spare === null) {
    const within = withinBytes === 0 ? null : withinBytes === 2 ? new Uint16Array(selected) : new Uint32Array(selected);
    return { rowDay: daysLike(day, selected), rowAmount: scale !== 0 ? new Int32Array(selected) : new Float64Array(selected), within };
  }
  // The 4-byte arrays first, so that each starts on a multiple of its own size.
  const rowAmount = new Int32Array(spare, 0, selected);
  let at = 4 * selected;
  const wideWithin = withinBytes === 4 ? new Uint32Array(spare, at, selected) : null;
  if (wideWithin) at += 4 * selected;
  const rowDay = dayBytes === 2 ? new Uint16Array(spare, at, selected) : new Int32Array(spare, at, selected);
  at += dayBytes * selected;
  const within = wideWithin ?? (withinBytes === 2 ? new Uint16Array(spare, at, selected) : null);
  return { rowDay, rowAmount, within };
}

/**
 * Counting sort of the selected rows by customer: count, prefix-sum, place. The row test is written out in both loops
 * (no helper call): the first call on a big table runs before the JIT has optimised anything, and calls are what
 * cost then.
 */
function sortByCustomer(table: TransactionTable, after: number, through: number, positiveOnly: boolean, scale: number): RowsByCustomer {
  const { length, customer, day, amount } = table;
  const refunded = table.refunded ?? null;
  const customerCount = customerCountOf(table);
  const minAmount = positiveOnly ? Number.MIN_VALUE : 0;
  // Amounts held as whole numbers of 1/unit: read as money for 64-bit sums, or as they are at the held scale.
  const unit = moneyUnit(table);
  const factor = scale / unit;
  const rowStart = new Uint32Array(customerCount + 1);
  for (let i = 0; i < length; i++) {
    const d = day[i];
    if (amount[i] >= minAmount && d > after && d <= through) rowStart[customer[i] + 1]++;
  }
  for (let c = 0; c < customerCount; c++) rowStart[c + 1] += rowStart[c];
  const selected = rowStart[customerCount];
  // Day and amount are gathered in customer order so the merge reads memory in order.
  const { rowDay, rowAmount } = gatheredArrays(day, selected, scale);
  const cursor = rowStart.slice(0, customerCount);
  let fits = true;
  for (let i = 0; i < length; i++) {
    const d = day[i];
    const a = amount[i];
    if (!(a >= minAmount && d > after && d <= through)) continue;
    const j = cursor[customer[i]]++;
    rowDay[j] = d;
    if (!putNetAmount(rowAmount, j, refunded ? a - refunded[i] : a, scale, unit, factor)) fits = false;
  }
  release(cursor);
  if (!fits) release(rowAmount);
  return { rowStart, rowDay, rowAmount: fits ? rowAmount : null };
}

/**
 * The same sort in two stable passes that each touch memory in a few places at a time, for many customers: the
 * rows are first dealt into blocks of consecutive customers (about 256 blocks, so the write positions stay in cache),
 * then each block is counting-sorted by customer within its own stretch of the output, through an array the size of a
 * block. Same result as {@link sortByCustomer}, element for element.
 */
function sortByCustomerBlocked(table: TransactionTable, after: number, through: number, positiveOnly: boolean, scale: number): RowsByCustomer {
  const { length, customer, day, amount } = table;
  const refunded = table.refunded ?? null;
  const customerCount = customerCountOf(table);
  const minAmount = positiveOnly ? Number.MIN_VALUE : 0;
  // Amounts held as whole numbers of 1/unit: read as money for 64-bit sums, or as they are at the held scale.
  const unit = moneyUnit(table);
  const factor = scale / unit;
  const bits = blockBits(customerCount);
  const mask = (1 << bits) - 1;
  const blocks = ((customerCount - 1) >>> bits) + 1;
  const blockStart = new Uint32Array(blocks + 1);
  for (let i = 0; i < length; i++) {
    const d = day[i];
    if (amount[i] >= minAmount && d > after && d <= through) blockStart[(customer[i] >>> bits) + 1]++;
  }
  for (let b = 0; b < blocks; b++) blockStart[b + 1] += blockStart[b];
  const selected = blockStart[blocks];
  const gathered = gatheredArrays(day, selected, scale, bits <= 16 ? 2 : 4);
  const { rowDay, rowAmount } = gathered;
  const within = gathered.within!;
  let fits = true;
  const cursor = blockStart.slice(0, blocks);
  for (let i = 0; i < length; i++) {
    const d = day[i];
    const a = amount[i];
    if (!(a >= minAmount && d > after && d <= through)) continue;
    const c = customer[i];
    const j = cursor[c >>> bits]++;
    rowDay[j] = d;
    if (!putNetAmount(rowAmount, j, refunded ? a - refunded[i] : a, scale, unit, factor)) fits = false;
    within[j] = c & mask;
  }
  if (!fits) {
    release(blockStart, within, cursor, rowAmount);
    return { rowStart: new Uint32Array(0), rowDay, rowAmount: null };
  }
  let largest = 0;
  for (let b = 0; b < blocks; b++) largest = Math.max(largest, blockStart[b + 1] - blockStart[b]);
  // Each block is copied out, then placed back in customer order.
  const blockDay = daysLike(day, largest);
  const blockAmount = scale !== 0 ? new Int32Array(largest) : new Float64Array(largest);
  const blockWithin = bits <= 16 ? new Uint16Array(largest) : new Uint32Array(largest);
  const count = new Uint32Array(mask + 2);
  const rowStart = new Uint32Array(customerCount + 1);
  for (let b = 0; b < blocks; b++) {
    const from = blockStart[b];
    const to = blockStart[b + 1];
    const first = b << bits;
    const size = Math.min(mask + 1, customerCount - first);
    count.fill(0);
    for (let j = from; j < to; j++) count[within[j] + 1]++;
    for (let c = 0; c < size; c++) count[c + 1] += count[c];
    for (let c = 0; c < size; c++) rowStart[first + c] = from + count[c];
    const n = to - from;
    blockDay.set(rowDay.subarray(from, to));
    blockAmount.set(rowAmount.subarray(from, to));
    blockWithin.set(within.subarray(from, to));
    for (let t = 0; t < n; t++) {
      const j = from + count[blockWithin[t]]++;
      rowDay[j] = blockDay[t];
      rowAmount[j] = blockAmount[t];
    }
  }
  rowStart[customerCount] = selected;
  // Scratch of the sort, given back now rather than held (3.3M customers over 10M rows: 40 MB) through the figures
  // and the save that follow it.
  release(blockStart, cursor, blockDay, blockAmount, blockWithin, count);
  // (Made in the spare memory with the rows, it goes with them: releasing it would take theirs.)
  if (within.buffer !== rowAmount.buffer) release(within);
  return { rowStart, rowDay, rowAmount };
}

/** Sort the gathered days [from, to) (stable), carrying their amounts along. Only for out-of-order customers. */
function sortSlice(rowDay: DayColumn, rowAmount: Float64Array | Int32Array, from: number, to: number): void {
  const order = Array.from({ length: to - from }, (_, k) => from + k);
  order.sort((a, b) => rowDay[a] - rowDay[b] || a - b);
  const d = order.map((j) => rowDay[j]);
  const a = order.map((j) => rowAmount[j]);
  rowDay.set(d, from);
  rowAmount.set(a, from);
}
