/**
 * The page's side of an interrupted import: a note per running import and the worker's lock tell, on the next open,
 * which import never finished (not one still running in another tab); a worker killed during an import is noticed
 * while the page waits for it (its lock is freed, no answer comes), and the flow says so instead of waiting forever.
 */
import { describe, expect, it } from 'vitest';
import { ImportJournal, importLockName } from '../../../src/state/import-journal';
import type { Compute } from '../../../src/state/compute';
import { DatasetsStore } from '../../../src/state/datasets.svelte';
import { Session } from '../../../src/state/session.svelte';

class Memory {
  items = new Map<string, string>();
  get length() { return this.items.size; }
  key(i: number) { return [...this.items.keys()][i] ?? null; }
  getItem(k: string) { return this.items.get(k) ?? null; }
  setItem(k: string, v: string) { this.items.set(k, v); }
  removeItem(k: string) { this.items.delete(k); }
}

/** Web Locks as `query` shows them: the names held now. */
class Locks {
  held = new Set<string>();
  #waiting = new Map<string, (() => void)[]>();
  async query() { return { held: [...this.held].map((name) => ({ name, mode: 'exclusive' as const, clientId: 'w' })), pending: [] }; }
  /** Granted at once when free, else when `release` frees it (enough of Web Locks for the journal). */
  request(name: string, callback: () => Promise<void>): Promise<void> {
    if (!this.held.has(name)) return callback();
    return new Promise((granted) => this.#waiting.set(name, [...(this.#waiting.get(name) ?? []), () => void callback().then(granted)]));
  }
  release(name: string) {
    this.held.delete(name);
    for (const grant of this.#waiting.get(name) ?? []) grant();
    this.#waiting.delete(name);
  }
}

/**
 * An import flow whose worker sniffs a three-column file and, asked to import, does what `killed` says (take its
 * lock, report progress, die) and never answers: a killed worker as the page sees it. The journal checks every 10 ms.
 */
async function flowWithWorker(memory: Memory, locks: Locks, killed: (id: string, onProgress: (p: unknown) => void) => void) {
  const client = (() => ({
    sniffFile: async () => ({ sniff: { problem: null, header: ['c', 'd', 'a'], mapping: { customer: 0, date: 1, amount: 2, quantity: null, unitPrice: null }, hasHeader: true, dateOrder: 'DMY', encoding: 'utf-8', delimiter: ',' }, remembered: null }),
    runImport: (_file: File, _options: unknown, id: string, onProgress: (p: unknown) => void) => {
      killed(id, onProgress);
      return new Promise(() => {});
    },
    watchDatasets: async () => {},
    watchVersion: async () => {},
  })) as unknown as () => Compute;
  const datasets = new DatasetsStore(client);
  const session = new Session(datasets, undefined);
  const { ImportFlow } = await import('../../../src/state/import-flow.svelte');
  const flow = new ImportFlow(client, datasets, session, undefined, undefined, new ImportJournal(memory, locks));
  flow.watchEvery = 10;
  return flow;
}

describe('ImportJournal', () => {
  it('an import noted by a page that went away, whose lock nobody holds, is reported once; a running one is not', async () => {
    const memory = new Memory();
    const locks = new Locks();
    const closedTab = new ImportJournal(memory, locks);
    closedTab.begin('job-a', 'orders 2024.csv');
    const otherTab = new ImportJournal(memory, locks);
    otherTab.begin('job-b', 'running.csv');
    locks.held.add(importLockName('job-b'));
    // Old enough not to be looked at twice.
    for (const [k, v] of memory.items) memory.items.set(k, v.replace(/"startedAt":\d+/, '"startedAt":1000'));

    const reopened = new ImportJournal(memory, locks);
    expect(await reopened.interrupted()).toEqual([{ job: 'job-a', name: 'orders 2024.csv', startedAt: 1000 }]);
    // This page's own running import is never reported, even before its worker takes the lock.
    expect((await otherTab.interrupted()).map((i) => i.job)).toEqual(['job-a']);
    reopened.forget(['job-a']);
    expect(await reopened.interrupted()).toEqual([]);

    // A closed tab's worker that still holds its lock when the next page opens: told once the lock is free and the
    // note is still there a moment later.
    const dying = new ImportJournal(memory, locks);
    dying.begin('job-c', 'dying.csv');
    locks.held.add(importLockName('job-c'));
    const later: string[] = [];
    const next = new ImportJournal(memory, locks);
    expect((await next.interrupted((gone) => later.push(gone.name))).map((i) => i.job)).toEqual([]);
    locks.release(importLockName('job-c'));
    await new Promise((r) => setTimeout(r, 1700));
    expect(later).toEqual(['dying.csv']);
    next.forget(['job-c']);
    // The other tab's import ends: its note goes with it.
    otherTab.end('job-b');
    locks.held.delete(importLockName('job-b'));
    expect(await reopened.interrupted()).toEqual([]);
    expect(memory.items.size).toBe(0);
  });
});

describe('ImportFlow and a killed worker', () => {
  it('a worker that dies during the import (its lock freed, no answer) fails the flow with "stopped", and its note is removed', async () => {
    const memory = new Memory();
    const locks = new Locks();
    let job = '';
    const flow = await flowWithWorker(memory, locks, (id) => {
      job = id;
      locks.held.add(importLockName(id));
      // The worker is killed a moment later: the browser frees its lock, and no answer ever comes.
      setTimeout(() => locks.held.delete(importLockName(id)), 30);
    });
    await flow.choose(new File(['c,d,a\nx,2024-01-01,1\n'], 'big orders.csv'));
    expect(flow.phase).toBe('mapping');
    const started = flow.confirm();
    await new Promise((r) => setTimeout(r, 5));
    expect(memory.getItem(`clv.import.${job}`)).toContain('big orders.csv');
    await started;
    expect(flow.phase).toBe('failed');
    expect(flow.error).toMatchObject({ kind: 'stopped', message: 'big orders.csv' });
    expect(memory.items.size).toBe(0);
  });

  it('a fast import killed before the first look at its lock is noticed too: its progress says it had the lock', async () => {
    const memory = new Memory();
    const locks = new Locks();
    const flow = await flowWithWorker(memory, locks, (id, onProgress) => {
      locks.held.add(importLockName(id));
      onProgress({ stage: 'saving', bytesRead: 1, totalBytes: 1, rowsRead: 1, rowsPerSecond: 0, elapsedMs: 1 });
      // Killed before the page's first look at the lock (every 10 ms here).
      setTimeout(() => locks.held.delete(importLockName(id)), 2);
    });
    await flow.choose(new File(['c,d,a\nx,2024-01-01,1\n'], 'fast.csv'));
    await flow.confirm();
    expect(flow.error).toMatchObject({ kind: 'stopped', message: 'fast.csv' });
  });

  it('a summary import whose worker dies is noticed the same way (its lock taken, then freed, no answer)', async () => {
    const memory = new Memory();
    const locks = new Locks();
    let noted = '';
    const client = (() => ({
      sniffFile: async () => ({ sniff: { problem: 'a summary', problemCode: 'summary-file', header: ['customer_id', 'frequency', 'recency', 'T'] }, remembered: null }),
      runSummaryImport: (_file: File, id: string, started: () => void) => {
        locks.held.add(importLockName(id));
        started();
        noted = memory.getItem(`clv.import.${id}`) ?? '';
        setTimeout(() => locks.held.delete(importLockName(id)), 2);
        return new Promise(() => {});
      },
      watchDatasets: async () => {},
      watchVersion: async () => {},
    })) as unknown as () => Compute;
    const datasets = new DatasetsStore(client);
    const { ImportFlow } = await import('../../../src/state/import-flow.svelte');
    const flow = new ImportFlow(client, datasets, new Session(datasets, undefined), undefined, undefined, new ImportJournal(memory, locks));
    flow.watchEvery = 10;
    await flow.choose(new File(['customer_id,frequency,recency,T\nA,1,2,3\n'], 'warehouse.csv'));
    expect(flow.phase).toBe('summary');
    await flow.confirmSummary();
    expect(noted).toContain('warehouse.csv');
    expect(flow.error).toMatchObject({ kind: 'stopped', message: 'warehouse.csv' });
    expect(memory.items.size).toBe(0);
  });

  it('on opening, an import cut off last time and the records it left are offered for removal', async () => {
    const memory = new Memory();
    memory.setItem('clv.import.gone', JSON.stringify({ name: 'shop.csv', startedAt: 5 }));
    // Its tab closed too, but its worker stored the dataset whole before it went: nothing to say about it.
    memory.setItem('clv.import.done', JSON.stringify({ name: 'whole.csv', startedAt: 6 }));
    let removed = 0;
    let left = { datasets: 1, records: 3 };
    const client = (() => ({
      leftovers: async (jobs: string[]) => ({ ...left, finished: jobs.filter((j) => j === 'done') }),
      removeLeftovers: async () => {
        removed++;
        left = { datasets: 0, records: 0 };
      },
    })) as unknown as () => Compute;
    const datasets = new DatasetsStore(client);
    const { ImportFlow } = await import('../../../src/state/import-flow.svelte');
    const flow = new ImportFlow(client, datasets, new Session(datasets, undefined), undefined, undefined, new ImportJournal(memory, new Locks()));
    await flow.checkInterrupted();
    expect(flow.interrupted.map((i) => i.name)).toEqual(['shop.csv']);
    expect(flow.leftovers).toEqual({ datasets: 1, records: 3 });
    expect(memory.getItem('clv.import.done')).toBeNull();
    await flow.removeLeftovers();
    expect(removed).toBe(1);
    expect(flow.interrupted).toEqual([]);
    expect(flow.leftovers).toBeNull();
    expect(memory.items.size).toBe(0);
    // Nothing to say the next time.
    await flow.checkInterrupted();
    expect(flow.interrupted).toEqual([]);
    expect(flow.leftovers).toBeNull();
  });
});
