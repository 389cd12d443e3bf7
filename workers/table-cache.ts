/**
 * The open dataset's table, and the values computed from it (cohorts, dashboard figures, customer summaries), kept in
 * memory so that switching views or settings does not read IndexedDB or recompute. One dataset at a time: opening
 * another drops the previous one with everything derived from it. A dataset that is deleted or changed must be
 * invalidated explicitly; a table still loading when it is invalidated is
 * not kept.
 */
import type { SummaryDataset, TransactionTable } from '../src/core/types';

/** Derived values kept per table; beyond this the oldest is computed again when asked. */
const MAX_DERIVED = 24;

interface Entry {
  id: number;
  table: Promise<TransactionTable>;
  derived: Map<string, unknown>;
  /** The dataset's per-customer summary when it is a summary dataset (null: an orders dataset). */
  summary?: Promise<SummaryDataset | null>;
}

export class TableCache {
  #entry: Entry | null = null;

  constructor(
    private readonly load: (id: number) => Promise<TransactionTable>,
    private readonly loadSummary: (id: number) => Promise<SummaryDataset | null> = async () => null,
  ) {}

  /** The dataset's summary when it is a summary dataset (docs/warehouse.md), else null; read once while it is open. */
  summaryDataset(id: number): Promise<SummaryDataset | null> {
    const entry = this.#open(id);
    return (entry.summary ??= this.loadSummary(id));
  }

  /** A summary dataset just imported: it is open now (its orders table is empty: a summary has no orders). */
  putSummary(id: number, data: SummaryDataset): void {
    this.#entry = { id, table: Promise.resolve(summaryTable(data.customerIds)), derived: new Map(), summary: Promise.resolve(data) };
  }

  /** The dataset's table, from memory when it is the one open. */
  table(id: number): Promise<TransactionTable> {
    return this.#open(id).table;
  }

  /** A value computed from the table once per key, for as long as the table stays open. */
  async derived<T>(id: number, key: string, compute: (table: TransactionTable) => T): Promise<T> {
    const entry = this.#open(id);
    const table = await entry.table;
    if (entry.derived.has(key)) {
      const value = entry.derived.get(key) as T;
      // Most recently used last, so the oldest is the first dropped.
      entry.derived.delete(key);
      entry.derived.set(key, value);
      return value;
    }
    const value = compute(table);
    if (this.#entry === entry) {
      entry.derived.set(key, value);
      if (entry.derived.size > MAX_DERIVED) entry.derived.delete(entry.derived.keys().next().value!);
    }
    return value;
  }

  /** Drop one derived value (its inputs changed); the next request computes it again. */
  forget(id: number, key: string): void {
    if (this.#entry?.id === id) this.#entry.derived.delete(key);
  }

  /** A table just imported: it is open now, with what the import already computed from it. */
  put(id: number, table: TransactionTable, derived: Record<string, unknown> = {}): void {
    this.#entry = { id, table: Promise.resolve(table), derived: new Map(Object.entries(derived)) };
  }

  /** Forget a dataset (deleted, or its rows changed); the next request reads it again. */
  invalidate(id: number): void {
    if (this.#entry?.id === id) this.#entry = null;
  }

  clear(): void {
    this.#entry = null;
  }

  /** Which dataset is in memory, if any (for tests and the bench). */
  get openId(): number | null {
    return this.#entry?.id ?? null;
  }

  #open(id: number): Entry {
    if (this.#entry?.id === id) return this.#entry;
    const entry: Entry = { id, table: this.load(id), derived: new Map() };
    this.#entry = entry;
    entry.table.catch(() => {
      // A failed read is not kept: the next request tries again.
      if (this.#entry === entry) this.#entry = null;
    });
    return entry;
  }
}

/** The orders table of a summary dataset: its customers, no rows. */
export function summaryTable(customerIds: string[]): TransactionTable {
  return { length: 0, customerIds, customer: new Uint32Array(0), day: new Uint16Array(0), amount: new Float64Array(0), cost: null, order: null, orderCodes: null, product: null, productNames: null, channel: null, channelNames: null };
}
