/**
 * The page's handle on the compute worker, created on first use. The page talks to it only through the ComputeApi
 * type; the worker holds the data, computes, and is the only one to write IndexedDB.
 */
import { wrap, type Remote } from 'comlink';
import type { ComputeApi } from '../../workers/compute.api';

export type Compute = Remote<ComputeApi>;

let remote: Compute | null = null;

export function compute(): Compute {
  if (!remote) {
    const worker = new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module', name: 'compute' });
    // The browser tests stop the worker as the browser would kill it (tests/e2e/storage.spec.ts); off unless asked.
    if (globalThis.localStorage?.getItem('clv.testHooks')) Object.assign(globalThis, { clvKillWorker: () => worker.terminate() });
    remote = wrap<ComputeApi>(worker);
  }
  return remote;
}

/** Thrown into a long job's caller when the user cancelled it (the worker says so with this name). */
export function isCancelled(err: unknown): boolean {
  return err instanceof Error && (err.name === 'FitCancelled' || err.message === 'Cancelled.');
}
