/**
 * Datasets being saved: an import shows its dashboard as soon as its figures are ready, while its one transaction is
 * still writing (10M lines: about two seconds). Until that transaction commits, the dataset's record is not readable
 * from IndexedDB (a read of the store waits for the write), so it is listed and read from here, marked as saving.
 * A save that fails takes its dataset out of the list again; a save that commits leaves the stored record to say the
 * same thing.
 */
import type { DatasetRecord } from '../src/db/schema';

export class PendingDatasets {
  readonly #records = new Map<number, DatasetRecord>();
  readonly #listeners = new Set<() => void>();

  /** A dataset whose save has begun (its record as it will be stored, with its id). */
  add(record: DatasetRecord & { id: number }): void {
    this.#records.set(record.id, record);
    this.#changed();
  }

  /**
   * The save ended. Committed: nothing is told (the stored record takes over when the datasets are read again, with
   * no moment where the list lacks it). Failed: the list is told at once that the dataset is gone.
   */
  remove(id: number, saved: boolean): void {
    if (!this.#records.delete(id) || saved) return;
    this.#changed();
  }

  get(id: number): DatasetRecord | undefined {
    return this.#records.get(id);
  }

  has(id: number): boolean {
    return this.#records.has(id);
  }

  /**
   * The stored datasets (newest first) with those being saved that are not among them yet, each with its ids; the
   * ones being saved are the newest, so they come first.
   */
  withStored(stored: DatasetRecord[]): { records: DatasetRecord[]; saving: Set<number> } {
    const storedIds = new Set(stored.map((r) => r.id));
    const saving = [...this.#records.values()].filter((r) => !storedIds.has(r.id)).sort((a, b) => b.createdAt - a.createdAt);
    return { records: [...saving, ...stored], saving: new Set(saving.map((r) => r.id!)) };
  }

  /** Calls `listener` when a save begins or fails; returns the way to stop. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
