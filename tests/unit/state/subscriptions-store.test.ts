/**
 * The Subscriptions tab's store against the real compute API (in this process, with an in-memory IndexedDB): it
 * follows the open dataset, answers the billing fixture's figures (tests/unit/subscriptions/report.test.ts), follows
 * the LTV window (the later of two requests in flight is kept), and says when a dataset has no billing rows.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { DatasetsStore } from '../../../src/state/datasets.svelte';
import { Session } from '../../../src/state/session.svelte';
import { SubscriptionsStore } from '../../../src/state/subscriptions.svelte';
import type { Compute } from '../../../src/state/compute';
import { computeHarness, importText, type ComputeHarness } from '../../support/compute-harness';

const BILLING = readFileSync(resolve('tests/fixtures/subscriptions/billing-invoices.csv'), 'utf8');
const open: ComputeHarness[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

async function until(ready: () => boolean, what: string, ms = 5000) {
  const t0 = Date.now();
  for (;;) {
    flushSync();
    if (ready()) return;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('SubscriptionsStore', () => {
  it('answers the open billing dataset’s figures, follows the window, and starts over on an orders dataset', async () => {
    const harness = computeHarness();
    open.push(harness);
    const client = () => harness.api as Compute;
    const shop = await importText(harness.api, 'shop.csv', 'customer,date,amount\nA,2024-01-01,10\n');
    const billing = await importText(harness.api, 'billing-invoices.csv', BILLING);
    const datasets = new DatasetsStore(client);
    datasets.start();
    const session = new Session(datasets);
    await until(() => session.dataset?.id === billing, 'the billing dataset');
    const store = new SubscriptionsStore(client, session);
    try {
      flushSync();
      expect(store.datasetId).toBe(billing);
      await store.refresh();
      expect(store.view?.months.map((m) => m.mrr)).toEqual([220, 310, 370, 320, 200, 225]);
      expect(store.view?.ltv).toMatchObject({ window: 6, value: 420 });
      // Two requests in flight (6 months, then 3): the later window's answer is the one kept.
      store.ltvWindow = 6;
      const slow = store.refresh();
      store.setWindow(3);
      await slow;
      await until(() => store.view?.ltv.window === 3 && !store.loading, 'the 3-month LTV');
      expect(store.view!.ltv.value).toBe((45 * 17) / 2);

      session.open(shop);
      flushSync();
      expect([store.datasetId, store.view, store.empty]).toEqual([shop, null, false]);
      await store.refresh();
      expect([store.view, store.empty]).toEqual([null, true]);
    } finally {
      store.destroy();
    }
  });
});
