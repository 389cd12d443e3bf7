/**
 * What a large import leaves for the collector. In the app the save follows the import and its figures at once, and
 * whatever was not given back (src/core/release.ts) is still resident then, at the import's peak: at ten million
 * lines, 150 MB of scratch arrays (a forced collection there took the worker's memory 450 → 294 MB). Here every
 * array of 256 KB or more made by a file read in two halves, its figures and its dashboard must, once the work is
 * done, be given back or still held: none may be left to a collection.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeDataset, dashboardData, releaseGroupings } from '../../../src/core/figures';
import { importSource, importPart, type ByteSource, type RunPart } from '../../../src/core/import/run';
import { sniff } from '../../../src/core/import';
import type { ImportOptions } from '../../../src/core/import';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const KINDS = ['Float64Array', 'Int32Array', 'Uint32Array', 'Uint8Array', 'Uint16Array', 'Int16Array', 'Float32Array'] as const;
const TRACKED_BYTES = 256 << 10;

interface Made {
  buffer: WeakRef<ArrayBuffer>;
  bytes: number;
  where: string;
  given: boolean;
}

const made: Made[] = [];
const madeOf = new WeakMap<ArrayBuffer, Made>();
const originals = new Map<string, unknown>();
let originalTransfer: ((this: ArrayBuffer, length?: number) => ArrayBuffer) | undefined;

beforeAll(() => {
  for (const kind of KINDS) {
    const Original = globalThis[kind] as unknown as new (...args: unknown[]) => ArrayBufferView;
    originals.set(kind, Original);
    (globalThis as Record<string, unknown>)[kind] = new Proxy(Original, {
      construct(target, args, newTarget) {
        const array = Reflect.construct(target, args, newTarget) as ArrayBufferView;
        // Arrays with a buffer of their own: a view of another array (even of all of it) is that array's business.
        if (array.byteLength >= TRACKED_BYTES && array.byteOffset === 0 && array.buffer.byteLength === array.byteLength && !madeOf.has(array.buffer as ArrayBuffer)) {
          const where = (new Error().stack ?? '').split('\n').slice(2, 4).map((line) => line.trim()).join(' < ');
          const entry = { buffer: new WeakRef(array.buffer as ArrayBuffer), bytes: array.byteLength, where, given: false };
          made.push(entry);
          madeOf.set(array.buffer as ArrayBuffer, entry);
        }
        return array;
      },
    });
  }
  // release() detaches a buffer with transfer (tests/support/release-buffers.ts stands in for it on Node 20).
  const proto = ArrayBuffer.prototype as ArrayBuffer & { transfer: (length?: number) => ArrayBuffer };
  originalTransfer = proto.transfer;
  proto.transfer = function (this: ArrayBuffer, length?: number) {
    const entry = madeOf.get(this);
    if (entry) entry.given = true;
    return originalTransfer!.call(this, length);
  };
});

afterAll(() => {
  for (const [kind, Original] of originals) (globalThis as Record<string, unknown>)[kind] = Original;
  Object.defineProperty(ArrayBuffer.prototype, 'transfer', { configurable: true, writable: true, value: originalTransfer });
});

/** Orders in date order, `customers` customers with ids C0000000…, each buying on a few days (as bench files). */
function ordersFile(lines: number, customers: number): Uint8Array {
  const parts = ['order_id,customer_id,created_at,total\n'];
  let seed = 16;
  const next = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
  for (let i = 0; i < lines; i++) {
    const day = Math.floor((i / lines) * 700);
    const date = new Date(Date.UTC(2023, 0, 1 + day)).toISOString().slice(0, 10);
    const customer = String(Math.floor(next() * customers)).padStart(7, '0');
    parts.push(`#${10_000_000 + i},C${customer},${date},${(5 + Math.floor(next() * 20_000) / 100).toFixed(2)}\n`);
  }
  return new TextEncoder().encode(parts.join(''));
}

describe('a large import read in two halves, its figures and its dashboard', () => {
  it('leave no array of 256 KB or more to the collector: each is given back or still held', async () => {
    const bytes = ordersFile(400_000, 120_000);
    const source: ByteSource = {
      size: bytes.length,
      async *chunks(from, to) {
        for (let at = from; at < to; at += 1 << 20) yield bytes.subarray(at, Math.min(to, at + (1 << 20)));
      },
    };
    const runPart: RunPart = (options, from, to) => ({ result: importPart(options, source.chunks(from, to)), progress: () => ({ bytes: 0, rows: 0 }), cancel: () => {} });
    const guess = sniff(bytes.subarray(0, 1 << 20), 'orders.csv', bytes.length);
    const options: ImportOptions = { fileName: 'orders.csv', totalBytes: bytes.length, encoding: guess.encoding, delimiter: guess.delimiter, hasHeader: guess.hasHeader, mapping: guess.mapping, dateOrderFallback: 'DMY' };
    made.length = 0;
    const { table, report, timings } = await importSource(options, { kind: 'plain', bytes: source, runPart });
    const { figures } = analyzeDataset(table);
    // As the import's end does before the save (workers/import-job.ts): the dashboard, then the groupings given back.
    const dashboard = dashboardData(table);
    releaseGroupings(table);
    expect(report.rowsAccepted).toBe(400_000);
    expect(timings.parts).toBe(2);
    collect();
    await new Promise((resolve) => setTimeout(resolve, 0));
    collect();
    const left = made.filter((m) => m.buffer.deref() === undefined && !m.given);
    expect(left.map((m) => `${(m.bytes / 1024).toFixed(0)} KB ${m.where}`)).toEqual([]);
    // Figures still read right: every buyer counted (the table and the dashboard's columns are what stay held).
    expect(figures.customers).toBeGreaterThan(100_000);
    expect(dashboard.historical.perCustomer.netRevenue.length).toBe(figures.customers);
    expect(made.length).toBeGreaterThan(20);
  });
});
