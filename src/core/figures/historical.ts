/**
 * Historical CLV: what customers have actually been worth so far, the owner formulas, and how concentrated
 * revenue is. Everything here describes the past; predictions live in the model code.
 */
import type { DayNumber, TransactionTable } from '../types';
import { clvFormulas, type ClvFormula } from './clv-formulas';
import { concentrationOfSorted, type Concentration } from './concentration';
import { hasOrderIds, releaseGroupings, tableDayRange } from './customer-days';
import { customerHistory, historyLength, type CustomerHistory, type ProfitSource } from './customer-history';
import { monthlyActivity, type MonthlyActivity } from './monthly-activity';
import { finiteSorted, mean, median, medianOfCounts, medianOfSorted } from './stats';
import { NeumaierSum } from './sum';
import { release } from '../release';

/** Settings of {@link historicalFigures}. */
export interface HistoricalOptions {
  /** Gross margin in percent (0–100), used for rows whose cost is unknown. */
  marginPercent?: number;
  /**
   * The caller has no further use for the table's groupings (an import's first dashboard): they go as soon as these
   * figures have read them, before every customer's revenue is sorted, so that the two are not held at once.
   */
  releaseGroupings?: boolean;
}

/** Average days per year, for turning day spans into years. */
export const DAYS_PER_YEAR = 365.25;

/**
 * The owner's dashboard figures, each with a stated numerator and denominator that agree across cards: buyers are
 * the customers every per-customer figure divides by, orders what AOV and frequency count. Money is in the dataset's
 * currency, and NaN throughout for a file without amounts (`hasAmounts` false): its counts are real, its money
 * unknown.
 */
export interface HistoricalFigures {
  /** Buyers: customers with at least one purchase (amount >= 0). Every "per customer" figure divides by these. */
  customers: number;
  /** Customers with any counted row: buyers plus refundOnlyCustomers. */
  customersWithRows: number;
  /** Customers with counted rows but no purchase (refunds only); not in the per-customer figures. */
  refundOnlyCustomers: number;
  /**
   * Purchases by the contract: orders when the file has an order id (each once, however many lines), else purchase
   * rows (amount >= 0).
   */
  purchases: number;
  /** Purchase rows (amount >= 0): an order's lines each count. */
  lineItems: number;
  /** Distinct (customer, order id) among purchase rows, or customer purchase-days without an order column. */
  orders: number;
  ordersCountedBy: 'order-id' | 'purchase-day';
  /** Whether the file has amounts; without, every money figure is NaN. */
  hasAmounts: boolean;
  /** Σ of the purchase rows' amounts. */
  grossRevenue: number;
  /** Refunds: rows with a negative amount plus purchase rows with a refunded amount (a row counted once). */
  refunds: number;
  /** Rows with a negative amount, and the money they give back. */
  refundRows: number;
  refundRowsTotal: number;
  /** Orders (their lines carrying them) with a refunded amount, and that money. */
  refundedOrders: number;
  refundedTotal: number;
  /** Σ of refunded money as a positive number: refundRowsTotal + refundedTotal. */
  refundTotal: number;
  /** grossRevenue − refundTotal. */
  netRevenue: number;
  /** Net revenue of the buyers (netRevenue less the refunds of customers who bought nothing): the CLV numerator. */
  buyersNetRevenue: number;
  /** grossRevenue ÷ orders (AOV). */
  averageOrderValue: number;
  /** orders ÷ customers (buyers). */
  purchaseFrequency: number;
  /** Buyers with 2 or more orders: the numerator of repeatCustomerRate. */
  repeatCustomers: number;
  /** Customers with ≥ 2 orders ÷ customers. */
  repeatCustomerRate: number;
  /**
   * The per-order and per-customer cards as the divisions they are, so that each card can state what it divides by
   * what, with the same counts as the other cards (NaN money without amounts; a 0 denominator gives NaN or ∞ values).
   */
  ratios: HistoricalRatios;
  /** First to last purchase day, per customer: mean and median. */
  lifespanDays: { mean: number; median: number };
  /** First and last purchase day of the data, and the span in years (both days counted). */
  firstPurchaseDay: DayNumber | null;
  lastPurchaseDay: DayNumber | null;
  dataYears: number;
  /**
   * Historical CLV: net revenue per customer (mean, median) and gross profit per customer where profit is known
   * (null when it is known for no customer).
   */
  clv: { revenueMean: number; revenueMedian: number; profitMean: number | null; profitMedian: number | null };
  /** Gross margin = Σ profit ÷ Σ net revenue over customers whose profit is known; coverage = their share. */
  margin: { source: ProfitSource; rate: number | null; coverage: number };
  perCustomer: CustomerHistory;
  monthly: MonthlyActivity;
  formulas: ClvFormula[];
  /** Concentration of net revenue per customer. */
  concentration: Concentration;
}

/** The figures without the per-customer columns: what the page holds (the customer table's rows stay with the worker). */
export type HistoricalAggregates = Omit<HistoricalFigures, 'perCustomer'>;

/** A figure that is a division: value = numerator ÷ denominator. */
export interface Ratio {
  value: number;
  numerator: number;
  denominator: number;
}

export interface HistoricalRatios {
  /** grossRevenue ÷ orders. */
  averageOrderValue: Ratio;
  /** orders ÷ customers (buyers). */
  purchaseFrequency: Ratio;
  /** repeatCustomers ÷ customers. */
  repeatCustomerRate: Ratio;
  /** buyersNetRevenue ÷ customers: historical CLV as revenue, the mean net revenue per buyer. */
  netRevenuePerCustomer: Ratio;
  /** lineItems ÷ orders: lines per order (without an order id, purchase rows per customer purchase-day). */
  lineItemsPerOrder: Ratio;
  /** refundTotal ÷ grossRevenue: the share of sales given back. */
  refundShare: Ratio;
}

const ratio = (numerator: number, denominator: number): Ratio => ({ value: numerator / denominator, numerator, denominator });

/** Every historical figure of the dashboard in one pass over the grouping. */
export function historicalFigures(table: TransactionTable, options: HistoricalOptions = {}): HistoricalFigures {
  const { figures, sortedNet } = historicalFiguresAndSortedNet(table, options);
  // Nothing reads the sorted revenues once counted: 8 bytes a customer given back now, not at a collection.
  release(sortedNet);
  return figures;
}

/**
 * historicalFigures, and the customers' finite net revenues sorted ascending, which they were computed from (the
 * dashboard's distribution is counted from them rather than from every customer again).
 */
export function historicalFiguresAndSortedNet(table: TransactionTable, options: HistoricalOptions = {}): { figures: HistoricalFigures; sortedNet: Float64Array } {
  const { history, days, profitSource, totals, profitScale } = customerHistory(table, options.marginPercent);
  const n = historyLength(history);

  let orders = 0;
  let repeaters = 0;
  let firstPurchaseDay = Infinity;
  let lastPurchaseDay = -Infinity;
  // Whole days between two days of the table, counted at their length for the mean and median: no lifespan per
  // customer is kept (4 bytes a customer of fresh memory, 13 MB at 3.3M customers, read twice and given back).
  const range = tableDayRange(table);
  const lifespans = new Uint32Array(range ? range.max - range.min + 1 : 1);
  let lifespanSum = 0;
  let profitKnown = 0;
  const knownProfit = new NeumaierSum();
  const knownNet = new NeumaierSum();
  const buyersNet = new NeumaierSum();
  for (let k = 0; k < n; k++) {
    orders += history.orders[k];
    if (history.orders[k] >= 2) repeaters++;
    const lifespan = history.lastDay[k] - history.firstDay[k];
    lifespans[lifespan]++;
    lifespanSum += lifespan;
    if (history.firstDay[k] < firstPurchaseDay) firstPurchaseDay = history.firstDay[k];
    if (history.lastDay[k] > lastPurchaseDay) lastPurchaseDay = history.lastDay[k];
    buyersNet.add(history.netRevenue[k]);
    if (history.grossProfit && Number.isFinite(history.grossProfit[k])) {
      profitKnown++;
      knownProfit.add(history.grossProfit[k]);
      knownNet.add(history.netRevenue[k]);
    }
  }

  const hasAmounts = table.withoutAmounts !== true;
  /** Money, or NaN for a file without amounts (its zeros are unknowns). */
  const money = (v: number) => (hasAmounts ? v : NaN);
  const grossRevenue = money(totals.grossRevenue);
  const hasBuyers = n > 0;
  const dataYears = hasBuyers ? (lastPurchaseDay - firstPurchaseDay + 1) / DAYS_PER_YEAR : 0;
  const marginRate = profitKnown > 0 && knownNet.value !== 0 ? knownProfit.value / knownNet.value : null;
  // (Whole numbers: the sum is exact, as mean() of them would add them.)
  const lifespanMean = n === 0 ? NaN : lifespanSum / n;
  const monthly = monthlyActivity(days);
  if (options.releaseGroupings) releaseGroupings(table);
  const buyersNetRevenue = money(buyersNet.value);
  const formulas = clvFormulas({
    revenuePerCustomer: buyersNetRevenue / n,
    revenuePerActiveMonth: buyersNetRevenue / monthly.customerMonths,
    monthsRetained: monthly.meanMonthsRetained,
    averageOrderValue: grossRevenue / orders,
    ordersPerCustomerPerYear: orders / n / dataYears,
    lifespanYears: lifespanMean / DAYS_PER_YEAR,
    margin: marginRate,
    monthlyChurn: monthly.monthlyChurn,
    observedCustomerMonths: monthly.observedCustomerMonths,
  });

  const refundTotal = money(totals.refundTotal);
  // Sorted once for the median and the concentration: at 3.3 million customers a sort takes a few hundred ms.
  const sortedNet = finiteSorted(history.netRevenue);
  const figures: HistoricalFigures = {
    customers: n,
    customersWithRows: totals.customers,
    refundOnlyCustomers: totals.customers - n,
    purchases: hasOrderIds(table) ? orders : totals.purchases,
    lineItems: totals.purchases,
    orders,
    ordersCountedBy: hasOrderIds(table) ? 'order-id' : 'purchase-day',
    hasAmounts,
    grossRevenue,
    refunds: totals.refunds,
    refundRows: totals.refundRows,
    refundRowsTotal: money(totals.refundRowsTotal),
    refundedOrders: totals.refundedRows,
    refundedTotal: money(totals.refundedTotal),
    refundTotal,
    // Gross and refunds were each summed with compensation; their difference is as exact as one sum of all rows.
    netRevenue: grossRevenue - refundTotal,
    buyersNetRevenue,
    averageOrderValue: grossRevenue / orders,
    purchaseFrequency: orders / n,
    repeatCustomers: repeaters,
    repeatCustomerRate: repeaters / n,
    ratios: {
      averageOrderValue: ratio(grossRevenue, orders),
      purchaseFrequency: ratio(orders, n),
      repeatCustomerRate: ratio(repeaters, n),
      netRevenuePerCustomer: ratio(buyersNetRevenue, n),
      lineItemsPerOrder: ratio(totals.purchases, orders),
      refundShare: ratio(refundTotal, grossRevenue),
    },
    // Lifespans are whole days within the purchase dates' span: counted, not sorted.
    lifespanDays: { mean: lifespanMean, median: hasBuyers ? medianOfCounts(lifespans, n) : NaN },
    firstPurchaseDay: hasBuyers ? firstPurchaseDay : null,
    lastPurchaseDay: hasBuyers ? lastPurchaseDay : null,
    dataYears,
    clv: {
      revenueMean: money(mean(history.netRevenue)),
      revenueMedian: money(medianOfSorted(sortedNet)),
      profitMean: profitKnown > 0 && hasAmounts && history.grossProfit ? mean(history.grossProfit) : null,
      // Profit as net revenue × margin (no costs, no refunded amounts): the net's median × margin.
      profitMedian: profitKnown > 0 && hasAmounts && history.grossProfit ? (profitScale !== null ? medianOfSorted(sortedNet, profitScale) : median(history.grossProfit)) : null,
    },
    margin: { source: profitSource, rate: marginRate, coverage: hasBuyers ? profitKnown / n : 0 },
    perCustomer: history,
    monthly,
    formulas,
    concentration: concentrationOfSorted(sortedNet),
  };
  return { figures, sortedNet };
}
