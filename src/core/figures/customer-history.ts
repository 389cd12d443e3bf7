/**
 * Per-customer purchase history: the columns behind historical CLV, RFM and the owner's dashboard.
 */
import type { TransactionTable } from '../types';
import { groupCustomerDays, type CustomerDays } from './customer-days';

/** Where per-row profit comes from. */
export type ProfitSource = 'cost' | 'margin-percent' | 'cost-and-margin-percent' | 'none';

/**
 * One entry per customer with at least one purchase (amount >= 0), ascending customer index; arrays are aligned.
 * Customers whose only rows are refunds are not here (they have no purchase history).
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
  /** Purchase rows (amount >= 0). */
  purchaseRows: Uint32Array;
  /** Σ of the customer's purchase amounts. */
  grossRevenue: Float64Array;
  /** Σ of all the customer's amounts, refunds included. */
  netRevenue: Float64Array;
  /**
   * Σ over all the customer's rows of (amount − cost), or amount × margin where the cost is unknown and a margin %
   * was given; NaN when any row's profit is unknown.
   */
  grossProfit: Float64Array;
}

/** Whole-table totals gathered in the same pass over the rows. */
export interface RowTotals {
  /** Rows with amount >= 0 and their compensated sum. */
  purchases: number;
  grossRevenue: number;
  /** Rows with amount < 0 and the compensated sum of their magnitudes. */
  refunds: number;
  refundTotal: number;
  /** Distinct customers among all accepted rows (buyers or not). */
  customers: number;
}

/** The per-customer history, the grouping it was built from (reused for monthly figures) and the row totals. */
export interface CustomerHistoryResult {
  history: CustomerHistory;
  days: CustomerDays;
  profitSource: ProfitSource;
  totals: RowTotals;
}

/** Build the per-customer history. marginPercent (0–100) fills in profit where no cost is known. */
export function customerHistory(table: TransactionTable, marginPercent?: number): CustomerHistoryResult {
  const days = groupCustomerDays(table);
  const { customerCount, dayStart, rowStart, rows } = days;
  let buyers = 0;
  for (let c = 0; c < customerCount; c++) if (dayStart[c + 1] > dayStart[c]) buyers++;

  const margin = marginPercent === undefined || !Number.isFinite(marginPercent) ? NaN : marginPercent / 100;
  const profitSource: ProfitSource = table.cost
    ? Number.isNaN(margin) ? 'cost' : 'cost-and-margin-percent'
    : Number.isNaN(margin) ? 'none' : 'margin-percent';
  const { net, profit, totals } = sumRows(table, margin);

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
    history.netRevenue[k] = net[c];
    history.grossProfit[k] = profit[c];
    k++;
  }
  return { history, days, profitSource, totals };
}

/**
 * One pass over every accepted row: net revenue and profit per customer index, and the table's totals. Row profit
 * is amount − cost where the cost is known, else amount × margin (NaN without a margin, and NaN propagates through
 * the customer's sum, which is what marks its profit unknown).
 */
function sumRows(table: TransactionTable, margin: number): { net: Float64Array; profit: Float64Array; totals: RowTotals } {
  const { length, customer, amount, cost } = table;
  const customerCount = table.customerIds.length;
  // Compensated (Neumaier) sums written out inline rather than through NeumaierSum(s).add: this loop runs once per
  // row, usually on its first call, before the JIT would have inlined the method calls.
  const net = new Float64Array(customerCount);
  const netC = new Float64Array(customerCount);
  const profit = new Float64Array(customerCount);
  const profitC = new Float64Array(customerCount);
  let gross = 0;
  let grossC = 0;
  let refunded = 0;
  let refundedC = 0;
  const seen = new Uint8Array(customerCount);
  const totals: RowTotals = { purchases: 0, grossRevenue: 0, refunds: 0, refundTotal: 0, customers: 0 };
  for (let i = 0; i < length; i++) {
    const c = customer[i];
    const a = amount[i];
    let s = net[c];
    let t = s + a;
    netC[c] += Math.abs(s) >= Math.abs(a) ? s - t + a : a - t + s;
    net[c] = t;
    const k = cost ? cost[i] : NaN;
    const p = Number.isFinite(k) ? a - k : a * margin;
    s = profit[c];
    t = s + p;
    profitC[c] += Math.abs(s) >= Math.abs(p) ? s - t + p : p - t + s;
    profit[c] = t;
    if (a >= 0) {
      totals.purchases++;
      t = gross + a;
      grossC += gross >= a ? gross - t + a : a - t + gross;
      gross = t;
    } else if (a < 0) {
      totals.refunds++;
      t = refunded - a;
      refundedC += refunded >= -a ? refunded - t - a : -a - t + refunded;
      refunded = t;
    }
    if (seen[c] === 0) {
      seen[c] = 1;
      totals.customers++;
    }
  }
  for (let c = 0; c < customerCount; c++) {
    net[c] += netC[c];
    profit[c] += profitC[c];
  }
  totals.grossRevenue = gross + grossC;
  totals.refundTotal = refunded + refundedC;
  return { net, profit, totals };
}