/**
 * Per-customer purchase history: the columns behind historical CLV, RFM and the owner's dashboard.
 */
import type { TransactionTable } from '../types';
import { groupCustomerDays, type CustomerDays } from './customer-days';
import { NeumaierSums } from './sum';

/** Where per-row profit comes from. */
export type ProfitSource = 'cost' | 'margin-percent' | 'cost-and-margin-percent' | 'none';

/**
 * One entry per customer with at least one purchase (amount > 0), ascending customer index; arrays are aligned.
 * Customers whose only rows are refunds or zero amounts are not here (they have no purchase history).
 */
export interface CustomerHistory {
  customer: Uint32Array;
  /** First and last purchase day. */
  firstDay: Int32Array;
  lastDay: Int32Array;
  /** Distinct order ids among the customer's purchase rows; purchase days when the table has no order column. */
  orders: Uint32Array;
  /** Distinct days with a purchase. */
  purchaseDays: Uint32Array;
  /** Purchase rows (amount > 0). */
  purchaseRows: Uint32Array;
  /** Σ of the customer's positive amounts. */
  grossRevenue: Float64Array;
  /** Σ of all the customer's amounts, refunds included. */
  netRevenue: Float64Array;
  /**
   * Σ over all the customer's rows of (amount − cost), or amount × margin where the cost is unknown and a margin %
   * was given; NaN when any row's profit is unknown.
   */
  grossProfit: Float64Array;
}

/** The per-customer history and the grouping it was built from (reused for monthly figures). */
export interface CustomerHistoryResult {
  history: CustomerHistory;
  days: CustomerDays;
  profitSource: ProfitSource;
}

/** Build the per-customer history. marginPercent (0–100) fills in profit where no cost is known. */
export function customerHistory(table: TransactionTable, marginPercent?: number): CustomerHistoryResult {
  const days = groupCustomerDays(table);
  const { customerCount, dayStart, rowStart, rows } = days;
  let buyers = 0;
  for (let c = 0; c < customerCount; c++) if (dayStart[c + 1] > dayStart[c]) buyers++;

  // Net revenue and profit per customer index, over every accepted row.
  const { length, customer, amount } = table;
  const cost = table.cost;
  const margin = marginPercent === undefined || !Number.isFinite(marginPercent) ? NaN : marginPercent / 100;
  const profitSource: ProfitSource = cost ? (Number.isNaN(margin) ? 'cost' : 'cost-and-margin-percent') : Number.isNaN(margin) ? 'none' : 'margin-percent';
  const net = new NeumaierSums(customerCount);
  const profit = new NeumaierSums(customerCount);
  for (let i = 0; i < length; i++) {
    const c = customer[i];
    const a = amount[i];
    net.add(c, a);
    const k = cost ? cost[i] : NaN;
    // NaN propagates through the sum, which is what marks a customer's profit as unknown.
    profit.add(c, Number.isFinite(k) ? a - k : a * margin);
  }

  const history: CustomerHistory = {
    customer: new Uint32Array(buyers),
    firstDay: new Int32Array(buyers),
    lastDay: new Int32Array(buyers),
    orders: new Uint32Array(buyers),
    purchaseDays: new Uint32Array(buyers),
    purchaseRows: new Uint32Array(buyers),
    grossRevenue: new Float64Array(buyers),
    netRevenue: new Float64Array(buyers),
    grossProfit: new Float64Array(buyers),
  };
  const order = table.order;
  // stamp[o] = last customer that counted order o: rows come grouped by customer, so one array de-duplicates all.
  const stamp = order ? new Int32Array(table.orderIds?.length ?? 0).fill(-1) : null;
  let k = 0;
  for (let c = 0; c < customerCount; c++) {
    const from = dayStart[c];
    const to = dayStart[c + 1];
    if (to === from) continue;
    history.customer[k] = c;
    history.firstDay[k] = days.day[from];
    history.lastDay[k] = days.day[to - 1];
    history.purchaseDays[k] = to - from;
    history.purchaseRows[k] = rowStart[c + 1] - rowStart[c];
    let gross = 0;
    for (let j = from; j < to; j++) gross += days.total[j];
    history.grossRevenue[k] = gross;
    if (order && stamp) {
      let orders = 0;
      for (let j = rowStart[c]; j < rowStart[c + 1]; j++) {
        const o = order[rows[j]];
        if (stamp[o] !== c) {
          stamp[o] = c;
          orders++;
        }
      }
      history.orders[k] = orders;
    } else {
      history.orders[k] = to - from;
    }
    history.netRevenue[k] = net.value(c);
    history.grossProfit[k] = profit.value(c);
    k++;
  }
  return { history, days, profitSource };
}
