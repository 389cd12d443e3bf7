/**
 * The compute workers, created on first use. The page talks to them only through the ComputeApi type. Model fits
 * run in a worker of their own so that Cancel can stop one mid-way (by ending that worker) without touching imports
 * or the dashboard's worker.
 */
import { wrap, type Remote } from 'comlink';
import type { ComputeApi } from '../../workers/compute.api';

let remote: Remote<ComputeApi> | null = null;

function start(name: string): { worker: Worker; api: Remote<ComputeApi> } {
  const worker = new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module', name });
  return { worker, api: wrap<ComputeApi>(worker) };
}

export function compute(): Remote<ComputeApi> {
  if (!remote) remote = start('compute').api;
  return remote;
}

/** Thrown into a model job's caller when the user cancels it. */
export class JobCancelled extends Error {
  constructor() {
    super('Cancelled.');
  }
}

let models: { worker: Worker; api: Remote<ComputeApi> } | null = null;
const pending = new Set<(reason: Error) => void>();

/** Runs a job on the model worker; `cancelModelJobs` rejects it with JobCancelled. */
export function runModelJob<T>(job: (api: Remote<ComputeApi>) => Promise<T>): Promise<T> {
  models ??= start('models');
  const api = models.api;
  return new Promise<T>((resolve, reject) => {
    pending.add(reject);
    job(api).then(resolve, reject).finally(() => pending.delete(reject));
  });
}

/** Stops whatever the model worker is doing; the next job starts a fresh one. */
export function cancelModelJobs() {
  models?.worker.terminate();
  models = null;
  for (const reject of pending) reject(new JobCancelled());
  pending.clear();
}
