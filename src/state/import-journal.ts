/**
 * Which imports were running when their tab closed or their worker was killed. An import writes its dataset in one
 * IndexedDB transaction, which the browser rolls back when the tab or the worker goes away, so nothing half-written is
 * stored; but the owner should hear why the file they imported is not there. The page notes each import in
 * localStorage before it starts and removes the note when it ends; the worker holds a Web Lock named after the import
 * while it runs (workers/import.api.ts), which the browser frees when the worker or its tab goes away. A note whose
 * lock nobody holds is an import that never finished; an import still running in another tab holds its lock.
 */
const PREFIX = 'clv.import.';
export const importLockName = (job: string) => `clv-import-${job}`;

type Memory = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;
type Locks = { query(): Promise<LockManagerSnapshot>; request(name: string, granted: () => Promise<void>): Promise<unknown> };

export interface InterruptedImport {
  job: string;
  /** The file's name, as the user chose it. */
  name: string;
  startedAt: number;
}

export class ImportJournal {
  readonly #memory: Memory | undefined;
  readonly #locks: Locks | undefined;
  /** Imports of this page that have not ended. */
  readonly #mine = new Set<string>();

  constructor(memory: Memory | undefined = globalThis.localStorage, locks: Locks | undefined = globalThis.navigator?.locks) {
    this.#memory = memory;
    this.#locks = locks;
  }

  /** An import starts. */
  begin(job: string, name: string): void {
    this.#mine.add(job);
    this.#memory?.setItem(PREFIX + job, JSON.stringify({ name, startedAt: Date.now() }));
  }

  /** The import ended, however it ended (its outcome is told by the import flow). */
  end(job: string): void {
    this.#mine.delete(job);
    this.#memory?.removeItem(PREFIX + job);
  }

  /** Whether a worker holds the import's lock now (null when the browser has no Web Locks). */
  async running(job: string): Promise<boolean | null> {
    if (!this.#locks) return null;
    return ((await this.#locks.query()).held ?? []).some((l) => l.name === importLockName(job));
  }

  /**
   * Rejects (an error named WorkerStopped) when the import's worker is gone: the lock it took was held and is free
   * while no answer came (a worker killed for lack of memory never answers). Never settles otherwise; stops looking
   * once `watch.done` is set (the import answered).
   */
  async whileRunning(job: string, watch: { done: boolean; started?: boolean }, every: number): Promise<never> {
    let seen = false;
    let gone = 0;
    while (!watch.done) {
      await new Promise((later) => setTimeout(later, every));
      if (watch.done) break;
      const running = await this.running(job);
      if (running === null) break;
      // The worker reports progress only from inside its lock: an import that reached its save before the first look
      // had taken it too (a fast import used to be killed unseen, and the page waited for it forever).
      if (watch.started) seen = true;
      if (running) (seen = true), (gone = 0);
      // Twice in a row, so that an answer on its way is not taken for a death.
      else if (seen && ++gone >= 2) throw Object.assign(new Error('The import\'s worker stopped.'), { name: 'WorkerStopped' });
    }
    return new Promise<never>(() => {});
  }

  /** Imports noted but no longer running anywhere, oldest first. Without Web Locks, every note of another page. */
  async interrupted(later?: (gone: InterruptedImport) => void): Promise<InterruptedImport[]> {
    if (later) void this.#whenReleased(later);
    const found = await this.#unheld();
    // Another tab notes its import a moment before its worker takes the lock: a young note is looked at again.
    if (!found.some((f) => Date.now() - f.startedAt < 5000)) return found;
    await new Promise((later) => setTimeout(later, 1000));
    const still = new Set((await this.#unheld()).map((f) => f.job));
    return found.filter((f) => still.has(f.job));
  }

  /**
   * Notes whose lock is held now: a worker still running, or one going away (a closed tab's worker may outlive it by
   * a moment). Once the lock is free, a note its page did not remove within a second and a half is an import cut off.
   */
  async #whenReleased(later: (gone: InterruptedImport) => void): Promise<void> {
    const locks = this.#locks;
    if (!locks) return;
    const held = new Set(((await locks.query()).held ?? []).map((l) => l.name));
    for (const note of this.#notes()) {
      if (!held.has(importLockName(note.job)) || this.#mine.has(note.job)) continue;
      void locks.request(importLockName(note.job), async () => {}).then(async () => {
        await new Promise((wait) => setTimeout(wait, 1500));
        if (this.#memory?.getItem(PREFIX + note.job) !== null) later(note);
      });
    }
  }

  /** Every note, this page's included. */
  #notes(): InterruptedImport[] {
    const memory = this.#memory;
    const found: InterruptedImport[] = [];
    if (!memory) return found;
    for (let i = 0; i < memory.length; i++) {
      const key = memory.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      let note: { name?: unknown; startedAt?: unknown } = {};
      try {
        note = JSON.parse(memory.getItem(key) ?? '{}') as typeof note;
      } catch {
        // A note damaged by hand still says an import did not finish.
      }
      found.push({ job: key.slice(PREFIX.length), name: typeof note.name === 'string' ? note.name : '', startedAt: typeof note.startedAt === 'number' ? note.startedAt : 0 });
    }
    return found;
  }

  async #unheld(): Promise<InterruptedImport[]> {
    const held = new Set(this.#locks ? ((await this.#locks.query()).held ?? []).map((l) => l.name) : []);
    return this.#notes().filter((n) => !held.has(importLockName(n.job)) && !this.#mine.has(n.job));
  }

  /** The owner has been told: forget these notes. */
  forget(jobs: string[]): void {
    for (const job of jobs) this.#memory?.removeItem(PREFIX + job);
  }
}
