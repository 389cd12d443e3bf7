/**
 * The What-if tab's store against the real compute API: a fast drag sends only the newest levers once an answer is on
 * its way (never a queue of stale ones), the answer is the last levers', and saving, using and deleting a scenario go
 * through the worker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ZERO_LEVERS } from '../../../src/core/scenario/levers';
import type { Compute } from '../../../src/state/compute';
import { WhatIfStore } from '../../../src/views/whatif/whatif.svelte';
import { computeHarness, importText, type ComputeHarness } from '../../support/compute-harness';

const SHOP = ['customer,date,amount', 'A,2024-01-10,100', 'B,2024-02-05,50', 'A,2024-02-10,100', 'C,2024-03-01,80', 'A,2024-03-10,100', 'D,2024-04-02,60', 'C,2024-04-20,120', 'E,2024-05-15,90', 'D,2024-06-30,60'].join('\n');

const open: ComputeHarness[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

describe('WhatIfStore', () => {
  it('coalesces a drag: ten moves while an answer is on its way ask twice, and the answer is the last move’s', async () => {
    const harness = computeHarness();
    open.push(harness);
    const id = await importText(harness.api, 'shop.csv', SHOP);
    let asked = 0;
    const counting = new Proxy(harness.api, { get: (target, key) => (key === 'whatIf' ? (...a: unknown[]) => (asked++, (target.whatIf as (...x: unknown[]) => unknown)(...a)) : Reflect.get(target, key)) });
    const store = new WhatIfStore({ datasetId: id }, () => counting as unknown as Compute);
    const moves: Promise<void>[] = [];
    for (let p = 1; p <= 10; p++) {
      store.levers.retentionPoints = p;
      moves.push(store.update());
    }
    await Promise.all(moves);
    expect(asked).toBe(2);
    expect(store.answer!.comparison.levers.retentionPoints).toBe(10);
    // The 5-customer shop of tests/unit/scenario/data-base.test.ts: 76 a month ÷ (0.5 − 0.1).
    expect(store.answer!.comparison.scenario.clvPerCustomer).toBeCloseTo(190, 9);
  });

  it('saves, lists, uses and deletes scenarios through the worker', async () => {
    const harness = computeHarness();
    open.push(harness);
    const id = await importText(harness.api, 'shop.csv', SHOP);
    const store = new WhatIfStore({ datasetId: id }, () => harness.api as Compute);
    store.levers.pricePercent = 5;
    expect(await store.save('Price +5%')).toMatchObject({ ok: true });
    expect(store.saved.map((s) => s.saved.name)).toEqual(['Price +5%']);
    store.reset();
    expect(store.levers.pricePercent).toBe(0);
    store.use(store.saved[0].saved.levers);
    expect(store.levers).toEqual({ ...ZERO_LEVERS, pricePercent: 5 });
    expect(await store.save(' ')).toMatchObject({ ok: false });
    expect(store.problem?.code).toBe('no-name');
    await store.remove(store.saved[0].saved.id);
    expect(store.saved).toEqual([]);
  });
});
