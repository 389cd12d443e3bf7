/** Filtering and sorting the customer table: pure, on typed arrays, so 100,000 customers stay quick. */
import type { CustomerHistory } from '../core/figures';
import { sortByNumber } from '../core/sort-by-number';

export type CustomerColumn = 'id' | 'first' | 'last' | 'orders' | 'days' | 'net' | 'profit';
export type SortDirection = 'ascending' | 'descending';

/** Positions into `history` of the customers whose id contains `query` (case-insensitive), sorted. */
export function customerOrder(
  history: CustomerHistory,
  ids: string[],
  query: string,
  column: CustomerColumn,
  direction: SortDirection,
): Uint32Array {
  const n = history.customer.length;
  const q = query.trim().toLowerCase();
  const picked: number[] = [];
  for (let i = 0; i < n; i++) if (!q || ids[history.customer[i]].toLowerCase().includes(q)) picked.push(i);
  const key: ArrayLike<number> | null =
    column === 'first' ? history.firstDay
    : column === 'last' ? history.lastDay
    : column === 'orders' ? history.orders
    : column === 'days' ? history.purchaseDays
    : column === 'net' ? history.netRevenue
    : column === 'profit' ? history.grossProfit
    : null;
  return sortPositions(picked, key, (i) => ids[history.customer[i]], direction === 'ascending');
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

/** The rows to render for a scroll position: a window of the list plus a few rows either side. */
export function visibleWindow(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 6) {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (total - end) * rowHeight };
}
