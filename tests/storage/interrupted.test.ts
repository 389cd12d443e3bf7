/**
 * An import interrupted at any point of its save (the tab closed, the worker killed: the browser aborts the open
 * transaction and no code of the import runs again) leaves no dataset, whole or half, and nothing else behind; the
 * datasets stored before are untouched. Should a half-written dataset ever survive (an older version's bug, a crash
 * the browser did not roll back), it is never listed, and `removeLeftovers` takes it away with its pieces.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { ClvDatabase, type DatasetRecord } from '../../src/db/schema';
import { CHUNK_ROWS, listDatasets, loadTable, saveDataset } from '../../src/db/repo';
import { leftovers, removeLeftovers } from '../../src/db/leftovers';
import type { TransactionTable } from '../../src/core/types';
import { failCommit } from './quota';

function table(n: number, seed: number): TransactionTable {
  // No order column (cast: the order ids' field is changing shape on another branch).
  const t = {
    length: n, customerIds: ['a', 'b', 'c'], customer: new Uint32Array(n), day: new Int32Array(n), amount: new Float64Array(n),
    cost: null, order: null, product: null, productNames: null, channel: null, channelNames: null,
  } as TransactionTable;
  for (let i = 0; i < n; i++) {
    t.customer[i] = i % 3;
    t.day[i] = 19000 + (i % 400);
    t.amount[i] = seed + (i % 7);
  }
  return t;
}

const meta = (name: string) => ({
  name, report: { fileName: name } as DatasetRecord['report'],
  figures: { customers: 3, purchases: 1, refunds: 0, netRevenue: 1, firstDate: null, lastDate: null },
  currency: null, timeUnit: 'day' as const, timings: {},
});

/** What the browser does to the transactions of a tab or worker that goes away: aborts them. No code runs after. */
function killHere(): Promise<never> {
  Dexie.currentTransaction.idbtrans.abort();
  return new Promise(() => {});
}

/** A database holding one whole dataset, and the next open of it after `interrupt` stopped a second one's save. */
async function interruptedSave(interrupt: (db: ClvDatabase) => void, lastFields?: () => { timings: Record<string, number> }) {
  const name = `interrupted-${crypto.randomUUID()}`;
  const db = new ClvDatabase(name);
  const kept = await saveDataset(db, table(CHUNK_ROWS + 10, 100), meta('kept.csv'));
  interrupt(db);
  // The import's own code never learns how it ended (it is gone): nobody awaits the save.
  void saveDataset(db, table(CHUNK_ROWS * 3 + 1, 500), meta('interrupted.csv'), lastFields).catch(() => {});
  await new Promise((r) => setTimeout(r, 200));
  db.close();
  const next = new ClvDatabase(name);
  await next.open();
  return { next, kept };
}

async function expectOnlyKept(next: ClvDatabase, kept: number) {
  expect((await listDatasets(next)).map((d) => [d.id, d.name, d.rows, d.chunkCount])).toEqual([[kept, 'kept.csv', CHUNK_ROWS + 10, 2]]);
  expect(await next.datasets.count()).toBe(1);
  expect(await next.chunks.count()).toBe(2);
  expect(await next.dictionaries.count()).toBe(1);
  expect(await leftovers(next)).toEqual({ datasets: 0, records: 0, finished: [] });
  const rows = await loadTable(next, kept);
  expect(rows.length).toBe(CHUNK_ROWS + 10);
  expect(rows.amount[CHUNK_ROWS + 9]).toBe(100 + ((CHUNK_ROWS + 9) % 7));
  next.close();
}

describe('an import interrupted during its save', () => {
  it('between the dataset record and its columns: nothing of it is left', async () => {
    const { next, kept } = await interruptedSave((db) => {
      db.chunks.bulkAdd = (() => killHere()) as never;
    });
    await expectOnlyKept(next, kept);
  });

  it('during the column writes (two of four chunks written): nothing of it is left', async () => {
    const { next, kept } = await interruptedSave((db) => {
      const original = db.chunks.bulkAdd.bind(db.chunks);
      db.chunks.bulkAdd = (async (chunks: Parameters<typeof original>[0]) => {
        await original((chunks as unknown[]).slice(0, 2) as never);
        expect(await db.chunks.where('datasetId').notEqual(1).count()).toBe(2);
        return killHere();
      }) as never;
    });
    await expectOnlyKept(next, kept);
  });

  it('during the final commit (every write done, the commit never happens): nothing of it is left', async () => {
    const { next, kept } = await interruptedSave(() => {}, () => {
      failCommit(null);
      return { timings: {} };
    });
    await expectOnlyKept(next, kept);
  });
});

describe('leftovers that survived an interruption', () => {
  it('are never listed as a dataset, are counted, and are removed without touching the stored datasets', async () => {
    const db = new ClvDatabase(`leftovers-${crypto.randomUUID()}`);
    const kept = await saveDataset(db, table(20, 7), meta('kept.csv'));
    await db.scenarios.add({ datasetId: kept, name: 'Keep', levers: {} as never, savedAt: 1 });
    // A record whose save never counted its chunks in, with one chunk and its dictionary; pieces of a dataset 999
    // that does not exist (a chunk, a dictionary, survey answers, a scenario, billing rows).
    const half = (await db.datasets.add({ ...meta('half.csv'), rows: 5, chunkCount: 0, createdAt: 9, updatedAt: 9 } as DatasetRecord)) as number;
    const chunk = { index: 0, customer: new Uint32Array(1), day: new Int32Array(1), amount: new Float64Array(1), line: new Uint32Array(1), cost: null, order: null, product: null, channel: null };
    await db.chunks.bulkAdd([{ datasetId: half, ...chunk }, { datasetId: 999, ...chunk }]);
    await db.dictionaries.bulkAdd([{ datasetId: half, kind: 'customer', values: ['x'] }, { datasetId: 999, kind: 'customer', values: ['y'] }]);
    await db.nps.add({ datasetId: 999 } as never);
    await db.scenarios.add({ datasetId: 999, name: 'Orphan', levers: {} as never, savedAt: 1 });
    await db.billing.add({ datasetId: 999 } as never);

    expect((await listDatasets(db)).map((d) => d.name)).toEqual(['kept.csv']);
    // 1 half-written record; 2 chunks, 2 dictionaries, 1 survey, 1 scenario, 1 billing record of no whole dataset.
    expect(await leftovers(db)).toEqual({ datasets: 1, records: 7, finished: [] });
    // Which noted imports did store their dataset whole (the half-written one does not count).
    await db.datasets.update(kept, { importJob: 'job-kept' });
    await db.datasets.update(half, { importJob: 'job-half' });
    expect((await leftovers(db, ['job-kept', 'job-half', 'job-other'])).finished).toEqual(['job-kept']);
    await removeLeftovers(db);
    expect(await leftovers(db)).toEqual({ datasets: 0, records: 0, finished: [] });
    expect(await db.datasets.count()).toBe(1);
    expect(await db.chunks.where('datasetId').equals(kept).count()).toBe(1);
    expect(await db.dictionaries.count()).toBe(1);
    expect((await db.scenarios.toArray()).map((s) => s.name)).toEqual(['Keep']);
    expect(Array.from((await loadTable(db, kept)).amount.slice(0, 3))).toEqual([7, 8, 9]);
    db.close();
  });
});
