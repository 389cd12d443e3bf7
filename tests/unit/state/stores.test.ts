/**
 * The page's stores against the real compute API (in this process, over a MessageChannel, with an in-memory
 * IndexedDB): each follows what is open by itself, and a slow answer never overwrites a newer one.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { DatasetsStore } from '../../../src/state/datasets.svelte';
import { Session } from '../../../src/state/session.svelte';
import { HistoryStore } from '../../../src/state/history.svelte';
import { ForecastStore } from '../../../src/state/forecast.svelte';
import { SnapshotExport } from '../../../src/state/snapshot-export.svelte';
import { SharedStore } from '../../../src/state/shared.svelte';
import { StorageStore } from '../../../src/state/storage.svelte';
import { SHARED_DATA } from '../forecast/reference-files';
import type { Compute } from '../../../src/state/compute';
import { computeHarness, importText, type ComputeHarness } from '../../support/compute-harness';

/** Two small shops with different figures, so that a mix-up between them shows. */
const SHOP_A = 'customer,date,amount\nA1,2024-01-05,100\nA1,2024-02-10,50\nA2,2024-01-20,30\n';
const SHOP_B = 'customer,date,amount\nB1,2024-03-01,7\nB2,2024-03-02,9\nB3,2024-04-15,11\nB1,2024-05-01,13\n';

const open: ComputeHarness[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

/** Wait until `ready` holds, letting effects and worker answers run. */
async function until(ready: () => boolean, what: string, ms = 5000) {
  const t0 = Date.now();
  for (;;) {
    flushSync();
    if (ready()) return;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function setUp() {
  const harness = computeHarness();
  open.push(harness);
  const client = () => harness.api as Compute;
  const a = await importText(harness.api, 'a.csv', SHOP_A);
  const b = await importText(harness.api, 'b.csv', SHOP_B);
  const datasets = new DatasetsStore(client);
  datasets.start();
  const session = new Session(datasets);
  return { harness, client, datasets, session, a, b };
}

describe('datasets and session', () => {
  it('the list comes from the worker, newest first, and the newest is open until another is chosen', async () => {
    const { datasets, session, a, b } = await setUp();
    await until(() => datasets.list?.length === 2, 'the list');
    expect(datasets.list!.map((d) => d.name)).toEqual(['b.csv', 'a.csv']);
    expect(session.opened).toEqual({ kind: 'dataset', id: b });
    session.open(a);
    expect(session.dataset?.name).toBe('a.csv');
    expect(session.dataset?.figures).toMatchObject({ customers: 2, netRevenue: 180 });
  });

  it('a rename or a deletion made through the worker reaches the list; a deleted open dataset gives way to the newest', async () => {
    const { datasets, session, a, b } = await setUp();
    await until(() => datasets.list?.length === 2, 'the list');
    session.open(a);
    await datasets.rename(a, 'Shop A');
    await until(() => session.dataset?.name === 'Shop A', 'the new name');
    await datasets.remove(a);
    await until(() => datasets.list?.length === 1, 'the deletion');
    expect(session.opened).toEqual({ kind: 'dataset', id: b });
  });
});

describe('HistoryStore', () => {
  it('loads the figures and cohorts of what is open, and follows when another dataset is opened', async () => {
    const { client, session, datasets, a, b } = await setUp();
    const history = new HistoryStore(client, session);
    try {
      await until(() => datasets.list?.length === 2 && history.data !== null && history.cohorts !== null, 'figures of b');
      expect(history.datasetId).toBe(b);
      expect(history.data!.historical.customers).toBe(3);
      expect(history.data!.historical.netRevenue).toBe(40);
      expect(history.cohorts!.rows.map((r) => r.cohort)).toEqual(['2024-03', '2024-04']);
      session.open(a);
      flushSync();
      // Nothing of b stays on screen while a loads.
      expect(history.datasetId).toBe(a);
      expect(history.data).toBeNull();
      await until(() => history.data !== null && history.cohorts !== null, 'figures of a');
      expect(history.data!.historical.netRevenue).toBe(180);
      expect(history.cohorts!.rows.map((r) => r.customers)).toEqual([2]);
    } finally {
      history.destroy();
    }
  });

  it('the one margin setting reaches the figures: profit appears once a margin is set for the dataset', async () => {
    const { client, session, datasets, a } = await setUp();
    session.open(a);
    const history = new HistoryStore(client, session);
    try {
      await until(() => history.data?.historical.clv.profitMean === null, 'figures without a margin');
      await datasets.updateSettings(a, { marginPercent: 40 });
      await until(() => history.data?.historical.clv.profitMean != null, 'figures at 40%');
      // Σ net revenue 180 over 2 customers at 40%.
      expect(history.data!.historical.clv.profitMean).toBeCloseTo(36, 10);
    } finally {
      history.destroy();
    }
  });

  it('an answer that arrives after a newer request is dropped', async () => {
    const { client, session, datasets, a, b } = await setUp();
    await until(() => datasets.list?.length === 2, 'the list');
    // A worker that answers for a slowly: b's figures arrive first, a's after them.
    let releaseA: () => void = () => {};
    const gate = new Promise<void>((r) => (releaseA = r));
    const slow = new Proxy(client(), {
      get(target, name) {
        const real = Reflect.get(target, name) as (...args: unknown[]) => Promise<unknown>;
        if (name !== 'dashboard') return real;
        return async (id: number) => {
          const answer = await real(id);
          if (id === a) await gate;
          return answer;
        };
      },
    });
    session.open(a);
    const history = new HistoryStore(() => slow, session);
    try {
      flushSync();
      session.open(b);
      await until(() => history.data !== null, 'figures of b');
      releaseA();
      await new Promise((r) => setTimeout(r, 50));
      expect(history.datasetId).toBe(b);
      expect(history.data!.historical.netRevenue).toBe(40);
    } finally {
      history.destroy();
    }
  });
});

describe('an import\'s first screen', () => {
  /** The worker's client, counting the dashboard and cohorts asked for, the dashboard held back until `release`. */
  function counting(client: () => Compute) {
    const asked = { dashboard: 0, cohorts: 0 };
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const api = new Proxy(client(), {
      get(target, name) {
        const real = Reflect.get(target, name) as (...args: unknown[]) => Promise<unknown>;
        if (name === 'cohorts') return (...args: unknown[]) => (asked.cohorts++, real(...args));
        if (name !== 'dashboard') return real;
        return async (...args: unknown[]) => {
          asked.dashboard++;
          const answer = await real(...args);
          await gate;
          return answer;
        };
      },
    });
    return { api: () => api, asked, release: () => release() };
  }

  /** a's figures as the import would send them, their net revenue marked (999) so that they tell from an answer. */
  async function firstScreenOf(client: () => Compute, id: number) {
    const dashboard = await client().dashboard(id);
    return { dashboard: { ...dashboard, historical: { ...dashboard.historical, netRevenue: 999 } }, cohorts: await client().cohorts(id, 'month') };
  }

  it('offered before the dataset opens, is drawn without asking the worker', async () => {
    const { client, session, datasets, a } = await setUp();
    await until(() => datasets.list?.length === 2, 'the list');
    const { offerFirstScreen } = await import('../../../src/state/first-screen');
    offerFirstScreen(a, await firstScreenOf(client, a));
    const worker = counting(client);
    session.open(a);
    const history = new HistoryStore(worker.api, session);
    try {
      await until(() => history.data !== null && history.cohorts !== null, 'the first screen');
      expect([history.data!.historical.netRevenue, history.cohorts!.rows.length, worker.asked.dashboard, worker.asked.cohorts]).toEqual([999, 1, 0, 0]);
    } finally {
      history.destroy();
    }
  });

  it('offered after the store asked, takes the place of the answer still to come; with a margin it is not used', async () => {
    const { client, session, datasets, a, b } = await setUp();
    await until(() => datasets.list?.length === 2, 'the list');
    const { offerFirstScreen } = await import('../../../src/state/first-screen');
    const worker = counting(client);
    session.open(a);
    const history = new HistoryStore(worker.api, session);
    try {
      await until(() => worker.asked.dashboard === 1 && history.loading, 'the question');
      offerFirstScreen(a, await firstScreenOf(client, a));
      flushSync();
      expect([history.data?.historical.netRevenue, history.loading]).toEqual([999, false]);
      worker.release();
      await new Promise((r) => setTimeout(r, 50));
      expect(history.data!.historical.netRevenue).toBe(999);
      // b at a margin: its figures are not the import's (made without one), so the worker is asked.
      await datasets.updateSettings(b, { marginPercent: 40 });
      await until(() => datasets.byId(b)?.settings.marginPercent === 40, 'b listed at its margin');
      offerFirstScreen(b, await firstScreenOf(client, b));
      session.open(b);
      await until(() => history.datasetId === b && history.data !== null, 'figures of b');
      expect([history.data!.historical.netRevenue, worker.asked.dashboard]).toEqual([40, 2]);
    } finally {
      history.destroy();
    }
  });
});

describe('ImportFlow', () => {
  it('file → columns → import: the new dataset is listed and open when the flow ends', async () => {
    const { client, datasets, session } = await setUp();
    const { ImportFlow } = await import('../../../src/state/import-flow.svelte');
    const flow = new ImportFlow(client, datasets, session, new SharedStore(client, session));
    await flow.choose(new File(['klant;datum;bedrag\nC1;05/01/2024;12,50\nC2;06/01/2024;7,25\n'], 'c.csv'));
    expect(flow.phase).toBe('mapping');
    expect(flow.problems).toEqual([]);
    await flow.confirm();
    expect(flow.phase).toBe('idle');
    expect(session.dataset?.name).toBe('c.csv');
    expect(session.dataset?.figures).toMatchObject({ customers: 2, netRevenue: 19.75 });
  });

  it('has the worker read the file with the options as they stand while the columns are checked, then imports with them', async () => {
    const { client, datasets, session } = await setUp();
    const { ImportFlow } = await import('../../../src/state/import-flow.svelte');
    // The worker's API, with its calls to read ahead noted.
    const prepared: unknown[] = [];
    const imported: unknown[] = [];
    const api = client();
    const wrapped = new Proxy(api, {
      get(target, name) {
        if (name === 'prepareImport') return (file: File, options: unknown) => (prepared.push(options), target.prepareImport(file, options as never));
        if (name === 'runImport') return (...args: Parameters<Compute['runImport']>) => (imported.push(args[1]), target.runImport(...args));
        return Reflect.get(target, name);
      },
    });
    const noting = () => wrapped;
    const flow = new ImportFlow(noting, datasets, session, new SharedStore(client, session));
    await flow.choose(new File(['order,customer,date,total\n1,A,2024-01-05,10\n2,B,2024-01-06,20\n'], 'p.csv'));
    await until(() => prepared.length === 1, 'the first reading');
    expect(prepared[0]).toEqual(flow.importOptions());
    // A changed choice is read again once it has settled; the import uses the options last read.
    flow.mapping!.amount = null;
    await until(() => prepared.length === 2, 'the second reading');
    expect(prepared[1]).toMatchObject({ mapping: { amount: null } });
    await flow.confirm();
    expect(imported).toEqual([prepared[1]]);
    // Read without amounts: a purchase log of two customers.
    expect(session.dataset?.figures).toMatchObject({ customers: 2, withoutAmounts: true });
  });

  it('applies the ticks on status values and remembers them with the mapping', async () => {
    const { client, datasets, session } = await setUp();
    const { ImportFlow } = await import('../../../src/state/import-flow.svelte');
    const flow = new ImportFlow(client, datasets, session);
    // Orders: A paid 10, B pending 20, C cancelled 40. By default only A's order counts.
    const text = 'order,customer,date,status,total\n1,A,2024-01-05,paid,10\n2,B,2024-01-06,pending,20\n3,C,2024-01-07,cancelled,40\n';
    await flow.choose(new File([text], 's.csv'));
    expect(flow.sniff?.statusValues[0].values.map((v) => [v.value, v.rows, v.counts])).toEqual([['cancelled', 1, false], ['paid', 1, true], ['pending', 1, false]]);
    expect(flow.statusChoices).toEqual([]);
    flow.setStatusCounts('pending', true);
    flow.setStatusCounts('Pending', true); // the same value, once
    await flow.confirm();
    // A's 10 and B's 20 count; C's cancelled order is left out: 2 customers, 2 orders, 30.
    expect(session.dataset?.figures).toMatchObject({ customers: 2, purchases: 2, netRevenue: 30 });
    // The next file with the same header opens with the same ticks.
    await flow.choose(new File([text], 's2.csv'));
    expect(flow.statusChoices).toEqual([['Pending', true]]);
  });
});

describe('opening a shared snapshot through the import flow', () => {
  it('a snapshot file is told from an orders file, shown read-only instead of the dataset, listed, and closed when deleted', async () => {
    const { client, datasets, session, b } = await setUp();
    const { ImportFlow } = await import('../../../src/state/import-flow.svelte');
    const shared = new SharedStore(client, session);
    shared.start();
    const flow = new ImportFlow(client, datasets, session, shared);
    await until(() => session.dataset?.id === b, 'the newest dataset');
    const text = readFileSync(resolve(import.meta.dirname, '../../fixtures/e2e/don-hang.clv.json'), 'utf8');
    await flow.choose(new File([text], 'don-hang.clv.json'));
    expect(flow.phase).toBe('idle');
    expect(session.opened?.kind).toBe('shared');
    expect(session.dataset).toBeNull();
    expect(shared.shown?.snapshot.dataset).toMatchObject({ name: 'don-hang.csv', customers: 3, netRevenue: 5050000 });
    await until(() => shared.list?.length === 1, 'the shared list');
    expect(shared.list![0]).toMatchObject({ name: 'don-hang.csv', origin: { kind: 'file', fileName: 'don-hang.clv.json' } });
    // A dataset chosen in the list takes its place; the snapshot chosen again comes back.
    session.open(b);
    expect(session.dataset?.id).toBe(b);
    await shared.show(shared.list![0].id);
    expect(session.opened?.kind).toBe('shared');
    // Deleted in another tab: the list loses it and the datasets come back.
    await client().deleteShared(shared.list![0].id);
    await until(() => shared.list?.length === 0, 'the deletion');
    expect(session.opened).toEqual({ kind: 'dataset', id: b });
    // A JSON file that is no snapshot: one sentence, the flow ends failed, nothing else changes.
    await flow.choose(new File(['{"type":"excalidraw"}'], 'drawing.json'));
    expect(flow.phase).toBe('failed');
    expect(flow.error).toMatchObject({ kind: 'snapshot', code: 'wrong-format' });
    expect(session.dataset?.id).toBe(b);
  });
});

describe('ForecastStore', () => {
  const cdnow = () => readFileSync(resolve(SHARED_DATA, 'cdnow/CDNOW_sample.txt'), 'utf8');

  async function withForecast() {
    const harness = computeHarness();
    open.push(harness);
    const id = await importText(harness.api, 'cdnow.txt', cdnow());
    const datasets = new DatasetsStore(() => harness.api as Compute);
    datasets.start();
    const session = new Session(datasets);
    await until(() => session.dataset?.id === id, 'the dataset');
    return { harness, datasets, session, id };
  }

  it('follows the margin and horizon from the fitted parameters (no refit), and starts over on another dataset', async () => {
    const { harness, datasets, session, id } = await withForecast();
    const store = new ForecastStore(() => harness.api as Compute, session);
    try {
      flushSync();
      expect(store.datasetId).toBe(id);
      // Two thirds through 1 Jan 1997 … 30 Jun 1998 (545 days): day 363, 30 Dec 1997.
      expect(store.calibrationEnd).toBe('1997-12-30');
      expect(store.opportunityPeriod).toBe('quarter');
      await store.fit();
      const first = store.result!;
      expect(first.refitted).toBe(true);
      expect(first.margin).toEqual({ rate: 1, source: 'none' });
      await datasets.updateSettings(id, { marginPercent: 25 });
      await until(() => store.result !== first, 'the forecast at 25%');
      expect(store.result!.refitted).toBe(false);
      expect(store.result!.margin).toEqual({ rate: 0.25, source: 'owner' });
      expect(store.result!.forecast.totals.clv).toBeCloseTo(first.forecast.totals.clv * 0.25, 6);
      const at12 = store.result!;
      store.settings.horizonMonths = 24;
      await until(() => store.result !== at12, 'the forecast over 24 months');
      expect(store.result!.refitted).toBe(false);
      expect(store.result!.settings.horizonMonths).toBe(24);
      expect(store.result!.forecast.totals.expectedPurchases).toBeGreaterThan(at12.forecast.totals.expectedPurchases);
      // Another dataset: nothing of this one stays.
      const other = await importText(harness.api, 'small.csv', SHOP_A);
      await until(() => datasets.list?.some((d) => d.id === other) ?? false, 'the new dataset');
      session.open(other);
      flushSync();
      expect(store.datasetId).toBe(other);
      expect(store.result).toBeNull();
      expect(store.settings.horizonMonths).toBe(12);
    } finally {
      store.destroy();
    }
  });

  it('signals new results after a fit and after a holdout check (for focus), not after a prediction that follows a setting', async () => {
    const { harness, session } = await withForecast();
    const store = new ForecastStore(() => harness.api as Compute, session);
    try {
      flushSync();
      expect(store.arrived).toBeNull();
      await store.fit();
      expect(store.arrived).toEqual({ kind: 'forecast', count: 1 });
      const first = store.result;
      store.settings.horizonMonths = 18;
      await until(() => store.result !== first, 'the forecast over 18 months');
      expect(store.arrived).toEqual({ kind: 'forecast', count: 1 });
      store.calibrationEnd = '1997-09-30';
      await store.check();
      expect(store.holdout).not.toBeNull();
      expect(store.arrived).toEqual({ kind: 'holdout', count: 2 });
    } finally {
      store.destroy();
    }
  });

  it('preselects the model the data support best (CDNOW: MBG/NBD), a reliable one', async () => {
    const { harness, session } = await withForecast();
    const store = new ForecastStore(() => harness.api as Compute, session);
    try {
      flushSync();
      await store.start();
      expect(store.comparison!.fits.map((f) => f.reliability.reliable)).toEqual([true, true, true]);
      expect(store.settings.model).toBe('mbgnbd');
      expect(store.result!.forecast.fit.model).toBe('mbgnbd');
      expect(store.arrived).toEqual({ kind: 'forecast', count: 1 });
    } finally {
      store.destroy();
    }
  });

  it('on Online Retail preselects nothing: no model can tell how soon customers stop buying, so the reader’s choice stays', async () => {
    const harness = computeHarness();
    open.push(harness);
    const csv = gunzipSync(readFileSync(resolve(SHARED_DATA, 'online_retail/online_retail.csv.gz'))).toString('utf8');
    const id = await importText(harness.api, 'online_retail.csv', csv);
    const datasets = new DatasetsStore(() => harness.api as Compute);
    datasets.start();
    const session = new Session(datasets);
    await until(() => session.dataset?.id === id, 'the dataset');
    const store = new ForecastStore(() => harness.api as Compute, session);
    try {
      flushSync();
      // The reader picked MBG/NBD. BG/NBD has the lowest BIC (a = 0.0034 ± 0.0103, b = 6.7 ± 22.4): it used to be
      // preselected as "identified"; it is not reliable, and neither are the others.
      store.settings.model = 'mbgnbd';
      await store.start();
      const fits = store.comparison!.fits;
      expect(fits.map((f) => [f.model, f.reliability.reliable])).toEqual([['bgnbd', false], ['mbgnbd', false], ['paretoNbd', false]]);
      expect(Math.min(...fits.map((f) => f.bic))).toBe(fits[0].bic);
      expect(store.settings.model).toBe('mbgnbd');
      const fit = store.result!.forecast.fit;
      expect(fit.model).toBe('mbgnbd');
      expect(fit.reliability.reasons.map((r) => r.code)).toEqual(['dropout-unknown']);
      // Spend per purchase is well determined here: only the purchase model needs the caution.
      expect(store.result!.forecast.spend!.reliability.reliable).toBe(true);
    } finally {
      store.destroy();
    }
  }, 120_000);

  /** `api` with `method`'s answers held back, while `hold(answer)` says so, until `release` is called. */
  function holdingBack(api: Compute, method: keyof Compute, hold: (answer: unknown) => boolean) {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const held = new Proxy(api, {
      get(target, name) {
        const real = Reflect.get(target, name) as (...args: unknown[]) => Promise<unknown>;
        if (name !== method) return real;
        return async (...args: unknown[]) => {
          const answer = await real(...args);
          if (hold(answer)) await gate;
          return answer;
        };
      },
    });
    return { api: held, release: () => release() };
  }

  /**
   * Start a forecast with `method`'s answer held back while `hold` says so, press Stop once it is held, then let the
   * answer through: nothing of the stopped job may be shown.
   */
  async function stopWhileHeld(method: keyof Compute, hold: () => boolean, what: string) {
    const { harness, session } = await withForecast();
    let held = false;
    const late = holdingBack(harness.api as Compute, method, () => {
      const holding = hold();
      if (holding) held = true;
      return holding;
    });
    const store = new ForecastStore(() => late.api, session);
    try {
      flushSync();
      const running = store.start();
      await until(() => held, what);
      store.cancel();
      late.release();
      await running;
      expect(store.comparison).toBeNull();
      expect(store.result).toBeNull();
      expect(store.notice).toBe('cancelled');
      expect(store.busy).toBe(false);
    } finally {
      store.destroy();
    }
  }

  it('Stop pressed while the last model’s fit is already on its way: nothing of the stopped comparison is shown', async () => {
    // The third model's answer is held back until Stop has been pressed, as when the worker finishes the fit just
    // before it hears of the cancel.
    let asked = 0;
    await stopWhileHeld('compareModel', () => ++asked === 3, 'the third fit');
  });

  it('Stop pressed during the forecast that follows the comparison: the stopped comparison is not shown either', async () => {
    await stopWhileHeld('forecast', () => true, 'the forecast after the comparison');
  });

  it('an older forecast that answers last does not replace a newer one', async () => {
    const { harness, session } = await withForecast();
    // Hold back the answer for a 6-month horizon until the 9-month one has arrived.
    const slow = holdingBack(harness.api as Compute, 'forecast', (answer) => (answer as { settings: { horizonMonths: number } }).settings.horizonMonths === 6);
    const store = new ForecastStore(() => slow.api, session);
    try {
      flushSync();
      await store.fit();
      store.settings.horizonMonths = 6;
      flushSync();
      await new Promise((r) => setTimeout(r, 20));
      store.settings.horizonMonths = 9;
      await until(() => store.result?.settings.horizonMonths === 9, 'the 9-month forecast');
      slow.release();
      await new Promise((r) => setTimeout(r, 100));
      expect(store.result!.settings.horizonMonths).toBe(9);
    } finally {
      store.destroy();
    }
  });
});

describe('SnapshotExport', () => {
  it('saves the snapshot the worker assembles, named after the dataset, and says why when it cannot', async () => {
    const { client, datasets, session } = await setUp();
    await until(() => session.dataset !== null, 'a dataset');
    const saved: { text: string; name: string; type: string }[] = [];
    const exporter = new SnapshotExport(client, (text, name, type) => saved.push({ text, name, type }));
    await exporter.download(session.dataset!);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ name: 'b.clv.json', type: 'application/json' });
    expect(JSON.parse(saved[0].text).dataset).toMatchObject({ name: 'b.csv', customers: 3, netRevenue: 40 });
    expect(exporter.busy).toBe(false);
    const gone = session.dataset!;
    await datasets.remove(gone.id);
    await exporter.download(gone);
    expect(saved).toHaveLength(1);
    expect(exporter.error).toMatch(/no longer exists/);
  });
});

describe('Session, when a dataset could not be shown', () => {
  function memory(initial: Record<string, string> = {}) {
    const items = new Map(Object.entries(initial));
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k), items };
  }

  it('a dataset whose views did not finish drawing on the last visit is not opened again by itself', async () => {
    const harness = computeHarness();
    open.push(harness);
    const a = await importText(harness.api, 'a.csv', SHOP_A);
    const datasets = new DatasetsStore(() => harness.api as Compute);
    datasets.start();
    const store = memory({ 'clv.showing': String(a) });
    const session = new Session(datasets, store);
    await until(() => datasets.list?.length === 1, 'the list');
    expect(session.interrupted).toBe(a);
    expect(session.opened).toBeNull();
    // The marker is gone: should this visit die too before the user chooses, the next one starts normally.
    expect(store.items.has('clv.showing')).toBe(false);
    session.open(a);
    expect(session.opened).toEqual({ kind: 'dataset', id: a });
    expect(session.interrupted).toBeNull();
    session.showing(a);
    expect(store.items.get('clv.showing')).toBe(String(a));
    session.shown(a);
    expect(store.items.has('clv.showing')).toBe(false);
  });

  it('a visit that ended normally opens the newest dataset as always', async () => {
    const { datasets, b } = await setUp();
    const session = new Session(datasets, memory());
    await until(() => session.opened !== null, 'a dataset');
    expect(session.opened).toEqual({ kind: 'dataset', id: b });
    expect(session.interrupted).toBeNull();
  });
});

describe('StorageStore', () => {
  it('asks to persist once, and reports the space used and whether the browser keeps it', async () => {
    let persisted = false;
    let asked = 0;
    const manager = {
      estimate: async () => ({ usage: 12_345_678, quota: 1e9 }),
      persisted: async () => persisted,
      persist: async () => (asked++, (persisted = true)),
    } as unknown as StorageManager;
    const store = new StorageStore(() => manager);
    await store.refresh();
    expect(store).toMatchObject({ usage: 12_345_678, quota: 1e9, persisted: false });
    await store.persist();
    await store.persist();
    expect(asked).toBe(1);
    expect(store.persisted).toBe(true);
  });

  it('says nothing where the browser has no storage manager', async () => {
    const store = new StorageStore(() => undefined);
    await store.persist();
    expect(store).toMatchObject({ usage: null, persisted: null });
  });
});
