import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { databaseAtVersion } from './old-versions';
import { ZERO_LEVERS } from '../../src/core/scenario/levers';
import { ClvDatabase } from '../../src/db/schema';
import { deleteDataset, deleteEverything, listDatasets } from '../../src/db/repo';
import { deleteScenario, listScenarios, saveScenario } from '../../src/db/scenarios';

const DATASET = { name: 'orders.csv', createdAt: 1, updatedAt: 2, rows: 2, chunkCount: 1, report: { fileName: 'orders.csv', rowsRead: 2 }, figures: { customers: 1 }, currency: 'VND', marginPercent: 30, timeUnit: 'day', timings: { totalMs: 5 } };

describe('saved scenarios in IndexedDB (version 8)', () => {
  it('a version-7 database opens in version 8 with its datasets, shared snapshots, billing rows and rows intact, and no scenarios', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = databaseAtVersion(name, 7);
    const id = (await old.table('datasets').add({ ...DATASET })) as number;
    await old.table('chunks').add({ datasetId: id, index: 0, customer: new Uint32Array([0]), day: new Int32Array([19000]), amount: new Float64Array([10]), line: new Uint32Array([2]), cost: null, order: null, product: null, channel: null });
    await old.table('shared').add({ name: 's.csv', origin: { kind: 'file', fileName: 's.clv.json' }, openedAt: 5, createdAt: '2026-01-01T00:00:00.000Z', app: 'clv-studio@0.1.0' });
    await old.table('billing').add({ datasetId: id, marker: 'billing rows of version 7' });
    old.close();

    const db = new ClvDatabase(name);
    await db.open();
    expect(db.verno).toBe(9);
    expect(await listDatasets(db)).toEqual([{ ...DATASET, id }]);
    expect(await db.billing.get(id)).toEqual({ datasetId: id, marker: 'billing rows of version 7' });
    expect(await db.chunks.count()).toBe(1);
    expect(await db.shared.count()).toBe(1);
    expect(await listScenarios(db, id)).toEqual([]);
    db.close();
  });

  it('saves, replaces by name, lists oldest first, deletes; a dataset takes its scenarios with it', async () => {
    const db = new ClvDatabase(`test-${crypto.randomUUID()}`);
    const a = (await db.datasets.add({ ...DATASET } as never)) as number;
    const b = (await db.datasets.add({ ...DATASET } as never)) as number;
    const first = await saveScenario(db, a, ' Keep 5% more ', { ...ZERO_LEVERS, retentionPoints: 5 });
    await saveScenario(db, a, 'Price +5%', { ...ZERO_LEVERS, pricePercent: 5 });
    await saveScenario(db, b, 'Other', ZERO_LEVERS);
    expect(await saveScenario(db, a, 'Keep 5% more', { ...ZERO_LEVERS, retentionPoints: 6 })).toBe(first);
    const listed = await listScenarios(db, a);
    expect(listed.map((s) => [s.name, s.levers.retentionPoints, s.levers.pricePercent])).toEqual([['Price +5%', 0, 5], ['Keep 5% more', 6, 0]]);
    await deleteScenario(db, listed[0].id);
    expect((await listScenarios(db, a)).map((s) => s.name)).toEqual(['Keep 5% more']);
    await deleteDataset(db, a);
    expect(await db.scenarios.count()).toBe(1);
    await expect(saveScenario(db, a, 'x', ZERO_LEVERS)).rejects.toThrow(/no longer exists/);
    await deleteEverything(db);
    expect(await db.scenarios.count()).toBe(0);
    db.close();
  });
});
