/**
 * `npm run analyze` on a per-customer summary file: Online Retail's own summary (written by the app as a summary
 * file) gives the snapshot parts the orders file gives, as far as a summary allows: the same models to the snapshot's
 * 8 digits, the same forecast totals, the same historical counts and ratios; `dataset.source` says it is a summary,
 * and the app's own restore opens it again.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDayRange } from '../../../src/core/figures';
import { summaryOfOrders } from '../../../src/core/figures/summary-of-orders';
import { summaryCsv } from '../../../src/core/export/summary-csv';
import { restoreSnapshot, type SnapshotV1 } from '../../../src/core/snapshot';
import { UsageError } from '../../../src/cli/analyze';
import { loadOnlineRetail } from '../../fixtures/figures/real-data';
import { analyze } from '../snapshot/fixtures';
import { tempDir } from '../../support/temp-dir';

const ORDERS = fileURLToPath(new URL('../../../../shared/data/online_retail/online_retail.csv.gz', import.meta.url));

const dir = tempDir('clv-summary-', afterAll);

describe('analyze: a summary file', () => {
  let fromOrders: SnapshotV1;
  let fromSummary: SnapshotV1;
  let file: string;

  beforeAll(async () => {
    const { table } = loadOnlineRetail();
    file = join(dir(), 'online_retail_summary.csv');
    writeFileSync(file, summaryCsv(summaryOfOrders(table, tableDayRange(table)!.max)));
    [fromOrders, fromSummary] = [await analyze(ORDERS), await analyze(file)];
  }, 120_000);

  it('fits the same models and forecasts the same totals as the orders file', () => {
    expect(fromSummary.models).toEqual(fromOrders.models);
    expect(fromSummary.forecast!.model).toBe('bgnbd');
    const a = fromSummary.forecast!;
    const b = fromOrders.forecast!;
    expect(a.expectedPurchases!).toBeCloseTo(b.expectedPurchases!, 4);
    expect(a.meanProbabilityAlive!).toBeCloseTo(b.meanProbabilityAlive!, 9);
    expect(a.clv).toEqual(b.clv);
    expect([a.horizonDays, a.reliable, a.cautions]).toEqual([b.horizonDays, b.reliable, b.cautions]);
    expect(fromSummary.settings).toEqual(fromOrders.settings);
  });

  it('writes the history a summary allows: the same counts and ratios, refunds unknown, no cohorts, no owner formulas', () => {
    const h = fromSummary.historical!;
    const o = fromOrders.historical!;
    for (const key of ['customers', 'purchases', 'orders', 'ordersCountedBy', 'averageOrderValue', 'purchaseFrequency', 'repeatCustomerRate', 'lifespanDays', 'firstPurchaseDate', 'lastPurchaseDate'] as const) expect(h[key], key).toEqual(o[key]);
    expect(h.grossRevenue).toBe(o.grossRevenue);
    expect(h.refundTotal).toBeNull();
    expect(h.formulas).toEqual([]);
    expect(fromSummary.cohorts).toEqual({ period: 'month', rows: [] });
    expect(fromSummary.dataset).toMatchObject({ source: 'summary', customers: 4339, rowsRead: 4339, rowsRejected: 0, refunds: 0, lastDate: '2011-12-09', firstDate: '2010-12-01' });
    expect(fromOrders.dataset.source).toBeUndefined();
  });

  it('is opened again by the app’s restore, source and all', () => {
    const restored = restoreSnapshot(JSON.stringify(fromSummary));
    expect(restored).toMatchObject({ ok: true, notes: [] });
    expect(restored.ok && restored.snapshot.dataset.source).toBe('summary');
    // A summary has one row per customer: a document that says otherwise is refused.
    const tampered = JSON.parse(JSON.stringify(fromSummary)) as SnapshotV1;
    tampered.dataset.customers = 4000;
    tampered.historical!.customers = 4000;
    expect(restoreSnapshot(JSON.stringify(tampered))).toMatchObject({ ok: false, notice: { code: 'summary-counts' } });
    // Without `source`, the same document breaks the orders file's rules (more purchases than rows).
    const unmarked = JSON.parse(JSON.stringify(fromSummary)) as SnapshotV1;
    delete unmarked.dataset.source;
    expect(restoreSnapshot(JSON.stringify(unmarked))).toMatchObject({ ok: false, notice: { code: 'over-accepted-rows' } });
  });

  it('writes an aggregate-only snapshot of a summary that restore opens, with no customer id in it', async () => {
    const shared = await analyze(file, '--aggregate-only');
    expect(shared.dataset).toMatchObject({ source: 'summary', aggregateOnly: true, k: 5 });
    expect(JSON.stringify(shared)).not.toMatch(/"12346"|,12346,/);
    expect(restoreSnapshot(JSON.stringify(shared))).toMatchObject({ ok: true, notes: [] });
  });

  it('refuses the options that need dated orders, in one sentence', async () => {
    await expect(analyze(file, '--segments')).rejects.toThrow(UsageError);
    await expect(analyze(file, '--segments')).rejects.toThrow(/--segments: not available for a per-customer summary file/);
  });
});

describe('analyze: a summary file with its cohort table (--cohort-table)', () => {
  const hand = fileURLToPath(new URL('../../fixtures/summary/hand-summary.csv', import.meta.url));
  const handCohorts = fileURLToPath(new URL('../../fixtures/summary/hand-cohorts.csv', import.meta.url));

  it('writes the table’s monthly cohorts (hand figures: tests/fixtures/summary/README.md), and the snapshot opens again', async () => {
    const snapshot = await analyze(hand, '--cohort-table', handCohorts);
    expect(snapshot.cohorts).toEqual({
      period: 'month',
      rows: [
        { cohort: '2024-01', customers: 4, active: [4, 2, 2], revenue: [150, 60, 90] },
        { cohort: '2024-02', customers: 2, active: [2, 1], revenue: [90, -5] },
        { cohort: '2024-03', customers: 2, active: [2], revenue: [215] },
      ],
    });
    expect(restoreSnapshot(JSON.stringify(snapshot))).toMatchObject({ ok: true });
    // Without the table, a summary's cohorts are empty, as before.
    expect((await analyze(hand)).cohorts.rows).toEqual([]);
  });

  it('refuses it for an orders file, and a file that is not a cohort table, each in one sentence', async () => {
    await expect(analyze(ORDERS, '--cohort-table', handCohorts)).rejects.toThrow('--cohort-table: only for a per-customer summary file');
    await expect(analyze(hand, '--cohort-table', hand)).rejects.toThrow('This file is not the cohort table: it lacks the column(s) cohort_year, cohort_month, period, customers, active');
  });
});
