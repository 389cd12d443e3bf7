/**
 * The compute worker's API in this process, across a real MessageChannel, so that every answer goes through
 * structured cloning as it does between the page and the worker. Each harness has a database of its own.
 */
import 'fake-indexeddb/auto';
import { MessageChannel } from 'node:worker_threads';
import { expose, wrap, type Remote } from 'comlink';
import { makeComputeApi, type ComputeApi } from '../../workers/compute.api';
import { createContext, type WorkerContext } from '../../workers/context';
import { keepNoticesOnThrownErrors } from '../../workers/error-notices';

export interface ComputeHarness {
  api: Remote<ComputeApi>;
  context: WorkerContext;
  dbName: string;
  close(): void;
}

export function computeHarness(): ComputeHarness {
  keepNoticesOnThrownErrors();
  const dbName = `test-${crypto.randomUUID()}`;
  const context = createContext(dbName);
  const { port1, port2 } = new MessageChannel();
  // Node's MessagePort is close enough to the browser's for Comlink.
  expose(makeComputeApi(context), port2 as unknown as Parameters<typeof expose>[1]);
  const api = wrap<ComputeApi>(port1 as unknown as Parameters<typeof wrap>[0]);
  return {
    api,
    context,
    dbName,
    close() {
      port1.close();
      port2.close();
      context.db.close();
    },
  };
}

/** The options an import would use after the user accepted the guessed columns. */
export async function acceptedOptions(api: Remote<ComputeApi>, file: File) {
  const { sniff } = await api.sniffFile(file);
  return { fileName: file.name, totalBytes: file.size, encoding: sniff.encoding, delimiter: sniff.delimiter, hasHeader: sniff.hasHeader, mapping: sniff.mapping, dateOrderFallback: sniff.dateOrder ?? ('DMY' as const) };
}

/** Import a file through the API and return its dataset id (the test fails if it is not accepted). */
export async function importText(api: Remote<ComputeApi>, name: string, text: string): Promise<number> {
  const file = new File([text], name, { type: 'text/csv' });
  const outcome = await api.runImport(file, await acceptedOptions(api, file), crypto.randomUUID());
  if (!outcome.ok) throw new Error(`import of ${name} failed: ${outcome.message}`);
  return outcome.datasetId;
}
