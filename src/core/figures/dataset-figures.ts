/**
 * The snapshot contract's dataset figures, with the contract's literal definitions, over the counted rows (rows left
 * out for their status are not in the table; the report counts them).
 */
import type { DatasetFigures, TransactionTable } from '../types';
import { customersWithRows, hasOrderIds, rowPerOrder, tableDayRange } from './customer-days';
import { dayToIso } from './dates';
import { signedSums } from './sum';
import { moneyUnit } from '../money-column';

/**
 * customers = distinct customer ids; a purchase row has amount >= 0 (a free order is a purchase); purchases =
 * orders with an order id (distinct customer and order id among purchase rows, a blank order id being an order of
 * its own), else purchase rows; refunds = rows with amount < 0 plus rows with a refunded amount; grossRevenue = Σ
 * purchase amounts; refundTotal = Σ |negative amounts| + Σ refunded; netRevenue = Σ (amount − refunded) over all
 * rows = gross − refunds (compensated sums; 0 without amounts); firstDate/lastDate = earliest/latest day as YYYY-MM-DD, null for an empty table.
 */
export function datasetFigures(table: TransactionTable): DatasetFigures {
  const { length, amount } = table;
  const refunded = table.refunded ?? null;
  // Every sum is taken in the columns' own unit (whole cents are added exactly), then read as money.
  const unit = moneyUnit(table);
  // Customers with a row, and the day range, as customer-days.ts keeps them for the table (customer by customer:
  // marking each row's customer here read a random place per row).
  const customers = customersWithRows(table);
  const range = tableDayRange(table);
  const sums = signedSums(amount, length);
  const lineItems = sums.purchases;
  let refunds = sums.refunds;
  let back = sums.back;
  let backC = sums.backC;
  // Net: its own compensated sum of every row's amount less its refund, exact to the last bit that matters.
  let net = 0;
  let netC = 0;
  for (let i = 0; i < length; i++) {
    const x = refunded ? amount[i] - refunded[i] : amount[i];
    const t = net + x;
    netC += Math.abs(net) >= Math.abs(x) ? net - t + x : x - t + net;
    net = t;
  }
  // Refunds written on purchase rows (an order partly refunded): counted with the refund rows, a row once.
  if (refunded) {
    for (let i = 0; i < length; i++) {
      const r = refunded[i];
      if (!(r > 0)) continue;
      if (amount[i] >= 0) refunds++;
      const t = back + r;
      backC += back >= r ? back - t + r : r - t + back;
      back = t;
    }
  }
  // Every row an order of its own: the orders are the purchase rows.
  const orders = hasOrderIds(table) ? (rowPerOrder(table) ? lineItems : countOrders(table)) : null;
  return {
    customers,
    purchases: orders ?? lineItems,
    ...(orders === null ? {} : { orders }),
    lineItems,
    refunds,
    grossRevenue: (sums.gross + sums.grossC) / unit,
    refundTotal: (back + backC) / unit,
    netRevenue: (net + netC) / unit,
    ...(table.withoutAmounts ? { withoutAmounts: true } : {}),
    firstDate: range ? dayToIso(range.min) : null,
    lastDate: range ? dayToIso(range.max) : null,
  };
}

/**
 * Distinct (customer, order id) among purchase rows (amount >= 0); a blank order id is an order of its own. Each
 * order's first buyer is noted; an order id shared by two customers (rare) is two orders, de-duplicated in a Set.
 */
function countOrders(table: TransactionTable): number {
  const { length, customer, amount } = table;
  // Only for a table with codes: without them every row is an order of its own (rowPerOrder).
  const order = table.order!;
  const owner = new Int32Array(table.orderCodes?.count ?? 0).fill(-1);
  const blank = table.orderCodes?.blank ?? -1;
  let shared: Set<number> | null = null;
  let orders = 0;
  for (let i = 0; i < length; i++) {
    if (!(amount[i] >= 0)) continue;
    const o = order[i];
    const c = customer[i];
    if (owner[o] === -1) {
      owner[o] = c;
      orders++;
    } else if (owner[o] !== c || o === blank) {
      if (o === blank) orders++;
      else {
        const key = c * owner.length + o;
        if (!(shared ??= new Set()).has(key)) {
          shared.add(key);
          orders++;
        }
      }
    }
  }
  return orders;
}
