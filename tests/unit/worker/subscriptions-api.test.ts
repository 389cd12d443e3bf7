/**
 * Subscriptions through the worker's API: a billing export imported as the page imports it keeps its billing rows
 * with the dataset; the tab's figures are the hand-computed ones of tests/unit/subscriptions/report.test.ts; the
 * LTV follows the window and the dataset's margin; the app's snapshot carries the same part as `npm run analyze`;
 * deleting the dataset deletes the rows.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { computeHarness, importText } from '../../support/compute-harness';
import { analyze } from '../snapshot/fixtures';
import { fileURLToPath } from 'node:url';

const harness = computeHarness();
const { api } = harness;
afterAll(() => harness.close());

const PATH = fileURLToPath(new URL('../../fixtures/subscriptions/billing-invoices.csv', import.meta.url));
const text = readFileSync(PATH, 'utf8');

describe('subscriptions through the worker', () => {
  it('marks the dataset as billing and answers the tab’s figures', async () => {
    const id = await importText(api, 'billing-invoices.csv', text);
    const entry = (await api.listDatasets()).find((d) => d.id === id)!;
    expect(entry.billing).toBe('payments');
    const view = (await api.subscriptions(id, { ltvWindow: 6 }))!;
    expect(view.months.map((m) => m.mrr)).toEqual([220, 310, 370, 320, 200, 225]);
    expect([view.retention.nrr, view.retention.grr, view.dunning.failedPayments, view.dunning.recovered]).toEqual([225 / 220, 200 / 220, 2, 1]);
    expect([view.ltv.value, view.margin]).toEqual([420, null]);
    // 3 months at a 60% margin: 45 × 0.6 ÷ (2/17).
    await api.updateDatasetSettings(id, { marginPercent: 60 });
    const three = (await api.subscriptions(id, { ltvWindow: 3 }))!;
    expect([three.ltv.value, three.ltv.margin, three.margin]).toEqual([(45 * 0.6 * 17) / 2, 0.6, 60]);
    // Another window on the figures held: June alone has no churn; back to 6 months, 420 at 60%.
    const one = (await api.subscriptions(id, { ltvWindow: 1 }))!;
    expect([one.ltv.status, one.ltv.value, one.months.at(-1)!.mrr]).toEqual(['no-churn', null, 225]);
    expect((await api.subscriptions(id, { ltvWindow: 6 }))!.ltv.value).toBeCloseTo(420 * 0.6, 9);

    const snap = await api.snapshot(id, { aggregateOnly: true, k: 5 });
    expect(snap.subscriptions).toEqual((await analyze(PATH)).subscriptions);

    await api.deleteDataset(id);
    expect(await api.subscriptions(id, { ltvWindow: 6 })).toBeNull();
  });

  it('orders files have no billing rows', async () => {
    const id = await importText(api, 'shop.csv', 'customer,date,amount\nA,2024-01-01,10\nB,2024-02-01,20\n');
    expect((await api.listDatasets()).find((d) => d.id === id)!.billing).toBeNull();
    expect(await api.subscriptions(id, { ltvWindow: 6 })).toBeNull();
    expect((await api.snapshot(id)).subscriptions).toBeUndefined();
  });
});
