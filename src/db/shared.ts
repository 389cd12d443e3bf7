/** Shared snapshots on this device: kept whole or not at all, listed without their documents, deleted with them. */
import type { SnapshotV1 } from '../core/snapshot/schema';
import type { Notice } from '../core/types';
import type { ClvDatabase, SharedOriginKind, SharedRecord } from './schema';

/** A shared snapshot as the list shows it. */
export interface SharedEntry {
  id: number;
  name: string;
  origin: { kind: SharedOriginKind; fileName: string | null };
  openedAt: number;
  createdAt: string;
}

/** A shared snapshot to show: its entry, the restored document and restore's notes. */
export interface SharedDocument {
  entry: SharedEntry;
  snapshot: SnapshotV1;
  notes: Notice[];
}

function entryOf(r: SharedRecord): SharedEntry {
  return { id: r.id!, name: r.name, origin: { ...r.origin }, openedAt: r.openedAt, createdAt: r.createdAt };
}

/**
 * Keep a restored snapshot. The same snapshot opened again (same creation time, app and name: a link clicked twice,
 * a file opened twice) is the one already kept, with its new origin and date.
 */
export async function saveShared(db: ClvDatabase, snapshot: SnapshotV1, notes: Notice[], origin: SharedEntry['origin']): Promise<number> {
  return db.transaction('rw', db.shared, db.sharedBodies, async () => {
    const same = await db.shared
      .filter((r) => r.createdAt === snapshot.createdAt && r.app === snapshot.app && r.name === snapshot.dataset.name)
      .first();
    const record: SharedRecord = { name: snapshot.dataset.name, origin, openedAt: Date.now(), createdAt: snapshot.createdAt, app: snapshot.app };
    const id = same ? same.id! : ((await db.shared.add(record)) as number);
    if (same) await db.shared.put({ ...record, id });
    await db.sharedBodies.put({ id, snapshot, notes });
    return id;
  });
}

export async function listShared(db: ClvDatabase): Promise<SharedEntry[]> {
  return (await db.shared.orderBy('openedAt').reverse().toArray()).map(entryOf);
}

export async function loadShared(db: ClvDatabase, id: number): Promise<SharedDocument | null> {
  const [record, body] = await Promise.all([db.shared.get(id), db.sharedBodies.get(id)]);
  return record && body ? { entry: entryOf(record), snapshot: body.snapshot, notes: body.notes } : null;
}

export async function deleteShared(db: ClvDatabase, id: number): Promise<void> {
  await db.transaction('rw', db.shared, db.sharedBodies, async () => {
    await db.sharedBodies.delete(id);
    await db.shared.delete(id);
  });
}
