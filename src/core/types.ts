/**
 * Shared data shapes of the pure core. No DOM, Dexie or Svelte here: this runs in Node, in the worker
 * and in tests alike.
 */

import type { MoneyScale, MoneyValues } from './money-column';

/** Whole days since 1970-01-01 (UTC calendar day of the source value; times are floored to the day). */
export type DayNumber = number;

/** A column of day numbers: 16 bits when every one fits in them, else 32 (src/core/day-column.ts). */
export type DayColumn = Int32Array | Uint16Array;

/**
 * The roles a source column can play. `amount` or (`quantity` and `unitPrice`) give the row's value; without either
 * the file is a purchase log (customer, date), which the purchase-count models need no more than. `status` says
 * whether the row's order counts as a purchase; `refunded` is money given back on the order.
 */
export type FieldRole =
  | 'customer'
  | 'date'
  | 'amount'
  | 'quantity'
  | 'unitPrice'
  | 'orderId'
  | 'product'
  | 'channel'
  | 'cost'
  | 'margin'
  | 'status'
  | 'refunded'
  | 'discountCode'
  | 'customerName'
  | 'email'
  | 'phone';

/** Column index per role (0-based), or null when the file has no such column. */
export type ColumnMapping = Record<FieldRole, number | null>;

export type Delimiter = ',' | ';' | '\t' | '|' | 'whitespace';

/** How a date column is written. `YMD` also covers ISO and YYYYMMDD. */
export type DateOrder = 'YMD' | 'DMY' | 'MDY';

/** How a number column is written: decimal mark and digit-group separator. */
export interface NumberFormat {
  decimal: '.' | ',';
  /** '' when the column never groups digits. */
  group: ',' | '.' | ' ' | "'" | '';
}

/** See TransactionTable.orderCodes. */
export interface OrderCodes {
  count: number;
  blank: number;
}

/**
 * Transactions kept as columns (typed arrays), one entry per counted row, in file order: accepted rows whose status
 * (when the file has one) counts as a purchase. Rows left out for their status are only in the report's accounting.
 * Dictionary-encoded strings keep memory flat: `customer[i]` indexes `customerIds`.
 *
 * With an order id, an order's value is spread over its lines so that they sum to it once: line amounts as they
 * are, or an order total (written on one line, or repeated on every line) on one line and 0 on the others.
 */
export interface TransactionTable {
  length: number;
  customerIds: string[];
  customer: Uint32Array;
  day: DayColumn;
  /**
   * Row value in the dataset's currency; negative = refund; 0 on every row of a file without amounts. Read it as
   * amount[i] / moneyUnit(table): whole numbers of 1/moneyScale when moneyScale is set.
   */
  amount: MoneyValues;
  /**
   * Money refunded on the row's order, as a positive number, from a refunded-amount column (on the line holding the
   * order's amount); absent or null without such a column. The row's net is amount − refunded (same unit as amount).
   */
  refunded?: MoneyValues | null;
  /**
   * Set when amount and refunded are Int32Arrays of whole units (1) or cents (100): every value of the file was exactly
   * one, as a shop's amounts nearly always are (half the bytes of 64-bit floats: 40 MB for 10M rows). Absent: both are
   * Float64Arrays of money.
   */
  moneyScale?: MoneyScale;
  /** True when the file has no amount (a purchase log): counts are real, money is unknown, not zero. */
  withoutAmounts?: boolean;
  /**
   * 1-based physical line in the source where the row starts, as the import read it (the NPS reader orders answers by
   * it). Not kept with a stored orders dataset: no figure reads it, and it was 4 bytes a row in memory and on disk.
   */
  line?: Uint32Array | null;
  /** Cost of the row in currency units (NaN where unknown); null when no cost/margin column was mapped. */
  cost: Float64Array | null;
  /**
   * Order code per row (rows of one order id share it); null without an order id column, and also when every row is
   * an order of its own (orderCodes.count = length), whose codes would read 0, 1, 2, … (4 bytes a row for nothing).
   * Whether there is an order id column is orderCodes ≠ null (hasOrderIds).
   */
  order: Uint32Array | null;
  /**
   * What the order codes run over: `count` distinct ids (codes 0..count − 1, each used by some row: the import drops
   * the codes only rejected rows had) and the code of the blank id (−1 when no row has one); null without an order id
   * column. As many codes as rows means every row is an order of its own. The ids themselves are not kept: they only tell rows apart, and a
   * file of ten million orders would hold ten million strings for it.
   */
  orderCodes: OrderCodes | null;
  product: Uint32Array | null;
  productNames: string[] | null;
  channel: Uint32Array | null;
  channelNames: string[] | null;
  /** The order's discount or voucher code, per row (dictionary-coded like products); absent without such a column. */
  discount?: Uint32Array | null;
  discountCodes?: string[] | null;
  /**
   * Contact columns a campaign needs (the customer's name, email, phone), kept per row when the file has them and
   * they are not the customer id itself: a customer's contact is the last non-empty value in file order.
   */
  contactName?: Uint32Array | null;
  contactNames?: string[] | null;
  email?: Uint32Array | null;
  emails?: string[] | null;
  phone?: Uint32Array | null;
  phones?: string[] | null;
}

/** A table as the import gives it: every row's source line is there (see TransactionTable.line). */
export type ImportedTable = TransactionTable & { line: Uint32Array };

/** One reason rows were rejected, in plain words, with up to 20 example lines. */
export interface RejectedGroup {
  /** Stable machine code, e.g. `missing-customer`; the UI translates it. */
  code: string;
  /** Plain-English reason, as written into the snapshot. */
  reason: string;
  /** The values in the reason (a column's name, say), for the UI's translation of `code`. */
  vars?: NoticeVars;
  count: number;
  examples: { line: number; text: string }[];
}

/** What the importer decided and counted. rowsRead = rowsAccepted + rowsRejected, always. */
export interface ImportReport {
  fileName: string;
  bytes: number;
  encoding: string;
  delimiter: Delimiter;
  hasHeader: boolean;
  header: string[];
  mapping: ColumnMapping;
  dateOrder: DateOrder;
  amountFormat: NumberFormat;
  /** ISO 4217 code seen in the file (currency signs or a currency column), else null. */
  currency: string | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Lines with no data at all (not counted as rows). */
  blankLines: number;
  rejected: RejectedGroup[];
  /** Non-fatal notes for the user (e.g. "dates were ambiguous; used DD/MM as you chose"). */
  warnings: Notice[];
  /**
   * Accepted rows left out of every figure because their status does not count as a purchase, by status (as first
   * written in the file), most rows first. Empty without a status column; absent in reports made before statuses.
   */
  excluded?: ExcludedStatus[];
  /** Every status value of the deciding column with its rows and orders and whether it counted; null without one. */
  statuses?: StatusCount[] | null;
  /** Customers all of whose accepted rows were excluded for their status (they are in no figure). */
  excludedOnlyCustomers?: number;
  /** How the money column was read against the order id (see OrderAmountReading); null without an order id. */
  orderAmounts?: OrderAmountReading | null;
}

/**
 * How a money column relates to the order id, decided per file from the orders with several lines (orders.ts):
 * `line` amounts are summed over an order's lines; an order `total-on-one-line` (Shopify: on the first line, the
 * other lines empty) or `total-repeated` on every line (Shopee, TikTok Shop) is counted once; with one line per
 * order (`one-line`) the two are the same. `none`: the file has no amounts.
 */
export type OrderAmountReading = 'one-line' | 'line' | 'total-on-one-line' | 'total-repeated' | 'none';

/** Accepted rows not counted because of their status (snapshot contract: `dataset.excluded`). */
export interface ExcludedStatus {
  status: string;
  /** Rows. */
  count: number;
  /** Distinct orders among them, when the file has an order id. */
  orders?: number;
}

/** One value of the status column: its rows, its orders (with an order id), and whether it counted as a purchase. */
export interface StatusCount {
  status: string;
  rows: number;
  orders: number | null;
  counts: boolean;
}

/** Values filled into a notice; `variant` picks between wordings of one code. */
export type NoticeVars = Record<string, string | number>;

/** A note from the engine: a stable code the UI translates with `vars`, and its English text (CLI, logs). */
export interface Notice {
  code: string;
  text: string;
  vars: NoticeVars;
}

/**
 * Figures of the snapshot contract's `dataset` part that come from the data (the counted rows). Fields marked
 * optional were added in 2026-12: datasets stored before lack them.
 */
export interface DatasetFigures {
  /** Distinct customer ids among the counted rows (buyers and customers with refunds only). */
  customers: number;
  /** Counted purchases: orders with an order id (each once, however many lines), else rows with amount >= 0. */
  purchases: number;
  /** Distinct (customer, order id) among rows with amount >= 0, when the file has an order id. */
  orders?: number;
  /** Rows with amount >= 0 (an order's lines each count). */
  lineItems?: number;
  /** Rows with amount < 0, plus rows with a refunded amount. */
  refunds: number;
  /** Σ of the purchase rows' amounts. */
  grossRevenue?: number;
  /** Money refunded: Σ |negative amounts| + Σ refunded amounts. */
  refundTotal?: number;
  /** grossRevenue − refundTotal: Σ of every amount, refunds subtracted. 0 for a file without amounts. */
  netRevenue: number;
  /** True when the file has no amounts: the money figures are unknown, not zero. */
  withoutAmounts?: boolean;
  firstDate: string | null;
  lastDate: string | null;
}

export type CohortPeriod = 'month' | 'week' | 'quarter';

export interface CohortRow {
  /** "YYYY-MM" for months, "YYYY-Www" (ISO week) for weeks, "YYYY-Qn" for quarters. */
  cohort: string;
  customers: number;
  /** active[k]: cohort customers with a purchase (amount >= 0) in period k after acquisition; active[0] = customers. */
  active: number[];
  /** revenue[k]: net accepted amounts of the cohort's customers in period k. */
  revenue: number[];
}

export interface Cohorts {
  period: CohortPeriod;
  rows: CohortRow[];
  /**
   * The last period, every row's last entry: the days of it the data reaches (through its last date) and the days it
   * has. With fewer days it is still in progress, and its counts are not comparable with whole periods'. Absent when
   * there are no rows.
   */
  lastPeriod?: { days: number; length: number };
  /**
   * Present when building every cohort would take more than `cellLimit` cells (dates spread over centuries): `rows`
   * then holds only the most recent cohorts that fit, and these older ones (with their customers) are left out.
   */
  omitted?: { cohorts: number; customers: number; cellLimit: number };
}

/**
 * A summary column of whole numbers below 2^24 (counts, and spans in days), which 32-bit floats hold exactly: the
 * app's own summaries use them (half the bytes), a summary file's columns or spans in weeks stay 64-bit.
 */
export type CountColumn = Float64Array | Float32Array;

/**
 * Per-customer model input under the contract's conventions (lifetimes-compatible): purchase rows only
 * (amount >= 0), one purchase per customer-day with amounts summed.
 */
export interface CustomerSummary {
  /** Index into TransactionTable.customerIds. Customers with no purchase before observationEnd are absent. */
  customer: Uint32Array;
  /** Repeat purchase days (distinct purchase days − 1). */
  frequency: CountColumn;
  /** Last − first purchase day, in the time unit. */
  recency: CountColumn;
  /** observationEnd − first purchase day, in the time unit. */
  T: CountColumn;
  /** Mean of the repeat purchase-day totals (0 when frequency = 0). */
  monetary: Float64Array;
}

export type TimeUnit = 'day' | 'week';

/**
 * A per-customer summary dataset (docs/warehouse.md): the customers of a summary file in file order, or the app's own
 * summary of an orders table. `summary.customer[i]` indexes `customerIds`. Times in days.
 */
export interface SummaryDataset {
  customerIds: string[];
  summary: CustomerSummary;
  /** Purchases (orders) of each summary row; null without a purchases column. */
  purchases: Float64Array | null;
  /** Σ purchase amounts (net of refunds written on them) of each summary row; null without a revenue column. */
  revenue: Float64Array | null;
  /** First purchase day of each summary row; null when the file has no dates. */
  firstDay: Int32Array | null;
  /** The latest observation end (the day the file's T counts to); null when the file has no dates. */
  observationEnd: DayNumber | null;
  /** Whether the file has a mean-repeat-spend column (Gamma-Gamma needs it). */
  hasMonetary: boolean;
  /** The monthly cohorts of the warehouse's cohort table, once one was added (docs/warehouse.md); absent or null before. */
  cohortTable?: SummaryCohortTable | null;
}

/** A cohort table added to a summary dataset: its cohorts, their customers in all, and how its rows were read. */
export interface SummaryCohortTable {
  cohorts: Cohorts;
  customers: number;
  report: CohortTableReport;
}

/** How a cohort table's rows were read: rows read = accepted + rejected, each rejection with its line and reason. */
export interface CohortTableReport {
  fileName: string;
  bytes: number;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  blankLines: number;
  rejected: RejectedGroup[];
}
