/**
 * The snapshot contract's dataset figures, with the contract's literal definitions, over the counted rows (rows left
 * out for their status are not in the table; the report counts them).
 */
import type { DatasetFigures, TransactionTable } from '../types';
import { customerFirstDays, FIRST_DAY_NONE } from './customer-days';
import { dayToIso } from './dates';

/**
 * customers = distinct customer ids; a purchase row has amount >= 0 (a free order is a purchase); purchases =
 * orders with an order id (distinct customer and order id among purchase rows, a blank order id being an order of
 * its own), else purchase rows; refunds = rows with amount < 0 plus rows with a refunded amount; grossRevenue = Σ
 * purchase amounts; refundTotal = Σ |negative amounts| + Σ refunded; netRevenue = Σ (amount − refunded) over all
 * rows = gross − refunds (compensated sums; 0 without amounts); firstDate/lastDate = earliest/latest day as YYYY-MM-DD, null for an empty table.
 */
export function datasetFigures(table: TransactionTable): DatasetFigures {
  const { length, day, amount } = table;
  const refunded = table.refunded ?? null;
  // Customers with a row: those with a first day (customer-days.ts reads it customer by customer; marking each row's
  // customer here read a random place per row).
  const firstDay = customerFirstDays(table);
  let customers = 0;
  for (let c = 0; c < firstDay.length; c++) if (firstDay[c] !== FIRST_DAY_NONE) customers++;
  let lineItems = 0;
  let refunds = 0;
  let minDay = Infinity;
  let maxDay = -Infinity;
  // Compensated (Neumaier) sums, inline: see sum.ts for why; inline because these loops run once per row. Each loop
  // is kept small: one loop doing everything ran several times slower than these (V8 keeps fewer values in registers).
  let gross = 0;
  let grossC = 0;
  let back = 0;
  let backC = 0;
  for (let i = 0; i < length; i++) {
    const a = amount[i];
    if (a >= 0) {
      lineItems++;
      const t = gross + a;
      grossC += gross >= a ? gross - t + a : a - t + gross;
      gross = t;
    } else {
      refunds++;
      const t = back - a;
      backC += back >= -a ? back - t - a : -a - t + back;
      back = t;
    }
    const d = day[i];
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
  }
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
  const orders = table.order ? countOrders(table) : null;
  return {
    customers,
    purchases: orders ?? lineItems,
    ...(orders === null ? {} : { orders }),
    lineItems,
    refunds,
    grossRevenue: gross + grossC,
    refundTotal: back + backC,
    netRevenue: net + netC,
    ...(table.withoutAmounts ? { withoutAmounts: true } : {}),
    firstDate: length > 0 ? dayToIso(minDay) : null,
    lastDate: length > 0 ? dayToIso(maxDay) : null,
  };
}

/**
 * Distinct (customer, order id) among purchase rows (amount >= 0); a blank order id is an order of its own. Each
 * order's first buyer is noted; an order id shared by two customers (rare) is two orders, de-duplicated in a Set.
 */
function countOrders(table: TransactionTable): number {
  const { length, customer, amount } = table;
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
