/**
 * Model fits run in a worker of their own, started by the compute worker, so that Cancel can stop one mid-way (by
 * ending that worker) while the compute worker keeps answering. Where a worker cannot start another (Node tests),
 * fits run in this thread and cannot be interrupted.
 */
import { wrap, type Remote } from 'comlink';
import { fitApi, type FitApi } from './fit.api';
import { startHelper } from './roles';

/** Thrown into a fit's caller when its job is cancelled. */
export class FitCancelled extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'FitCancelled';
  }
}

type FitCall<T> = (api: FitApi | Remote<FitApi>) => Promise<T> | T;

export class FitRunner {
  #child: { worker: Worker; api: Remote<FitApi> } | null = null;
  /** Running jobs by id, with the way to fail them when cancelled. */
  readonly #running = new Map<string, (reason: Error) => void>();

  /** Run `call` on the fit worker as job `jobId`; `cancel(jobId)` rejects it with FitCancelled. */
  run<T>(jobId: string, call: FitCall<T>): Promise<T> {
    const api = this.#api();
    return new Promise<T>((resolve, reject) => {
      this.#running.set(jobId, reject);
      Promise.resolve()
        .then(() => call(api))
        .then(resolve, reject)
        .finally(() => this.#running.delete(jobId));
    });
  }

  /** Stop a running job. The fit worker is ended (with any other job on it, which fails the same way). */
  cancel(jobId: string): boolean {
    if (!this.#running.has(jobId)) return false;
    this.#child?.worker.terminate();
    this.#child = null;
    for (const reject of this.#running.values()) reject(new FitCancelled());
    this.#running.clear();
    return true;
  }

  #api(): FitApi | Remote<FitApi> {
    if (!this.#child) {
      const worker = startHelper('fit');
      if (!worker) return fitApi;
      this.#child = { worker, api: wrap<FitApi>(worker) };
    }
    return this.#child.api;
  }
}
