/**
 * An import's dataset is shown as soon as its figures are ready, while its save still writes: it is listed (marked
 * as saving), its dashboard answers from memory, and once the save commits the stored record takes over.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { proxy } from 'comlink';
import Dexie from 'dexie';
import { afterAll, describe, expect, it } from 'vitest';
import { acceptedOptions, computeHarness } from '../../support/compute-harness';
import { makeComputeApi } from '../../../workers/compute.api';
import { runImportJob } from '../../../workers/import-job';
import type { DatasetEntry } from '../../../src/core/datasets';
import type { FirstScreen } from '../../../workers/dashboard-page';

const harness = computeHarness();
afterAll(harness.close);

const donHang = () => new File([readFileSync(new URL('../../fixtures/e2e/don-hang.csv', import.meta.url))], 'don-hang.csv', { type: 'text/csv' });

/** Resolves once `ok` holds for the newest list the watcher was told. */
async function until(lists: DatasetEntry[][], ok: (list: DatasetEntry[]) => boolean): Promise<void> {
  for (let i = 0; i < 200 && !(lists.length && ok(lists[lists.length - 1])); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok(lists[lists.length - 1])).toBe(true);
}

describe('a dataset shown while its save writes', () => {
  it('answers its dashboard from memory before the save has committed, with the figures of the file', async () => {
    const { context } = harness;
    const api = makeComputeApi(context);
    const file = donHang();
    const options = await acceptedOptions(harness.api, file);
    let outcomeArrived = false;
    let early: Promise<{ customers: number; netRevenue: number; beforeCommit: boolean; beforeOutcome: boolean }> | null = null;
    let pendingAtShow: unknown = null;
    const outcome = runImportJob(file, options, {
      db: context.db,
      tables: context.tables,
      isCancelled: () => false,
      pending: context.pending,
      onShown: (id) => {
        pendingAtShow = context.pending.get(id)?.name;
        // As the page's request would come: outside the save's transaction (a call made in its scope would join it).
        early = Dexie.ignoreTransaction(() => api.dashboard(id)).then((d) => ({ customers: d.historical.customers, netRevenue: d.historical.netRevenue, beforeCommit: context.pending.has(id), beforeOutcome: !outcomeArrived }));
      },
    }).then((o) => ((outcomeArrived = true), o));
    const done = await outcome;
    expect(done.ok).toBe(true);
    expect(pendingAtShow).toBe('don-hang.csv');
    // tests/fixtures/e2e/README.md: 3 customers, net revenue 5,050,000.
    // Answered while the save was still under way (its record is read from `pending` until the save has committed).
    expect(await early).toEqual({ customers: 3, netRevenue: 5_050_000, beforeCommit: true, beforeOutcome: true });
    // Saved: no longer read from the save under way.
    if (done.ok) expect(context.pending.has(done.datasetId)).toBe(false);
  });

  it('is listed as saving, then as stored, through the worker\'s API and its callback', async () => {
    const lists: DatasetEntry[][] = [];
    await harness.api.watchDatasets(proxy((entries: DatasetEntry[]) => void lists.push(entries)));
    await until(lists, () => true);
    const before = lists[lists.length - 1].length;
    const file = donHang();
    const shown: number[] = [];
    let first: FirstScreen | null = null;
    const outcome = await harness.api.runImport(file, await acceptedOptions(harness.api, file), 'job', undefined, proxy((id: number, screen: FirstScreen | null) => void (shown.push(id), (first = screen))));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(shown).toEqual([outcome.datasetId]);
    // With its first screen, as the worker would answer it: the dashboard without its per-customer columns (3
    // customers, net revenue 5,050,000: tests/fixtures/e2e/README.md) and the monthly cohorts.
    const screen = first as FirstScreen | null;
    expect(screen && [screen.dashboard.historical.customers, screen.dashboard.historical.netRevenue, 'perCustomer' in screen.dashboard.historical, screen.cohorts.period]).toEqual([3, 5_050_000, false, 'month']);
    expect(screen!.dashboard).toEqual(await harness.api.dashboard(outcome.datasetId));
    expect(screen!.cohorts).toEqual(await harness.api.cohorts(outcome.datasetId, 'month'));
    await until(lists, (list) => list.length === before + 1 && list[0].id === outcome.datasetId && !list[0].saving);
    // Told while it was being saved, newest first, before it was told as stored.
    const saving = lists.findIndex((list) => list[0]?.id === outcome.datasetId && list[0].saving === true);
    const stored = lists.findIndex((list) => list[0]?.id === outcome.datasetId && !list[0].saving);
    expect(saving).toBeGreaterThanOrEqual(0);
    expect(stored).toBeGreaterThan(saving);
    // Never missing from a list in between (the page would open another dataset for a moment).
    expect(lists.slice(saving).every((list) => list.some((d) => d.id === outcome.datasetId))).toBe(true);
    // The stored entry carries the save's own time; the one shown while saving could not.
    expect(lists[saving][0].timings.saveMs).toBeUndefined();
    expect(lists[lists.length - 1][0].timings.saveMs).toBeGreaterThan(0);
  });

  it('deleted or renamed while it saves: the change waits for the save, then applies to the whole dataset', async () => {
    const h = computeHarness();
    try {
      const lists: DatasetEntry[][] = [];
      await h.api.watchDatasets(proxy((entries: DatasetEntry[]) => void lists.push(entries)));
      const changes: Promise<void>[] = [];
      const importOne = async (name: string, change: (id: number) => Promise<void>) => {
        const file = new File([readFileSync(new URL('../../fixtures/e2e/don-hang.csv', import.meta.url))], name, { type: 'text/csv' });
        const outcome = await h.api.runImport(file, await acceptedOptions(h.api, file), name, undefined, proxy((id: number) => void changes.push(change(id))));
        expect(outcome.ok).toBe(true);
        return outcome.ok ? outcome.datasetId : -1;
      };
      const deleted = await importOne('deleted.csv', (id) => h.api.deleteDataset(id));
      const renamed = await importOne('renamed.csv', (id) => h.api.renameDataset(id, 'Đơn hàng quý 1'));
      for (let i = 0; i < 100 && changes.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
      await Promise.all(changes);
      expect((await h.api.listDatasets()).map((d) => [d.id, d.name, d.rows])).toEqual([[renamed, 'Đơn hàng quý 1', 7]]);
      // Nothing of the deleted one is left behind: no chunk, no dictionary.
      expect(await h.context.db.chunks.where('datasetId').equals(deleted).count()).toBe(0);
      expect(await h.context.db.dictionaries.where('datasetId').equals(deleted).count()).toBe(0);
      expect(await h.context.db.chunks.where('datasetId').equals(renamed).count()).toBe(1);
      await until(lists, (list) => list.length === 1 && list[0].name === 'Đơn hàng quý 1' && !list[0].saving);
    } finally {
      h.close();
    }
  });
});
