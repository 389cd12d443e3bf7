import { proxy, wrap } from 'comlink';
import type { RunPart } from '../src/core/pipeline';
import type { ImportPartApi } from './import-part.api';

const startWorker = () => new Worker(new URL('./import-part.worker.ts', import.meta.url), { type: 'module', name: 'import-part' });

/** A part worker started ahead of an import, so that its start-up (fetching and compiling its code) is not on the import's clock. */
let spare: Worker | null = null;

/** Called when a file large enough to be split is picked: the import that follows will want a second worker. */
export function prepareSplitImport(): void {
  if (typeof Worker !== 'undefined' && spare === null) spare = startWorker();
}

/**
 * A RunPart that reads the range in a worker of its own. A worker that fails to start or crashes rejects the result
 * (the split import then reads on in its own thread); `cancel` ends the worker.
 */
export function runPartInWorker(file: Blob): RunPart | null {
  if (typeof Worker === 'undefined') return null;
  return (options, from, to) => {
    const worker = spare ?? startWorker();
    spare = null;
    const api = wrap<ImportPartApi>(worker);
    let progress = { bytes: 0, rows: 0 };
    const failed = new Promise<never>((_, reject) => {
      worker.onerror = (e) => reject(new Error(`The second import worker stopped: ${e.message || 'it could not start'}`));
    });
    const result = Promise.race([api.readPart(file, options, from, to, proxy((bytes: number, rows: number) => void (progress = { bytes, rows }))), failed]);
    return { result, progress: () => progress, cancel: () => worker.terminate() };
  };
}
