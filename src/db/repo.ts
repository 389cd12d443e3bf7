/**
 * Typed reads and writes over the schema. Every function takes the database, so the worker, the page and the
 * storage tests each pass their own instance.
 */
import { joinDays, narrowDays } from '../core/day-column';
import { release } from '../core/release';
import { joinMoney, joinTableMoney, narrowMoney, storedMoneyBytes, type MoneyScale, type MoneyValues, type StoredMoney } from '../core/money-column';
import type { DatasetEntry, DatasetSettings } from '../core/datasets';
import type { OrderCodes, TransactionTable } from '../core/types';
import type { BillingFile } from '../core/subscriptions';
import { isWholeDataset, type ChunkRecord, type ClvDatabase, type DatasetRecord, type DictionaryRecord, type MappingRecord } from './schema';
import { packedCustomerIds, withPackedCustomerIds } from '../core/customer-ids';
import { isPacked, packInts, packedForm, storedLength, unpackInts, type IntColumn, type PackedInts } from '../core/packed-ints';
import type { DayColumn } from '../core/types';

/** Rows per stored chunk: small enough to load progressively, large enough to keep record counts low. */
export const CHUNK_ROWS = 65_536;

type NewDataset = Omit<DatasetRecord, 'id' | 'chunkCount' | 'rows' | 'createdAt' | 'updatedAt'>;
/**
 * Fields known only once the chunks are written (how long saving took), written last inside the save's transaction:
 * exactly these keys (a bare object would spread its own).
 */
type LastFields = () => { timings: DatasetRecord['timings'] };

type ChunkArray = Uint32Array | Int32Array | Int16Array | Uint16Array | Uint8Array | Float64Array;

/**
 * The arrays a save copies chunks into, written again from one batch to the next: once a batch is added, IndexedDB
 * holds its own copy of it. Fresh arrays for every chunk made the browser map new memory for all of the table again,
 * a page fault every 4 KB (the save's largest cost after the browser's own writes, in a CPU profile of 10M lines).
 */
class ChunkCopies {
  private readonly free = new Map<string, ChunkArray[]>();
  private readonly lent = new Set<ArrayBufferView>();

  /** `source[from, to)` in an array of its own (a stored view would clone its whole underlying buffer). */
  copy<T extends ChunkArray>(source: T, from: number, to: number): T {
    const array = this.take(source.constructor as new (length: number) => T, to - from);
    array.set(source.subarray(from, to) as never);
    return array;
  }

  /**
   * source[from, to) packed into bytes of this save's (see packed-ints.ts) when that is narrower, else copied as
   * `copy` does.
   */
  packOrCopy<T extends IntColumn & ChunkArray>(source: T, from: number, to: number): T | PackedInts {
    return packInts(source, from, to, (length) => this.take(Uint8Array, length)) ?? this.copy(source, from, to);
  }

  /** An array of `length` elements to write into (its contents are not zeros): one given back, or a new one. */
  private take<T extends ChunkArray>(type: new (length: number) => T, length: number): T {
    const array = (this.free.get(`${type.name} ${length}`)?.pop() as T | undefined) ?? new type(length);
    this.lent.add(array);
    return array;
  }

  /** The batch holding `views` is stored: its copies may be written again, and arrays made elsewhere go. */
  takeBack(views: ArrayBufferView[]): void {
    for (const view of views) {
      if (!this.lent.delete(view)) release(view);
      else {
        const array = view as ChunkArray;
        const key = ChunkCopies.key(array, array.length);
        const list = this.free.get(key);
        if (list) list.push(array);
        else this.free.set(key, [array]);
      }
    }
  }

  /** The save is done: every array goes. */
  releaseAll(): void {
    for (const list of this.free.values()) release(...list);
    release(...this.lent);
    this.free.clear();
    this.lent.clear();
  }

  private static key(array: ChunkArray, length: number): string {
    return `${array.constructor.name} ${length}`;
  }
}

/** A chunk's money column as stored: StoredMoney, its whole numbers packed where that is narrower. */
type ChunkMoney = { values: Float64Array | Int32Array | PackedInts; scale?: MoneyScale };

/** The money columns, each with the field where a chunk keeps its stored scale (money-column.ts). */
const SCALE_OF = { amount: 'amountScale', cost: 'costScale', refunded: 'refundedScale' } as const;

/** Chunks written by one bulkAdd while saving: 16 × 65,536 rows. */
const CHUNKS_PER_WRITE = 16;

/** How many chunks a table is stored in (one at least, even when empty). */
const chunkCountOf = (table: TransactionTable) => Math.max(1, Math.ceil(table.length / CHUNK_ROWS));

/**
 * Chunk `index` of a table, its columns copied out (a view would be stored with its whole buffer: structured cloning
 * keeps a typed array's entire ArrayBuffer).
 */
function chunkOf(table: TransactionTable, datasetId: number, index: number, copies: ChunkCopies): ChunkRecord {
  const from = index * CHUNK_ROWS;
  const to = Math.min(table.length, from + CHUNK_ROWS);
  const part = (a: Uint32Array | null | undefined): Uint32Array | PackedInts | null => (a ? copies.packOrCopy(a, from, to) : null);
  // Amounts held in 32 bits are stored at the table's scale as they are; 64-bit ones narrowed chunk by chunk. Whole
  // numbers are then packed where that is narrower.
  const money = (values: MoneyValues, scale?: MoneyScale): ChunkMoney => {
    if (values instanceof Int32Array && scale !== undefined) return { values: copies.packOrCopy(values, from, to), scale };
    const narrowed = narrowMoney(values.subarray(from, to), scale);
    const packed = narrowed.values instanceof Int32Array ? packInts(narrowed.values, 0, narrowed.values.length) : null;
    if (!packed) return narrowed;
    // The 32-bit copy is read no more: its packed bytes are stored instead.
    release(narrowed.values);
    return { values: packed, scale: narrowed.scale };
  };
  const amount = money(table.amount, table.moneyScale);
  const cost = table.cost ? money(table.cost) : null;
  const refunded = table.refunded ? money(table.refunded, table.moneyScale) : null;
  return {
    datasetId,
    index,
    customer: copies.packOrCopy(table.customer, from, to),
    day: copies.packOrCopy(table.day, from, to),
    amount: amount.values,
    ...(amount.scale ? { amountScale: amount.scale } : {}),
    cost: cost ? cost.values : null,
    ...(cost?.scale ? { costScale: cost.scale } : {}),
    order: part(table.order),
    product: part(table.product),
    channel: part(table.channel),
    refunded: refunded ? refunded.values : null,
    ...(refunded?.scale ? { refundedScale: refunded.scale } : {}),
    discount: part(table.discount),
    contactName: part(table.contactName),
    email: part(table.email),
    phone: part(table.phone),
  };
}

/**
 * Store a parsed dataset whole or not at all: the record, its chunks and its dictionaries go in one IndexedDB
 * transaction, which the browser rolls back if the tab closes or any write fails. `onAdded` hears the record (as it
 * will read once stored) as soon as it has its id, while the chunks are still being written.
 */
export async function saveDataset(
  db: ClvDatabase, table: TransactionTable, meta: NewDataset, lastFields?: LastFields, billing: BillingFile | null = null,
  onAdded?: (record: DatasetRecord & { id: number }) => void,
): Promise<number> {
  return db.transaction('rw', [db.datasets, db.chunks, db.dictionaries, db.billing], async () => {
    const now = Date.now();
    const record: DatasetRecord = { ...meta, billing: billing?.shape ?? null, orderCodes: table.orderCodes, rows: table.length, chunkCount: 0, createdAt: now, updatedAt: now };
    const id = (await db.datasets.add(record)) as number;
    // Chunks copied out a batch at a time (IndexedDB takes its own copy as they are added), so that the copies do not
    // pile up into a second table: all chunks made first held a full copy of the columns at the save's peak. One add
    // per chunk cost Chromium more round trips (10M rows: save 2.1 s → 3.6–5.5 s); a batch is a million rows.
    const chunkCount = chunkCountOf(table);
    onAdded?.({ ...record, id, chunkCount });
    if (billing) await db.billing.add({ datasetId: id, file: billing });
    const copies = new ChunkCopies();
    for (let first = 0; first < chunkCount; first += CHUNKS_PER_WRITE) {
      const batch: ChunkRecord[] = [];
      for (let index = first; index < Math.min(chunkCount, first + CHUNKS_PER_WRITE); index++) batch.push(chunkOf(table, id, index, copies));
      await db.chunks.bulkAdd(batch);
      // IndexedDB took its own copy when each chunk was added: the batch's arrays serve the next one.
      copies.takeBack(batch.flatMap((chunk) => Object.values(chunk).flatMap((v): ArrayBufferView[] => (ArrayBuffer.isView(v) ? [v] : isPacked(v) ? [v.bytes] : []))));
    }
    copies.releaseAll();
    // Ids still packed (as an import leaves them) are stored so, without being made into strings.
    const packedIds = packedCustomerIds(table);
    const dictionaries: DictionaryRecord[] = [
      packedIds
        ? { datasetId: id, kind: 'customer', values: [], packed: 'numbers' in packedIds ? { ...packedIds, numbers: exactly(packedIds.numbers) } : { chars: exactly(packedIds.chars), ends: exactly(packedIds.ends) } }
        : { datasetId: id, kind: 'customer', values: table.customerIds },
    ];
    if (table.productNames) dictionaries.push({ datasetId: id, kind: 'product', values: table.productNames });
    if (table.channelNames) dictionaries.push({ datasetId: id, kind: 'channel', values: table.channelNames });
    if (table.discountCodes) dictionaries.push({ datasetId: id, kind: 'discount', values: table.discountCodes });
    if (table.contactNames) dictionaries.push({ datasetId: id, kind: 'contactName', values: table.contactNames });
    if (table.emails) dictionaries.push({ datasetId: id, kind: 'email', values: table.emails });
    if (table.phones) dictionaries.push({ datasetId: id, kind: 'phone', values: table.phones });
    await db.dictionaries.bulkAdd(dictionaries);
    await db.datasets.update(id, { chunkCount, ...lastFields?.() });
    return id;
  });
}

/**
 * A view alone, in a buffer of its own size: IndexedDB stores a view's whole buffer, and an import's packed ids are
 * views of arrays grown ahead of their values.
 */
function exactly<T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(view: T): T {
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength ? view : (view.slice() as T);
}

/** The bytes an integer column takes stored chunk by chunk, each chunk packed where that is narrower (chunkOf). */
function packedBytes(values: IntColumn): number {
  let bytes = 0;
  for (let from = 0; from < values.length; from += CHUNK_ROWS) {
    const to = Math.min(values.length, from + CHUNK_ROWS);
    bytes += (to - from) * (packedForm(values, from, to)?.width ?? values.BYTES_PER_ELEMENT);
  }
  return bytes;
}

/**
 * About how many bytes a table takes once stored: its columns as they are stored (whole numbers packed where that is
 * narrower, other money in 32 bits where a chunk's values allow), and its dictionaries' strings (two bytes a
 * character, as browsers count them). What the user is told a file needed when the browser's quota stops the save.
 */
export function storedBytes(table: TransactionTable): number {
  const packedIds = packedCustomerIds(table);
  let bytes = !packedIds ? 0 : 'numbers' in packedIds ? packedIds.numbers.byteLength : packedIds.chars.byteLength + packedIds.ends.byteLength;
  for (const [key, { value }] of Object.entries(Object.getOwnPropertyDescriptors(table))) {
    if (key === 'customerIds' && packedIds) continue;
    if (value instanceof Int32Array || value instanceof Uint32Array || value instanceof Uint16Array) bytes += packedBytes(value);
    else if (Object.hasOwn(SCALE_OF, key)) bytes += value ? storedMoneyBytes(value as MoneyValues, CHUNK_ROWS) : 0;
    else if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    else if (Array.isArray(value)) for (const s of value) bytes += 2 * String(s).length + 8;
  }
  return bytes;
}

function concat<T extends Uint32Array | Int32Array | Uint16Array | Float64Array>(
  parts: (T | PackedInts | null | undefined)[], length: number, make: (n: number) => T,
): T | null {
  if (parts.length === 0 || parts.some((p) => p === null || p === undefined)) return parts.length === 0 ? make(0) : null;
  const out = make(length);
  let offset = 0;
  for (const p of parts as (T | PackedInts)[]) {
    if (isPacked(p)) unpackInts(p, out as IntColumn, offset);
    else out.set(p, offset);
    offset += storedLength(p);
  }
  return out;
}

/** The chunks' days as one column: 16 bits when every chunk's fit (packed ones by their largest possible value). */
function joinStoredDays(parts: (DayColumn | PackedInts)[], length: number): DayColumn {
  if (!parts.some(isPacked)) return joinDays(parts as DayColumn[], length);
  const fits16 = parts.every((p) => (isPacked(p) ? p.base >= 0 && p.base + 2 ** (8 * p.width) - 1 <= 0xffff : p instanceof Uint16Array));
  if (fits16) return concat(parts, length, (n) => new Uint16Array(n))!;
  // Packed in 2 or 3 bytes (days held in 32 bits), or a chunk of 32-bit days: in 16 bits still if they all fit.
  return narrowDays(concat(parts, length, (n) => new Int32Array(n))!);
}

/** Read a stored dataset back into one columnar table. */
export async function loadTable(db: ClvDatabase, datasetId: number): Promise<TransactionTable> {
  const [chunks, dictionaries, record] = await Promise.all([
    db.chunks.where('datasetId').equals(datasetId).sortBy('index'),
    db.dictionaries.where('datasetId').equals(datasetId).toArray(),
    db.datasets.get(datasetId),
  ]);
  const dict = (kind: DictionaryRecord['kind']) => dictionaries.find((d) => d.kind === kind)?.values ?? null;
  const length = chunks.reduce((n, c) => n + storedLength(c.day), 0);
  const u32 = (n: number) => new Uint32Array(n);
  const table = {
    length,
    customer: concat(chunks.map((c) => c.customer), length, u32)!,
    day: joinStoredDays(chunks.map((c) => c.day), length),
    ...tableMoneyOf(chunks, length),
    cost: moneyOf(chunks, 'cost', length),
    order: concat(chunks.map((c) => c.order), length, u32),
    orderCodes: orderCodesOf(record, dict('order')),
    product: concat(chunks.map((c) => c.product), length, u32),
    productNames: dict('product'),
    channel: concat(chunks.map((c) => c.channel), length, u32),
    channelNames: dict('channel'),
    ...optionalColumns(chunks, dictionaries, length),
    // A purchase log keeps its amounts unknown after a reload, not zero (the figures stored with it say so).
    ...(record?.figures?.withoutAmounts ? { withoutAmounts: true } : {}),
  };
  const packedIds = dictionaries.find((d) => d.kind === 'customer')?.packed;
  return packedIds ? withPackedCustomerIds<TransactionTable>(table, packedIds) : { ...table, customerIds: dict('customer') ?? [] };
}

/**
 * What a dataset's order codes run over: kept on its record since the order ids themselves are no longer stored;
 * a dataset stored before has the ids in its dictionaries, from which the same is counted.
 */
function orderCodesOf(record: DatasetRecord | undefined, storedIds: string[] | null): OrderCodes | null {
  if (record?.orderCodes !== undefined) return record.orderCodes;
  return storedIds ? { count: storedIds.length, blank: storedIds.indexOf('') } : null;
}

/** The chunks' amounts and refunds as the table's columns, in 32 bits when every chunk was stored so at one scale. */
function tableMoneyOf(chunks: ChunkRecord[], length: number): Pick<TransactionTable, 'amount' | 'refunded' | 'moneyScale'> {
  const amountParts = storedMoneyOf(chunks, 'amount')!;
  const refundedParts = storedMoneyOf(chunks, 'refunded');
  const { amount, refunded, moneyScale } = joinTableMoney(amountParts, refundedParts, length);
  releaseUnpacked(chunks, 'amount', amountParts);
  releaseUnpacked(chunks, 'refunded', refundedParts);
  return { amount, ...(refunded ? { refunded } : {}), ...(moneyScale ? { moneyScale } : {}) };
}

/** Give back the arrays storedMoneyOf unpacked packed chunks into, once joined (the stored ones are IndexedDB's). */
function releaseUnpacked(chunks: ChunkRecord[], column: keyof typeof SCALE_OF, parts: StoredMoney[] | null): void {
  if (parts) chunks.forEach((chunk, i) => isPacked(chunk[column]) && release(parts[i].values));
}

/**
 * A money column of the chunks as one Float64Array, each chunk's values as they were before it was stored
 * (see money-column.ts); null when a chunk has none (no such column, or chunks stored before it existed).
 */
function moneyOf(chunks: ChunkRecord[], column: keyof typeof SCALE_OF, length: number): Float64Array | null {
  const parts = storedMoneyOf(chunks, column);
  const joined = parts ? joinMoney(parts, length) : null;
  releaseUnpacked(chunks, column, parts);
  return joined;
}

/** A money column of the chunks as each stored it, with its scale; null when a chunk has none. */
function storedMoneyOf(chunks: ChunkRecord[], column: keyof typeof SCALE_OF): StoredMoney[] | null {
  const parts: StoredMoney[] = [];
  for (const chunk of chunks) {
    const values = chunk[column];
    if (!values) return null;
    parts.push({ values: isPacked(values) ? unpacked(values) : values, scale: chunk[SCALE_OF[column]] });
  }
  return parts;
}

/** A chunk's packed whole numbers (money in cents or units) as a 32-bit array. */
function unpacked(packed: PackedInts): Int32Array {
  const out = new Int32Array(storedLength(packed));
  unpackInts(packed, out, 0);
  return out;
}

/** The columns added after the first stored datasets: present only when every chunk has them. */
function optionalColumns(chunks: ChunkRecord[], dictionaries: DictionaryRecord[], length: number): Partial<TransactionTable> {
  const out: Partial<TransactionTable> = {};
  const labels = [['discount', 'discountCodes'], ['contactName', 'contactNames'], ['email', 'emails'], ['phone', 'phones']] as const;
  for (const [column, names] of labels) {
    const codes = concat(chunks.map((c) => c[column]), length, (n) => new Uint32Array(n));
    const values = dictionaries.find((d) => d.kind === column)?.values;
    if (codes && values) Object.assign(out, { [column]: codes, [names]: values });
  }
  return out;
}

/**
 * The stored datasets, newest first. A record whose chunks were never counted in (chunkCount 0: its save's last write
 * never happened) is not a dataset: the save is one transaction, so the browser rolls such a record back, and
 * should one ever survive it stays hidden until `removeLeftovers` takes it away.
 */
export async function listDatasets(db: ClvDatabase): Promise<DatasetRecord[]> {
  return (await db.datasets.orderBy('createdAt').reverse().toArray()).filter(isWholeDataset);
}

/** A dataset's settings as its record holds them. */
const recordSettings = (record: DatasetRecord): DatasetSettings => ({ currency: record.currency, marginPercent: record.marginPercent ?? null });

/** A stored dataset as the page sees it. */
export function datasetEntry(record: DatasetRecord): DatasetEntry {
  return {
    id: record.id!,
    name: record.name,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    rows: record.rows,
    figures: record.figures,
    report: record.report,
    settings: recordSettings(record),
    timings: record.timings,
    billing: record.billing ?? null,
    ...(record.kind === 'summary' ? { kind: 'summary' as const } : {}),
  };
}

/** The settings of a dataset's record, read by its id; throws when there is none (the dataset no longer exists). */
export function settingsOf(record: DatasetRecord | undefined, id: number): DatasetSettings {
  if (!record) throw new Error(`Dataset ${id} no longer exists.`);
  return recordSettings(record);
}

/** Change a dataset's currency or margin (only the fields given). */
export async function updateSettings(db: ClvDatabase, id: number, settings: Partial<DatasetSettings>): Promise<void> {
  const changes: Partial<DatasetRecord> = { updatedAt: Date.now() };
  if (settings.currency !== undefined) changes.currency = settings.currency;
  if (settings.marginPercent !== undefined) changes.marginPercent = settings.marginPercent;
  await db.datasets.update(id, changes);
}

export async function renameDataset(db: ClvDatabase, id: number, name: string): Promise<void> {
  const trimmed = name.trim().slice(0, 200);
  if (!trimmed) throw new Error('A dataset needs a name.');
  await db.datasets.update(id, { name: trimmed, updatedAt: Date.now() });
}

/** Remove a dataset with all its chunks, dictionaries and survey answers, atomically. */
export async function deleteDataset(db: ClvDatabase, id: number): Promise<void> {
  await db.transaction('rw', [db.datasets, db.chunks, db.dictionaries, db.nps, db.billing, db.scenarios, db.summaries], async () => {
    await db.billing.delete(id);
    await db.summaries.delete(id);
    await db.chunks.where('datasetId').equals(id).delete();
    await db.scenarios.where('datasetId').equals(id).delete();
    await db.dictionaries.where('datasetId').equals(id).delete();
    await db.nps.delete(id);
    await db.datasets.delete(id);
  });
}

/** "Delete all data on this device": every table emptied, in one transaction. */
export async function deleteEverything(db: ClvDatabase): Promise<void> {
  await db.transaction('rw', [db.datasets, db.chunks, db.dictionaries, db.mappings, db.nps, db.shared, db.sharedBodies, db.billing, db.scenarios, db.summaries], async () => {
    await Promise.all([db.datasets.clear(), db.chunks.clear(), db.dictionaries.clear(), db.mappings.clear(), db.nps.clear(), db.shared.clear(), db.sharedBodies.clear(), db.billing.clear(), db.scenarios.clear(), db.summaries.clear()]);
  });
}

/** Key under which a file's column choices are remembered: its header, normalised. */
export function headerKey(header: string[]): string {
  return header.map((h) => h.trim().toLowerCase()).join('\u241f');
}

export async function rememberMapping(db: ClvDatabase, header: string[], options: MappingRecord['options']): Promise<void> {
  await db.mappings.put({ headerKey: headerKey(header), savedAt: Date.now(), options });
}

export async function recallMapping(db: ClvDatabase, header: string[]): Promise<MappingRecord['options'] | null> {
  return (await db.mappings.get(headerKey(header)))?.options ?? null;
}
