import { proxy, wrap, type Remote } from 'comlink';
import type { SniffResult } from '../src/core/import';
import type { RunPart } from '../src/core/import/run';
import type { ImportPartApi, RangeToRead } from './import-part.api';
import { canStartHelpers, startHelper } from './roles';

/** One Comlink proxy per worker: a second proxy's release (when it is garbage-collected) would close the worker's end. */
type PartWorker = { worker: Worker; api: Remote<ImportPartApi> };

function startWorker(): PartWorker | null {
  const worker = startHelper('import-part');
  return worker && { worker, api: wrap<ImportPartApi>(worker) };
}

/** A part worker started ahead of an import, so that its start-up (fetching and compiling its code) is not on the import's clock. */
let spare: PartWorker | null = null;

/**
 * Called when a file large enough to be split is picked: the import that follows will want a second worker. It
 * starts now and reads the file's head a few times (see warmUpImporter) while the user checks the columns, and the
 * half it will read (`readAhead`).
 */
export function prepareSplitImport(head: Uint8Array, guess: SniffResult, fileName: string, readAhead?: RangeToRead): void {
  spare?.worker.terminate();
  spare = startWorker();
  void spare?.api.warmUp(head, guess, fileName, readAhead);
}

/** Another file is being looked at: the worker started for the last one, and the half it read ahead, go. */
export function dismissSplitImport(): void {
  spare?.worker.terminate();
  spare = null;
}

/**
 * A RunPart that reads the range in a worker of its own. A worker that fails to start or crashes rejects the result
 * (the split import then reads on in its own thread); `cancel` ends the worker.
 */
export function runPartInWorker(file: Blob): RunPart | null {
  if (!canStartHelpers()) return null;
  return (options, from, to) => {
    const { worker, api } = spare ?? startWorker()!;
    spare = null;
    let progress = { bytes: 0, rows: 0 };
    const failed = new Promise<never>((_, reject) => {
      worker.onerror = (e) => reject(new Error(`The second import worker stopped: ${e.message || 'it could not start'}`));
    });
    const result = Promise.race([api.readPart(file, options, from, to, proxy((bytes: number, rows: number) => void (progress = { bytes, rows }))), failed]);
    // Once its part has arrived, or failed, the worker has nothing left to do, but its heap (the part's dictionaries'
    // lookup tables, decoded text not yet collected) would stay resident for as long as the page is open.
    const end = () => worker.terminate();
    void result.then(end, end);
    return { result, progress: () => progress, cancel: () => worker.terminate() };
  };
}
