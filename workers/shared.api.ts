/**
 * Shared snapshots domain: opening a snapshot someone sent (a file, a link, an OS launch, the share sheet) through
 * `restoreSnapshot`, keeping it for the list, and making a link for the open dataset's snapshot. The page never
 * parses a snapshot itself: hostile input meets only the checks of restore, here.
 */
import { liveQuery } from 'dexie';
import { notice } from '../src/core/notice';
import { decodeSnapshotLink, encodeSnapshotLink, type LinkEncoding } from '../src/core/snapshot/link';
import { MAX_SNAPSHOT_BYTES } from '../src/core/snapshot/schema';
import type { Notice } from '../src/core/types';
import { deleteShared, listShared, loadShared, saveShared, type SharedDocument, type SharedEntry } from '../src/db/shared';
import type { SharedOriginKind } from '../src/db/schema';
import type { WorkerContext } from './context';
import { SHARE_OPTIONS, snapshotApi } from './snapshot.api';

export type OpenSnapshotOutcome = { ok: true; id: number; notes: Notice[] } | { ok: false; problem: string; notice: Notice };

export function sharedApi(context: WorkerContext) {
  const { db } = context;
  const refuse = (why: Notice): OpenSnapshotOutcome => ({ ok: false, problem: why.text, notice: why });

  async function keep(text: string, origin: SharedEntry['origin']): Promise<OpenSnapshotOutcome> {
    // restore's checks are a chunk of their own, loaded when a snapshot is first opened (the worker's start stays small).
    const { restoreSnapshot } = await import('../src/core/snapshot/restore');
    const restored = restoreSnapshot(text);
    if (!restored.ok) return refuse(restored.notice);
    const id = await saveShared(db, restored.snapshot, restored.notes, origin);
    return { ok: true, id, notes: restored.notes };
  }

  return {
    /** Calls `onChange` with every shared snapshot's entry now and after each change, from this tab or another. */
    watchShared(onChange: (entries: SharedEntry[]) => void): void {
      liveQuery(() => listShared(db)).subscribe({
        next: (entries) => onChange(entries),
        error: (err) => console.error('Could not read shared snapshots', err),
      });
    },

    /** Open a snapshot file: refused unread when larger than a snapshot may be. */
    async openSnapshotFile(file: Blob, fileName: string, kind: Exclude<SharedOriginKind, 'link'>): Promise<OpenSnapshotOutcome> {
      if (file.size > MAX_SNAPSHOT_BYTES) {
        const mb = MAX_SNAPSHOT_BYTES / (1024 * 1024);
        return refuse(notice('too-large', `The file is larger than ${mb} MB, the most a snapshot may be.`, { limit: MAX_SNAPSHOT_BYTES }));
      }
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
      } catch {
        return refuse(notice('not-text', 'The file is not a snapshot: it is not UTF-8 text.'));
      }
      return keep(text, { kind, fileName: fileName.slice(0, 300) });
    },

    /** Open the snapshot a link carries (the data after `#s=`). */
    async openSnapshotLink(data: string): Promise<OpenSnapshotOutcome> {
      const decoded = await decodeSnapshotLink(data);
      if (!decoded.ok) return refuse(decoded.notice);
      return keep(decoded.text, { kind: 'link', fileName: null });
    },

    sharedSnapshot(id: number): Promise<SharedDocument | null> {
      return loadShared(db, id);
    },

    deleteShared(id: number): Promise<void> {
      return deleteShared(db, id);
    },

    /**
     * A link carrying the open dataset's snapshot as shared (aggregate-only, k = 5: no customer list, no example
     * lines, groups under 5 customers suppressed), with its text (to attach as a file), or the link's length when too
     * long.
     */
    async snapshotLink(datasetId: number): Promise<{ link: LinkEncoding; text: string }> {
      const snapshot = await snapshotApi(context).snapshot(datasetId, SHARE_OPTIONS);
      return { link: await encodeSnapshotLink(snapshot), text: JSON.stringify(snapshot, null, 2) };
    },
  };
}
