/**
 * The snapshot file, version 1 (contract: shared/contracts/snapshot-v1.md): the type of every part exactly as the
 * app and `npm run analyze` write it, the closed sets of names it uses, and the limits a file must stay within to
 * be opened. Field names here are a public contract: add fields, never rename them.
 *
 * The schema depends on nothing else in the app: the engine's own types must fit it (the builders are typed
 * against it), so a change in the engine that would change the file shows up as a type error here.
 */
import type { ScenarioPart } from '../scenario/snapshot-part';

export const SNAPSHOT_FORMAT = 'clv-snapshot';
/** The version this app writes, and the newest it opens. */
export const SNAPSHOT_VERSION = 1;

/** A calendar date written `YYYY-MM-DD`. */
export type IsoDate = string;
/** An ISO 8601 timestamp with its offset, e.g. `2026-11-22T10:00:00.000Z`. */
export type IsoTimestamp = string;

// ---------------------------------------------------------------------------------------------------------------
// Closed sets of names. Lists (not only types) because `restore` checks values against them.

export const TIME_UNITS = ['day', 'week'] as const;
export type SnapshotTimeUnit = (typeof TIME_UNITS)[number];

export const COHORT_PERIODS = ['month', 'week', 'quarter'] as const;
export type SnapshotCohortPeriod = (typeof COHORT_PERIODS)[number];

/** How `historical.orders` were counted: by distinct order id, or by customer purchase-day without an order column. */
export const ORDER_COUNT_BASES = ['order-id', 'purchase-day'] as const;
export type OrderCountBasis = (typeof ORDER_COUNT_BASES)[number];

/** Where `historical.margin` came from. */
/** Where a dataset's rows came from (`dataset.source`): absent means orders. */
export const DATASET_SOURCES = ['summary'] as const;
export type DatasetSource = (typeof DATASET_SOURCES)[number];

export const MARGIN_SOURCES = ['cost', 'margin-percent', 'cost-and-margin-percent', 'none'] as const;
export type MarginSource = (typeof MARGIN_SOURCES)[number];

/** The owner formulas of the historical dashboard, in the order they are written. */
export const FORMULA_IDS = ['subscription', 'historical', 'aov-frequency-lifespan', 'churn'] as const;
export type SnapshotFormulaId = (typeof FORMULA_IDS)[number];

export const FORMULA_INPUT_KEYS = [
  'monthlyPrice',
  'monthsRetained',
  'revenuePerCustomer',
  'grossMargin',
  'averageOrderValue',
  'purchaseFrequency',
  'lifespan',
  'arpu',
  'monthlyChurn',
] as const;
export type SnapshotFormulaInputKey = (typeof FORMULA_INPUT_KEYS)[number];

/** What a formula input is measured in; `share` is a fraction 0–1. */
export const FORMULA_UNITS = ['currency', 'currency/month', 'months', 'orders/year', 'years', 'share', 'share/month'] as const;
export type SnapshotFormulaUnit = (typeof FORMULA_UNITS)[number];

/** Purchase models a forecast can use. */
export const PURCHASE_MODELS = ['bgnbd', 'mbgnbd', 'paretoNbd'] as const;
export type SnapshotPurchaseModel = (typeof PURCHASE_MODELS)[number];

/** Every model of the `models` part and its parameters, in the order they are written (then `logLikelihood`). */
export const MODEL_PARAMETERS = {
  bgnbd: ['r', 'alpha', 'a', 'b'],
  mbgnbd: ['r', 'alpha', 'a', 'b'],
  paretoNbd: ['r', 'alpha', 's', 'beta'],
  gammaGamma: ['p', 'q', 'v'],
} as const;
export type SnapshotModelName = keyof typeof MODEL_PARAMETERS;
/** The models in the order they are written. */
export const MODEL_NAMES = ['bgnbd', 'mbgnbd', 'paretoNbd', 'gammaGamma'] as const satisfies readonly SnapshotModelName[];

/**
 * Why a forecast's figures could be far off (the engine's reliability codes): too few repeat buyers, a fit that did
 * not converge or cannot be pinned down, how often customers buy or how soon they stop not told by the data, spend
 * per purchase not modelled reliably.
 */
export const FORECAST_CAUTIONS = ['few-repeaters', 'not-converged', 'not-identified', 'rate-unknown', 'dropout-unknown', 'spend-runaway', 'spend-unknown'] as const;
export type SnapshotForecastCaution = (typeof FORECAST_CAUTIONS)[number];

// ---------------------------------------------------------------------------------------------------------------
// The parts.

/** One reason rows were rejected, in plain English, with up to MAX_EXAMPLES example lines. */
export interface SnapshotRejectedGroup {
  reason: string;
  count: number;
  /** In file order; `line` is the 1-based physical line where the row starts, `text` its start as written. */
  examples: { line: number; text: string }[];
}

/** Accepted rows left out of the counts because of their status (contract: added in 2026-12; not written yet). */
export interface SnapshotExcludedStatus {
  status: string;
  count: number;
}

export interface SnapshotDataset {
  /** File name the data came from. */
  name: string;
  /** ISO 4217 code, or null when unknown. */
  currency: string | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rejected: SnapshotRejectedGroup[];
  customers: number;
  purchases: number;
  /** Contract: added in 2026-12, written when the file has an order id: each order once, however many lines. */
  orders?: number;
  /** Added in 2026-12 (a field the contract leaves free to add): counted rows with amount >= 0, an order's lines each. */
  lineItems?: number;
  refunds: number;
  /** Contract: added in 2026-12, written when the file has a status column (empty when no row was left out). */
  excluded?: SnapshotExcludedStatus[];
  netRevenue: number;
  /**
   * Added in 2026-12 (a field the contract leaves free to add): true when the file has no amounts (a purchase log of
   * customers and dates). Its counts are real; netRevenue is then 0 for want of money, not a sum.
   */
  withoutAmounts?: boolean;
  /**
   * (Added 2026-12, issue 16; docs/warehouse.md.) 'summary' when the dataset is a per-customer summary file rather than
   * orders: its counts and money are the file's per-customer totals, refunds are not known (0 here), cohorts are empty,
   * and firstDate/lastDate are the earliest first purchase and the observation end. Absent for an orders file.
   */
  source?: DatasetSource;
  /** Earliest and latest accepted date; null when no row was accepted. */
  firstDate: IsoDate | null;
  lastDate: IsoDate | null;
  /**
   * (Added 2026-12.) True in a snapshot made for sharing (aggregate-only.ts): no customer id and no per-customer row
   * anywhere (no `customers` part, rejected rows' `examples` empty), and every group of customers smaller than `k`
   * suppressed (SnapshotSuppressed). Absent in a full snapshot (a backup).
   */
  aggregateOnly?: boolean;
  /** With `aggregateOnly`: the smallest number of customers a figure shown for a group may describe. */
  k?: number;
}

/**
 * What an aggregate-only snapshot writes in place of a group of fewer than `dataset.k` customers (or of a group
 * suppressed with it so it cannot be worked out from a total): its figures null, and `suppressed: true`.
 */
export interface SnapshotSuppressed {
  suppressed: true;
}

export interface SnapshotSettings {
  /** The date models treat as "now"; lastDate by default, null only when the dataset has no dates. */
  observationEnd: IsoDate | null;
  /** Unit of every model parameter. */
  timeUnit: SnapshotTimeUnit;
}

/** One filled-in input of an owner formula. `value` is null when the data gives no finite value. */
export interface SnapshotFormulaInput {
  key: SnapshotFormulaInputKey;
  name: string;
  value: number | null;
  unit: SnapshotFormulaUnit;
}

export interface SnapshotFormula {
  id: SnapshotFormulaId;
  /** Null when the data cannot support the formula; the caveat then says why. */
  value: number | null;
  inputs: SnapshotFormulaInput[];
  /** What the formula assumes or why it has no value, in English (the formula's notices' text, joined). */
  caveat: string | null;
}

export interface SnapshotTopShare {
  /** Fraction of customers, e.g. 0.01 for the top 1%. */
  top: number;
  /** How many customers that is. */
  customers: number;
  /** Their share of net revenue; null when not finite, or suppressed (aggregate-only, fewer than k customers). */
  share: number | null;
  /** (Aggregate-only.) The share is left out: it would describe fewer than k customers. */
  suppressed?: true;
}

/**
 * Historical figures from the data alone, rounded as written (money to 2 decimals, ratios to 6). A figure the data
 * cannot give (a mean over no customers, say) is null. `customers` counts customers with a purchase, so it can be
 * below `dataset.customers` (customers with only refunds or free rows are not in it).
 */
export interface SnapshotHistorical {
  customers: number;
  purchases: number;
  orders: number;
  ordersCountedBy: OrderCountBasis;
  grossRevenue: number | null;
  refundTotal: number | null;
  netRevenue: number | null;
  averageOrderValue: number | null;
  purchaseFrequency: number | null;
  repeatCustomerRate: number | null;
  lifespanDays: { mean: number | null; median: number | null };
  firstPurchaseDate: IsoDate | null;
  lastPurchaseDate: IsoDate | null;
  clv: { revenueMean: number | null; revenueMedian: number | null; profitMean: number | null; profitMedian: number | null };
  margin: { source: MarginSource; rate: number | null; coverage: number };
  formulas: SnapshotFormula[];
  concentration: { topShares: SnapshotTopShare[]; gini: number | null };
}

export interface SnapshotCohortRow {
  /** "YYYY-MM" for months, "YYYY-Www" (ISO week) for weeks, "YYYY-Qn" for quarters. */
  cohort: string;
  customers: number;
  /** active[k]: cohort customers with a purchase in the k-th period after the cohort's; active[0] = customers. */
  active: number[];
  /**
   * revenue[k]: net accepted amounts of the cohort in period k; as long as `active`. In an aggregate-only snapshot,
   * null (suppressed) where fewer than `dataset.k` customers bought in the period and it has money (see
   * aggregate-only.ts); a full snapshot has no null here.
   */
  revenue: (number | null)[];
}

/** A cohort left out of an aggregate-only snapshot: its label stays, its counts and revenue are null. */
export interface SnapshotSuppressedCohortRow extends SnapshotSuppressed {
  cohort: string;
  customers: null;
  active: null;
  revenue: null;
}

export interface SnapshotCohorts {
  period: SnapshotCohortPeriod;
  /** In cohort order; every row runs to the dataset's last period. Suppressed rows only in aggregate-only snapshots. */
  rows: (SnapshotCohortRow | SnapshotSuppressedCohortRow)[];
}

/**
 * A fitted model: its parameters in MODEL_PARAMETERS order (positive, in the snapshot's time unit), then its
 * log-likelihood, then (added 2026-12; absent in older files) whether the data pin it down well enough to trust.
 */
export type SnapshotModelPart<M extends SnapshotModelName> = { [P in (typeof MODEL_PARAMETERS)[M][number]]: number } & { logLikelihood: number; reliable?: boolean };

/** The models that were fitted (converged), under their contract names. */
export type SnapshotModels = { [M in SnapshotModelName]?: SnapshotModelPart<M> };

export interface SnapshotForecast {
  model: SnapshotPurchaseModel;
  horizonDays: number;
  /** Sum over customers of expected purchases in the horizon; null when it is not a finite number. */
  expectedPurchases: number | null;
  /** Mean over customers of P(alive) at observationEnd. */
  meanProbabilityAlive: number | null;
  clv: {
    horizonMonths: number;
    monthlyDiscountRate: number | null;
    /** Null when spend per purchase could not be modelled. */
    total: number | null;
  };
  /**
   * (Added 2026-12; absent in older files.) Whether the forecast's figures can be trusted: the purchase model's fit
   * and Gamma-Gamma's (when it gives the CLV) are both reliable. `cautions` says why not; empty when reliable.
   */
  reliable?: boolean;
  cautions?: SnapshotForecastCaution[];
}

/**
 * One customer of the optional per-customer list. Not written by the app yet: the contract names the list but not
 * its fields; this is the shape `restore` accepts (see the report that proposed it).
 */
export interface SnapshotCustomer {
  id: string;
  firstDate: IsoDate;
  lastDate: IsoDate;
  purchases: number;
  netRevenue: number;
  probabilityAlive?: number | null;
  expectedPurchases?: number | null;
  clv?: number | null;
}

/** The RFM segment names the app knows (src/core/segments), in rule-table order. */
export const SEGMENT_NAMES = ['champions', 'loyal', 'potentialLoyalists', 'new', 'promising', 'needAttention', 'aboutToSleep', 'atRisk', 'cantLose', 'hibernating', 'lost'] as const;
export type SnapshotSegmentName = (typeof SEGMENT_NAMES)[number];

/** One rule of the segment table: inclusive score ranges 1–5. */
export interface SnapshotSegmentRule {
  segment: SnapshotSegmentName;
  r: [number, number];
  f: [number, number];
  m: [number, number];
}

/** One segment's customers and net revenue. */
export interface SnapshotSegmentCount {
  customers: number;
  revenue: number;
}

/** A segment of 1 to k − 1 customers in an aggregate-only snapshot (or suppressed with one). Empty segments stay 0. */
export interface SnapshotSuppressedSegmentCount extends SnapshotSuppressed {
  customers: null;
  revenue: null;
}

/** RFM segments at a day: the rules in order, and each segment's customers and net revenue, in the rules' order. */
export interface SnapshotSegments {
  asOf: IsoDate;
  rules: SnapshotSegmentRule[];
  counts: Partial<Record<SnapshotSegmentName, SnapshotSegmentCount | SnapshotSuppressedSegmentCount>>;
}

export const NPS_GROUP_NAMES = ['promoter', 'passive', 'detractor'] as const;
export type SnapshotNpsGroup = (typeof NPS_GROUP_NAMES)[number];

/** NPS of the attached survey: counts of each customer's latest answer, the score in points and its 95% margin. */
export interface SnapshotNps {
  answers: number;
  matched: number;
  unmatched: number;
  promoters: number;
  passives: number;
  detractors: number;
  score: number | null;
  marginOfError: number | null;
  byGroup: Record<SnapshotNpsGroup, SnapshotNpsGroupValue | SnapshotSuppressedNpsGroupValue>;
}

/** The customers who answered in one group, their net revenue and average historical CLV. */
export interface SnapshotNpsGroupValue {
  customers: number;
  revenue: number;
  averageHistoricalClv: number | null;
}

/** A group of 1 to k − 1 matched customers in an aggregate-only snapshot. */
export interface SnapshotSuppressedNpsGroupValue extends SnapshotSuppressed {
  customers: null;
  revenue: null;
  averageHistoricalClv: null;
}

/**
 * One month of a billing export's MRR bridge (added with issue 14). MRR is measured on the month's last day (the
 * last month: on `asOf`); contraction and churned are amounts lost, written positive, so that
 * mrr = the month before's mrr + new + expansion + reactivation − contraction − churned.
 */
export interface SnapshotSubscriptionMonth {
  /** YYYY-MM. */
  month: string;
  mrr: number;
  /** Customers (accounts) with MRR. */
  subscribers: number;
  new: number;
  expansion: number;
  contraction: number;
  churned: number;
  reactivation: number;
}

/**
 * Subscriptions from a billing export (only paid invoices are revenue; each payment spread over the months it pays
 * for). NRR = MRR in the last month of the customers who had MRR in the base month ÷ their MRR then; GRR the same
 * with each customer capped at their MRR then. The base month is `retentionMonths` (12, fewer in a shorter file)
 * before the last. All aggregates: no customer appears in it.
 */
export interface SnapshotSubscriptions {
  /** The file's last date, on which the last month is measured. */
  asOf: IsoDate;
  months: SnapshotSubscriptionMonth[];
  nrr: number | null;
  grr: number | null;
  retentionMonths: number;
  /** MRR ÷ subscribers in the last month. */
  arpa: number | null;
  /** Share of the last month's MRR from plans billed yearly (or less often). */
  annualShare: number | null;
  /** Invoices that failed at least once, and those of them paid in the end. */
  failedPayments: number;
  recovered: number;
}

/** The whole document, its parts in the order they are written. */
export interface SnapshotV1 {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  createdAt: IsoTimestamp;
  /** "<package name>@<version>" of the app that wrote it. */
  app: string;
  dataset: SnapshotDataset;
  settings: SnapshotSettings;
  historical?: SnapshotHistorical;
  cohorts: SnapshotCohorts;
  models?: SnapshotModels;
  forecast?: SnapshotForecast;
  segments?: SnapshotSegments;
  nps?: SnapshotNps;
  subscriptions?: SnapshotSubscriptions;
  /** A what-if (npm run analyze --scenario): levers, the base's assumptions, base, scenario, difference and reasons. */
  scenario?: ScenarioPart;
  /** The owner's saved what-if scenarios, each as `scenario` with its name. */
  scenarios?: ScenarioPart[];
  customers?: SnapshotCustomer[];
}

export type { ScenarioPart as SnapshotScenario } from '../scenario/snapshot-part';

// ---------------------------------------------------------------------------------------------------------------
// Limits. A file beyond them is refused: they are far above anything the app writes, and keep a hostile or broken
// file from costing unbounded time or memory.

/** Largest snapshot file opened, in bytes of UTF-8 text. */
export const MAX_SNAPSHOT_BYTES = 20 * 1024 * 1024;

/** Longest file name (`dataset.name`). */
export const MAX_NAME_LENGTH = 1000;
/** Longest `app`. */
export const MAX_APP_LENGTH = 200;
/** Longest plain-words text: rejection reasons, formula input names and caveats, statuses. */
export const MAX_LABEL_LENGTH = 2000;
/** Longest example text (the importer keeps the first 200 characters of a line). */
export const MAX_EXAMPLE_TEXT_LENGTH = 1000;
/** Longest customer id. */
export const MAX_CUSTOMER_ID_LENGTH = 500;

/** Largest count of rows, customers, purchases or orders. */
export const MAX_ROWS = 10_000_000_000;
/** Most rejection reasons, and examples per reason (contract). */
export const MAX_REJECTED_GROUPS = 100;
export const MAX_EXAMPLES = 20;
/** Most statuses in `dataset.excluded`. */
export const MAX_EXCLUDED_STATUSES = 1000;
/** Most cohorts, and periods in one cohort row (a century of months; 23 years of weeks). */
export const MAX_COHORTS = 1200;
export const MAX_COHORT_WIDTH = 1200;
/** Most months in `subscriptions.months` (a century). */
export const MAX_SUBSCRIPTION_MONTHS = 1200;
/** Most formulas, inputs per formula, and top shares. */
export const MAX_FORMULAS = 20;
export const MAX_FORMULA_INPUTS = 20;
export const MAX_TOP_SHARES = 20;
/** The k of aggregate-only snapshots: groups of fewer customers are suppressed; sharing uses DEFAULT_K. */
export const DEFAULT_K = 5;
export const MIN_K = 1;
export const MAX_K = 1000;
/** Most entries in the per-customer list. */
export const MAX_CUSTOMER_ROWS = 1_000_000;

/** Largest magnitude of a money amount or other measured figure. */
export const MAX_AMOUNT = 1e18;
/** Largest model parameter (parameters must be positive). */
export const MAX_MODEL_PARAMETER = 1e30;
/** Longest forecast horizon. */
export const MAX_HORIZON_DAYS = 36_525;
export const MAX_HORIZON_MONTHS = 1200;

/** Years a date may fall in (the importer accepts the same range). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;
/** Longest span in days between two dates of the range. */
export const MAX_SPAN_DAYS = (MAX_YEAR - MIN_YEAR + 1) * 366;
/** observationEnd may lie after the last date (a forecast made later), but by no more than this many days. */
export const MAX_OBSERVATION_END_AFTER_DATA_DAYS = 3653;
