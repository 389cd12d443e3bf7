/**
 * A summary dataset is stored in one write with no chunks (src/db/summary-store.ts): it is a whole dataset, listed
 * like any other, and never taken for what an interrupted import left behind (a record with no chunks counted in).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ClvDatabase, type DatasetRecord } from '../../src/db/schema';
import { listDatasets } from '../../src/db/repo';
import { leftovers, removeLeftovers } from '../../src/db/leftovers';
import { saveSummaryDataset } from '../../src/db/summary-store';
import type { SummaryDataset } from '../../src/core/types';

const summary: SummaryDataset = {
  customerIds: ['A', 'B'],
  summary: { customer: Uint32Array.from([0, 1]), frequency: Float64Array.from([2, 0]), recency: Float64Array.from([30, 0]), T: Float64Array.from([60, 10]), monetary: Float64Array.from([25, 0]) },
  purchases: Float64Array.from([3, 1]),
  revenue: Float64Array.from([75, 20]),
  firstDay: Int32Array.from([19700, 19750]),
  observationEnd: 19760,
  hasMonetary: true,
};

describe('a summary dataset in storage', () => {
  it('is listed, and neither counted nor removed as a leftover', async () => {
    const db = new ClvDatabase(`test-${crypto.randomUUID()}`);
    const id = await saveSummaryDataset(db, summary, { name: 'summary.csv', report: { fileName: 'summary.csv' } as DatasetRecord['report'], figures: {} as DatasetRecord['figures'], currency: null, timings: {} });
    expect((await listDatasets(db)).map((d) => [d.id, d.name, d.kind])).toEqual([[id, 'summary.csv', 'summary']]);
    expect(await leftovers(db)).toMatchObject({ datasets: 0, records: 0 });
    await removeLeftovers(db);
    expect((await db.summaries.get(id))?.summary.customerIds).toEqual(["A", "B"]);
    db.close();
  });
});
