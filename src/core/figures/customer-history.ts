/**
 * Per-customer purchase history: the columns behind historical CLV, RFM and the owner's dashboard.
 */
import type { DayColumn, TransactionTable } from '../types';
import { daysLike } from '../day-column';
import { customersWithRows, groupCustomerDays, hasOrderIds, rowPerOrder, type CustomerDays } from './customer-days';
import { ordersPerCustomer } from './orders-per-customer';
import { signedSums } from './sum';
import { moneyUnit } from '../money-column';
import { customerCountOf } from '../customer-ids';

/** The customer code of entry k of a history. */
export function customerAt(history: Pick<CustomerHistory, 'customer'>, k: number): number {
  return history.customer === null ? k : history.customer[k];
}

/** How many customers a history holds. */
export function historyLength(history: Pick<CustomerHistory, 'netRevenue'>): number {
  return history.netRevenue.length;
}

/** Every entry's customer code, in an array (made when the history has none). */
export function historyCustomers(history: Pick<CustomerHistory, 'customer' | 'netRevenue'>): Uint32Array {
  return history.customer ?? Uint32Array.from({ length: historyLength(history) }, (_, k) => k);
}

/** Where per-row profit comes from. */
export type ProfitSource = 'cost' | 'margin-percent' | 'cost-and-margin-percent' | 'none';

/**
 * One entry per customer with at least one purchase (amount >= 0), ascending customer index; arrays are aligned.
 * Customers whose only rows are refunds are not here (they have no purchase history).
 */
export interface CustomerHistory {
  /**
   * Each entry's customer code; null when entry k is customer k, as when every customer bought (usual: an array of
   * 0, 1, 2, … was 4 bytes a customer, 13 MB at 3.3 million, held at the import's peak). Read it with customerAt.
   */
  customer: Uint32Array | null;
  /** First and last purchase day (as wide as the table's days). */
  firstDay: DayColumn;
  lastDay: DayColumn;
  /**
   * Distinct order ids among the customer's purchase rows (a blank order id being an order of its own); purchase
   * days when the table has no order column.
   */
  orders: Uint32Array;
  /**
   * Distinct days with a purchase. (A customer's purchase rows and gross revenue are not columns here: no view reads
   * them, and they were 12 bytes a customer at the dashboard's peak; the grouping has both: rowStart, and the days'
   * totals.)
   */
  purchaseDays: Uint32Array;
  /** Σ of all the customer's amounts, refunds (negative rows and refunded amounts) subtracted. */
  netRevenue: Float64Array;
  /**
   * Σ over all the customer's rows of (amount − cost), or amount × margin where the cost is unknown and a margin %
   * was given; NaN when any row's profit is unknown. Null when no customer's can be known (no cost column, no margin):
   * an array of NaN was 8 bytes a customer kept for nothing.
   */
  grossProfit: Float64Array | null;
}

/** Whole-table totals gathered in the same pass over the rows. */
export interface RowTotals {
  /** Rows with amount >= 0 and their compensated sum. */
  purchases: number;
  grossRevenue: number;
  /** Rows with amount < 0 and the compensated sum of their magnitudes. */
  refundRows: number;
  refundRowsTotal: number;
  /** Purchase rows with a refunded amount (an order partly refunded) and the compensated sum of those amounts. */
  refundedRows: number;
  refundedTotal: number;
  /** Refunds of both kinds: their count (a row counted once) and money. */
  refunds: number;
  refundTotal: number;
  /** Distinct customers among all counted rows (buyers or not). */
  customers: number;
}

/** The per-customer history, the grouping it was built from (reused for monthly figures) and the row totals. */
export interface CustomerHistoryResult {
  history: CustomerHistory;
  days: CustomerDays;
  profitSource: ProfitSource;
  totals: RowTotals;
  /** When every customer's profit is its net revenue × this one number (a margin, no costs); otherwise null. */
  profitScale: number | null;
}

/** Build the per-customer history. marginPercent (0–100) fills in profit where no cost is known. */
export function customerHistory(table: TransactionTable, marginPercent?: number): CustomerHistoryResult {
  const days = groupCustomerDays(table);
  const { customerCount, dayStart, rowStart } = days;
  let buyers = 0;
  for (let c = 0; c < customerCount; c++) if (dayStart[c + 1] > dayStart[c]) buyers++;

  const margin = marginPercent === undefined || !Number.isFinite(marginPercent) ? NaN : marginPercent / 100;
  const profitSource: ProfitSource = table.cost
    ? Number.isNaN(margin) ? 'cost' : 'cost-and-margin-percent'
    : Number.isNaN(margin) ? 'none' : 'margin-percent';
  const byRow = table.cost || table.refunded;
  const { net, profit, totals } = byRow ? sumRows(table, margin) : sumByCustomer(table, margin, days);

  // When every customer bought (as usual), entry k is customer k: the sums per customer are the history's columns
  // themselves, not copied into new ones (arrays of 8 bytes a customer at the dashboard's peak).
  const everyone = buyers === customerCount;
  // Every row an order of its own: a customer's orders are their purchase rows, without reading a code; and when no
  // customer has two purchase rows on one day, those are the purchase days. Without order ids the orders are the
  // purchase days. Whichever it is, the orders column is that one, not a copy.
  const eachRowAnOrder = rowPerOrder(table);
  const ordersAreDays = !hasOrderIds(table) || (eachRowAnOrder && rowStart === dayStart);
  const orders = hasOrderIds(table) && !eachRowAnOrder ? ordersPerCustomer(table) : null;
  const purchaseDays = new Uint32Array(buyers);
  const history: CustomerHistory = {
    customer: everyone ? null : new Uint32Array(buyers),
    firstDay: daysLike(table.day, buyers),
    lastDay: daysLike(table.day, buyers),
    orders: ordersAreDays ? purchaseDays : new Uint32Array(buyers),
    purchaseDays,
    netRevenue: everyone ? net : new Float64Array(buyers),
    grossProfit: profit === null ? null : everyone ? profit : new Float64Array(buyers),
  };
  let k = 0;
  for (let c = 0; c < customerCount; c++) {
    const from = dayStart[c];
    const to = dayStart[c + 1];
    if (to === from) continue;
    if (history.customer) history.customer[k] = c;
    history.firstDay[k] = days.day[from];
    history.lastDay[k] = days.day[to - 1];
    history.purchaseDays[k] = to - from;
    if (orders) history.orders[k] = orders[c];
    else if (!ordersAreDays) history.orders[k] = rowStart[c + 1] - rowStart[c];
    history.netRevenue[k] = net[c];
    if (history.grossProfit && profit) history.grossProfit[k] = profit[c];
    k++;
  }
  return { history, days, profitSource, totals, profitScale: !byRow && Number.isFinite(margin) ? margin : null };
}

/**
 * sumRows for a table with neither costs nor refunded amounts, customer by customer: a customer's net revenue is the
 * sum of its purchase days' totals (the grouping's, read in order) and of its refund rows (few), and its profit that
 * × margin. Adding each row at its customer, a random place in four arrays of every customer, cost a memory access
 * or more per row (3.3 million customers over ten million rows).
 */
function sumByCustomer(table: TransactionTable, margin: number, days: CustomerDays): ReturnType<typeof sumRows> {
  const { length, customer, amount } = table;
  const customerCount = customerCountOf(table);
  const net = new Float64Array(customerCount);
  const sums = signedSums(amount, length);
  // The refund rows, few, each at its customer, with their compensation apart (only when there are any).
  const netC = sums.refunds > 0 ? new Float64Array(customerCount) : null;
  // The amounts as money: the column may hold whole cents (TransactionTable.moneyScale).
  const unit = moneyUnit(table);
  for (let i = 0; netC && i < length; i++) {
    if (amount[i] >= 0) continue;
    const a = amount[i] / unit;
    const c = customer[i];
    const s = net[c];
    const t = s + a;
    netC[c] += Math.abs(s) >= Math.abs(a) ? s - t + a : a - t + s;
    net[c] = t;
  }
  const { dayStart, total, totalScale } = days;
  const profit = Number.isNaN(margin) ? null : new Float64Array(customerCount);
  if (netC === null && total instanceof Int32Array) {
    // Whole day totals and no refund rows: each customer's sum is a whole number, exact in a double (days × 2^31 stay
    // far below 2^53), divided once. Net revenue is then the exact sum rounded once, where adding quotients left some
    // a bit off a whole cent, and the dashboard's sort of them fell back from 32-bit keys to 64-bit ones.
    for (let c = 0; c < customerCount; c++) {
      let s = 0;
      for (let j = dayStart[c]; j < dayStart[c + 1]; j++) s += total[j];
      net[c] = s / totalScale;
      if (profit) profit[c] = net[c] * margin;
    }
  } else {
    for (let c = 0; c < customerCount; c++) {
      let s = net[c];
      let compensation = netC ? netC[c] : 0;
      for (let j = dayStart[c]; j < dayStart[c + 1]; j++) {
        const x = total[j] / totalScale;
        const t = s + x;
        compensation += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
        s = t;
      }
      net[c] = s + compensation;
      if (profit) profit[c] = net[c] * margin;
    }
  }
  const refundRowsTotal = (sums.back + sums.backC) / unit;
  const totals: RowTotals = {
    purchases: sums.purchases,
    grossRevenue: (sums.gross + sums.grossC) / unit,
    refundRows: sums.refunds,
    refundRowsTotal,
    refundedRows: 0,
    refundedTotal: 0,
    refunds: sums.refunds,
    refundTotal: refundRowsTotal,
    customers: customersWithRows(table),
  };
  return { net, profit, totals };
}

/**
 * One pass over every counted row: net revenue and profit per customer index, and the table's totals. A
 * row's revenue is its amount less its refunded amount; its profit is that less its cost where the cost is known,
 * else that × margin (NaN without a margin, and NaN propagates through the customer's sum, which is what marks its
 * profit unknown).
 */
function sumRows(table: TransactionTable, margin: number): { net: Float64Array; profit: Float64Array | null; totals: RowTotals } {
  const { length, customer, amount, cost } = table;
  const refundedColumn = table.refunded ?? null;
  const customerCount = customerCountOf(table);
  // Compensated (Neumaier) sums written out inline rather than through NeumaierSum(s).add: this loop runs once per
  // row, usually on its first call, before the JIT would have inlined the method calls.
  const net = new Float64Array(customerCount);
  const netC = new Float64Array(customerCount);
  const profit = new Float64Array(customerCount);
  const profitC = new Float64Array(customerCount);
  let gross = 0;
  let grossC = 0;
  let refundRows = 0;
  let refundRowsC = 0;
  let refunded = 0;
  let refundedC = 0;
  const totals: RowTotals = { purchases: 0, grossRevenue: 0, refundRows: 0, refundRowsTotal: 0, refundedRows: 0, refundedTotal: 0, refunds: 0, refundTotal: 0, customers: customersWithRows(table) };
  const unit = moneyUnit(table);
  for (let i = 0; i < length; i++) {
    const c = customer[i];
    const a = amount[i] / unit;
    const r = refundedColumn ? refundedColumn[i] / unit : 0;
    const x = a - r;
    let s = net[c];
    let t = s + x;
    netC[c] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    net[c] = t;
    const k = cost ? cost[i] : NaN;
    const p = Number.isFinite(k) ? x - k : x * margin;
    s = profit[c];
    t = s + p;
    profitC[c] += Math.abs(s) >= Math.abs(p) ? s - t + p : p - t + s;
    profit[c] = t;
    if (a >= 0) {
      totals.purchases++;
      t = gross + a;
      grossC += gross >= a ? gross - t + a : a - t + gross;
      gross = t;
    } else {
      totals.refundRows++;
      t = refundRows - a;
      refundRowsC += refundRows >= -a ? refundRows - t - a : -a - t + refundRows;
      refundRows = t;
    }
    if (r > 0) {
      if (a >= 0) totals.refundedRows++;
      t = refunded + r;
      refundedC += refunded >= r ? refunded - t + r : r - t + refunded;
      refunded = t;
    }
  }
  for (let c = 0; c < customerCount; c++) {
    net[c] += netC[c];
    profit[c] += profitC[c];
  }
  totals.grossRevenue = gross + grossC;
  totals.refundRowsTotal = refundRows + refundRowsC;
  totals.refundedTotal = refunded + refundedC;
  totals.refunds = totals.refundRows + totals.refundedRows;
  totals.refundTotal = totals.refundRowsTotal + totals.refundedTotal;
  return { net, profit, totals };
}