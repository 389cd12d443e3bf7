/**
 * The page's handle on the compute worker, created on first use. The page talks to it only through the ComputeApi
 * type; the worker holds the data, computes, and is the only one to write IndexedDB.
 */
import { wrap, type Remote } from 'comlink';
import type { ComputeApi } from '../../workers/compute.api';

export type Compute = Remote<ComputeApi>;

let remote: Compute | null = null;

export function compute(): Compute {
  remote ??= wrap<ComputeApi>(new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module', name: 'compute' }));
  return remote;
}

/** Thrown into a long job's caller when the user cancelled it (the worker says so with this name). */
export function isCancelled(err: unknown): boolean {
  return err instanceof Error && (err.name === 'FitCancelled' || err.message === 'Cancelled.');
}
