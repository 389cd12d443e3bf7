/**
 * Storage failures during an import: a full disk (as the browser reports it, and as Dexie wraps it) rolls the save
 * back whole, keeps every dataset already stored, and reaches the page under its own name with what the file needed.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { ClvDatabase, type DatasetRecord } from '../../src/db/schema';
import { CHUNK_ROWS, listDatasets, loadTable, saveDataset, storedBytes } from '../../src/db/repo';
import { storageFailure } from '../../src/db/storage-errors';
import type { TransactionTable } from '../../src/core/types';
import { failCommit, limitStorage } from './quota';
import { proxy } from 'comlink';
import type { DatasetEntry } from '../../src/core/datasets';
import { acceptedOptions, computeHarness, importText } from '../support/compute-harness';

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

const quota = (message = 'The quota has been exceeded.') => new DOMException(message, 'QuotaExceededError');
let lift: (() => void) | null = null;
afterEach(() => {
  lift?.();
  lift = null;
});

describe('telling a storage failure by its name, however it is wrapped', () => {
  it('finds a full disk in the DOMException, in Dexie\'s AbortError, BulkError and OpenFailedError, and in a bare message', () => {
    expect(storageFailure(quota())).toBe('quota');
    expect(storageFailure(new Dexie.AbortError('Transaction aborted', quota()))).toBe('quota');
    expect(storageFailure(new Dexie.BulkError('1 of 3 operations failed', { 1: quota() }))).toBe('quota');
    expect(storageFailure(new Dexie.OpenFailedError(new DOMException('newer', 'VersionError')))).toBe('version');
    expect(storageFailure(new Dexie.DatabaseClosedError())).toBe('closed');
    expect(storageFailure(new DOMException('x', 'InvalidStateError'))).toBe('invalid-state');
    expect(storageFailure(new DOMException('Connection to Indexed Database server lost', 'UnknownError'))).toBe('unknown');
    // An abort without a storage cause is not a storage failure; nor is any other error.
    expect(storageFailure(new Dexie.AbortError('Transaction aborted'))).toBeNull();
    expect(storageFailure(new Error('QuotaExceededError'))).toBeNull();
    expect(storageFailure(new TypeError('x is undefined'))).toBeNull();
    // On the page an error is a name and a message only (the worker sends a wrapped failure under its cause's name).
    expect(storageFailure(Object.assign(new Error('x'), { name: 'VersionError' }))).toBe('version');
    expect(storageFailure(new Error('Dataset 3 no longer exists.'))).toBeNull();
  });
});

describe('a full disk during the save', () => {
  it('rolls the new dataset back whole and leaves the stored one exactly as it was (the write fails on its request)', async () => {
    const db = new ClvDatabase(`quota-${crypto.randomUUID()}`);
    const kept = await saveDataset(db, table(CHUNK_ROWS + 10, 100), meta('kept.csv'));
    const limit = await limitStorage(storedBytes(table(CHUNK_ROWS, 0)));
    lift = limit.lift;
    const err = await saveDataset(db, table(CHUNK_ROWS * 2 + 3, 500), meta('too-big.csv')).then(() => null, (e: unknown) => e);
    expect(storageFailure(err)).toBe('quota');
    // Some chunks were written before the disk filled up: the rollback took them away with the record.
    expect(limit.written()).toBeGreaterThan(0);
    lift();
    lift = null;
    expect((await listDatasets(db)).map((d) => d.name)).toEqual(['kept.csv']);
    expect(await db.chunks.count()).toBe(2);
    expect(await db.dictionaries.count()).toBe(1);
    const back = await loadTable(db, kept);
    expect(back.length).toBe(CHUNK_ROWS + 10);
    expect(back.amount[0]).toBe(100);
    expect(back.amount[CHUNK_ROWS + 9]).toBe(100 + ((CHUNK_ROWS + 9) % 7));
    db.close();
  });

  it('rolls back when the transaction itself aborts with a full disk (Dexie: AbortError with the QuotaExceededError inside)', async () => {
    const db = new ClvDatabase(`quota-${crypto.randomUUID()}`);
    await saveDataset(db, table(5, 1), meta('kept.csv'));
    // As Chromium does: every write went through, then the commit fails and the transaction aborts with the error.
    const err = await saveDataset(db, table(CHUNK_ROWS + 1, 9), meta('aborted.csv'), () => {
      failCommit('QuotaExceededError');
      return { timings: {} };
    }).then(() => null, (e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(storageFailure(err)).toBe('quota');
    expect((await listDatasets(db)).map((d) => d.name)).toEqual(['kept.csv']);
    expect(await db.chunks.count()).toBe(1);
    expect(await db.dictionaries.count()).toBe(1);
    db.close();
  });

  it('through the worker: the import fails under the name QuotaExceededError with what the file needed, and the earlier dataset stays', async () => {
    const harness = computeHarness();
    try {
      const first = await importText(harness.api, 'first.csv', 'customer,date,amount\nA,2024-01-05,10\nB,2024-01-06,20\n');
      const limit = await limitStorage(100);
      lift = limit.lift;
      // What the file needs, by hand: 4 rows of 2 customers; customers (codes 0–1), days (1 Feb – 2 Mar, 30 apart) and
      // amounts (whole units 1–4) each packed in a byte a row (packed-ints.ts), 4 + 4 + 4, and the ids "X" and "Y"
      // packed, a byte each and a 4-byte end each (the rows' lines are not stored): 22 bytes. Its dataset record alone already
      // takes most of the 100 bytes allowed, so the first chunk fails.
      const file = new File(['customer,date,amount\nX,2024-02-01,1\nY,2024-02-02,2\nX,2024-03-01,3\nY,2024-03-02,4\n'], 'second.csv');
      const options = await acceptedOptions(harness.api, file);
      const err = (await harness.api.runImport(file, options, 'job').then(() => null, (e: unknown) => e)) as Error & { notice?: { vars: { needed: number } } };
      expect(err.name).toBe('QuotaExceededError');
      expect(err.notice?.vars.needed).toBe(22);
      lift();
      lift = null;
      const names = (await harness.api.listDatasets()).map((d) => [d.id, d.name, d.figures.netRevenue]);
      expect(names).toEqual([[first, 'first.csv', 30]]);
    } finally {
      harness.close();
    }
  });

  it('met after the dataset was shown (its record written, its first chunk not): it is listed no more, and the earlier dataset stays', async () => {
    const harness = computeHarness();
    try {
      await importText(harness.api, 'first.csv', 'customer,date,amount\nA,2024-01-05,10\nB,2024-01-06,20\n');
      const lists: string[][] = [];
      await harness.api.watchDatasets(proxy((entries: DatasetEntry[]) => void lists.push(entries.map((d) => `${d.name}${d.saving ? ' (saving)' : ''}`))));
      const file = new File(['customer,date,amount\nX,2024-02-01,1\nY,2024-02-02,2\nX,2024-03-01,3\nY,2024-03-02,4\n'], 'second.csv');
      const options = await acceptedOptions(harness.api, file);
      // Its record takes 332 bytes as tests/storage/quota.ts counts them, its chunk 48 and its ids 10 more.
      const limit = await limitStorage(340);
      lift = limit.lift;
      const shown: number[] = [];
      const err = (await harness.api.runImport(file, options, 'job', undefined, proxy((id: number) => void shown.push(id))).then(() => null, (e: unknown) => e)) as Error;
      expect(err.name).toBe('QuotaExceededError');
      // Each callback comes on a channel of its own, so possibly after the error.
      for (let i = 0; i < 100 && (shown.length === 0 || lists.at(-1)?.length !== 1); i++) await new Promise((r) => setTimeout(r, 5));
      expect(shown).toHaveLength(1);
      expect(lists).toContainEqual(['second.csv (saving)', 'first.csv']);
      expect(lists.at(-1)).toEqual(['first.csv']);
      expect(harness.context.pending.has(shown[0])).toBe(false);
      lift();
      lift = null;
      expect((await harness.api.listDatasets()).map((d) => d.name)).toEqual(['first.csv']);
    } finally {
      harness.close();
    }
  });

  it('any other storage failure thrown in the worker reaches the page under the name of its cause', async () => {
    const harness = computeHarness();
    try {
      const id = await importText(harness.api, 'a.csv', 'customer,date,amount\nA,2024-01-05,10\n');
      const original = harness.context.db.datasets.update.bind(harness.context.db.datasets);
      harness.context.db.datasets.update = (() => Promise.reject(new Dexie.AbortError('Transaction aborted', new DOMException('lost', 'UnknownError')))) as unknown as typeof original;
      const err = (await harness.api.renameDataset(id, 'b').then(() => null, (e: unknown) => e)) as Error;
      harness.context.db.datasets.update = original;
      expect(err.name).toBe('UnknownError');
    } finally {
      harness.close();
    }
  });
});
