/**
 * Snapshots someone shared: the list (kept live by the worker, which alone writes IndexedDB), opening one from a file,
 * a link, an OS launch or the share sheet, and the document of the one shown. Opening goes through the worker's
 * restore; the page only shows what comes back, as text.
 */
import { proxy } from 'comlink';
import type { SharedDocument, SharedEntry } from '../db/shared';
import type { SharedOriginKind } from '../db/schema';
import type { Notice } from '../core/types';
import { compute, type Compute } from './compute';
import { session as appSession, type Session } from './session.svelte';

export type OpenResult = { ok: true; id: number } | { ok: false; notice: Notice };

export class SharedStore {
  /** Newest opened first; undefined until the worker has answered. */
  list = $state.raw<SharedEntry[] | undefined>(undefined);
  /** The document of the snapshot shown, once read. */
  shown = $state.raw<SharedDocument | null>(null);
  #started = false;
  #wanted: number | null = null;
  readonly client: () => Compute;
  readonly session: Session;

  constructor(client: () => Compute, session: Session) {
    this.client = client;
    this.session = session;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.client().watchShared(proxy((entries: SharedEntry[]) => this.#received(entries)));
  }

  /** Nothing is stored (the database does not exist yet): the list is empty before the worker says so. */
  assumeEmpty(): void {
    if (this.list === undefined) this.list = [];
  }

  /** Ids the list has held: one that leaves it (deleted here, in another tab, or with everything) is closed. */
  readonly #seen = new Set<number>();

  #received(entries: SharedEntry[]) {
    this.list = entries;
    const opened = this.session.opened;
    if (opened?.kind === 'shared' && this.#seen.has(opened.id) && !entries.some((e) => e.id === opened.id)) {
      this.session.closeShared();
      this.shown = null;
    }
    for (const e of entries) this.#seen.add(e.id);
  }

  /** Open a snapshot file (picked, dropped, launched or shared to the app); shown at once when it opens. */
  async openFile(file: Blob, fileName: string, kind: Exclude<SharedOriginKind, 'link'>): Promise<OpenResult> {
    const outcome = await this.client().openSnapshotFile(file, fileName, kind);
    return outcome.ok ? this.show(outcome.id) : { ok: false, notice: outcome.notice };
  }

  /** Open the snapshot of a link's `#s=` data. */
  async openLink(data: string): Promise<OpenResult> {
    const outcome = await this.client().openSnapshotLink(data);
    return outcome.ok ? this.show(outcome.id) : { ok: false, notice: outcome.notice };
  }

  /** Show a kept snapshot: its document is read from the worker (a later choice wins over a slow answer). */
  async show(id: number): Promise<OpenResult> {
    this.#wanted = id;
    this.session.openShared(id);
    if (this.shown?.entry.id === id) return { ok: true, id };
    this.shown = null;
    const doc = await this.client().sharedSnapshot(id);
    if (this.#wanted !== id) return { ok: true, id };
    if (!doc) {
      this.session.closeShared();
      return { ok: false, notice: { code: 'gone', text: 'This snapshot is no longer on this device.', vars: {} } };
    }
    this.shown = doc;
    return { ok: true, id };
  }

  async remove(id: number): Promise<void> {
    if (this.session.opened?.kind === 'shared' && this.session.opened.id === id) {
      this.session.closeShared();
      this.shown = null;
    }
    await this.client().deleteShared(id);
  }
}

export const shared = new SharedStore(compute, appSession);
