/**
 * Each customer's distinct orders among their purchase rows (amount ≥ 0) up to a day, in one pass over the rows in
 * file order, without grouping them by customer. An order is counted for a customer the first time a row pairs the
 * two.
 */
import type { DayNumber, TransactionTable } from '../types';
import { customerCountOf } from '../customer-ids';

/**
 * Per customer index, the distinct orders of its purchase rows on or before `through`. The table must have orders.
 * A row with a blank order id is an order of its own when `blankRowsEach` (the history's count), else the blank id
 * is one order like any other (the summary file's distinct ids).
 */
export function ordersPerCustomer(table: TransactionTable, through: DayNumber = 2147483647, blankRowsEach = true): Uint32Array {
  const { length, customer, day, amount } = table;
  const counts = new Uint32Array(customerCountOf(table));
  // Without codes every row is an order of its own (see TransactionTable.order): each purchase row counts.
  const order = table.order;
  if (!order) {
    for (let i = 0; i < length; i++) if (amount[i] >= 0 && day[i] <= through) counts[customer[i]]++;
    return counts;
  }
  const blank = blankRowsEach ? (table.orderCodes?.blank ?? -1) : -1;
  let codes = table.orderCodes?.count ?? 0;
  if (!table.orderCodes) for (let i = 0; i < length; i++) codes = Math.max(codes, order[i] + 1);
  // The first customer seen with each order (−1: none yet). An order id shared by several customers, which exports
  // do not have but a file may, keeps its other customers in a set of its own.
  const first = new Int32Array(codes).fill(-1);
  let shared: Map<number, Set<number>> | null = null;
  for (let i = 0; i < length; i++) {
    if (!(amount[i] >= 0) || day[i] > through) continue;
    const c = customer[i];
    const o = order[i];
    if (o === blank) counts[c]++;
    else if (first[o] === -1) {
      first[o] = c;
      counts[c]++;
    } else if (first[o] !== c) {
      shared ??= new Map();
      let others = shared.get(o);
      if (!others) shared.set(o, (others = new Set()));
      if (!others.has(c)) {
        others.add(c);
        counts[c]++;
      }
    }
  }
  return counts;
}
