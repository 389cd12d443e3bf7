/**
 * The customer table as the page shows it: a view (search and sort) of the per-customer history, and the window of
 * rows in sight. The whole table stays with the worker; the page asks for the rows it draws (about twenty) and for the
 * CSV of the view. Handing every customer's columns and id to the page held them twice, at 48 bytes and a string
 * each: 3.3 million customers made 300 MB on the page for a table that shows a screenful.
 */
import { customerAt, historyLength, type CustomerHistory } from './customer-history';
import { sortByNumber } from '../sort-by-number';
import { csvCell } from '../export/csv';
import { dayToIso } from './dates';

export type CustomerColumn = 'id' | 'first' | 'last' | 'orders' | 'days' | 'net' | 'profit';

export interface CustomerView {
  /** Kept are the customers whose id holds this text (trimmed, any case); blank keeps all. */
  query: string;
  column: CustomerColumn;
  ascending: boolean;
}

/** The first view: every customer, largest net revenue first. */
export const FIRST_VIEW: CustomerView = { query: '', column: 'net', ascending: false };

export const isFirstView = (view: CustomerView): boolean => view.query.trim() === '' && view.column === 'net' && !view.ascending;

/** Positions into `history` of the customers the view keeps, in its order. */
export function customerOrder(history: CustomerHistory, ids: string[], view: CustomerView): Uint32Array {
  const n = historyLength(history);
  const q = view.query.trim().toLowerCase();
  const picked: number[] = [];
  for (let i = 0; i < n; i++) if (!q || ids[customerAt(history, i)].toLowerCase().includes(q)) picked.push(i);
  const column = view.column;
  const key: ArrayLike<number> | null =
    column === 'first' ? history.firstDay
    : column === 'last' ? history.lastDay
    : column === 'orders' ? history.orders
    : column === 'days' ? history.purchaseDays
    : column === 'net' ? history.netRevenue
    // Without any known profit every key is unknown (NaN), as the column shows it.
    : column === 'profit' ? (history.grossProfit ?? new Float64Array(n).fill(NaN))
    : null;
  return sortPositions(picked, key, (i) => ids[customerAt(history, i)], view.ascending);
}

/**
 * Positions sorted by a numeric key (NaN, an unknown value, last in either direction) or, without one, by their ids
 * in natural order; ties keep their order.
 */
export function sortPositions(picked: number[], key: ArrayLike<number> | null, idOf: (position: number) => string, ascending: boolean): Uint32Array {
  // Positions come ascending, so "ties in the order given" is "ties by position".
  if (key) return sortByNumber(picked, key, ascending);
  const sign = ascending ? 1 : -1;
  const collator = new Intl.Collator(undefined, { numeric: true });
  picked.sort((a, b) => collator.compare(idOf(a), idOf(b)) * sign || a - b);
  return Uint32Array.from(picked);
}

/** Rows `from` to `to` of a view, column by column, with how many the view keeps of how many there are. */
export interface CustomerRows {
  /** Customers in the table, and those the view keeps. */
  total: number;
  shown: number;
  /** The position in the view of the first row here (`from`, or less when the view is shorter). */
  from: number;
  ids: string[];
  firstDay: Int32Array;
  lastDay: Int32Array;
  orders: Uint32Array;
  purchaseDays: Uint32Array;
  netRevenue: Float64Array;
  /** NaN where the profit is unknown. */
  grossProfit: Float64Array;
}

/** Customer ids by code: an array, or the id of one code (ids kept packed are made into strings only for the rows shown). */
export type IdsByCode = readonly string[] | ((code: number) => string);

/**
 * The rows of `order` from `from` (inclusive) to `to` (exclusive), clamped to the view. `shown` is the view's length
 * when `order` holds only its first positions (the first screen of a partial sort).
 */
export function customerRows(history: CustomerHistory, ids: IdsByCode, order: Uint32Array, from: number, to: number, shown = order.length): CustomerRows {
  const start = Math.max(0, Math.min(Math.floor(from), order.length));
  const end = Math.max(start, Math.min(Math.ceil(to), order.length));
  const n = end - start;
  const rows: CustomerRows = {
    total: historyLength(history),
    shown,
    from: start,
    ids: new Array<string>(n),
    firstDay: new Int32Array(n),
    lastDay: new Int32Array(n),
    orders: new Uint32Array(n),
    purchaseDays: new Uint32Array(n),
    netRevenue: new Float64Array(n),
    grossProfit: new Float64Array(n),
  };
  for (let k = 0; k < n; k++) {
    const i = order[start + k];
    rows.ids[k] = typeof ids === 'function' ? ids(customerAt(history, i)) : ids[customerAt(history, i)];
    rows.firstDay[k] = history.firstDay[i];
    rows.lastDay[k] = history.lastDay[i];
    rows.orders[k] = history.orders[i];
    rows.purchaseDays[k] = history.purchaseDays[i];
    rows.netRevenue[k] = history.netRevenue[i];
    rows.grossProfit[k] = history.grossProfit ? history.grossProfit[i] : NaN;
  }
  return rows;
}

/** What the CSV holds besides the ids, orders, purchase days and net revenue. */
export interface CustomerCsvColumns {
  /** First and last purchase dates (false for a summary of x, tₓ and T only). */
  dated: boolean;
  /** Gross profit (blank where unknown). */
  profit: boolean;
}

/** Rows a part of the CSV holds (see customerCsvParts). */
export const CSV_PART_ROWS = 50_000;

/**
 * The view's rows as a CSV file's text (money to the cent, dates as ISO days; cells safe in a spreadsheet), in parts
 * of CSV_PART_ROWS rows for a Blob to join: a row as an array of cells, then one string of every line, took an array
 * per customer and the whole text twice over, gigabytes of a worker's heap for millions of customers.
 */
export function customerCsvParts(history: CustomerHistory, ids: string[], order: Uint32Array, columns: CustomerCsvColumns): string[] {
  const { dated, profit } = columns;
  const header = ['customer', ...(dated ? ['first_purchase', 'last_purchase'] : []), 'orders', 'purchase_days', 'net_revenue', ...(profit ? ['gross_profit'] : [])];
  const parts = [`\uFEFF${header.map(csvCell).join(',')}\r\n`];
  // A file's customers share a few thousand days: each written once.
  const isoDays = new Map<number, string>();
  const iso = (day: number) => {
    let text = isoDays.get(day);
    if (text === undefined) isoDays.set(day, (text = csvCell(dayToIso(day))));
    return text;
  };
  let lines: string[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    let line = csvCell(ids[customerAt(history, i)]);
    if (dated) line += `,${iso(history.firstDay[i])},${iso(history.lastDay[i])}`;
    line += `,${csvCell(history.orders[i])},${csvCell(history.purchaseDays[i])},${csvCell(Number(history.netRevenue[i].toFixed(2)))}`;
    if (profit) line += `,${!history.grossProfit || Number.isNaN(history.grossProfit[i]) ? '' : csvCell(Number(history.grossProfit[i].toFixed(2)))}`;
    lines.push(line);
    if (lines.length === CSV_PART_ROWS) {
      parts.push(`${lines.join('\r\n')}\r\n`);
      lines = [];
    }
  }
  if (lines.length) parts.push(`${lines.join('\r\n')}\r\n`);
  return parts;
}

/** customerCsvParts as one text. */
export function customerCsv(history: CustomerHistory, ids: string[], order: Uint32Array, columns: CustomerCsvColumns): string {
  return customerCsvParts(history, ids, order, columns).join('');
}
