/**
 * An app update keeps every stored dataset, from every version in the schema's history: for each version v, a
 * database as that version of the app left it (its stores, and its records in the shape that version wrote them),
 * holding realistic content of its time (an orders dataset with columns and dictionaries, a remembered mapping, a
 * margin, survey answers, a shared snapshot, a billing export), opened by today's schema: every dataset, its rows and
 * its figures are there, checked against the hand-worked figures of the fixtures.
 *
 * The content is made once by today's import code (so it is what the app really stores), then aged to each version:
 * before version 3 an import's warnings were English strings; before version 4 the monthly cohorts were stored with
 * the dataset; before version 2 there was no `updatedAt`; before the refunded and label columns a chunk had none.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseAtVersion } from './old-versions';
import { ClvDatabase } from '../../src/db/schema';
import { listDatasets, loadTable } from '../../src/db/repo';
import { loadSummaryDataset } from '../../src/db/summary-store';
import { listShared } from '../../src/db/shared';
import { makeComputeApi } from '../../workers/compute.api';
import { createContext } from '../../workers/context';
import { computeHarness, importText } from '../support/compute-harness';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
const LATEST = 9;

type Rec = Record<string, unknown>;
/** Today's records of the realistic content, by table. */
let content: { orders: number; billingId: number; summaryId: number; tables: Record<string, Rec[]>; subscriptions: unknown; nps: unknown };

beforeAll(async () => {
  const harness = computeHarness();
  const { api, context } = harness;
  const orders = await importText(api, 'don-hang.csv', new TextDecoder().decode(fixture('e2e/don-hang.csv')));
  await api.updateDatasetSettings(orders, { marginPercent: 30 });
  const attached = await api.attachNps(orders, new File([fixture('e2e/khao-sat.csv')], 'khao-sat.csv'), 'khao-sat.csv');
  expect(attached.ok).toBe(true);
  const billingId = await importText(api, 'billing-invoices.csv', new TextDecoder().decode(fixture('subscriptions/billing-invoices.csv')));
  // A warehouse summary with its cohort table (version 8 stored both in the dataset's record).
  const summary = await api.runSummaryImport(new File([fixture('summary/hand-summary.csv')], 'hand-summary.csv'));
  if (!summary.ok) throw new Error(summary.message);
  // (A File's name does not cross this harness's message channel: named as the page would have named it.)
  await api.renameDataset(summary.datasetId, 'hand-summary.csv');
  expect((await api.addCohortTable(summary.datasetId, new File([fixture('summary/hand-cohorts.csv')], 'hand-cohorts.csv'))).ok).toBe(true);
  const opened = await api.openSnapshotFile(new Blob([fixture('e2e/don-hang.clv.json')]), 'don-hang.clv.json', 'file');
  expect(opened.ok).toBe(true);
  const db = context.db;
  const tables: Record<string, Rec[]> = {};
  for (const table of db.tables) tables[table.name] = (await table.toArray()) as Rec[];
  content = { orders, billingId, summaryId: summary.datasetId, tables, subscriptions: await api.subscriptions(billingId, { ltvWindow: 6 }), nps: await api.nps(orders) };
  harness.close();
});

/** A record as version v of the app wrote it. */
function aged(table: string, record: Rec, v: number): Rec {
  const r: Rec = structuredClone(record);
  if (table === 'datasets') {
    if (v < 2) delete r.updatedAt;
    const report = r.report as { warnings: { text: string }[] };
    if (v < 3) report.warnings = report.warnings.map((w) => w.text) as never;
    if (v < 4) r.cohorts = { period: 'month', rows: [{ cohort: '2024-01', customers: 2, active: [2], revenue: [1] }] };
    if (v < 3) delete r.marginPercent;
    if (v < 7) delete r.billing;
    // Version 8 kept a summary's columns and cohort table in its dataset record.
    if (r.kind === 'summary') {
      const row = content.tables.summaries.find((s) => s.datasetId === r.id)!;
      r.summary = structuredClone(row.summary);
      r.cohortTable = structuredClone(row.cohortTable);
    }
    // Every version up to 8 stored the order ids themselves (in `dictionaries`, see below), not their count.
    delete r.orderCodes;
  }
  if (table === 'chunks' && v < 4) for (const key of ['refunded', 'discount', 'contactName', 'email', 'phone']) delete r[key];
  return r;
}

/** The order ids as versions 1-8 stored them: one string per order code, '' for the blank id. */
function orderIdsOfOldVersions(v: number): Rec[] {
  return content.tables.datasets
    .filter((d) => d.orderCodes && (v >= 7 || d.id !== content.billingId))
    .map((d) => {
      const { count, blank } = d.orderCodes as { count: number; blank: number };
      return { datasetId: d.id, kind: 'order', values: Array.from({ length: count }, (_, i) => (i === blank ? '' : `ĐH${1000 + i}`)) };
    });
}

/** The stores each version had. */
const TABLES_AT: [string, number][] = [['datasets', 1], ['chunks', 1], ['dictionaries', 1], ['mappings', 2], ['nps', 5], ['shared', 6], ['sharedBodies', 6], ['billing', 7], ['scenarios', 8]];

async function databaseOfVersion(v: number): Promise<string> {
  const name = `v${v}-${crypto.randomUUID()}`;
  const old = databaseAtVersion(name, v);
  for (const [table, since] of TABLES_AT) {
    if (since > v) continue;
    // The billing export is a dataset only from version 7, when its rows could be kept.
    const ofBilling = (r: Rec) => (table === 'datasets' ? r.id : r.datasetId) === content.billingId;
    // A summary dataset only from version 8, when summaries could be imported.
    const ofSummary = (r: Rec) => table === 'datasets' && r.id === content.summaryId;
    const records = content.tables[table].filter((r) => (v >= 7 || !ofBilling(r)) && (v >= 8 || !ofSummary(r))).map((r) => aged(table, r, v));
    if (table === 'dictionaries') records.push(...orderIdsOfOldVersions(v));
    await old.table(table).bulkAdd(records);
  }
  old.close();
  return name;
}

describe.each([1, 2, 3, 4, 5, 6, 7, 8])('a database left by version %i, opened by today\'s app', (v) => {
  it('keeps every dataset with its rows, figures, settings and attached data', async () => {
    const name = await databaseOfVersion(v);
    const db = new ClvDatabase(name);
    await db.open();
    expect(db.verno).toBe(LATEST);

    const { orders, billingId } = content;
    const datasets = await listDatasets(db);
    expect(datasets.map((d) => d.name)).toEqual(v >= 8 ? ['hand-summary.csv', 'billing-invoices.csv', 'don-hang.csv'] : v >= 7 ? ['billing-invoices.csv', 'don-hang.csv'] : ['don-hang.csv']);
    if (v >= 8) {
      // Version 9 moved the summary's columns and cohort table out of its record: read back whole from their table.
      expect(datasets.find((d) => d.id === content.summaryId)).not.toHaveProperty('summary');
      const summary = (await loadSummaryDataset(db, content.summaryId))!;
      expect(summary.customerIds).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8']);
      expect(Array.from(summary.summary.T)).toEqual([90, 81, 59, 86, 30, 45, 71, 11]);
      expect(summary.cohortTable!.cohorts.rows.map((r) => [r.cohort, r.active])).toEqual([['2024-01', [4, 2, 2]], ['2024-02', [2, 1]], ['2024-03', [2]]]);
    }
    const record = datasets.find((d) => d.id === orders)!;
    // The upgrades: a change time, warnings as notices that keep their text, no stored cohorts.
    const original = content.tables.datasets.find((d) => d.id === orders)!;
    expect(record.updatedAt).toBe(v < 2 ? record.createdAt : original.updatedAt);
    expect(record.report.warnings).toEqual((original.report as { warnings: { text: string }[] }).warnings.map((w) => (v < 3 ? { code: 'as-written', text: w.text, vars: {} } : w)));
    expect('cohorts' in record).toBe(false);
    expect(record.marginPercent ?? null).toBe(v >= 3 ? 30 : null);
    // The figures stored with it, as worked out by hand (tests/fixtures/e2e/README.md).
    expect(record.figures).toMatchObject({ customers: 3, purchases: 6, refunds: 1, netRevenue: 5050000 });
    expect(record.rows).toBe(7);
    expect(record.currency).toBe('VND');

    // Its rows read back whole, and the figures and cohorts the app works out from them are the fixture's.
    const rows = await loadTable(db, orders);
    expect(rows.length).toBe(7);
    // What the order codes run over, counted from the stored ids.
    expect(rows.orderCodes).toEqual(original.orderCodes);
    expect(rows.orderCodes).not.toBeNull();
    expect([...rows.customerIds].sort()).toEqual(['KH01', 'KH02', 'KH03']);
    expect(Array.from(rows.amount).reduce((s, a) => s + a, 0)).toBe(5050000);
    db.close();
    const context = createContext(name);
    const api = makeComputeApi(context);
    const snapshot = await api.snapshot(orders, { aggregateOnly: false });
    expect(snapshot.dataset).toMatchObject({ customers: 3, purchases: 6, refunds: 1, netRevenue: 5050000, currency: 'VND' });
    expect(snapshot.cohorts.rows.map((r) => [r.cohort, r.customers, r.active])).toEqual([['2024-01', 2, [2, 1, 0, 1]], ['2024-02', 1, [1, 1, 0]]]);
    expect(snapshot.cohorts.rows[0].revenue).toEqual([1550000, 150000, 0, 600000]);

    // A remembered column mapping (version 2 on), survey answers (5 on), a shared snapshot (6 on), billing rows (7 on).
    const again = (await api.sniffFile(new File([fixture('e2e/don-hang.csv')], 'don-hang.csv'))).remembered;
    if (v >= 2) expect(again).toMatchObject({ delimiter: ';', hasHeader: true });
    else expect(again).toBeNull();
    expect(await api.nps(orders)).toEqual(v >= 5 ? content.nps : null);
    if (v >= 5) expect(await api.nps(orders)).toMatchObject({ score: 40 });
    const shared = await listShared(context.db);
    expect(shared.map((s) => s.name)).toEqual(v >= 6 ? ['don-hang.csv'] : []);
    if (v >= 6) expect((await api.sharedSnapshot(shared[0].id))?.snapshot.dataset).toMatchObject({ name: 'don-hang.csv', customers: 3, netRevenue: 5050000 });
    if (v >= 7) {
      const subscriptions = await api.subscriptions(billingId, { ltvWindow: 6 });
      expect(subscriptions).toEqual(content.subscriptions);
      // MRR month by month as worked out by hand (tests/fixtures/subscriptions/README.md; January: A, B, C's yearly
      // plan and D at 50 + 50 + 50 + 40, F's quarter at 30).
      expect(subscriptions!.months.slice(0, 4).map((m) => m.mrr)).toEqual([220, 310, 370, 320]);
    }
    context.db.close();
  });
});
