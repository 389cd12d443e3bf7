/**
 * A per-customer summary file (docs/warehouse.md) through the compute worker's API: stored as a dataset of kind
 * 'summary' with every row accounted for, read back after the worker restarts, and fitted exactly as the engine fits
 * the file itself; an orders dataset is unaffected. Hand figures: tests/fixtures/summary/README.md.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeHarness, importText } from '../../support/compute-harness';
import { createContext } from '../../../workers/context';
import { summaryOf } from '../../../workers/derived';
import { SHARED_DATA } from '../forecast/reference-files';
import { FIRST_VIEW } from '../../../src/core/figures/customer-table';

const harness = computeHarness();
afterAll(() => harness.close());
const hand = readFileSync(new URL('../../fixtures/summary/hand-summary.csv', import.meta.url));
const handCohorts = readFileSync(new URL('../../fixtures/summary/hand-cohorts.csv', import.meta.url));
const file = (bytes: Buffer, name: string) => new File([new Uint8Array(bytes)], name, { type: 'text/csv' });

describe('a summary file imported by the worker', () => {
  it('is stored as a summary dataset: rows read = accepted + rejected, with reasons and lines, and the hand figures', async () => {
    const outcome = await harness.api.runSummaryImport(file(hand, 'hand-summary.csv'));
    if (!outcome.ok) throw new Error(outcome.message);
    expect([outcome.report.rowsRead, outcome.report.rowsAccepted, outcome.report.rowsRejected]).toEqual([10, 8, 2]);
    expect(outcome.report.rejected.map((g) => [g.code, g.examples.map((e) => e.line)])).toEqual([
      ['summary-bad-date', [10]],
      ['summary-duplicate-customer', [11]],
    ]);
    const record = (await harness.context.db.datasets.get(outcome.datasetId))!;
    expect(record.kind).toBe('summary');
    expect(record.chunkCount).toBe(0);
    expect(record.figures).toEqual({ customers: 8, purchases: 17, refunds: 0, grossRevenue: 600, refundTotal: 0, netRevenue: 600, firstDate: '2024-01-01', lastDate: '2024-03-31' });
    // Its columns apart from its record (the dataset list reads records whole).
    expect(record).not.toHaveProperty('summary');
    const stored = (await harness.context.db.summaries.get(outcome.datasetId))!.summary;
    expect(stored.customerIds).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8']);
    expect(Array.from(stored.T)).toEqual([90, 81, 59, 86, 30, 45, 71, 11]);
    // The History's CLV distribution and customer table: every customer once, the revenue in all 600. The table stays
    // in the worker; the page asks for the rows it draws.
    const history = (await harness.api.summaryHistory(outcome.datasetId))!;
    expect(history.customers).toEqual({ dated: true, count: 8 });
    expect(history.distribution!.linear.counts.reduce((a, b) => a + b, 0)).toBe(8);
    const rows = await harness.api.customerRows(outcome.datasetId, FIRST_VIEW, 0, 60);
    expect([rows.total, rows.shown, rows.ids.length]).toEqual([8, 8, 8]);
    expect(Array.from(rows.netRevenue).reduce((a, b) => a + b, 0)).toBe(600);
    // Largest first, and asked again (computed once, kept while the dataset is open), the same.
    expect(Array.from(rows.netRevenue)).toEqual(Array.from(rows.netRevenue).sort((a, b) => b - a));
    expect(await harness.api.customerRows(outcome.datasetId, FIRST_VIEW, 0, 60)).toEqual(rows);
    expect((await harness.api.customerRows(outcome.datasetId, { query: '', column: 'id', ascending: true }, 0, 60)).ids).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8']);
    // The CSV has no profit column: a summary has no costs.
    expect((await (await harness.api.customerCsv(outcome.datasetId, FIRST_VIEW)).text()).split('\r\n')[0]).toBe('customer,first_purchase,last_purchase,orders,purchase_days,net_revenue');
  });

  it('is saved with its import job, so that a tab closed during it finds the import finished, not interrupted', async () => {
    const outcome = await harness.api.runSummaryImport(file(hand, 'noted.csv'), 'job-summary-1');
    if (!outcome.ok) throw new Error(outcome.message);
    expect((await harness.context.db.datasets.get(outcome.datasetId))!.importJob).toBe('job-summary-1');
    expect(await harness.api.leftovers(['job-summary-1'])).toMatchObject({ finished: ['job-summary-1'], datasets: 0 });
  });

  it('is read back by a new worker as the models’ input, in days and in weeks', async () => {
    const outcome = await harness.api.runSummaryImport(file(hand, 'again.csv'));
    if (!outcome.ok) throw new Error(outcome.message);
    const fresh = createContext(harness.dbName);
    try {
      const days = await summaryOf(fresh.tables, outcome.datasetId, 'day', null);
      expect(days.observationEnd).toBe('2024-03-31');
      expect(days.ids).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8']);
      expect(Array.from(days.summary.recency)).toEqual([0, 60, 0, 85, 14, 0, 31, 0]);
      expect(Array.from(days.summary.monetary)).toEqual([0, 30, 0, 25, 40, 0, 70, 0]);
      const weeks = await summaryOf(fresh.tables, outcome.datasetId, 'week', null);
      expect(weeks.summary.T[0]).toBeCloseTo(90 / 7, 12);
    } finally {
      fresh.db.close();
    }
  });

  it('fits lifetimes’ CDNOW summary (ID, x, t_x, T, zbar; weeks) to the published BG/NBD 0.243, 4.414, 0.793, 2.426', async () => {
    const bytes = readFileSync(resolve(SHARED_DATA, 'cdnow/cdnow_customers_summary_with_transactions.csv'));
    const outcome = await harness.api.runSummaryImport(file(bytes, 'cdnow_customers_summary_with_transactions.csv'));
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.report.rowsAccepted).toBe(2357);
    // The file is in weeks: read in its own unit (the app's 'day' is the file's unit, not divided).
    const fit = await harness.api.compareModel(outcome.datasetId, { timeUnit: 'day', observationEnd: null }, 'bgnbd', 'fit-1');
    const { r, alpha, a, b } = fit.params as Record<string, number>;
    expect([r, alpha, a, b].map((v) => Number(v.toFixed(3)))).toEqual([0.243, 4.414, 0.793, 2.426]);
  });

  it('is segmented from its recency, purchase days and revenue, as of its observation end', async () => {
    const outcome = await harness.api.runSummaryImport(file(hand, 'segments.csv'));
    if (!outcome.ok) throw new Error(outcome.message);
    const fresh = createContext(harness.dbName);
    try {
      const { segmentsOf } = await import('../../../workers/segments-of');
      const { report } = await segmentsOf(fresh, outcome.datasetId, null);
      expect(report.customers).toBe(8);
      expect(report.revenue).toBe(600);
      // Days since the last purchase at 2024-03-31: T − tₓ.
      expect(Array.from(report.input.recencyDays)).toEqual([90, 21, 59, 1, 16, 45, 40, 11]);
      expect(Array.from(report.input.frequency)).toEqual([1, 3, 1, 5, 2, 1, 2, 1]);
      expect(report.rows.reduce((n, r) => n + r.customers, 0)).toBe(8);
      const members = await fresh.tables.table(outcome.datasetId);
      expect(members.customerIds).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8']);
    } finally {
      fresh.db.close();
    }
  });

  it('exports a snapshot marked dataset.source "summary" whose figures are those `npm run analyze` writes for the file', async () => {
    const outcome = await harness.api.runSummaryImport(file(hand, 'hand-summary.csv'));
    if (!outcome.ok) throw new Error(outcome.message);
    const snapshot = await harness.api.snapshot(outcome.datasetId, { aggregateOnly: false });
    expect(snapshot.dataset.source).toBe('summary');
    const { analyzeSummaryFile } = await import('../../../src/cli/analyze-summary');
    const { sniffSummary } = await import('../../../src/core/import/summary-file');
    const cli = await analyzeSummaryFile('hand-summary.csv', sniffSummary(hand, hand.length)!, (async function* () { yield new Uint8Array(hand); })(), { timeUnit: 'week', horizonDays: null, model: null }, 'test');
    expect(snapshot.historical).toEqual(cli.historical);
    expect(snapshot.historical!.averageOrderValue).toBe(Number((600 / 17).toFixed(6)));
    expect(snapshot.historical!.refundTotal).toBeNull();
    expect(snapshot.cohorts.rows).toEqual([]);
    const { rowsRead, rowsAccepted, rowsRejected, customers } = snapshot.dataset as unknown as Record<string, number>;
    expect({ rowsRead, rowsAccepted, rowsRejected, customers }).toEqual({ rowsRead: cli.dataset.rowsRead, rowsAccepted: cli.dataset.rowsAccepted, rowsRejected: cli.dataset.rowsRejected, customers: (cli.dataset as unknown as Record<string, number>).customers });
  });

  it('leaves an orders dataset as it was: its forecast input still comes from its orders', async () => {
    const id = await importText(harness.api, 'orders.csv', 'customer,date,amount\nA,2024-01-01,10\nA,2024-01-08,20\nB,2024-01-03,5\n');
    expect((await harness.context.db.datasets.get(id))!.kind).toBeUndefined();
    const input = await summaryOf(harness.context.tables, id, 'day', null);
    expect(input.observationEnd).toBe('2024-01-08');
    expect(Array.from(input.summary.frequency)).toEqual([1, 0]);
    expect(Array.from(input.summary.T)).toEqual([7, 5]);
  });
});

describe('a cohort table added to a summary dataset', () => {
  const expected = [
    { cohort: '2024-01', customers: 4, active: [4, 2, 2], revenue: [150, 60, 90] },
    { cohort: '2024-02', customers: 2, active: [2, 1], revenue: [90, -5] },
    { cohort: '2024-03', customers: 2, active: [2], revenue: [215] },
  ];

  it('gives the summary its monthly cohorts (hand figures), kept after the worker restarts, in its snapshot, and removable', async () => {
    const outcome = await harness.api.runSummaryImport(file(hand, 'with-cohorts.csv'));
    if (!outcome.ok) throw new Error(outcome.message);
    expect((await harness.api.cohorts(outcome.datasetId, 'month')).rows).toEqual([]);
    const added = await harness.api.addCohortTable(outcome.datasetId, file(handCohorts, 'hand-cohorts.csv'));
    if (!added.ok) throw new Error(added.message);
    expect([added.report.rowsRead, added.report.rowsAccepted, added.report.rowsRejected]).toEqual([7, 6, 1]);
    expect(added.report.rejected.map((g) => [g.code, g.examples.map((e) => e.line)])).toEqual([['cohort-after-end', [8]]]);
    expect([added.customers, added.summaryCustomers, added.cohorts]).toEqual([8, 8, 3]);
    const monthly = await harness.api.cohorts(outcome.datasetId, 'month');
    expect(monthly.rows).toEqual(expected);
    expect(monthly.lastPeriod).toEqual({ days: 31, length: 31 });
    // Weeks and quarters need each customer's dated orders: none.
    expect((await harness.api.cohorts(outcome.datasetId, 'quarter')).rows).toEqual([]);
    const fresh = createContext(harness.dbName);
    try {
      const { cohortsOf } = await import('../../../workers/derived');
      expect((await cohortsOf(fresh.tables, outcome.datasetId, 'month')).rows).toEqual(expected);
    } finally {
      fresh.db.close();
    }
    const snapshot = await harness.api.snapshot(outcome.datasetId, { aggregateOnly: false });
    expect(snapshot.cohorts.rows.map((r) => [r.cohort, r.customers, r.active])).toEqual(expected.map((r) => [r.cohort, r.customers, r.active]));
    // The snapshot opens again (validated against its own rules: cohort sizes, active counts, the summary's counts).
    const { restoreSnapshot } = await import('../../../src/core/snapshot/restore');
    const restored = restoreSnapshot(JSON.stringify({ ...snapshot, dataset: { ...snapshot.dataset, name: "with-cohorts.csv" } }));
    if (!restored.ok) throw new Error(JSON.stringify(restored));
    expect(restored.snapshot.cohorts.rows.length).toBe(3);
    await harness.api.removeCohortTable(outcome.datasetId);
    expect((await harness.api.cohorts(outcome.datasetId, 'month')).rows).toEqual([]);
  });

  it('is refused for an orders dataset, and a file that is not one is refused in one sentence', async () => {
    const ordersId = await importText(harness.api, 'orders.csv', 'customer,date,amount\nA,2024-01-05,10\nB,2024-02-01,20\n');
    const refused = await harness.api.addCohortTable(ordersId, file(handCohorts, 'hand-cohorts.csv'));
    expect(refused).toMatchObject({ ok: false, code: 'cohort-table-no-summary' });
    const outcome = await harness.api.runSummaryImport(file(hand, 'wrong-file.csv'));
    if (!outcome.ok) throw new Error(outcome.message);
    const wrong = await harness.api.addCohortTable(outcome.datasetId, file(hand, 'hand-summary.csv'));
    expect(wrong).toMatchObject({ ok: false, code: 'cohort-table-columns', vars: { columns: 'cohort_year, cohort_month, period, customers, active' } });
    expect((await harness.api.cohorts(outcome.datasetId, 'month')).rows).toEqual([]);
  });
});
