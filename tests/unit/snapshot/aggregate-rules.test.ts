/**
 * restore checks the promises of an aggregate-only snapshot, each broken once on don-hang.csv (3 customers; cohorts of
 * 2 and 1; three one-customer segments; with the survey, 2 promoters and 1 detractor among the customers).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateOnlySnapshot, restoreSnapshot, type SnapshotV1 } from '../../../src/core/snapshot';
import { analyze, copy, DON_HANG } from './fixtures';
import { tempDir } from '../../support/temp-dir';

const dir = tempDir('aggregate-rules-', afterAll);
const survey = join(dir(), 'survey.csv');
writeFileSync(survey, 'customer;score;date\r\nKH01;9;05/04/2024\r\nKH02;3;06/04/2024\r\nKH03;10;06/04/2024\r\n');

let full: SnapshotV1;
/** Nothing suppressed (k = 1), and k = 2: February, January with it, every segment, the detractor, the top shares. */
let k1: SnapshotV1;
let k2: SnapshotV1;
beforeAll(async () => {
  full = await analyze(DON_HANG, '--segments', '--nps', survey);
  k1 = aggregateOnlySnapshot(full, { k: 1 });
  k2 = aggregateOnlySnapshot(full, { k: 2 });
});

const hidden = { customers: null, active: null, revenue: null, suppressed: true };

const cases: [string, () => SnapshotV1, (s: any) => void, string][] = [
  ['aggregate-k-without', () => full, (s) => (s.dataset.k = 5), 'dataset.k: 5, but dataset.aggregateOnly is not true; k belongs to aggregate-only snapshots.'],
  ['aggregate-suppressed-in-full', () => k2, (s) => (delete s.dataset.aggregateOnly, delete s.dataset.k),
    'cohorts.rows[0].suppressed: a group is suppressed, but dataset.aggregateOnly is not true; only aggregate-only snapshots suppress groups.'],
  ['aggregate-suppressed-in-full', () => k2, (s) => ((s.dataset.aggregateOnly = false), delete s.dataset.k, (s.cohorts = full.cohorts)),
    'historical.concentration.topShares[0].suppressed: a group is suppressed, but dataset.aggregateOnly is not true; only aggregate-only snapshots suppress groups.'],
  ['aggregate-k-missing', () => k2, (s) => delete s.dataset.k, 'dataset.k is missing: an aggregate-only snapshot says below how many customers a group is suppressed.'],
  ['aggregate-customers', () => k2, (s) => (s.customers = [{ id: 'KH01', firstDate: '2024-01-05', lastDate: '2024-04-02', purchases: 3, netRevenue: 2300000 }]),
    'customers: an aggregate-only snapshot holds no per-customer rows, but 1 row is written.'],
  ['aggregate-examples', () => k2, (s) => (s.dataset.rejected[1].examples = full.dataset.rejected[1].examples),
    'dataset.rejected[1].examples: an aggregate-only snapshot quotes no line of the file, but 1 example is written.'],
  ['aggregate-small-group', () => k1, (s) => (s.dataset.k = 5), 'cohorts.rows[0].customers: 2 customers, fewer than k = 5; an aggregate-only snapshot suppresses such a cohort.'],
  ['aggregate-small-group', () => k2, (s) => (s.segments.counts.loyal = { customers: 1, revenue: 2300000 }),
    'segments.counts.loyal.customers: 1 customer, fewer than k = 2; an aggregate-only snapshot suppresses such a segment.'],
  ['aggregate-small-group', () => k2, (s) => (s.nps.byGroup.detractor = { customers: 1, revenue: 0, averageHistoricalClv: 0 }),
    'nps.byGroup.detractor.customers: 1 customer, fewer than k = 2; an aggregate-only snapshot suppresses such a group.'],
  ['aggregate-lone-suppressed', () => k2, (s) => (s.cohorts = { ...full.cohorts, rows: [full.cohorts.rows[0], { cohort: '2024-02', ...hidden }] }),
    "cohorts.rows[1]: the only suppressed cohort; its figures could be worked out from the total and the others, so another must be suppressed with it."],
  ['aggregate-small-share', () => k2, (s) => (s.historical.concentration.topShares[0] = { top: 0.01, customers: 1, share: 0.544554 }),
    'historical.concentration.topShares[0].share: the share of 1 customer, fewer than k = 2, is shown; an aggregate-only snapshot suppresses it.'],
  ['cohort-sum-suppressed', () => k2, (s) => (s.dataset.customers = 1, delete s.historical, delete s.segments, delete s.nps),
    'cohorts.rows: the cohorts shown hold 0 customers, and the 2 suppressed cohorts at least 2 more, but the dataset has 1.'],
  ['nps-byGroup-sum-suppressed', () => k2, (s) => (s.nps.matched = 2, s.nps.unmatched = 1),
    'nps.byGroup: 2 customers in the groups shown and at least 1 in the suppressed ones, but 2 answers matched a customer.'],
  ['unexpected-value', () => k2, (s) => (s.cohorts.rows[0].suppressed = false), 'cohorts.rows[0].suppressed: expected true (the field is written only for a suppressed group), found false.'],
  ['unexpected-value', () => k2, (s) => (s.cohorts.rows[0].customers = 2), 'cohorts.rows[0].customers: expected null, as the group is suppressed, found 2.'],
  ['unexpected-value', () => k2, (s) => (s.segments.counts.lost.revenue = 0), 'segments.counts.lost.revenue: expected null, as the group is suppressed, found 0.'],
  ['unexpected-value', () => k2, (s) => (s.historical.concentration.topShares[1].share = 0.5), 'historical.concentration.topShares[1].share: expected null, as the share is suppressed, found 0.5.'],
  ['unexpected-value', () => k2, (s) => (s.dataset.k = 0), 'dataset.k: expected a whole number from 1 to 1,000, found 0.'],
  ['unexpected-value', () => k2, (s) => (s.dataset.aggregateOnly = 'yes'), 'dataset.aggregateOnly: expected true or false, found "yes".'],
];

describe('aggregate-only promises', () => {
  it('hold for the snapshots aggregateOnlySnapshot writes', () => {
    for (const s of [k1, k2, aggregateOnlySnapshot(full)]) expect(restoreSnapshot(JSON.stringify(s))).toEqual({ ok: true, snapshot: s, notes: [] });
    expect(k2.nps!.byGroup.detractor.customers).toBeNull();
  });

  it.each(cases.map(([code, base, change, sentence]) => [code, sentence, base, change] as const))('%s: %s', (code, sentence, base, change) => {
    const s = copy(base());
    change(s);
    expect(restoreSnapshot(JSON.stringify(s))).toEqual({ ok: false, problem: sentence, notice: { code, text: sentence, vars: expect.objectContaining({ path: sentence.match(/^[^: ]+/)![0] }) } });
  });
});
