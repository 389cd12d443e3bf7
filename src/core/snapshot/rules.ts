/**
 * How the parts of a snapshot must agree with each other, checked on values whose types and ranges were already
 * read (parts.ts). The first rule broken stops the check with one sentence saying where and what.
 */
import { dayOfDate, periodOfDay, periodOfLabel } from './calendar';
import { aggregateOnlyRules } from './rules-aggregate';
import { formatNumber as n, itemPath, plural, problem, quoted } from './reader';
import {
  MAX_OBSERVATION_END_AFTER_DATA_DAYS,
  PURCHASE_MODELS,
  type IsoDate,
  type SnapshotCohorts,
  type SnapshotCustomer,
  type SnapshotDataset,
  type SnapshotForecast,
  type SnapshotHistorical,
  type SnapshotNps,
  type SnapshotSegments,
  type SnapshotSettings,
  type SnapshotSubscriptions,
  type SnapshotV1,
} from './schema';

/** Day number of a date already read as valid. */
const dayOf = (iso: IsoDate) => dayOfDate(iso) as number;

/** The dataset's first and last date, when it has any. */
interface DateRange {
  first: IsoDate;
  last: IsoDate;
}

const outside = (range: DateRange, iso: IsoDate) => dayOf(iso) < dayOf(range.first) || dayOf(iso) > dayOf(range.last);

function withinDataset(range: DateRange | null, path: string, iso: IsoDate): void {
  if (range === null || outside(range, iso)) {
    const dates = range ? `(${range.first} to ${range.last})` : '(it has none)';
    problem('date-outside-dataset', `${path}: ${iso} is outside the dataset's dates ${dates}.`, { path, date: iso, first: range?.first ?? '', last: range?.last ?? '' });
  }
}

function inOrder(path: string, first: IsoDate, last: IsoDate, firstName: string): void {
  if (dayOf(last) < dayOf(first)) problem('dates-reversed', `${path}: ${last} is before ${firstName} ${first}.`, { path, date: last, first });
}

/** At most as many as the accepted rows: `one` and `many` name the things counted, `variant` the count. */
function notOverAccepted(path: string, value: number, rowsAccepted: number, variant: string, one: string, many = `${one}s`): void {
  if (value > rowsAccepted) {
    problem('over-accepted-rows', `${path}: ${plural(value, one, many)}, but only ${plural(rowsAccepted, 'row was', 'rows were')} accepted.`, { path, count: value, rows: rowsAccepted, variant });
  }
}

function datasetRules(d: SnapshotDataset): DateRange | null {
  const sum = d.rowsAccepted + d.rowsRejected;
  if (d.rowsRead !== sum) {
    problem('rows-sum', `dataset.rowsRead: ${plural(d.rowsRead, 'row')} read, but ${n(d.rowsAccepted)} accepted and ${n(d.rowsRejected)} rejected make ${n(sum)}.`, {
      path: 'dataset.rowsRead', rowsRead: d.rowsRead, rowsAccepted: d.rowsAccepted, rowsRejected: d.rowsRejected, sum,
    });
  }
  let rejectedSum = 0;
  d.rejected.forEach((g, i) => {
    const path = itemPath('dataset.rejected', i);
    if (g.count === 0) problem('empty-reason', `${path}.count: a reason with no rejected rows.`, { path: `${path}.count` });
    if (g.examples.length > g.count) {
      problem('examples-over-count', `${path}.examples: ${plural(g.examples.length, 'example')}, but only ${plural(g.count, 'row was', 'rows were')} rejected for this reason.`, { path: `${path}.examples`, examples: g.examples.length, count: g.count });
    }
    g.examples.forEach((e, k) => {
      const previous = k > 0 ? g.examples[k - 1].line : 0;
      if (e.line < previous) {
        problem('example-order', `${path}.examples[${k}].line: line ${n(e.line)} comes after line ${n(previous)}; examples are in file order.`, { path: `${path}.examples[${k}].line`, line: e.line, previous });
      }
    });
    rejectedSum += g.count;
  });
  if (rejectedSum !== d.rowsRejected) {
    problem('rejected-sum', `dataset.rejected: the reasons count ${plural(rejectedSum, 'rejected row')}, but rowsRejected is ${n(d.rowsRejected)}.`, { path: 'dataset.rejected', sum: rejectedSum, rowsRejected: d.rowsRejected });
  }
  notOverAccepted('dataset.customers', d.customers, d.rowsAccepted, 'customers', 'customer');
  if (d.rowsAccepted > 0 && d.customers === 0) {
    problem('no-customers', `dataset.customers: no customers, but ${plural(d.rowsAccepted, 'row was', 'rows were')} accepted, and every accepted row has one.`, { path: 'dataset.customers', rows: d.rowsAccepted });
  }
  // A summary's rows are its customers, each with one or more purchases (docs/warehouse.md).
  const summary = d.source === 'summary';
  if (!summary) notOverAccepted('dataset.purchases', d.purchases, d.rowsAccepted, 'purchases', 'purchase');
  else if (d.customers !== d.rowsAccepted || d.purchases < d.customers) {
    problem('summary-counts', `dataset: a summary has one accepted row per customer and at least one purchase each, but it has ${plural(d.rowsAccepted, 'row')}, ${plural(d.customers, 'customer')} and ${plural(d.purchases, 'purchase')}.`, { path: 'dataset.purchases', rows: d.rowsAccepted, customers: d.customers, purchases: d.purchases });
  }
  if (d.orders !== undefined) notOverAccepted('dataset.orders', d.orders, d.rowsAccepted, 'orders', 'order');
  if (d.lineItems !== undefined) notOverAccepted('dataset.lineItems', d.lineItems, d.rowsAccepted, 'lineItems', 'line item');
  // A purchase log has no money: nothing summed, nothing refunded.
  if (d.withoutAmounts === true && (d.netRevenue !== 0 || d.refunds !== 0)) {
    problem('money-without-amounts', `dataset.withoutAmounts: the file has no amounts, but netRevenue is ${n(d.netRevenue)} and refunds ${n(d.refunds)}.`, { path: 'dataset.withoutAmounts', netRevenue: d.netRevenue, refunds: d.refunds });
  }
  // An order has at least one line.
  if (d.orders !== undefined && d.lineItems !== undefined && d.orders > d.lineItems) {
    problem('orders-over-lines', `dataset.orders: ${plural(d.orders, 'order')}, but only ${plural(d.lineItems, 'line item')}.`, { path: 'dataset.orders', orders: d.orders, lineItems: d.lineItems });
  }
  notOverAccepted('dataset.refunds', d.refunds, d.rowsAccepted, 'refunds', 'refund');
  if (d.excluded !== undefined) {
    notOverAccepted('dataset.excluded', d.excluded.reduce((sum, e) => sum + e.count, 0), d.rowsAccepted, 'excluded', 'row excluded by its status', 'rows excluded by their status');
  }

  for (const key of ['firstDate', 'lastDate'] as const) {
    const path = `dataset.${key}`;
    // A summary of x, tₓ and T alone has no dates.
    if (d.rowsAccepted > 0 && d[key] === null && !summary) problem('date-missing', `${path}: no date, but ${plural(d.rowsAccepted, 'row was', 'rows were')} accepted.`, { path, rows: d.rowsAccepted });
    if (d.rowsAccepted === 0 && d[key] !== null) problem('date-without-rows', `${path}: ${d[key]}, but no row was accepted.`, { path, date: d[key] });
  }
  if (d.firstDate === null || d.lastDate === null) return null;
  inOrder('dataset.lastDate', d.firstDate, d.lastDate, 'firstDate');
  return { first: d.firstDate, last: d.lastDate };
}

/**
 * observationEnd is set exactly when there are dates, at most MAX_OBSERVATION_END_AFTER_DATA_DAYS after the last one,
 * and not before the first one when models were fitted (they fit the purchases up to it). Without models an earlier
 * date is only a setting: `npm run analyze --observation-end` writes what it was given even when nothing could be fitted.
 */
function settingsRules(s: SnapshotSettings, range: DateRange | null, fitted: boolean): void {
  const path = 'settings.observationEnd';
  if (range === null) {
    if (s.observationEnd !== null) problem('observation-end-without-dates', `${path}: ${s.observationEnd}, but the dataset has no dates.`, { path, date: s.observationEnd });
    return;
  }
  const end = s.observationEnd;
  if (end === null) problem('observation-end-missing', `${path}: no date, but the dataset has dates (${range.first} to ${range.last}).`, { path, first: range.first, last: range.last });
  if (fitted && dayOf(end) < dayOf(range.first)) {
    problem('observation-end-early', `${path}: ${end} is before the dataset's first date ${range.first}, so the models had no purchases to fit.`, { path, date: end, first: range.first });
  }
  if (dayOf(end) - dayOf(range.last) > MAX_OBSERVATION_END_AFTER_DATA_DAYS) {
    problem('observation-end-late', `${path}: ${end} is more than ${n(MAX_OBSERVATION_END_AFTER_DATA_DAYS)} days after the dataset's last date ${range.last}.`, {
      path, date: end, last: range.last, days: MAX_OBSERVATION_END_AFTER_DATA_DAYS,
    });
  }
}

function historicalRules(h: SnapshotHistorical, d: SnapshotDataset, range: DateRange | null): void {
  // Customers with a purchase: customers whose only rows are refunds or free are in the dataset's count, not here.
  if (h.customers > d.customers) {
    problem('historical-customers', `historical.customers: ${plural(h.customers, 'customer')}, but the dataset has only ${n(d.customers)}.`, { path: 'historical.customers', count: h.customers, customers: d.customers });
  }
  if (d.source !== 'summary') notOverAccepted('historical.purchases', h.purchases, d.rowsAccepted, 'purchases', 'purchase');
  if (h.orders > h.purchases) {
    problem('historical-orders', `historical.orders: ${plural(h.orders, 'order')}, but only ${plural(h.purchases, 'purchase')}.`, { path: 'historical.orders', orders: h.orders, purchases: h.purchases });
  }
  for (const key of ['firstPurchaseDate', 'lastPurchaseDate'] as const) {
    const path = `historical.${key}`;
    const value = h[key];
    if (h.customers > 0 && value === null) problem('date-missing-customers', `${path}: no date, but ${plural(h.customers, 'customer')} made purchases.`, { path, customers: h.customers });
    if (h.customers === 0 && value !== null) problem('date-without-customers', `${path}: ${value}, but no customer made a purchase.`, { path, date: value });
    if (value !== null) withinDataset(range, path, value);
  }
  if (h.firstPurchaseDate !== null && h.lastPurchaseDate !== null) inOrder('historical.lastPurchaseDate', h.firstPurchaseDate, h.lastPurchaseDate, 'firstPurchaseDate');
  h.concentration.topShares.forEach((s, i) => {
    if (s.customers > h.customers) {
      const path = `${itemPath('historical.concentration.topShares', i)}.customers`;
      problem('top-customers', `${path}: ${plural(s.customers, 'customer')}, but only ${n(h.customers)} made purchases.`, { path, count: s.customers, customers: h.customers });
    }
  });
  const seen = new Set<string>();
  h.formulas.forEach((f, i) => {
    const path = `${itemPath('historical.formulas', i)}.id`;
    if (seen.has(f.id)) problem('formula-repeated', `${path}: the formula ${quoted(f.id)} appears twice.`, { path, id: f.id });
    seen.add(f.id);
  });
}

function cohortRules(c: SnapshotCohorts, d: SnapshotDataset, range: DateRange | null): void {
  let total = 0;
  let hidden = 0;
  let previous: { label: string; index: number } | null = null;
  c.rows.forEach((row, i) => {
    const path = itemPath('cohorts.rows', i);
    const index = periodOfLabel(c.period, row.cohort) as number;
    if (previous && index <= previous.index) {
      problem('cohort-order', `${path}.cohort: ${quoted(row.cohort)} comes after ${quoted(previous.label)}; cohorts are in increasing order.`, { path: `${path}.cohort`, cohort: row.cohort, previous: previous.label });
    }
    previous = { label: row.cohort, index };
    // A suppressed cohort (aggregate-only) has its label only: at least one customer, how many is not said.
    if (row.customers === null) {
      hidden++;
      return;
    }
    if (row.customers === 0) problem('cohort-empty', `${path}.customers: a cohort with no customers.`, { path: `${path}.customers` });
    if (row.active.length === 0) problem('cohort-no-periods', `${path}.active: the list is empty, but it starts with the cohort's size.`, { path: `${path}.active` });
    if (row.active[0] !== row.customers) {
      problem('cohort-first-period', `${path}.active[0]: ${plural(row.active[0], 'customer')} active in the cohort's first period, but the cohort has ${n(row.customers)}; the first period counts them all.`, {
        path: `${path}.active[0]`, active: row.active[0], customers: row.customers,
      });
    }
    row.active.forEach((a, k) => {
      if (a > row.customers) {
        problem('cohort-active', `${path}.active[${k}]: ${plural(a, 'customer')} active, but the cohort has only ${n(row.customers)}.`, { path: `${path}.active[${k}]`, active: a, customers: row.customers });
      }
    });
    if (row.revenue.length !== row.active.length) {
      problem('cohort-revenue-length', `${path}.revenue: ${plural(row.revenue.length, 'period')}, but active has ${n(row.active.length)}; both run over the same periods.`, {
        path: `${path}.revenue`, revenue: row.revenue.length, active: row.active.length,
      });
    }
    total += row.customers;
  });
  if (hidden > 0 && total + hidden > d.customers) {
    problem('cohort-sum-suppressed', `cohorts.rows: the cohorts shown hold ${plural(total, 'customer')}, and the ${plural(hidden, 'suppressed cohort')} at least ${n(hidden)} more, but the dataset has ${n(d.customers)}.`, {
      path: 'cohorts.rows', total, hidden, customers: d.customers,
    });
  }
  // A summary has no cohorts (its rows are empty): they need dated purchases (docs/warehouse.md).
  if (hidden === 0 && total !== d.customers && !(d.source === 'summary' && c.rows.length === 0)) {
    problem('cohort-sum', `cohorts.rows: the cohorts hold ${plural(total, 'customer')}, but the dataset has ${n(d.customers)}.`, { path: 'cohorts.rows', total, customers: d.customers });
  }
  if (range === null) return;
  // Each cohort lies within the data, and its arrays run from the cohort to the period of the last date.
  const first = periodOfDay(c.period, dayOf(range.first));
  const last = periodOfDay(c.period, dayOf(range.last));
  c.rows.forEach((row, i) => {
    const path = itemPath('cohorts.rows', i);
    const index = periodOfLabel(c.period, row.cohort) as number;
    if (index < first || index > last) {
      problem('cohort-outside-dataset', `${path}.cohort: ${quoted(row.cohort)} is outside the dataset's dates (${range.first} to ${range.last}).`, {
        path: `${path}.cohort`, cohort: row.cohort, first: range.first, last: range.last,
      });
    }
    const periods = last - index + 1;
    if (row.active !== null && row.active.length !== periods) {
      problem('cohort-length', `${path}.active: ${plural(row.active.length, 'period')}, but from ${row.cohort} to the last date ${range.last} there ${periods === 1 ? 'is 1' : `are ${n(periods)}`}.`, {
        path: `${path}.active`, length: row.active.length, periods, cohort: row.cohort, last: range.last,
      });
    }
  });
}

/** Days in the models' month, by time unit: 30 days, or 4.345 weeks (as the forecast writes its horizon). */
const DAYS_PER_MODEL_MONTH = { day: 30, week: 4.345 * 7 } as const;

function modelRules(s: SnapshotV1, range: DateRange | null): void {
  if ((s.models || s.forecast) && range === null) {
    const path = s.models ? 'models' : 'forecast';
    problem('models-without-data', `${path}: models and forecasts need dated purchases, but the dataset has none.`, { path });
  }
  const f: SnapshotForecast | undefined = s.forecast;
  if (!f) return;
  const fitted = PURCHASE_MODELS.filter((m) => s.models?.[m] !== undefined);
  if (fitted.length > 0 && !fitted.includes(f.model)) {
    problem('forecast-model', `forecast.model: ${quoted(f.model)} is not among the fitted models (${fitted.join(', ')}).`, { path: 'forecast.model', model: f.model, models: fitted.join(', ') });
  }
  if (f.reliable !== undefined && f.cautions !== undefined && f.reliable !== (f.cautions.length === 0)) {
    const listed = f.cautions.length ? `${plural(f.cautions.length, 'reason')} (${f.cautions.join(', ')})` : 'no reason';
    problem('forecast-cautions', `forecast.reliable: ${f.reliable}, but forecast.cautions lists ${listed}.`, { path: 'forecast.reliable', reliable: String(f.reliable), cautions: f.cautions.join(', ') });
  }
  if (f.reliable) {
    // Gamma-Gamma counts only when it gives the CLV.
    const unreliable = ([f.model, 'gammaGamma'] as const).find((m) => s.models?.[m]?.reliable === false && (m !== 'gammaGamma' || f.clv.total !== null));
    if (unreliable) problem('forecast-unreliable-model', `forecast.reliable: true, but the model it uses (models.${unreliable}) is not reliable.`, { path: 'forecast.reliable', model: unreliable });
  }
  const perMonth = DAYS_PER_MODEL_MONTH[s.settings.timeUnit];
  const days = Math.round(f.clv.horizonMonths * perMonth);
  if (Math.abs(f.horizonDays - days) > 1) {
    problem('forecast-horizon', `forecast.horizonDays: ${plural(f.horizonDays, 'day')}, but ${plural(f.clv.horizonMonths, 'month')} of ${n(perMonth)} days ${f.clv.horizonMonths === 1 ? 'is' : 'are'} ${n(days)}.`, {
      path: 'forecast.horizonDays', days: f.horizonDays, months: f.clv.horizonMonths, expected: days,
    });
  }
}

function customerRules(list: SnapshotCustomer[], d: SnapshotDataset, range: DateRange | null): void {
  if (list.length > d.customers) {
    problem('customers-listed', `customers: ${plural(list.length, 'customer')} listed, but the dataset has only ${n(d.customers)}.`, { path: 'customers', listed: list.length, customers: d.customers });
  }
  const ids = new Set<string>();
  list.forEach((c, i) => {
    const path = itemPath('customers', i);
    if (ids.has(c.id)) problem('customer-repeated', `${path}.id: the customer ${quoted(c.id)} is listed twice.`, { path: `${path}.id`, id: c.id });
    ids.add(c.id);
    withinDataset(range, `${path}.firstDate`, c.firstDate);
    withinDataset(range, `${path}.lastDate`, c.lastDate);
    inOrder(`${path}.lastDate`, c.firstDate, c.lastDate, 'firstDate');
    notOverAccepted(`${path}.purchases`, c.purchases, d.rowsAccepted, 'purchases', 'purchase');
  });
}

/** Check that the parts agree; throws a SnapshotProblem at the first rule broken. */
/** Segments: each segment one rule, the last open on every score; counts only for segments of the table, at most the buyers. */
function segmentRules(seg: SnapshotSegments, s: SnapshotV1, range: DateRange | null): void {
  withinDataset(range, 'segments.asOf', seg.asOf);
  const named = new Set<string>();
  seg.rules.forEach((rule, i) => {
    if (named.has(rule.segment)) problem('segment-twice', `segments.rules[${i}]: ${rule.segment} has a rule already.`, { path: `segments.rules[${i}]`, segment: rule.segment });
    named.add(rule.segment);
  });
  const last = seg.rules.at(-1);
  if (!last || ![last.r, last.f, last.m].every(([a, b]) => a === 1 && b === 5)) {
    problem('segments-no-catch-all', 'segments.rules: the last rule must take every score from 1 to 5, so that every customer is in a segment.', { path: 'segments.rules' });
  }
  let customers = 0;
  for (const [name, entry] of Object.entries(seg.counts)) {
    if (!named.has(name)) problem('segment-without-rule', `segments.counts.${name}: the rules have no such segment.`, { path: `segments.counts.${name}`, segment: name });
    // A suppressed segment (aggregate-only) has at least one customer.
    customers += entry!.customers ?? 1;
  }
  const buyers = s.historical?.customers ?? s.dataset.customers;
  if (customers > buyers) problem('segments-too-many', `segments.counts: ${n(customers)} customers in segments, but the dataset has ${n(buyers)} buyers.`, { path: 'segments.counts', customers, buyers });
}

/** NPS: the groups add up to the answers, matched and unmatched too, and the score follows from the counts. */
function npsRules(nps: SnapshotNps): void {
  if (nps.promoters + nps.passives + nps.detractors !== nps.answers) {
    problem('nps-groups-sum', `nps: ${n(nps.promoters)} promoters, ${n(nps.passives)} passives and ${n(nps.detractors)} detractors do not add up to ${n(nps.answers)} answers.`, { path: 'nps', answers: nps.answers });
  }
  if (nps.matched + nps.unmatched !== nps.answers) problem('nps-matched-sum', `nps: ${n(nps.matched)} matched and ${n(nps.unmatched)} unmatched answers do not add up to ${n(nps.answers)}.`, { path: 'nps', answers: nps.answers });
  const groups = [nps.byGroup.promoter, nps.byGroup.passive, nps.byGroup.detractor];
  const grouped = groups.reduce((sum, g) => sum + (g.customers ?? 0), 0);
  // A suppressed group (aggregate-only) has at least one customer.
  const hidden = groups.filter((g) => g.customers === null).length;
  if (hidden > 0 && grouped + hidden > nps.matched) {
    problem('nps-byGroup-sum-suppressed', `nps.byGroup: ${n(grouped)} customers in the groups shown and at least ${n(hidden)} in the suppressed ones, but ${n(nps.matched)} answers matched a customer.`, { path: 'nps.byGroup', customers: grouped, hidden, matched: nps.matched });
  }
  if (hidden === 0 && grouped !== nps.matched) problem('nps-byGroup-sum', `nps.byGroup: ${n(grouped)} customers in the groups, but ${n(nps.matched)} answers matched a customer.`, { path: 'nps.byGroup', customers: grouped, matched: nps.matched });
  const expected = nps.answers ? (100 * (nps.promoters - nps.detractors)) / nps.answers : null;
  if (expected === null ? nps.score !== null : nps.score === null || Math.abs(nps.score - expected) > 1e-6) {
    problem('nps-score', `nps.score: ${nps.score} does not follow from the counts (${expected === null ? 'no answers' : expected.toFixed(4)}).`, { path: 'nps.score' });
  }
}

/**
 * Subscriptions: consecutive months, each month's MRR following from the month before and its movements, GRR not
 * above NRR, ARPA the last month's MRR per subscriber, no more recovered payments than failed ones.
 */
function subscriptionRules(sub: SnapshotSubscriptions): void {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  let before: SnapshotSubscriptions['months'][number] | null = null;
  sub.months.forEach((m, i) => {
    const path = itemPath('subscriptions.months', i);
    if (before) {
      const [y, mo] = before.month.split('-').map(Number);
      const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
      if (m.month !== next) problem('subscriptions-months-order', `${path}.month: ${m.month} follows ${before.month}; the months must be consecutive.`, { path });
    }
    const expected = (before?.mrr ?? 0) + m.new + m.expansion + m.reactivation - m.contraction - m.churned;
    if (!close(m.mrr, expected)) problem('subscriptions-bridge', `${path}: MRR ${m.mrr} does not follow from the month before and its movements (${expected}).`, { path });
    if ((m.subscribers === 0 && m.mrr > 1e-6) || (m.subscribers > 0 && !(m.mrr > 0))) problem('subscriptions-subscribers', `${path}: ${n(m.subscribers)} subscribers with MRR ${m.mrr}.`, { path });
    before = m;
  });
  if (sub.nrr !== null && sub.grr !== null && sub.grr > sub.nrr + 1e-9) problem('subscriptions-grr', `subscriptions.grr: ${sub.grr} is above nrr ${sub.nrr}; gross retention leaves expansion out, so it cannot be.`, { path: 'subscriptions.grr' });
  const last = sub.months[sub.months.length - 1];
  const arpa = last && last.subscribers ? last.mrr / last.subscribers : null;
  if (arpa === null ? sub.arpa !== null : sub.arpa === null || !close(sub.arpa, arpa)) problem('subscriptions-arpa', `subscriptions.arpa: ${sub.arpa} is not the last month's MRR per subscriber.`, { path: 'subscriptions.arpa' });
  if (sub.recovered > sub.failedPayments) problem('subscriptions-recovered', `subscriptions.recovered: ${n(sub.recovered)} recovered of ${n(sub.failedPayments)} failed payments.`, { path: 'subscriptions.recovered' });
}

export function checkAgreement(s: SnapshotV1): void {
  const range = datasetRules(s.dataset);
  settingsRules(s.settings, range, s.models !== undefined || s.forecast !== undefined);
  if (s.historical) historicalRules(s.historical, s.dataset, range);
  cohortRules(s.cohorts, s.dataset, range);
  modelRules(s, range);
  if (s.segments) segmentRules(s.segments, s, range);
  if (s.nps) npsRules(s.nps);
  if (s.subscriptions) subscriptionRules(s.subscriptions);
  if (s.customers) customerRules(s.customers, s.dataset, range);
  aggregateOnlyRules(s);
}
