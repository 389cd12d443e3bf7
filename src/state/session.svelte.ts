/**
 * What is open. Every feature store follows this by itself; views only read it: a stored dataset, or a snapshot
 * someone shared (read-only; the dataset stores then follow "no dataset").
 */
import { untrack } from 'svelte';
import type { DatasetEntry } from '../core/datasets';
import { datasets, type DatasetsStore } from './datasets.svelte';

export type Opened = { kind: 'dataset'; id: number } | { kind: 'shared'; id: number };

/** Set while a dataset's views draw for the first time; still set on the next visit if the page died meanwhile. */
const SHOWING_KEY = 'clv.showing';

type Memory = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export class Session {
  #chosen = $state<number | null>(null);
  /** The shared snapshot shown instead of a dataset, when one is. */
  #shared = $state<number | null>(null);
  /** Nothing is open on purpose: the last visit died while showing a dataset, so the list comes first. */
  #holding = $state(false);
  /** The dataset whose views did not finish drawing on the last visit (they crashed or froze the page). */
  interrupted = $state<number | null>(null);
  readonly store: DatasetsStore;
  readonly memory: Memory | undefined;

  constructor(store: DatasetsStore, memory: Memory | undefined = globalThis.localStorage) {
    this.store = store;
    this.memory = memory;
    const left = memory?.getItem(SHOWING_KEY);
    if (left && /^\d+$/.test(left)) {
      // A stored dataset that fails to render must never lock the user out: open on the list this time.
      this.interrupted = Number(left);
      this.#holding = true;
      memory!.removeItem(SHOWING_KEY);
    }
  }

  /** The dataset the user chose while it exists; otherwise the newest one; nothing when there is none. */
  get opened(): Opened | null {
    if (this.#shared !== null) return { kind: 'shared', id: this.#shared };
    const list = this.store.list;
    if (!list?.length || this.#holding) return null;
    const id = this.#chosen !== null && list.some((d) => d.id === this.#chosen) ? this.#chosen : list[0].id;
    return { kind: 'dataset', id };
  }

  /** The open dataset's values (name, figures, settings, import report). */
  get dataset(): DatasetEntry | null {
    const opened = this.opened;
    return opened?.kind === 'dataset' ? this.store.byId(opened.id) : null;
  }

  /** Open a dataset because the user asked (a click, an import): its view takes the keyboard focus. */
  open(id: number): void {
    this.#shared = null;
    this.#chosen = id;
    this.#holding = false;
    this.interrupted = null;
    this.#focusFor = id;
  }

  #focusFor: number | null = null;

  /** Show a shared snapshot (read-only) instead of a dataset. */
  openShared(id: number): void {
    this.#shared = id;
    this.#holding = false;
  }

  /** Back from a shared snapshot (closed or deleted) to the datasets. */
  closeShared(): void {
    this.#shared = null;
  }

  /** Whether the view of this dataset should take the focus (once, after the user opened it). */
  takeFocus(id: number): boolean {
    if (this.#focusFor !== id) return false;
    this.#focusFor = null;
    return true;
  }

  /** A dataset's views start drawing: if the page dies before `shown`, the next visit opens on the list. */
  showing(id: number): void {
    this.memory?.setItem(SHOWING_KEY, String(id));
  }

  /** The dataset's views have drawn. */
  shown(id: number): void {
    if (this.memory?.getItem(SHOWING_KEY) === String(id)) this.memory.removeItem(SHOWING_KEY);
  }

  /**
   * A dataset shown while its import saved, whose save then failed (or whose worker stopped): it never existed, so
   * the views left undrawn say nothing about the next visit.
   */
  neverStored(id: number): void {
    this.shown(id);
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
