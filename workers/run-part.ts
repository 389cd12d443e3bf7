import { proxy, wrap } from 'comlink';
import type { RunPart } from '../src/core/pipeline';
import type { ImportPartApi } from './import-part.api';

/**
 * A RunPart that reads the range in a new worker. A worker that fails to start or crashes rejects the result (the
 * split import then reads on in its own thread); `cancel` ends the worker.
 */
export function runPartInWorker(file: Blob): RunPart | null {
  if (typeof Worker === 'undefined') return null;
  return (options, from, to) => {
    const worker = new Worker(new URL('./import-part.worker.ts', import.meta.url), { type: 'module', name: 'import-part' });
    const api = wrap<ImportPartApi>(worker);
    let progress = { bytes: 0, rows: 0 };
    const failed = new Promise<never>((_, reject) => {
      worker.onerror = (e) => reject(new Error(`The second import worker stopped: ${e.message || 'it could not start'}`));
    });
    const result = Promise.race([api.readPart(file, options, from, to, proxy((bytes: number, rows: number) => void (progress = { bytes, rows }))), failed]);
    return { result, progress: () => progress, cancel: () => worker.terminate() };
  };
}
