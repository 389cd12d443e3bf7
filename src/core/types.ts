/**
 * Shared data shapes of the pure core. No DOM, Dexie or Svelte here: this runs in Node, in the worker
 * and in tests alike.
 */

/** Whole days since 1970-01-01 (UTC calendar day of the source value; times are floored to the day). */
export type DayNumber = number;

/** The roles a source column can play. `amount` or (`quantity` and `unitPrice`) give the row's value. */
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
  | 'margin';

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

/**
 * Transactions kept as columns (typed arrays), one entry per accepted row, in file order.
 * Dictionary-encoded strings keep memory flat: `customer[i]` indexes `customerIds`.
 */
export interface TransactionTable {
  length: number;
  customerIds: string[];
  customer: Uint32Array;
  day: Int32Array;
  /** Row value in the dataset's currency; negative = refund. */
  amount: Float64Array;
  /** 1-based physical line in the source where the row starts. */
  line: Uint32Array;
  /** Cost of the row in currency units (NaN where unknown); null when no cost/margin column was mapped. */
  cost: Float64Array | null;
  order: Uint32Array | null;
  orderIds: string[] | null;
  product: Uint32Array | null;
  productNames: string[] | null;
  channel: Uint32Array | null;
  channelNames: string[] | null;
}

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
}

/** Values filled into a notice; `variant` picks between wordings of one code. */
export type NoticeVars = Record<string, string | number>;

/** A note from the engine: a stable code the UI translates with `vars`, and its English text (CLI, logs). */
export interface Notice {
  code: string;
  text: string;
  vars: NoticeVars;
}

/** Figures of the snapshot contract's `dataset` part that come from the data. */
export interface DatasetFigures {
  customers: number;
  purchases: number;
  refunds: number;
  netRevenue: number;
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
}

/**
 * Per-customer model input under the contract's conventions (lifetimes-compatible): purchase rows only
 * (amount >= 0), one purchase per customer-day with amounts summed.
 */
export interface CustomerSummary {
  /** Index into TransactionTable.customerIds. Customers with no purchase before observationEnd are absent. */
  customer: Uint32Array;
  /** Repeat purchase days (distinct purchase days − 1). */
  frequency: Float64Array;
  /** Last − first purchase day, in the time unit. */
  recency: Float64Array;
  /** observationEnd − first purchase day, in the time unit. */
  T: Float64Array;
  /** Mean of the repeat purchase-day totals (0 when frequency = 0). */
  monetary: Float64Array;
}

export type TimeUnit = 'day' | 'week';
