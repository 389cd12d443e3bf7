/**
 * The browser's storage for this app: how much the datasets take, and whether the browser keeps them until the user
 * deletes them (persistent storage) or may clear them when space runs low. Persistence is asked for once data is
 * worth keeping: after the first import.
 */
export class StorageStore {
  /** Bytes used and available to this site, when the browser says. */
  usage = $state<number | null>(null);
  quota = $state<number | null>(null);
  /** True when the browser keeps the data until the user deletes it; null when it cannot say. */
  persisted = $state<boolean | null>(null);
  readonly manager: () => StorageManager | undefined;

  constructor(manager: () => StorageManager | undefined = () => globalThis.navigator?.storage) {
    this.manager = manager;
  }

  async refresh(): Promise<void> {
    const storage = this.manager();
    if (!storage) return;
    try {
      const estimate = await storage.estimate?.();
      this.usage = estimate?.usage ?? null;
      this.quota = estimate?.quota ?? null;
      this.persisted = storage.persisted ? await storage.persisted() : null;
    } catch {
      // Some browsers refuse in private windows: the figures stay unknown.
    }
  }

  /** Ask the browser to keep the data (it may decide alone, or ask the user); then show the new figures. */
  async persist(): Promise<void> {
    const storage = this.manager();
    if (!storage?.persist || this.persisted) return this.refresh();
    try {
      this.persisted = await storage.persist();
    } catch {
      this.persisted = null;
    }
    await this.refresh();
  }
}

export const storage = new StorageStore();
