/** The stored datasets, kept live by the worker (which hears every change, from this tab or another). */
import { proxy } from 'comlink';
import type { DatasetEntry, DatasetSettings } from '../core/datasets';
import { compute, type Compute } from './compute';

export class DatasetsStore {
  /** Newest first; undefined until the worker has answered. */
  list = $state.raw<DatasetEntry[] | undefined>(undefined);
  /** Another tab opened a newer version of the app's database: this tab's connection is closed, it must reload. */
  newerVersion = $state(false);
  #started = false;
  readonly #waiting = new Map<number, () => void>();
  readonly client: () => Compute;

  constructor(client: () => Compute) {
    this.client = client;
  }

  /** Start following the stored datasets. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.client().watchDatasets(proxy((entries: DatasetEntry[]) => this.#received(entries)));
    void this.client().watchVersion(proxy(() => (this.newerVersion = true)));
  }

  /** Nothing is stored (the database does not exist yet): the list is empty before the worker says so. */
  assumeEmpty(): void {
    if (this.list === undefined) this.list = [];
  }

  #received(entries: DatasetEntry[]) {
    this.list = entries;
    for (const [id, resolve] of this.#waiting) {
      if (entries.some((d) => d.id === id)) {
        this.#waiting.delete(id);
        resolve();
      }
    }
  }

  /** Resolves once the list holds the dataset (a new import is reported a moment after it is stored). */
  whenListed(id: number): Promise<void> {
    if (this.list?.some((d) => d.id === id)) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.set(id, resolve));
  }

  byId(id: number | null): DatasetEntry | null {
    return id === null ? null : (this.list?.find((d) => d.id === id) ?? null);
  }

  rename(id: number, name: string) {
    return this.client().renameDataset(id, name);
  }

  /** Change the dataset's currency or margin; every view follows when the worker reports the change. */
  updateSettings(id: number, settings: Partial<DatasetSettings>) {
    return this.client().updateDatasetSettings(id, settings);
  }

  remove(id: number) {
    return this.client().deleteDataset(id);
  }

  removeAll() {
    return this.client().deleteEverything();
  }
}

export const datasets = new DatasetsStore(compute);
