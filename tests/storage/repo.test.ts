import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { databaseAtVersion } from './old-versions';
import { ClvDatabase, type DatasetRecord } from '../../src/db/schema';
import { CHUNK_ROWS, deleteDataset, deleteEverything, headerKey, listDatasets, loadTable, recallMapping, rememberMapping, renameDataset, saveDataset } from '../../src/db/repo';
import type { TransactionTable } from '../../src/core/types';
import { importBytes } from '../../src/core/import';
import { withoutLines } from '../../src/core/import/dataset-table';
import { customerIdOf, packedCustomerIds } from '../../src/core/customer-ids';
import type { PackedValues } from '../../src/core/import/code-dictionary';
import { isPacked, unpackInts, type PackedInts } from '../../src/core/packed-ints';

const freshDb = () => new ClvDatabase(`test-${crypto.randomUUID()}`);

function table(n: number): TransactionTable {
  const t: TransactionTable = {
    length: n,
    customerIds: ['a', 'b', 'c'],
    customer: new Uint32Array(n),
    day: new Int32Array(n),
    amount: new Float64Array(n),
    cost: null, order: null, orderCodes: null, product: null, productNames: null, channel: null, channelNames: null,
  };
  for (let i = 0; i < n; i++) {
    t.customer[i] = i % 3;
    t.day[i] = 19000 + (i % 400);
    t.amount[i] = (i % 7) - 1;
  }
  return t;
}

const meta = (name: string) => ({
  name,
  report: { fileName: name } as DatasetRecord['report'],
  figures: { customers: 3, purchases: 1, refunds: 0, netRevenue: 1, firstDate: null, lastDate: null },
  currency: null,
  timeUnit: 'day' as const,
  timings: {},
});

describe('dataset storage', () => {
  it('a file of orders, every row one, stores no order codes and reads back as one', async () => {
    const db = freshDb();
    const t = { ...table(CHUNK_ROWS + 5), orderCodes: { count: CHUNK_ROWS + 5, blank: -1 } };
    const id = await saveDataset(db, t, meta('orders.csv'));
    expect((await db.chunks.toArray()).map((c) => c.order)).toEqual([null, null]);
    const back = await loadTable(db, id);
    expect([back.order, back.orderCodes]).toEqual([null, { count: CHUNK_ROWS + 5, blank: -1 }]);
    db.close();
  });

  it('stores 16-bit days in a byte a row when a chunk spans under 256 days, else as 16-bit chunks', async () => {
    const db = freshDb();
    const t = { ...table(CHUNK_ROWS + 5), day: new Uint16Array(CHUNK_ROWS + 5).fill(19_723) };
    // The second chunk spans 1,000 days: a byte a row cannot hold them.
    t.day.set([19_723, 20_000, 19_000, 19_500, 19_723], CHUNK_ROWS);
    const id = await saveDataset(db, t, meta('orders.csv'));
    const chunks = await db.chunks.where('datasetId').equals(id).sortBy('index');
    expect(chunks.map((c) => (isPacked(c.day) ? ['packed', c.day.base, c.day.width, c.day.bytes.byteLength] : [c.day.constructor.name, c.day.byteLength])))
      .toEqual([['packed', 19_723, 1, CHUNK_ROWS], ['Uint16Array', 10]]);
    const back = await loadTable(db, id);
    expect(back.day).toBeInstanceOf(Uint16Array);
    expect(Array.from(back.day)).toEqual(Array.from(t.day));
    db.close();
  });

  it('packs each integer column chunk by chunk from its least value, 1–3 bytes a row, and reads every value back', async () => {
    const db = freshDb();
    const n = CHUNK_ROWS + 4;
    // Customers 0 … 299,999 in steps (3 bytes: a range of 299,999), 32-bit days 19,000 … 19,399 (2 bytes), amounts in
    // cents −19.99 … 84.21 (2 bytes: 10,420), product codes 0 … 6 (1 byte); the last chunk's 4 rows: customers 7, 7,
    // 8, 7 (1 byte), one amount past 2^24 cents apart from the others (not packed).
    const t: TransactionTable = { ...table(n), amount: new Int32Array(n), moneyScale: 100, product: new Uint32Array(n), productNames: ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'] };
    for (let i = 0; i < n; i++) {
      t.customer[i] = Math.floor((i * 299_999) / (CHUNK_ROWS - 1));
      t.amount[i] = [8421, 2500, 7, -1999][i % 4];
      t.product![i] = i % 7;
    }
    t.customer.set([7, 7, 8, 7], CHUNK_ROWS);
    t.amount.set([100, 2_000_000_000, 5, 0], CHUNK_ROWS);
    const id = await saveDataset(db, t, meta('packed.csv'));
    const chunks = await db.chunks.where('datasetId').equals(id).sortBy('index');
    const form = (v: unknown) => (isPacked(v) ? `${v.width} from ${v.base}` : (v as object).constructor.name);
    expect(chunks.map((c) => [form(c.customer), form(c.day), form(c.amount), form(c.product)])).toEqual([
      ['3 from 0', '2 from 19000', '2 from -1999', '1 from 0'],
      ['1 from 7', '1 from ' + t.day[CHUNK_ROWS], 'Int32Array', '1 from ' + Math.min(...Array.from(t.product!.subarray(CHUNK_ROWS)))],
    ]);
    // 8421 is 10,420 above the least: 10,420 = 0x28B4, little-endian.
    const amount0 = chunks[0].amount as PackedInts;
    expect(Array.from(amount0.bytes.subarray(0, 2))).toEqual([0xb4, 0x28]);
    const back = await loadTable(db, id);
    expect([Array.from(back.customer), Array.from(back.day), Array.from(back.amount), Array.from(back.product!), back.moneyScale])
      .toEqual([Array.from(t.customer), Array.from(t.day), Array.from(t.amount), Array.from(t.product!), 100]);
    db.close();
  });

  it('stores money in 32 bits where a chunk\'s values are whole units or cents, and reads every value back as it was', async () => {
    const db = freshDb();
    const n = CHUNK_ROWS + 3;
    // Chunk 0: cents (…, 84.21, 0.07); chunk 1: one quantity × price product, which only 64 bits hold.
    const t = { ...table(n), cost: new Float64Array(n), refunded: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      t.amount[i] = [84.21, 25, 0.07, -19.99][i % 4];
      t.cost[i] = 10 * (i % 5);
      t.refunded[i] = i % 2 ? 0.5 : 0;
    }
    t.amount[n - 1] = 6 * 2.55;
    const id = await saveDataset(db, t, meta('orders.csv'));
    const chunks = await db.chunks.where('datasetId').equals(id).sortBy('index');
    // Whole cents and units are then packed (from their least value: −19.99 in cents; cost 0–40 and refunds 0 or 50
    // cents, a byte a row).
    const form = (v: unknown) => (isPacked(v) ? `packed ${v.width}` : (v as object).constructor.name);
    const forms = chunks.map((c) => [form(c.amount), c.amountScale, form(c.cost), c.costScale, c.refundedScale]);
    expect(forms).toEqual([['packed 2', 100, 'packed 1', 1, 100], ['Float64Array', undefined, 'packed 1', 1, 100]]);
    const cents = new Int32Array(4);
    unpackInts({ ...(chunks[0].amount as PackedInts), bytes: (chunks[0].amount as PackedInts).bytes.subarray(0, 8) }, cents, 0);
    expect(Array.from(cents)).toEqual([8421, 2500, 7, -1999]);
    const back = await loadTable(db, id);
    expect(back.amount).toEqual(t.amount);
    expect(back.cost).toEqual(t.cost);
    expect(back.refunded).toEqual(t.refunded);
    expect(back.amount[n - 1]).toBe(15.299999999999999);
    db.close();
  });

  it('an import holds whole cents in 32 bits; they are stored and read back so, at the table\'s scale', async () => {
    const db = freshDb();
    const csv = 'Name,Email,Total,Created at,Refunded Amount\n#1,a@x.vn,84.21,2024-01-05,0.00\n#2,b@x.vn,25.00,2024-01-06,3.50\n#3,a@x.vn,-19.99,2024-01-07,0\n';
    const { table } = withoutLines(importBytes(new TextEncoder().encode(csv), 'orders_export.csv'));
    expect(table.moneyScale).toBe(100);
    expect(Array.from(table.amount)).toEqual([8421, 2500, -1999]);
    expect(Array.from(table.refunded!)).toEqual([0, 350, 0]);
    const id = await saveDataset(db, table, meta('orders_export.csv'));
    const [chunk] = await db.chunks.where('datasetId').equals(id).toArray();
    // Packed (8421, 2500, −1999: 2 bytes from −1999), at the table's scale.
    expect([isPacked(chunk.amount) && chunk.amount.width, chunk.amountScale, chunk.refundedScale]).toEqual([2, 100, 100]);
    const back = await loadTable(db, id);
    expect(back.moneyScale).toBe(100);
    expect(back.amount).toEqual(table.amount);
    expect(back.refunded).toEqual(table.refunded);
    db.close();
  });

  it('stores customer ids an import left packed as they are, and reads them back packed, as the same ids', async () => {
    const db = freshDb();
    const csv = 'customer,date,amount\nKH01,2024-01-05,10\nĐào,2024-01-06,20\nKH01,2024-02-05,30\n';
    const { table } = withoutLines(importBytes(new TextEncoder().encode(csv), 'orders.csv'));
    expect(packedCustomerIds(table)).not.toBeNull();
    const id = await saveDataset(db, table, meta('orders.csv'));
    // Saved without being made into strings: the record holds the packed arrays, each in a buffer of its own size.
    expect(packedCustomerIds(table)).not.toBeNull();
    const [record] = await db.dictionaries.where('datasetId').equals(id).filter((d) => d.kind === 'customer').toArray();
    expect(record.values).toEqual([]);
    const packed = record.packed as PackedValues;
    expect(Array.from(packed.ends)).toEqual([4, 7]);
    expect(packed.chars.buffer.byteLength).toBe(7 * 2);
    const back = await loadTable(db, id);
    expect(packedCustomerIds(back)).not.toBeNull();
    expect(Array.from(back.customer)).toEqual([0, 1, 0]);
    expect(back.customerIds).toEqual(['KH01', 'Đào']);
    db.close();
  });

  it('stores ids that are numbers (after one prefix) as the numbers, 4 bytes each, and reads back the same ids', async () => {
    const db = freshDb();
    // Out of order from the second line on: the import looks them up by number (dense-ids.ts) and keeps the numbers.
    const csv = 'customer,date,amount\n17850,2024-01-05,10\n12347,2024-01-06,20\n17850,2024-02-05,30\n9,2024-02-06,1\n';
    const { table } = withoutLines(importBytes(new TextEncoder().encode(csv), 'orders.csv'));
    expect(packedCustomerIds(table)).toEqual({ prefix: '', width: 0, numbers: Int32Array.of(17850, 12347, 9) });
    const id = await saveDataset(db, table, meta('orders.csv'));
    const [record] = await db.dictionaries.where('datasetId').equals(id).filter((d) => d.kind === 'customer').toArray();
    expect(record.values).toEqual([]);
    expect(record.packed).toEqual({ prefix: '', width: 0, numbers: Int32Array.of(17850, 12347, 9) });
    const back = await loadTable(db, id);
    expect(customerIdOf(back, 1)).toBe('12347');
    expect(back.customerIds).toEqual(['17850', '12347', '9']);
    db.close();
  });

  it('stores a table in chunks and reads back exactly the same columns', async () => {
    const db = freshDb();
    const t = table(CHUNK_ROWS * 2 + 123);
    const id = await saveDataset(db, t, meta('orders.csv'));
    expect(await db.chunks.where('datasetId').equals(id).count()).toBe(3);
    const back = await loadTable(db, id);
    expect(back.length).toBe(t.length);
    expect(Array.from(back.amount)).toEqual(Array.from(t.amount));
    expect(Array.from(back.day)).toEqual(Array.from(t.day));
    // Days of 2022–2023 fit in 16 bits: a table of 32-bit days (as stored before 16-bit days) reads back in 16.
    expect(back.day).toBeInstanceOf(Uint16Array);
    expect(Array.from(back.customer)).toEqual(Array.from(t.customer));
    expect(back.customerIds).toEqual(['a', 'b', 'c']);
    // The rows' source lines are neither stored nor read back (TransactionTable.line).
    expect('line' in back).toBe(false);
    expect((await db.chunks.toArray()).some((c) => 'line' in c)).toBe(false);
    expect(back.cost).toBeNull();
    const [record] = await listDatasets(db);
    expect(record).toMatchObject({ id, rows: t.length, chunkCount: 3, name: 'orders.csv' });
    db.close();
  });

  it('writes the chunks a million rows at a time, each chunk its own copy of its rows (not a view of the whole column)', async () => {
    const db = freshDb();
    const n = CHUNK_ROWS * 33 + 1;
    // Whole cents in 32 bits and an order column too: every column a save copies into arrays it writes again.
    const t: TransactionTable = { ...table(n), amount: Int32Array.from({ length: n }, (_, i) => (i % 9973) - 7), moneyScale: 100, order: Uint32Array.from({ length: n }, (_, i) => Math.floor(i / 2)), orderCodes: { count: Math.ceil(n / 2), blank: -1 } };
    const batches: number[] = [];
    const original = db.chunks.bulkAdd.bind(db.chunks);
    db.chunks.bulkAdd = ((chunks: Parameters<typeof original>[0]) => (batches.push((chunks as unknown[]).length), original(chunks))) as typeof original;
    const id = await saveDataset(db, t, meta('big.csv'));
    // 34 chunks: 16 + 16 + 2.
    expect(batches).toEqual([16, 16, 2]);
    const last = (await db.chunks.get([id, 33]))!;
    // Its own buffer: one whole amount, packed in one byte (packed-ints.ts).
    expect(isPacked(last.amount) && [last.amount.bytes.length, last.amount.bytes.buffer.byteLength]).toEqual([1, 1]);
    // Every row of every batch as it was: the arrays a batch was copied into are written again for the next one only
    // once it is stored.
    const back = await loadTable(db, id);
    expect(back.length).toBe(t.length);
    const differing = (a: ArrayLike<number>, b: ArrayLike<number>) => {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
      return a.length === b.length ? -1 : a.length;
    };
    expect([differing(back.customer, t.customer), differing(back.day, t.day), differing(back.amount, t.amount), differing(back.order!, t.order!), back.moneyScale]).toEqual([-1, -1, -1, -1, 100]);
    db.close();
  });

  it('keeps what the order codes run over on the record, without storing the order ids; an older dataset counts them from its stored ids', async () => {
    const db = freshDb();
    const t = table(10);
    t.order = Uint32Array.from({ length: 10 }, (_, i) => i % 4);
    t.orderCodes = { count: 4, blank: 3 };
    const id = await saveDataset(db, t, meta('orders.csv'));
    expect((await db.dictionaries.where('datasetId').equals(id).toArray()).map((d) => d.kind)).toEqual(['customer']);
    const back = await loadTable(db, id);
    expect(Array.from(back.order!)).toEqual(Array.from(t.order));
    expect(back.orderCodes).toEqual({ count: 4, blank: 3 });
    // Stored before: the ids in the dictionaries, nothing on the record.
    await db.datasets.update(id, { orderCodes: undefined });
    await db.dictionaries.add({ datasetId: id, kind: 'order', values: ['#1', '#2', '', '#4', '#5'] });
    expect((await loadTable(db, id)).orderCodes).toEqual({ count: 5, blank: 2 });
    // Without an order column, nothing either way.
    const none = await saveDataset(db, table(3), meta('plain.csv'));
    expect((await loadTable(db, none)).orderCodes).toBeNull();
    db.close();
  });

  it('keeps refunded amounts, discount codes, contact columns and a purchase log\'s unknown money across a reload', async () => {
    const db = freshDb();
    const n = CHUNK_ROWS + 7;
    const t = table(n);
    t.refunded = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 2.5 : 0));
    t.discount = Uint32Array.from({ length: n }, (_, i) => i % 2);
    t.discountCodes = ['', 'WELCOME5'];
    t.contactName = Uint32Array.from({ length: n }, (_, i) => i % 3);
    t.contactNames = ['Ann', 'Bình', 'ชาย'];
    t.email = Uint32Array.from({ length: n }, (_, i) => i % 3);
    t.emails = ['ann@example.com', 'binh@example.vn', 'chai@example.th'];
    t.phone = Uint32Array.from({ length: n }, () => 0);
    t.phones = ['+84 90 123 4567'];
    const id = await saveDataset(db, t, meta('orders.csv'));
    const back = await loadTable(db, id);
    expect(Array.from(back.refunded!)).toEqual(Array.from(t.refunded));
    expect(Array.from(back.discount!)).toEqual(Array.from(t.discount));
    expect(back.discountCodes).toEqual(['', 'WELCOME5']);
    expect(Array.from(back.contactName!)).toEqual(Array.from(t.contactName));
    expect(back.contactNames).toEqual(['Ann', 'Bình', 'ชาย']);
    expect(back.emails).toEqual(t.emails);
    expect(back.phones).toEqual(['+84 90 123 4567']);
    expect(back.withoutAmounts).toBeUndefined();
    // A purchase log: its figures say there are no amounts, and the table read back says so too.
    const log = await saveDataset(db, table(3), { ...meta('log.csv'), figures: { ...meta('log.csv').figures, withoutAmounts: true } });
    expect((await loadTable(db, log)).withoutAmounts).toBe(true);
    // A dataset stored before these columns: chunks without them read as no such column.
    const old = await saveDataset(db, table(3), meta('old.csv'));
    await db.chunks.where('datasetId').equals(old).modify((c) => { delete c.refunded; delete c.discount; });
    const oldBack = await loadTable(db, old);
    expect(oldBack.refunded).toBeUndefined();
    expect(oldBack.discount).toBeUndefined();
    db.close();
  });

  it('an import that fails half-way leaves no dataset, chunk or dictionary behind', async () => {
    const db = freshDb();
    const t = table(CHUNK_ROWS + 5);
    // Make the dictionary write fail after the dataset record and chunks were added inside the transaction.
    const original = db.dictionaries.bulkAdd.bind(db.dictionaries);
    db.dictionaries.bulkAdd = (() => Promise.reject(new Error('disk full'))) as unknown as typeof db.dictionaries.bulkAdd;
    await expect(saveDataset(db, t, meta('broken.csv'))).rejects.toThrow('disk full');
    db.dictionaries.bulkAdd = original;
    expect(await db.datasets.count()).toBe(0);
    expect(await db.chunks.count()).toBe(0);
    expect(await db.dictionaries.count()).toBe(0);
    db.close();
  });

  it('renames, deletes one dataset with its chunks, and deletes everything', async () => {
    const db = freshDb();
    const a = await saveDataset(db, table(10), meta('a.csv'));
    const b = await saveDataset(db, table(20), meta('b.csv'));
    await renameDataset(db, a, '  Shop 2024  ');
    expect((await db.datasets.get(a))!.name).toBe('Shop 2024');
    await expect(renameDataset(db, a, '   ')).rejects.toThrow('needs a name');
    await deleteDataset(db, a);
    expect((await listDatasets(db)).map((d) => d.id)).toEqual([b]);
    expect(await db.chunks.where('datasetId').equals(a).count()).toBe(0);
    expect(await db.dictionaries.where('datasetId').equals(a).count()).toBe(0);
    await rememberMapping(db, ['x'], { delimiter: ',', encoding: 'utf-8', hasHeader: true, mapping: {} });
    await deleteEverything(db);
    expect(await db.datasets.count()).toBe(0);
    expect(await db.chunks.count()).toBe(0);
    expect(await db.mappings.count()).toBe(0);
    db.close();
  });

  it('remembers a column mapping by header, ignoring case and spaces', async () => {
    const db = freshDb();
    const options = { delimiter: ';', encoding: 'utf-8', hasHeader: true, mapping: { customer: 1, date: 2, amount: 3 } };
    await rememberMapping(db, ['Order', 'Customer ID ', 'Date', 'Total'], options);
    expect(await recallMapping(db, ['order', 'customer id', 'DATE', 'total'])).toEqual(options);
    expect(await recallMapping(db, ['order', 'customer', 'date', 'total'])).toBeNull();
    expect(headerKey(['A ', 'b'])).toBe(headerKey(['a', 'B']));
    db.close();
  });
});

describe('schema upgrade', () => {
  it('opening a version-1 database with the current app keeps every dataset and fills the new fields', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    // The version-1 schema exactly as it shipped.
    const v1 = databaseAtVersion(name, 1);
    const id = (await v1.table('datasets').add({ name: 'old.csv', createdAt: 1700000000000, rows: 2, chunkCount: 1 })) as number;
    await v1.table('chunks').add({ datasetId: id, index: 0, customer: new Uint32Array([0, 0]), day: new Int32Array([1, 2]), amount: new Float64Array([5, -1]), line: new Uint32Array([2, 3]), cost: null, order: null, product: null, channel: null });
    await v1.table('dictionaries').add({ datasetId: id, kind: 'customer', values: ['only'] });
    v1.close();

    const db = new ClvDatabase(name);
    await db.open();
    expect(db.verno).toBe(9);
    const record = await db.datasets.get(id);
    expect(record).toMatchObject({ name: 'old.csv', createdAt: 1700000000000, updatedAt: 1700000000000 });
    const t = await loadTable(db, id);
    expect(Array.from(t.amount)).toEqual([5, -1]);
    expect(t.customerIds).toEqual(['only']);
    expect(await db.mappings.count()).toBe(0);
    db.close();
  });

  it('opening a version-2 database turns its English-only warnings into notices that keep the text', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v2 = databaseAtVersion(name, 2);
    const warning = 'Some rows have more fields than the header (first on line 3); the extra fields were ignored.';
    const id = (await v2.table('datasets').add({ name: 'old.csv', createdAt: 1, updatedAt: 1, rows: 0, chunkCount: 0, report: { warnings: [warning], rejected: [] } })) as number;
    v2.close();

    const db = new ClvDatabase(name);
    await db.open();
    expect(db.verno).toBe(9);
    const record = await db.datasets.get(id);
    expect(record?.report.warnings).toEqual([{ code: 'as-written', text: warning, vars: {} }]);
    expect(record).toMatchObject({ name: 'old.csv', createdAt: 1, updatedAt: 1 });
    db.close();
  });

  it('opening a version-3 database drops the stored monthly cohorts (now computed on open) and keeps everything else', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v3 = databaseAtVersion(name, 3);
    const cohorts = { period: 'month', rows: [{ cohort: '2024-01', customers: 1, active: [1], revenue: [5] }] };
    const id = (await v3.table('datasets').add({ name: 'v3.csv', createdAt: 5, updatedAt: 6, rows: 1, chunkCount: 1, marginPercent: 35, cohorts, report: { warnings: [], rejected: [] } })) as number;
    await v3.table('chunks').add({ datasetId: id, index: 0, customer: new Uint32Array([0]), day: new Int32Array([19723]), amount: new Float64Array([5]), line: new Uint32Array([2]), cost: null, order: null, product: null, channel: null });
    v3.close();

    const db = new ClvDatabase(name);
    await db.open();
    expect(db.verno).toBe(9);
    const record = (await db.datasets.get(id)) as DatasetRecord & { cohorts?: unknown };
    expect(record).toMatchObject({ name: 'v3.csv', createdAt: 5, updatedAt: 6, rows: 1, marginPercent: 35 });
    expect('cohorts' in record).toBe(false);
    expect(Array.from((await loadTable(db, id)).amount)).toEqual([5]);
    db.close();
  });
});
