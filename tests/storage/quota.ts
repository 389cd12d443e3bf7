/**
 * A full disk for fake-indexeddb: once the records stored since `limitStorage` add up to more than `bytes`, every
 * further write fails as a browser's does, with a DOMException named QuotaExceededError on the request, which aborts
 * its transaction with that error. Records are sized by their typed arrays and strings.
 */
import Dexie from 'dexie';
import { ClvDatabase } from '../../src/db/schema';

type RawStore = { storeRecord: (record: { value: unknown }, ...rest: unknown[]) => unknown };

function sizeOf(value: unknown, depth = 0): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value === 'string') return 2 * value.length;
  if (typeof value === 'number') return 8;
  if (!value || typeof value !== 'object' || depth > 5) return 0;
  return Object.values(value).reduce((n: number, v) => n + sizeOf(v, depth + 1), 0);
}

/** The prototype of fake-indexeddb's raw object store (the one every store's writes go through). */
async function rawStorePrototype(): Promise<RawStore> {
  const db = new ClvDatabase(`probe-${crypto.randomUUID()}`);
  await db.open();
  const store = db.backendDB().transaction('datasets').objectStore('datasets') as unknown as { _rawObjectStore: object };
  const proto = Object.getPrototypeOf(store._rawObjectStore) as RawStore;
  db.close();
  return proto;
}

/** From now on, writes beyond `bytes` in all fail; returns how to lift the limit and how many bytes were written. */
export async function limitStorage(bytes: number): Promise<{ written: () => number; lift: () => void }> {
  const proto = await rawStorePrototype();
  const original = proto.storeRecord;
  let written = 0;
  proto.storeRecord = function (record, ...rest) {
    const size = sizeOf(record.value);
    if (written + size > bytes) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const out = original.call(this, record, ...rest);
    written += size;
    return out;
  };
  return { written: () => written, lift: () => (proto.storeRecord = original) };
}

/**
 * Called inside a Dexie transaction: its writes all succeed, then its commit fails and it aborts with an error of this
 * name (as Chromium reports a full disk, or as a tab closed during the commit leaves it: rolled back).
 */
export function failCommit(name: string | null): void {
  const trans = Dexie.currentTransaction.idbtrans as unknown as { _markFinished(): void; _abort(name: string | null): void };
  const markFinished = trans._markFinished.bind(trans);
  let first = true;
  trans._markFinished = () => {
    if (!first) return markFinished();
    first = false;
    trans._abort(name);
  };
}
