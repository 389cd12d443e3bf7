/** The one compute worker, created on first use. The page talks to it only through the ComputeApi type. */
import { wrap, type Remote } from 'comlink';
import type { ComputeApi } from '../../workers/compute.api';

let remote: Remote<ComputeApi> | null = null;

export function compute(): Remote<ComputeApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module', name: 'compute' });
    remote = wrap<ComputeApi>(worker);
  }
  return remote;
}
