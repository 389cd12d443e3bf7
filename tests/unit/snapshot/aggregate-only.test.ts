/**
 * Aggregate-only snapshots of don-hang.csv, worked out by hand from tests/fixtures/e2e/README.md: 3 customers (KH01,
 * KH02, KH03), cohorts 2024-01 (KH01, KH02: 2 customers) and 2024-02 (KH03: 1). Segments at 2024-04-02: KH01 loyal,
 * KH03 hibernating, KH02 lost, one customer each. Top 1%, 10% and 20% of 3 customers are 1 customer each. With the
 * survey of analyze-segments-nps.test.ts: promoters KH01 and KH03 (2 customers), detractor KH02 (1), no passive.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateOnlySnapshot, restoreSnapshot, shareSummary, type SnapshotV1 } from '../../../src/core/snapshot';
import { suppressedIndices, topSharesOnly } from '../../../src/core/snapshot/aggregate-only';
import { analyze, CDNOW_SAMPLE, copy, DON_HANG } from './fixtures';
import { tempDir } from '../../support/temp-dir';

const dir = tempDir('aggregate-', afterAll);
const survey = join(dir(), 'khao-sat.csv');
writeFileSync(survey, '\uFEFFMã khách hàng;Điểm;Ngày trả lời;Nhận xét\r\nKH01;2;10/03/2024;Chậm\r\nKH01;9;05/04/2024;Tốt\r\nKH02;3;06/04/2024;\r\nKH03;10;06/04/2024;Tuyệt vời\r\nKH08;10;07/04/2024;\r\nKH09;7;07/04/2024;\r\n');

let full: SnapshotV1;
beforeAll(async () => {
  full = await analyze(DON_HANG, '--segments', '--nps', survey);
});

const SUPPRESSED_ROW = { customers: null, active: null, revenue: null, suppressed: true };
const SUPPRESSED_SEGMENT = { customers: null, revenue: null, suppressed: true };

describe('aggregateOnlySnapshot on don-hang.csv', () => {
  it.each([2, 5])('k = %i: no customer id or quoted line anywhere in the file', (k) => {
    const text = JSON.stringify(aggregateOnlySnapshot(full, { k }));
    // The full snapshot quotes the rejected line "D008;KH04;31/13/2024;500.000 ₫".
    expect(JSON.stringify(full)).toContain('KH04');
    for (const id of ['KH01', 'KH02', 'KH03', 'KH04', 'KH08', 'KH09', 'D007', 'D008', '31/13/2024']) expect(text).not.toContain(id);
  });

  it('k = 2: February (1 customer) is suppressed, and January (2) with it, since 3 − 2 would give February back', () => {
    const s = aggregateOnlySnapshot(full, { k: 2 });
    expect(s.dataset).toMatchObject({ aggregateOnly: true, k: 2, customers: 3, netRevenue: 5_050_000, rowsRejected: 2 });
    expect(s.dataset.rejected.map((g) => [g.count, g.examples])).toEqual([[1, []], [1, []]]);
    expect(s.cohorts.rows).toEqual([{ cohort: '2024-01', ...SUPPRESSED_ROW }, { cohort: '2024-02', ...SUPPRESSED_ROW }]);
    // Every segment with customers has one: all three suppressed; the eight empty ones stay 0.
    const counts = s.segments!.counts;
    expect([counts.loyal, counts.hibernating, counts.lost]).toEqual([SUPPRESSED_SEGMENT, SUPPRESSED_SEGMENT, SUPPRESSED_SEGMENT]);
    expect(Object.values(counts).filter((c) => c!.customers === 0)).toHaveLength(8);
    // Each top share is one customer's: KH03's 2,750,000 of 5,050,000 = 0.544554.
    expect(full.historical!.concentration.topShares.map((t) => t.share)).toEqual([0.544554, 0.544554, 0.544554]);
    expect(s.historical!.concentration.topShares).toEqual([0.01, 0.1, 0.2].map((top) => ({ top, customers: 1, share: null, suppressed: true })));
    // Promoters (2) are shown at k = 2; the detractor (1) is not; no passive stays 0.
    expect(s.nps!.byGroup).toEqual({
      promoter: { customers: 2, revenue: 5_050_000, averageHistoricalClv: 2_525_000 },
      passive: { customers: 0, revenue: 0, averageHistoricalClv: null },
      detractor: { customers: null, revenue: null, averageHistoricalClv: null, suppressed: true },
    });
    expect(s.nps).toMatchObject({ answers: 5, promoters: 3, detractors: 1, score: 40 });
  });

  it('k = 5: both cohorts, all three segments and both NPS groups with customers are suppressed', () => {
    const s = aggregateOnlySnapshot(full, { k: 5 });
    expect(s.cohorts.rows.map((r) => r.customers)).toEqual([null, null]);
    expect(Object.values(s.segments!.counts).filter((c) => c!.customers === null)).toHaveLength(3);
    expect(s.nps!.byGroup.promoter).toEqual({ customers: null, revenue: null, averageHistoricalClv: null, suppressed: true });
    expect(s.nps!.byGroup.passive.customers).toBe(0);
  });

  it('k = 1 hides no group; the aggregates are the full snapshot’s', () => {
    const s = aggregateOnlySnapshot(full, { k: 1 });
    expect(s.cohorts).toEqual(full.cohorts);
    expect(s.segments).toEqual(full.segments);
    expect(s.nps).toEqual(full.nps);
  });

  it('keeps the totals, figures, models and forecast, and leaves the full snapshot as it was', () => {
    const before = copy(full);
    const s = aggregateOnlySnapshot(full);
    expect(full).toEqual(before);
    expect(s.dataset.k).toBe(5);
    expect(Object.keys(s)).toEqual(Object.keys(full));
    expect(s.settings).toEqual(full.settings);
    expect(s.models).toEqual(full.models);
    expect(s.forecast).toEqual(full.forecast);
    expect({ ...s.historical!, concentration: null }).toEqual({ ...full.historical!, concentration: null });
    expect(s.historical!.concentration.gini).toBe(0.363036);
  });

  it('drops the per-customer list, and keeps the larger k when made again', () => {
    const withList = { ...copy(full), customers: [{ id: 'KH01', firstDate: '2024-01-05', lastDate: '2024-04-02', purchases: 3, netRevenue: 2_300_000 }] };
    const s = aggregateOnlySnapshot(withList, { k: 2 });
    expect(s.customers).toBeUndefined();
    expect(aggregateOnlySnapshot(aggregateOnlySnapshot(full, { k: 5 }), { k: 2 })).toEqual(aggregateOnlySnapshot(full, { k: 5 }));
  });

  it('refuses a k that is not a whole number from 1 to 1000', () => {
    for (const k of [0, -1, 2.5, 1001, Number.NaN]) expect(() => aggregateOnlySnapshot(full, { k })).toThrow(`k must be a whole number from 1 to 1000, not ${k}`);
  });

  it('restores as it was written, with no notes, and the same text again', () => {
    for (const k of [1, 2, 5]) {
      const s = aggregateOnlySnapshot(full, { k });
      const text = JSON.stringify(s, null, 2);
      const r = restoreSnapshot(text);
      expect(r, `k = ${k}`).toEqual({ ok: true, snapshot: s, notes: [] });
      expect(r.ok && JSON.stringify(r.snapshot, null, 2)).toBe(text);
    }
  });

  it('keeps large cohorts: the CDNOW sample’s three monthly cohorts are all shown at k = 5', async () => {
    const cdnow = await analyze(CDNOW_SAMPLE);
    const s = aggregateOnlySnapshot(cdnow);
    expect(s.cohorts).toEqual(cdnow.cohorts);
    expect(s.cohorts.rows.map((r) => r.cohort)).toEqual(['1997-01', '1997-02', '1997-03']);
    expect(s.cohorts.rows.every((r) => (r.customers ?? 0) >= 5)).toBe(true);
    expect(restoreSnapshot(JSON.stringify(s))).toMatchObject({ ok: true, notes: [] });
  });
});

describe('which groups are suppressed', () => {
  it('groups under k, and the smallest shown one when only one is under k', () => {
    expect([...suppressedIndices([10, 3, 8], 5)].sort()).toEqual([1, 2]);
    expect([...suppressedIndices([10, 3, 2, 8], 5)].sort()).toEqual([1, 2]);
    // Empty groups describe nobody: neither suppressed nor chosen to go with one.
    expect([...suppressedIndices([0, 1, 0, 7, 9], 5)].sort()).toEqual([1, 3]);
    expect([...suppressedIndices([4], 5)]).toEqual([0]);
    expect([...suppressedIndices([5, 6], 5)]).toEqual([]);
    // Already suppressed (null) counts as suppressed.
    expect([...suppressedIndices([null, 9, 12], 5)].sort()).toEqual([0, 1]);
  });

  it('top shares: fewer than k customers, or fewer than k more than a smaller group shown', () => {
    const shares = (customers: number[]) => customers.map((c, i) => ({ top: [0.01, 0.1, 0.2][i], customers: c, share: 0.1 * (i + 1) }));
    expect(topSharesOnly(shares([1, 10, 20]), 5).map((t) => t.share)).toEqual([null, 0.2, 0.30000000000000004]);
    // 8 customers is 2 more than the 6 shown: their share would be the difference.
    expect(topSharesOnly(shares([6, 8, 20]), 5).map((t) => t.share)).toEqual([0.1, null, 0.30000000000000004]);
    expect(topSharesOnly(shares([5, 5, 10]), 5).map((t) => t.share)).toEqual([0.1, 0.2, 0.30000000000000004]);
  });
});

describe('shareSummary', () => {
  it('says what the aggregate-only file holds and leaves out, in words', () => {
    const summary = shareSummary(aggregateOnlySnapshot(full, { k: 5 }));
    expect(summary).toMatchObject({ aggregateOnly: true, k: 5, suppressed: { cohorts: 2, segments: 3, topShares: 3, npsGroups: 2 } });
    expect(summary.inside.map((n) => n.text)).toEqual([
      "The dataset's totals: 3 customers from 9 rows, net revenue, first and last date.",
      'The file\'s name: "don-hang.csv".',
      'Why 2 rows were rejected, in words only.',
      'The historical figures, how revenue is spread over customers, and the formulas with their inputs.',
      '0 of 2 monthly cohorts, by customers still buying and revenue.',
      'The fitted models: BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma.',
      "The forecast's totals over 12 months.",
      "The customer segments' rules, and the customers and revenue of 0 of 3 segments with customers.",
      'The NPS from 5 survey answers.',
    ]);
    expect(summary.leftOut.map((n) => n.text)).toEqual([
      'Customer ids and rows for single customers: the file has none.',
      "The rejected rows' lines from the file (they hold customer ids).",
      '2 cohorts of fewer than 5 customers, or that the totals would give away.',
      '3 segments of fewer than 5 customers, or that the totals would give away.',
      'The revenue share of 3 top-customer groups that would describe fewer than 5 customers.',
      'The value of 2 NPS groups of fewer than 5 customers.',
    ]);
    expect(summary.cautions).toEqual([{ code: 'small-dataset', text: 'The whole dataset has 3 customers, fewer than 5: its totals describe fewer than 5 people.', vars: { customers: 3, k: 5 } }]);
  });

  it('warns that a full snapshot quotes the file, and says what a snapshot without models or survey lacks', async () => {
    const summary = shareSummary(full);
    expect(summary).toMatchObject({ aggregateOnly: false, k: null, suppressed: { cohorts: 0, segments: 0, topShares: 0, npsGroups: 0 } });
    expect(summary.inside.map((n) => n.code)).toContain('rejected-examples');
    expect(summary.cautions.map((n) => n.code)).toEqual(['full-backup']);
    const bare = await analyze(DON_HANG, '--observation-end', '2020-01-01');
    expect(shareSummary(aggregateOnlySnapshot(bare)).leftOut.map((n) => n.code).slice(0, 2)).toEqual(['no-forecast', 'no-nps']);
  });
});

describe('revenue of cohort periods with fewer than k buyers', () => {
  /**
   * don-hang.csv's three customers as one January cohort, edited by hand (the file's last date is in April, so four
   * months): 3 bought in January for 1,000,000, 1 in February for 500,000, none in March but a refund of 50,000,
   * 2 in April for 3,600,000.
   */
  function oneCohort(march: number): SnapshotV1 {
    const s = copy(full);
    s.cohorts.rows = [{ cohort: '2024-01', customers: 3, active: [3, 1, 0, 2], revenue: [1_000_000, 500_000, march, 3_600_000] }];
    return s;
  }

  it('k = 2: February (1 buyer) and March (a refund, no buyer) lose their revenue, their counts stay; it restores', () => {
    const s = aggregateOnlySnapshot(oneCohort(-50_000), { k: 2 });
    expect(s.cohorts.rows).toEqual([{ cohort: '2024-01', customers: 3, active: [3, 1, 0, 2], revenue: [1_000_000, null, null, 3_600_000] }]);
    expect(restoreSnapshot(JSON.stringify(s))).toMatchObject({ ok: true });
    expect(shareSummary(s).leftOut.find((n) => n.code === 'cohort-cells-suppressed')).toEqual({
      code: 'cohort-cells-suppressed', text: 'The revenue of 2 cohort periods with fewer than 2 buying customers (how many bought is shown).', vars: { count: 2, k: 2 },
    });
    expect(shareSummary(s).suppressed.cohortCells).toBe(2);
  });

  it('k = 2 without the refund: February alone would follow from the net revenue, so April (2 buyers, fewer than January) goes too', () => {
    const s = aggregateOnlySnapshot(oneCohort(0), { k: 2 });
    expect(s.cohorts.rows[0].revenue).toEqual([1_000_000, null, 0, null]);
    expect(restoreSnapshot(JSON.stringify(s))).toMatchObject({ ok: true });
  });

  it('k = 3: every period after January has fewer than 3 buyers', () => {
    expect(aggregateOnlySnapshot(oneCohort(-50_000), { k: 3 }).cohorts.rows[0].revenue).toEqual([1_000_000, null, null, null]);
  });

  it('restore refuses a revenue of too few buyers, a lone suppressed revenue, and a suppressed revenue in a full snapshot', () => {
    const shown = aggregateOnlySnapshot(oneCohort(-50_000), { k: 2 });
    shown.cohorts.rows[0].revenue![1] = 500_000;
    expect(restoreSnapshot(JSON.stringify(shown))).toMatchObject({ ok: false, notice: { code: 'aggregate-small-cell', vars: { path: 'cohorts.rows[0].revenue[1]', customers: 1, k: 2 } } });
    const lone = aggregateOnlySnapshot(oneCohort(0), { k: 2 });
    lone.cohorts.rows[0].revenue![3] = 3_600_000;
    expect(restoreSnapshot(JSON.stringify(lone))).toMatchObject({ ok: false, notice: { code: 'aggregate-lone-suppressed', vars: { path: 'cohorts.rows[0].revenue[1]' } } });
    const backup = oneCohort(0);
    backup.cohorts.rows[0].revenue![1] = null;
    expect(restoreSnapshot(JSON.stringify(backup))).toMatchObject({ ok: false, notice: { code: 'aggregate-suppressed-in-full', vars: { path: 'cohorts.rows[0].revenue[1]' } } });
  });
});

describe('aggregate-only snapshots of the platform exports', () => {
  const platforms = fileURLToPath(new URL('../../fixtures/platforms/', import.meta.url));
  it.each(readdirSync(platforms).filter((f) => f.endsWith('.csv')))('%s: restores, and holds no email address or quoted line of the file', async (name) => {
    const path = join(platforms, name);
    const text = readFileSync(path, 'utf8');
    const emails = [...new Set(text.match(/[\w.+-]+@[\w-]+\.[\w.]+/g) ?? [])];
    const s = aggregateOnlySnapshot(await analyze(path, '--segments'));
    const json = JSON.stringify(s);
    for (const email of emails) expect(json).not.toContain(email);
    expect(s.dataset.rejected.every((g) => g.examples.length === 0)).toBe(true);
    expect(restoreSnapshot(json)).toMatchObject({ ok: true, notes: [] });
  });
});
