/**
 * Readers of each part of a version-1 snapshot: the type and range of every field, into fresh objects in the order
 * the app writes them. How the parts agree with each other is checked afterwards (rules.ts).
 */
import { notice } from '../notice';
import { COHORT_LABEL_FORMS, periodOfLabel } from './calendar';
import {
  count,
  currency,
  date,
  flag,
  integer,
  listOf,
  number,
  oneOf,
  orNull,
  positive,
  problem,
  quoted,
  record,
  text,
  unexpected,
  type Fields,
  type Notes,
  type Reader,
} from './reader';
import {
  COHORT_PERIODS,
  FORECAST_CAUTIONS,
  FORMULA_IDS,
  FORMULA_INPUT_KEYS,
  FORMULA_UNITS,
  MARGIN_SOURCES,
  DATASET_SOURCES,
  MAX_AMOUNT,
  MAX_APP_LENGTH,
  MAX_COHORT_WIDTH,
  MAX_COHORTS,
  MAX_CUSTOMER_ID_LENGTH,
  MAX_CUSTOMER_ROWS,
  MAX_EXAMPLE_TEXT_LENGTH,
  MAX_EXAMPLES,
  MAX_EXCLUDED_STATUSES,
  MAX_FORMULA_INPUTS,
  MAX_FORMULAS,
  MAX_HORIZON_DAYS,
  MAX_HORIZON_MONTHS,
  MAX_K,
  MIN_K,
  MAX_LABEL_LENGTH,
  MAX_MODEL_PARAMETER,
  MAX_NAME_LENGTH,
  MAX_REJECTED_GROUPS,
  MAX_ROWS,
  MAX_SPAN_DAYS,
  MAX_TOP_SHARES,
  MODEL_NAMES,
  MODEL_PARAMETERS,
  ORDER_COUNT_BASES,
  PURCHASE_MODELS,
  TIME_UNITS,
  NPS_GROUP_NAMES,
  SEGMENT_NAMES,
  MAX_SUBSCRIPTION_MONTHS,
  type SnapshotSubscriptionMonth,
  type SnapshotSubscriptions,
  type SnapshotNps,
  type SnapshotSegmentRule,
  type SnapshotSegments,
  type SnapshotCohortPeriod,
  type SnapshotCohortRow,
  type SnapshotSuppressedCohortRow,
  type SnapshotCohorts,
  type SnapshotCustomer,
  type SnapshotDataset,
  type SnapshotExcludedStatus,
  type SnapshotForecast,
  type SnapshotFormula,
  type SnapshotFormulaInput,
  type SnapshotHistorical,
  type SnapshotModelName,
  type SnapshotModelPart,
  type SnapshotModels,
  type SnapshotRejectedGroup,
  type SnapshotSettings,
  type SnapshotTopShare,
} from './schema';

/** Any money amount or measured figure, of either sign. */
const amount = number(-MAX_AMOUNT, MAX_AMOUNT);
const share = number(0, 1);
/** An example's line: 1-based, so at least 1. */
const line = integer(1, MAX_ROWS);

export const appName: Reader<string> = text(MAX_APP_LENGTH, 1);

/** `suppressed` is written only as true. */
const suppressedMark: Reader<true> = (value, path) => {
  if (value !== true) unexpected(path, 'suppressed', 'true (the field is written only for a suppressed group)', value);
  return true;
};

/** Whether a group is marked suppressed; its other fields are then read as null with `nulls`. */
function isSuppressed(f: Fields): boolean {
  return f.optional('suppressed', suppressedMark) === true;
}

/** A suppressed group's fields: each must be null (the figures were left out). */
function nulls<K extends string>(f: Fields, keys: readonly K[]): Record<K, null> {
  const out = {} as Record<K, null>;
  for (const key of keys) out[key] = f.required(key, (v, p) => (v === null ? null : unexpected(p, 'null', 'null, as the group is suppressed', v)));
  return out;
}

function rejectedGroup(notes: Notes): Reader<SnapshotRejectedGroup> {
  const example = (value: unknown, path: string) => {
    const f = record(notes)(value, path);
    const out = { line: f.required('line', line), text: f.required('text', text(MAX_EXAMPLE_TEXT_LENGTH)) };
    f.done();
    return out;
  };
  return (value, path) => {
    const f = record(notes)(value, path);
    const out = {
      reason: f.required('reason', text(MAX_LABEL_LENGTH)),
      count: f.required('count', count()),
      examples: f.required('examples', listOf(MAX_EXAMPLES, example)),
    };
    f.done();
    return out;
  };
}

function excludedStatus(notes: Notes): Reader<SnapshotExcludedStatus> {
  return (value, path) => {
    const f = record(notes)(value, path);
    const out = { status: f.required('status', text(MAX_LABEL_LENGTH)), count: f.required('count', count()) };
    f.done();
    return out;
  };
}

export function readDataset(notes: Notes): Reader<SnapshotDataset> {
  return (value, path) => {
    const f = record(notes)(value, path);
    const name = f.required('name', text(MAX_NAME_LENGTH));
    const currencyCode = f.required('currency', currency);
    const rowsRead = f.required('rowsRead', count());
    const rowsAccepted = f.required('rowsAccepted', count());
    const rowsRejected = f.required('rowsRejected', count());
    const rejected = f.required('rejected', listOf(MAX_REJECTED_GROUPS, rejectedGroup(notes)));
    const customers = f.required('customers', count());
    const purchases = f.required('purchases', count());
    const orders = f.optional('orders', count());
    const lineItems = f.optional('lineItems', count());
    const refunds = f.required('refunds', count());
    const excluded = f.optional('excluded', listOf(MAX_EXCLUDED_STATUSES, excludedStatus(notes)));
    const netRevenue = f.required('netRevenue', amount);
    const withoutAmounts = f.optional('withoutAmounts', flag);
    const source = f.optional('source', oneOf(DATASET_SOURCES));
    const firstDate = f.required('firstDate', orNull(date));
    const lastDate = f.required('lastDate', orNull(date));
    const aggregateOnly = f.optional('aggregateOnly', flag);
    const k = f.optional('k', integer(MIN_K, MAX_K));
    f.done();
    return {
      name,
      currency: currencyCode,
      rowsRead,
      rowsAccepted,
      rowsRejected,
      rejected,
      customers,
      purchases,
      ...(orders === undefined ? {} : { orders }),
      ...(lineItems === undefined ? {} : { lineItems }),
      refunds,
      ...(excluded === undefined ? {} : { excluded }),
      netRevenue,
      ...(withoutAmounts === undefined ? {} : { withoutAmounts }),
      ...(source === undefined ? {} : { source }),
      firstDate,
      lastDate,
      ...(aggregateOnly === undefined ? {} : { aggregateOnly }),
      ...(k === undefined ? {} : { k }),
    };
  };
}

export function readSettings(notes: Notes): Reader<SnapshotSettings> {
  return (value, path) => {
    const f = record(notes)(value, path);
    const out = { observationEnd: f.required('observationEnd', orNull(date)), timeUnit: f.required('timeUnit', oneOf(TIME_UNITS)) };
    f.done();
    return out;
  };
}

/** Reads the named fields of an object, each with the same reader, into a new object with those names. */
function sameFields<K extends string, T>(f: Fields, keys: readonly K[], reader: Reader<T>): Record<K, T> {
  const out = {} as Record<K, T>;
  for (const key of keys) out[key] = f.required(key, reader);
  return out;
}

function nested<K extends string, T>(notes: Notes, keys: readonly K[], reader: Reader<T>): Reader<Record<K, T>> {
  return (value, path) => {
    const f = record(notes)(value, path);
    const out = sameFields(f, keys, reader);
    f.done();
    return out;
  };
}

const known = <T extends string>(choices: readonly T[], value: string): value is T => choices.some((c) => c === value);

/**
 * One formula, or null when it names a formula, input or unit this version does not know (a newer app's addition):
 * that formula is left out with a note rather than refusing the file.
 */
function formula(notes: Notes): Reader<SnapshotFormula | null> {
  const input: Reader<SnapshotFormulaInput | string> = (value, path) => {
    const f = record(notes)(value, path);
    const key = f.required('key', text(100));
    const name = f.required('name', text(MAX_LABEL_LENGTH));
    const inputValue = f.required('value', orNull(amount));
    const unit = f.required('unit', text(100));
    f.done();
    if (!known(FORMULA_INPUT_KEYS, key)) return `input ${quoted(key)}`;
    if (!known(FORMULA_UNITS, unit)) return `unit ${quoted(unit)}`;
    return { key, name, value: inputValue, unit };
  };
  return (value, path) => {
    const f = record(notes)(value, path);
    const id = f.required('id', text(100));
    const formulaValue = f.required('value', orNull(amount));
    const inputs = f.required('inputs', listOf(MAX_FORMULA_INPUTS, input));
    const caveat = f.required('caveat', orNull(text(MAX_LABEL_LENGTH)));
    f.done();
    const drop = (what: string) => {
      notes.add(notice('formula-dropped', `${path} was left out: this version does not know its ${what}.`, { path, what }));
      return null;
    };
    if (!known(FORMULA_IDS, id)) return drop(`formula ${quoted(id)}`);
    const unknownInput = inputs.find((i): i is string => typeof i === 'string');
    if (unknownInput !== undefined) return drop(unknownInput);
    return { id, value: formulaValue, inputs: inputs as SnapshotFormulaInput[], caveat };
  };
}

function topShare(notes: Notes): Reader<SnapshotTopShare> {
  return (value, path) => {
    const f = record(notes)(value, path);
    const out = { top: f.required('top', positive(1)), customers: f.required('customers', count()), share: f.required('share', orNull(amount)) };
    const suppressed = isSuppressed(f);
    f.done();
    if (suppressed && out.share !== null) unexpected(f.at('share'), 'null', 'null, as the share is suppressed', out.share);
    return suppressed ? { ...out, suppressed } : out;
  };
}

export function readHistorical(notes: Notes): Reader<SnapshotHistorical> {
  const money = orNull(number(0, MAX_AMOUNT));
  const days = orNull(number(0, MAX_SPAN_DAYS));
  return (value, path) => {
    const f = record(notes)(value, path);
    const customers = f.required('customers', count());
    const purchases = f.required('purchases', count());
    const orders = f.required('orders', count());
    const ordersCountedBy = f.required('ordersCountedBy', oneOf(ORDER_COUNT_BASES));
    const grossRevenue = f.required('grossRevenue', money);
    const refundTotal = f.required('refundTotal', money);
    const netRevenue = f.required('netRevenue', orNull(amount));
    const averageOrderValue = f.required('averageOrderValue', money);
    const purchaseFrequency = f.required('purchaseFrequency', orNull(number(0, MAX_ROWS)));
    const repeatCustomerRate = f.required('repeatCustomerRate', orNull(share));
    const lifespanDays = f.required('lifespanDays', nested(notes, ['mean', 'median'] as const, days));
    const firstPurchaseDate = f.required('firstPurchaseDate', orNull(date));
    const lastPurchaseDate = f.required('lastPurchaseDate', orNull(date));
    const clv = f.required('clv', nested(notes, ['revenueMean', 'revenueMedian', 'profitMean', 'profitMedian'] as const, orNull(amount)));
    const margin = f.required('margin', (v, p) => {
      const m = record(notes)(v, p);
      const out = { source: m.required('source', oneOf(MARGIN_SOURCES)), rate: m.required('rate', orNull(amount)), coverage: m.required('coverage', share) };
      m.done();
      return out;
    });
    const formulas = f.required('formulas', listOf(MAX_FORMULAS, formula(notes))).filter((x): x is SnapshotFormula => x !== null);
    const concentration = f.required('concentration', (v, p) => {
      const c = record(notes)(v, p);
      const out = { topShares: c.required('topShares', listOf(MAX_TOP_SHARES, topShare(notes))), gini: c.required('gini', orNull(amount)) };
      c.done();
      return out;
    });
    f.done();
    return {
      customers,
      purchases,
      orders,
      ordersCountedBy,
      grossRevenue,
      refundTotal,
      netRevenue,
      averageOrderValue,
      purchaseFrequency,
      repeatCustomerRate,
      lifespanDays,
      firstPurchaseDate,
      lastPurchaseDate,
      clv,
      margin,
      formulas,
      concentration,
    };
  };
}

/** A cohort label must be a real period of the table's kind. */
const cohortLabel =
  (period: SnapshotCohortPeriod): Reader<string> =>
  (value, path) => {
    if (typeof value !== 'string' || value.length > 10 || periodOfLabel(period, value) === null) {
      unexpected(path, `cohort-${period}`, COHORT_LABEL_FORMS[period], value);
    }
    return value;
  };

export function readCohorts(notes: Notes): Reader<SnapshotCohorts> {
  const row =
    (period: SnapshotCohortPeriod): Reader<SnapshotCohortRow | SnapshotSuppressedCohortRow> =>
    (value, path) => {
      const f = record(notes)(value, path);
      const cohort = f.required('cohort', cohortLabel(period));
      if (isSuppressed(f)) {
        const out = { cohort, ...nulls(f, ['customers', 'active', 'revenue'] as const), suppressed: true as const };
        f.done();
        return out;
      }
      const out = {
        cohort,
        customers: f.required('customers', count()),
        active: f.required('active', listOf(MAX_COHORT_WIDTH, count())),
        revenue: f.required('revenue', listOf(MAX_COHORT_WIDTH, orNull(amount))),
      };
      f.done();
      return out;
    };
  return (value, path) => {
    const f = record(notes)(value, path);
    const period = f.required('period', oneOf(COHORT_PERIODS));
    const rows = f.required('rows', listOf(MAX_COHORTS, row(period)));
    f.done();
    return { period, rows };
  };
}

function modelPart<M extends SnapshotModelName>(notes: Notes, model: M): Reader<SnapshotModelPart<M>> {
  return (value, path) => {
    const f = record(notes)(value, path);
    const out = sameFields(f, MODEL_PARAMETERS[model], positive(MAX_MODEL_PARAMETER));
    const logLikelihood = f.required('logLikelihood', amount);
    const reliable = f.optional('reliable', flag);
    f.done();
    return { ...out, logLikelihood, ...(reliable === undefined ? {} : { reliable }) } as SnapshotModelPart<M>;
  };
}

/** The models this version knows, in the order they are written; a model it does not know is left out with a note. */
export function readModels(notes: Notes): Reader<SnapshotModels> {
  return (value, path) => {
    const f = record(notes)(value, path);
    const models: SnapshotModels = {};
    for (const model of MODEL_NAMES) {
      const part = f.optional(model, modelPart(notes, model));
      // One model's entry: TypeScript cannot narrow the mapped type by a generic key.
      if (part !== undefined) (models as Record<SnapshotModelName, unknown>)[model] = part;
    }
    f.done();
    return models;
  };
}

export function readForecast(notes: Notes): Reader<SnapshotForecast> {
  return (value, path) => {
    const f = record(notes)(value, path);
    const model = f.required('model', oneOf(PURCHASE_MODELS));
    const horizonDays = f.required('horizonDays', integer(1, MAX_HORIZON_DAYS));
    const expectedPurchases = f.required('expectedPurchases', orNull(number(0, MAX_AMOUNT)));
    const meanProbabilityAlive = f.required('meanProbabilityAlive', orNull(share));
    const clv = f.required('clv', (v, p) => {
      const c = record(notes)(v, p);
      const out = {
        horizonMonths: c.required('horizonMonths', positive(MAX_HORIZON_MONTHS)),
        monthlyDiscountRate: c.required('monthlyDiscountRate', orNull(share)),
        total: c.required('total', orNull(amount)),
      };
      c.done();
      return out;
    });
    const reliable = f.optional('reliable', flag);
    const cautions = f.optional('cautions', listOf(FORECAST_CAUTIONS.length, oneOf(FORECAST_CAUTIONS)));
    f.done();
    return { model, horizonDays, expectedPurchases, meanProbabilityAlive, clv, ...(reliable === undefined ? {} : { reliable }), ...(cautions === undefined ? {} : { cautions }) };
  };
}

export function readCustomers(notes: Notes): Reader<SnapshotCustomer[]> {
  const customer: Reader<SnapshotCustomer> = (value, path) => {
    const f = record(notes)(value, path);
    const id = f.required('id', text(MAX_CUSTOMER_ID_LENGTH, 1));
    const firstDate = f.required('firstDate', date);
    const lastDate = f.required('lastDate', date);
    const purchases = f.required('purchases', count());
    const netRevenue = f.required('netRevenue', amount);
    const probabilityAlive = f.optional('probabilityAlive', orNull(share));
    const expectedPurchases = f.optional('expectedPurchases', orNull(number(0, MAX_AMOUNT)));
    const clv = f.optional('clv', orNull(amount));
    f.done();
    return {
      id,
      firstDate,
      lastDate,
      purchases,
      netRevenue,
      ...(probabilityAlive === undefined ? {} : { probabilityAlive }),
      ...(expectedPurchases === undefined ? {} : { expectedPurchases }),
      ...(clv === undefined ? {} : { clv }),
    };
  };
  return listOf(MAX_CUSTOMER_ROWS, customer);
}

const score = integer(1, 5);

/** RFM segments: the rule table (each rule's ranges whole scores 1–5, lowest first) and the counts per segment. */
export function readSegments(notes: Notes): Reader<SnapshotSegments> {
  const range: Reader<[number, number]> = (value, path) => {
    const [a, b] = listOf(2, score)(value, path);
    if (a === undefined || b === undefined || a > b) unexpected(path, 'range', 'two scores from 1 to 5, lowest first', value);
    return [a, b];
  };
  const rule: Reader<SnapshotSegmentRule> = (value, path) => {
    const f = record(notes)(value, path);
    const out = { segment: f.required('segment', oneOf(SEGMENT_NAMES)), r: f.required('r', range), f: f.required('f', range), m: f.required('m', range) };
    f.done();
    return out;
  };
  /** Counts in the schema's order of segments, as the app writes them (segments/snapshot-part.ts). */
  const counts: Reader<SnapshotSegments['counts']> = (value, path) => {
    const f = record(notes)(value, path);
    const out: SnapshotSegments['counts'] = {};
    for (const name of SEGMENT_NAMES) {
      const entry = f.optional(name, (v, p) => {
        const c = record(notes)(v, p);
        const got = isSuppressed(c)
          ? { ...nulls(c, ['customers', 'revenue'] as const), suppressed: true as const }
          : { customers: c.required('customers', count()), revenue: c.required('revenue', amount) };
        c.done();
        return got;
      });
      if (entry !== undefined) out[name] = entry;
    }
    f.done();
    return out;
  };
  return (value, path) => {
    const f = record(notes)(value, path);
    const out = { asOf: f.required('asOf', date), rules: f.required('rules', listOf(SEGMENT_NAMES.length, rule)), counts: f.required('counts', counts) };
    f.done();
    return out;
  };
}

/** NPS: the counts, the score in points (−100 to 100) with its margin, and value by group. */
export function readNps(notes: Notes): Reader<SnapshotNps> {
  const group: Reader<SnapshotNps['byGroup']['promoter']> = (value, path) => {
    const f = record(notes)(value, path);
    const out = isSuppressed(f)
      ? { ...nulls(f, ['customers', 'revenue', 'averageHistoricalClv'] as const), suppressed: true as const }
      : { customers: f.required('customers', count()), revenue: f.required('revenue', amount), averageHistoricalClv: f.required('averageHistoricalClv', orNull(amount)) };
    f.done();
    return out;
  };
  return (value, path) => {
    const f = record(notes)(value, path);
    const out = {
      answers: f.required('answers', count()),
      matched: f.required('matched', count()),
      unmatched: f.required('unmatched', count()),
      promoters: f.required('promoters', count()),
      passives: f.required('passives', count()),
      detractors: f.required('detractors', count()),
      score: f.required('score', orNull(number(-100, 100))),
      marginOfError: f.required('marginOfError', orNull(number(0, 200))),
      byGroup: f.required('byGroup', (v, p) => {
        const g = record(notes)(v, p);
        const got = Object.fromEntries(NPS_GROUP_NAMES.map((name) => [name, g.required(name, group)])) as SnapshotNps['byGroup'];
        g.done();
        return got;
      }),
    };
    f.done();
    return out;
  };
}

/** Subscriptions of a billing export: the monthly MRR bridge (YYYY-MM months in order), retention, ARPA, dunning. */
export function readSubscriptions(notes: Notes): Reader<SnapshotSubscriptions> {
  const money = number(0, MAX_AMOUNT);
  const month: Reader<SnapshotSubscriptionMonth> = (value, path) => {
    const f = record(notes)(value, path);
    const label = f.required('month', text(7, 7));
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(label)) problem('bad-month', `${path}.month: expected a month written YYYY-MM, found ${quoted(label)}.`, { path: `${path}.month` });
    const out = {
      month: label,
      mrr: f.required('mrr', money),
      subscribers: f.required('subscribers', count()),
      new: f.required('new', money),
      expansion: f.required('expansion', money),
      contraction: f.required('contraction', money),
      churned: f.required('churned', money),
      reactivation: f.required('reactivation', money),
    };
    f.done();
    return out;
  };
  return (value, path) => {
    const f = record(notes)(value, path);
    const out = {
      asOf: f.required('asOf', date),
      months: f.required('months', listOf(MAX_SUBSCRIPTION_MONTHS, month)),
      nrr: f.required('nrr', orNull(money)),
      grr: f.required('grr', orNull(number(0, 1))),
      retentionMonths: f.required('retentionMonths', count(MAX_SUBSCRIPTION_MONTHS)),
      arpa: f.required('arpa', orNull(money)),
      annualShare: f.required('annualShare', orNull(number(0, 1))),
      failedPayments: f.required('failedPayments', count()),
      recovered: f.required('recovered', count()),
    };
    f.done();
    return out;
  };
}
