import 'fake-indexeddb/auto';
/**
 * The snapshot the worker assembles from what it holds, checked against figures worked out by hand (not against the
 * code that made them), and against the model fits it may carry.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PREDICTION_SETTINGS, type ForecastRequest } from '../../../src/core/forecast';
import { datasetFiguresOf, openSnapshotFile, restoreSnapshot, snapshotViews } from '../../../src/core/snapshot';
import { shareSummary } from '../../../src/core/snapshot/share-summary';
import { computeHarness, importText } from '../../support/compute-harness';
import { SHARED_DATA } from '../forecast/reference-files';

const harness = computeHarness();
const { api } = harness;
afterAll(() => harness.close());

/**
 * Three customers. A: 100 on 5 Jan, 50 on 10 Feb. B: 30 on 20 Jan. C: 80 on 3 Feb with 20 refunded that day, 40 on
 * 15 Mar 2024.
 */
const SHOP = ['customer,date,amount', 'A,2024-01-05,100', 'A,2024-02-10,50', 'B,2024-01-20,30', 'C,2024-02-03,80', 'C,2024-02-03,-20', 'C,2024-03-15,40'].join('\n');

describe('the snapshot of a stored dataset', () => {
  it('has the figures worked out by hand, and the margin the owner set for the dataset', async () => {
    const id = await importText(api, 'shop.csv', SHOP);
    let snap = await api.snapshot(id, { aggregateOnly: false });
    // Rows with a positive amount are purchases (5), the negative one a refund; net = 300 − 20.
    expect(snap.dataset).toMatchObject({ rowsRead: 6, rowsAccepted: 6, rowsRejected: 0, customers: 3, purchases: 5, refunds: 1, netRevenue: 280, firstDate: '2024-01-05', lastDate: '2024-03-15' });
    // Orders are purchase days: A 2, B 1, C 2 = 5. AOV = gross 300 / 5; frequency 5 / 3; A and C came back: 2 / 3.
    // Lifespans: A 36 days (5 Jan → 10 Feb), B 0, C 41 (3 Feb → 15 Mar 2024, a leap year): mean 77 / 3, median 36.
    // Net per customer: A 150, B 30, C 100: mean 280 / 3, median 100.
    expect(snap.historical).toMatchObject({
      customers: 3, orders: 5, grossRevenue: 300, refundTotal: 20, netRevenue: 280, averageOrderValue: 60,
      purchaseFrequency: 1.666667, repeatCustomerRate: 0.666667, lifespanDays: { mean: 25.666667, median: 36 },
      firstPurchaseDate: '2024-01-05', lastPurchaseDate: '2024-03-15',
      clv: { revenueMean: 93.333333, revenueMedian: 100, profitMean: null, profitMedian: null },
    });
    // January cohort (A, B): both in January, A again in February. February cohort (C): February and March.
    expect(snap.cohorts).toEqual({
      period: 'month',
      rows: [
        { cohort: '2024-01', customers: 2, active: [2, 1, 0], revenue: [130, 50, 0] },
        { cohort: '2024-02', customers: 1, active: [1, 1], revenue: [60, 40] },
      ],
    });
    // The one margin setting: 40% of each customer's net revenue (60, 12, 40).
    await api.updateDatasetSettings(id, { marginPercent: 40 });
    snap = await api.snapshot(id, { aggregateOnly: false });
    expect(snap.historical).toMatchObject({ clv: { profitMean: 37.333333, profitMedian: 40 }, margin: { source: 'margin-percent', rate: 0.4 } });
    expect(snap.models).toBeUndefined();
    expect(snap.forecast).toBeUndefined();
  });

  it('is aggregate-only with k = 5 unless asked for the full backup, and says what it holds', async () => {
    const id = await importText(api, 'shop2.csv', SHOP);
    const full = await api.snapshot(id, { aggregateOnly: false });
    expect(full.dataset.aggregateOnly).toBeUndefined();
    // The default: January's cohort (A, B) and February's (C) are both under 5 customers.
    const shared = await api.snapshot(id);
    expect(shared.dataset).toMatchObject({ aggregateOnly: true, k: 5, customers: 3, netRevenue: 280 });
    expect(shared.cohorts.rows).toEqual([
      { cohort: '2024-01', customers: null, active: null, revenue: null, suppressed: true },
      { cohort: '2024-02', customers: null, active: null, revenue: null, suppressed: true },
    ]);
    // k = 2: February (1 customer) is suppressed, and January with it, or 3 − 2 would give February back.
    expect((await api.snapshot(id, { aggregateOnly: true, k: 2 })).cohorts.rows.map((r) => r.customers)).toEqual([null, null]);
    // k = 1 suppresses nothing; the figures are the full snapshot's.
    const one = await api.snapshot(id, { aggregateOnly: true, k: 1 });
    expect(one.cohorts).toEqual(full.cohorts);
    const summary = shareSummary(await api.snapshot(id));
    expect(summary).toMatchObject({ aggregateOnly: true, k: 5, suppressed: { cohorts: 2, segments: 3, topShares: 3, npsGroups: 0 } });
    expect(summary.cautions.map((c) => c.code)).toEqual(['small-dataset']);
    await expect(api.snapshot(id, { aggregateOnly: true, k: 0 })).rejects.toThrow('k must be a whole number from 1 to 1000, not 0');
  });

  it('a full snapshot, saved and opened again, gives back the stored dataset figures and every part the views use', async () => {
    const id = await importText(api, 'shop3.csv', SHOP);
    const backup = await api.snapshot(id, { aggregateOnly: false });
    const r = restoreSnapshot(JSON.stringify(backup, null, 2));
    expect(r).toEqual({ ok: true, snapshot: backup, notes: [] });
    if (!r.ok) return;
    const stored = await harness.context.db.datasets.get(id);
    expect(datasetFiguresOf(r.snapshot)).toEqual(stored!.figures);
    // Five rows with amounts >= 0 (no order id: each row a line), 300 before the refund of 20.
    expect(datasetFiguresOf(r.snapshot)).toEqual({ customers: 3, purchases: 5, lineItems: 5, refunds: 1, grossRevenue: 300, refundTotal: 20, netRevenue: 280, firstDate: '2024-01-05', lastDate: '2024-03-15' });
    expect(snapshotViews(r.snapshot)).toEqual({ figures: true, historical: true, cohorts: true, models: false, forecast: false, segments: true, nps: false, subscriptions: false, customers: false });
    // Opened as a file, as the page will: the same snapshot.
    expect(await openSnapshotFile(new File([JSON.stringify(backup)], 'shop.clv.json'))).toEqual({ ok: true, snapshot: backup, notes: [] });
    // The shared one holds no cohort to draw (both under 5 customers).
    const shared = restoreSnapshot(JSON.stringify(await api.snapshot(id)));
    expect(shared.ok && snapshotViews(shared.snapshot).cohorts).toBe(false);
  });

  it('opens a file refused from its size without reading it, and a broken one with its sentence', async () => {
    // A Blob that says it is 100 MB and fails if read.
    const huge = { size: 100 * 1024 * 1024, text: () => Promise.reject(new Error('read')) } as unknown as Blob;
    const opened = openSnapshotFile(huge);
    await expect(opened).resolves.toMatchObject({ ok: false, problem: 'The file is larger than 20 MB, the most a snapshot may be.' });
    expect(await openSnapshotFile(new File(['{"format":"clv-snapshot","version":1'], 'cut.clv.json'))).toMatchObject({ ok: false, problem: 'The file is not a snapshot: it is not valid JSON, or it was cut short.' });
  });

  it('carries only model fits made in the forecast\'s own time unit (parameters are in that unit)', async () => {
    const text = readFileSync(resolve(SHARED_DATA, 'cdnow/CDNOW_sample.txt'), 'utf8');
    const id = await importText(api, 'cdnow.txt', text);
    const { margin: _m, ...defaults } = DEFAULT_PREDICTION_SETTINGS;
    const weeks: ForecastRequest = { ...defaults, timeUnit: 'week' };
    const days: ForecastRequest = { ...defaults, timeUnit: 'day' };
    const weekly = await Promise.all((['bgnbd', 'mbgnbd', 'paretoNbd'] as const).map((m) => api.compareModel(id, weeks, m, `w-${m}`)));
    const daily = await api.forecast(id, days, 'f-day');
    let snap = await api.snapshot(id);
    expect(snap.settings.timeUnit).toBe('day');
    expect(Object.keys(snap.models!).sort()).toEqual(['bgnbd', 'gammaGamma']);
    expect((snap.models!.bgnbd as { alpha: number }).alpha).toBeCloseTo(daily.forecast.fit.params.alpha, 4);
    // The weekly α is about a seventh of the daily one: had it been carried, the numbers would be off by 7×.
    const weeklyAlpha = weekly[0].params.alpha;
    expect(daily.forecast.fit.params.alpha / weeklyAlpha).toBeGreaterThan(6.5);
    expect(daily.forecast.fit.params.alpha / weeklyAlpha).toBeLessThan(7.5);
    // Compared in days too: all three are carried, each in days.
    await Promise.all((['bgnbd', 'mbgnbd', 'paretoNbd'] as const).map((m) => api.compareModel(id, days, m, `d-${m}`)));
    snap = await api.snapshot(id);
    expect(Object.keys(snap.models!).sort()).toEqual(['bgnbd', 'gammaGamma', 'mbgnbd', 'paretoNbd']);
    expect((snap.models!.bgnbd as { alpha: number }).alpha).toBeCloseTo(daily.forecast.fit.params.alpha, 4);
  });
});
