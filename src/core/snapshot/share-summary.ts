/**
 * What a snapshot holds and what it leaves out, in plain words: the export dialog lists it before the owner shares
 * a file, and the read-only views of an opened snapshot can say what the sender left out. Computed from the
 * snapshot alone (the one to be written, or one restored), so sender and receiver see the same list.
 *
 * Each line is a notice: the UI shows `share.<code>` from the catalogue (src/i18n) with its values, the CLI the
 * English text.
 */
import { notice } from '../notice';
import type { Notice } from '../types';
import { formatNumber as n, plural } from './reader';
import { NPS_GROUP_NAMES, type SnapshotV1 } from './schema';

export interface ShareSummary {
  aggregateOnly: boolean;
  /** With aggregateOnly: groups of fewer customers than this are suppressed. */
  k: number | null;
  /** How many groups of each kind are suppressed (all 0 in a full snapshot). */
  suppressed: { cohorts: number; cohortCells: number; segments: number; topShares: number; npsGroups: number };
  /** What the file holds, in the order to list it. */
  inside: Notice[];
  /** What it leaves out, and why. */
  leftOut: Notice[];
  /** What the owner should know before sharing it. */
  cautions: Notice[];
}

/** Models by their names in the file (a Map: a key from a file is never looked up on a plain object). */
const names = new Map([['bgnbd', 'BG/NBD'], ['mbgnbd', 'MBG/NBD'], ['paretoNbd', 'Pareto/NBD'], ['gammaGamma', 'Gamma-Gamma']]);

export function shareSummary(s: SnapshotV1): ShareSummary {
  const d = s.dataset;
  const aggregateOnly = d.aggregateOnly === true;
  const k = aggregateOnly ? (d.k ?? null) : null;
  const suppressed = {
    cohorts: s.cohorts.rows.filter((r) => r.customers === null).length,
    cohortCells: s.cohorts.rows.reduce((sum, r) => sum + (r.revenue?.filter((v) => v === null).length ?? 0), 0),
    segments: Object.values(s.segments?.counts ?? {}).filter((c) => c?.customers === null).length,
    topShares: s.historical?.concentration.topShares.filter((t) => t.suppressed).length ?? 0,
    npsGroups: s.nps ? NPS_GROUP_NAMES.filter((g) => s.nps!.byGroup[g].customers === null).length : 0,
  };
  const inside: Notice[] = [];
  const leftOut: Notice[] = [];
  const cautions: Notice[] = [];
  const examples = d.rejected.reduce((sum, g) => sum + g.examples.length, 0);

  inside.push(notice('dataset', `The dataset's totals: ${plural(d.customers, 'customer')} from ${plural(d.rowsRead, 'row')}, net revenue, first and last date.`, { customers: d.customers, rows: d.rowsRead }));
  inside.push(notice('file-name', `The file's name: ${JSON.stringify(d.name)}.`, { name: d.name }));
  if (d.rowsRejected > 0) {
    if (examples > 0) inside.push(notice('rejected-examples', `Why ${plural(d.rowsRejected, 'row was', 'rows were')} rejected, with ${plural(examples, 'line')} quoted from the file.`, { count: d.rowsRejected, examples }));
    else inside.push(notice('rejected-reasons', `Why ${plural(d.rowsRejected, 'row was', 'rows were')} rejected, in words only.`, { count: d.rowsRejected }));
  }
  const excluded = d.excluded?.filter((e) => e.count > 0) ?? [];
  if (excluded.length) {
    const rows = excluded.reduce((sum, e) => sum + e.count, 0);
    inside.push(notice('excluded-statuses', `The ${plural(excluded.length, 'status', 'statuses')} of ${plural(rows, 'row')} left out of the counts, as written in the file.`, { statuses: excluded.length, count: rows }));
  }
  if (s.historical) inside.push(notice('historical', 'The historical figures, how revenue is spread over customers, and the formulas with their inputs.'));
  const rows = s.cohorts.rows.length;
  if (rows > 0) inside.push(notice('cohorts', `${n(rows - suppressed.cohorts)} of ${plural(rows, `${s.cohorts.period}ly cohort`)}, by customers still buying and revenue.`, { shown: rows - suppressed.cohorts, count: rows, variant: s.cohorts.period }));
  const models = Object.keys(s.models ?? {}).map((m) => names.get(m) ?? m);
  if (models.length) inside.push(notice('models', `The fitted models: ${models.join(', ')}.`, { models: models.join(', ') }));
  if (s.forecast) inside.push(notice('forecast', `The forecast's totals over ${n(s.forecast.clv.horizonMonths)} months.`, { months: s.forecast.clv.horizonMonths }));
  else leftOut.push(notice('no-forecast', 'No forecast: no model was fitted before the export.'));
  if (s.segments) {
    const withCustomers = Object.values(s.segments.counts).filter((c) => c && c.customers !== 0).length;
    inside.push(notice('segments', `The customer segments' rules, and the customers and revenue of ${n(withCustomers - suppressed.segments)} of ${plural(withCustomers, 'segment')} with customers.`, { shown: withCustomers - suppressed.segments, count: withCustomers }));
  }
  if (s.nps) inside.push(notice('nps', `The NPS from ${plural(s.nps.answers, 'survey answer')}.`, { answers: s.nps.answers }));
  else leftOut.push(notice('no-nps', 'No NPS: no survey was attached.'));
  if (s.subscriptions) inside.push(notice('subscriptions', `The subscriptions of a billing export: MRR and its movements over ${plural(s.subscriptions.months.length, 'month')}, revenue retention, ARPA and failed payments.`, { months: s.subscriptions.months.length }));
  const scenarios = (s.scenarios?.length ?? 0) + (s.scenario ? 1 : 0);
  if (scenarios) inside.push(notice('scenarios', `${plural(scenarios, 'what-if scenario')}: the levers, the base's averages and the outputs for all customers together.`, { count: scenarios }));
  if (s.customers) inside.push(notice('customer-rows', `A row for each of ${plural(s.customers.length, 'customer')}, with their ids.`, { count: s.customers.length }));

  if (aggregateOnly) {
    leftOut.push(notice('no-customer-ids', 'Customer ids and rows for single customers: the file has none.'));
    if (d.rowsRejected > 0) leftOut.push(notice('no-examples', "The rejected rows' lines from the file (they hold customer ids)."));
    const kk = k ?? 0;
    if (suppressed.cohorts) leftOut.push(notice('cohorts-suppressed', `${plural(suppressed.cohorts, 'cohort')} of fewer than ${n(kk)} customers, or that the totals would give away.`, { count: suppressed.cohorts, k: kk }));
    if (suppressed.segments) leftOut.push(notice('segments-suppressed', `${plural(suppressed.segments, 'segment')} of fewer than ${n(kk)} customers, or that the totals would give away.`, { count: suppressed.segments, k: kk }));
    if (suppressed.topShares) leftOut.push(notice('top-shares-suppressed', `The revenue share of ${plural(suppressed.topShares, 'top-customer group')} that would describe fewer than ${n(kk)} customers.`, { count: suppressed.topShares, k: kk }));
    if (suppressed.npsGroups) leftOut.push(notice('nps-groups-suppressed', `The value of ${plural(suppressed.npsGroups, 'NPS group')} of fewer than ${n(kk)} customers.`, { count: suppressed.npsGroups, k: kk }));
    // In the cohorts shown, the revenue of a period with fewer than k buyers is suppressed; its count stays.
    if (suppressed.cohortCells) {
      const cells = suppressed.cohortCells;
      leftOut.push(notice('cohort-cells-suppressed', `The revenue of ${plural(cells, 'cohort period')} with fewer than ${n(kk)} buying customers (how many bought is shown).`, { count: cells, k: kk }));
    }
    // The subscriptions part is aggregates by month: a month of few subscribers still shows their MRR.
    const smallMonths = s.subscriptions?.months.filter((m) => m.subscribers > 0 && m.subscribers < kk).length ?? 0;
    if (smallMonths) {
      cautions.push(notice('small-subscription-months', `${plural(smallMonths, 'month')} of the subscriptions ${smallMonths === 1 ? 'has' : 'have'} fewer than ${n(kk)} subscribers; their MRR and its movements are shown.`, { count: smallMonths, k: kk }));
    }
    if (d.customers > 0 && d.customers < kk) {
      cautions.push(notice('small-dataset', `The whole dataset has ${plural(d.customers, 'customer')}, fewer than ${n(kk)}: its totals describe fewer than ${n(kk)} people.`, { customers: d.customers, k: kk }));
    }
  } else if (examples > 0 || s.customers) {
    cautions.push(notice('full-backup', 'This is a full backup: it quotes lines of your file or lists customers, with their ids. Share the aggregate-only snapshot instead.'));
  }
  return { aggregateOnly, k, suppressed, inside, leftOut, cautions };
}
