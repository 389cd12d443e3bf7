/**
 * What is open. Every feature store follows this by itself; views only read it. Today a stored dataset can be open;
 * an opened snapshot comes next.
 */
import { untrack } from 'svelte';
import type { DatasetEntry } from '../core/datasets';
import { datasets, type DatasetsStore } from './datasets.svelte';

export type Opened = { kind: 'dataset'; id: number };

export class Session {
  #chosen = $state<number | null>(null);
  readonly store: DatasetsStore;

  constructor(store: DatasetsStore) {
    this.store = store;
  }

  /** The dataset the user chose while it exists; otherwise the newest one; nothing when there is none. */
  get opened(): Opened | null {
    const list = this.store.list;
    if (!list?.length) return null;
    const id = this.#chosen !== null && list.some((d) => d.id === this.#chosen) ? this.#chosen : list[0].id;
    return { kind: 'dataset', id };
  }

  /** The open dataset's values (name, figures, settings, import report). */
  get dataset(): DatasetEntry | null {
    const opened = this.opened;
    return opened ? this.store.byId(opened.id) : null;
  }

  open(id: number): void {
    this.#chosen = id;
  }

  /**
   * For a store, inside its effect root: `onChange` gets the open dataset's values each time another is opened or the
   * worker reports a change to it (a new name, currency or margin). It runs untracked, so it may read and set state.
   */
  follow(onChange: (dataset: DatasetEntry | null) => void): void {
    $effect(() => {
      const dataset = this.dataset;
      untrack(() => onChange(dataset));
    });
  }
}

export const session = new Session(datasets);
