import { afterEach, describe, expect, it, vi } from 'vitest';
import { expose } from 'comlink';
import { dismissSplitImport, prepareSplitImport, runPartInWorker } from '../../../workers/run-part';
import type { SniffResult } from '../../../src/core/import';
import type { ImportOptions } from '../../../src/core/import';

/**
 * A stand-in for the browser's Worker, its other end served by comlink over a MessageChannel: the part reader's
 * lifecycle can be checked without a browser, which does not show a worker's own workers to the test.
 */
class FakeWorker {
  static started: FakeWorker[] = [];
  static answer: () => Promise<unknown> = async () => ({ rows: 0 });
  readonly terminate = vi.fn(() => this.port.close());
  onerror: ((e: { message: string }) => void) | null = null;
  private readonly port: MessagePort;
  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    expose({ warmUp: async () => undefined, readPart: () => FakeWorker.answer() }, port2);
    FakeWorker.started.push(this);
  }
  postMessage(message: unknown, transfer?: Transferable[]) {
    this.port.postMessage(message, transfer ?? []);
  }
  addEventListener(type: string, listener: (e: MessageEvent) => void) {
    this.port.addEventListener(type as 'message', listener);
    this.port.start();
  }
  removeEventListener(type: string, listener: (e: MessageEvent) => void) {
    this.port.removeEventListener(type as 'message', listener);
  }
}

describe('the worker that reads a file\'s second half', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeWorker.started = [];
  });

  const start = () => {
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('self', { location: { href: 'http://localhost/assets/compute.worker.js' } });
    const runPart = runPartInWorker(new Blob(['x']))!;
    expect(runPart).not.toBeNull();
    return runPart({} as ImportOptions, 0, 1);
  };

  it('is ended once its part has arrived, so that its heap does not stay for as long as the page', async () => {
    FakeWorker.answer = async () => ({ rows: 7 });
    const run = start();
    expect(await run.result).toEqual({ rows: 7 });
    await vi.waitFor(() => expect(FakeWorker.started[0].terminate).toHaveBeenCalledTimes(1));
  });

  it('is ended when its part fails too', async () => {
    FakeWorker.answer = async () => {
      throw new Error('unreadable');
    };
    const run = start();
    await expect(run.result).rejects.toThrow('unreadable');
    await vi.waitFor(() => expect(FakeWorker.started[0].terminate).toHaveBeenCalledTimes(1));
  });

  it('started ahead for a large file, is ended when another file is picked, with the half it read ahead', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('self', { location: { href: 'http://localhost/assets/compute.worker.js' } });
    prepareSplitImport(new Uint8Array(1), {} as SniffResult, 'big.csv', { file: new Blob(['x']), from: 0, to: 1 });
    expect(FakeWorker.started).toHaveLength(1);
    dismissSplitImport();
    expect(FakeWorker.started[0].terminate).toHaveBeenCalledTimes(1);
    // Not used by the next import: that one starts a worker of its own.
    FakeWorker.answer = async () => ({ rows: 1 });
    const run = runPartInWorker(new Blob(['x']))!({} as ImportOptions, 0, 1);
    expect(FakeWorker.started).toHaveLength(2);
    expect(await run.result).toEqual({ rows: 1 });
  });
});
