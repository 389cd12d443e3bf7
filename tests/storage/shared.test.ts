import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { databaseAtVersion } from './old-versions';
import { ClvDatabase } from '../../src/db/schema';
import { deleteEverything, listDatasets, loadTable } from '../../src/db/repo';
import { deleteShared, listShared, loadShared, saveShared } from '../../src/db/shared';
import { analyze, copy, DON_HANG } from '../unit/snapshot/fixtures';

describe('shared snapshots in IndexedDB', () => {
  it('a database of version 5 opens in version 6 with its datasets, rows, mappings and survey intact', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = databaseAtVersion(name, 5);
    const dataset = { name: 'orders.csv', createdAt: 1, updatedAt: 2, rows: 2, chunkCount: 1, report: { fileName: 'orders.csv', rowsRead: 2 }, figures: { customers: 1 }, currency: 'VND', marginPercent: 30, timeUnit: 'day', timings: { totalMs: 5 } };
    const id = (await old.table('datasets').add(dataset)) as number;
    await old.table('chunks').add({ datasetId: id, index: 0, customer: new Uint32Array([0, 0]), day: new Int32Array([19000, 19001]), amount: new Float64Array([10, -2]), line: new Uint32Array([2, 3]), cost: null, order: null, product: null, channel: null });
    await old.table('dictionaries').add({ datasetId: id, kind: 'customer', values: ['KH01'] });
    await old.table('mappings').add({ headerKey: 'a␟b', savedAt: 3, options: { delimiter: ';', encoding: 'utf-8', hasHeader: true, mapping: { customer: 0 } } });
    await old.table('nps').add({ datasetId: id, fileName: 'survey.csv', attachedAt: 4, answers: [{ customer: 'KH01', score: 9 }] });
    old.close();

    const db = new ClvDatabase(name);
    await db.open();
    expect(db.verno).toBe(9);
    const [record] = await listDatasets(db);
    expect(record).toEqual({ ...dataset, id });
    const table = await loadTable(db, id);
    expect(Array.from(table.amount)).toEqual([10, -2]);
    expect(table.customerIds).toEqual(['KH01']);
    expect(await db.mappings.get('a␟b')).toMatchObject({ savedAt: 3 });
    expect(await db.nps.get(id)).toMatchObject({ fileName: 'survey.csv' });
    expect(await db.shared.count()).toBe(0);
    db.close();
  });

  it('keeps a snapshot with its origin, lists it without the document, opens it again only once, deletes it whole', async () => {
    const db = new ClvDatabase(`test-${crypto.randomUUID()}`);
    const snapshot = copy(await analyze(DON_HANG));
    const id = await saveShared(db, snapshot, [], { kind: 'file', fileName: 'don-hang.clv.json' });
    expect(await listShared(db)).toEqual([{ id, name: 'don-hang.csv', origin: { kind: 'file', fileName: 'don-hang.clv.json' }, openedAt: expect.any(Number), createdAt: snapshot.createdAt }]);
    expect((await loadShared(db, id))?.snapshot).toEqual(snapshot);
    // The same snapshot through a link: the one entry, now from the link.
    expect(await saveShared(db, snapshot, [], { kind: 'link', fileName: null })).toBe(id);
    expect((await listShared(db)).map((e) => e.origin.kind)).toEqual(['link']);
    const other = await saveShared(db, { ...snapshot, createdAt: '2026-12-01T00:00:00.000Z' }, [], { kind: 'link', fileName: null });
    expect(other).not.toBe(id);
    await deleteShared(db, id);
    expect(await loadShared(db, id)).toBeNull();
    expect(await db.sharedBodies.count()).toBe(1);
    await deleteEverything(db);
    expect(await db.shared.count()).toBe(0);
    expect(await db.sharedBodies.count()).toBe(0);
    db.close();
  });
});
