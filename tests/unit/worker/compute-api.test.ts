import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { proxy } from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PREDICTION_SETTINGS } from '../../../src/core/forecast';
import type { ImportOptions } from '../../../src/core/import';
import type { ImportProgress } from '../../../src/core/import/run';
import { ClvDatabase } from '../../../src/db/schema';
import { acceptedOptions, computeHarness } from '../../support/compute-harness';
import { dashboardOf } from '../../../workers/derived';
import { FIRST_VIEW } from '../../../src/core/figures/customer-table';
import { dayToIso } from '../../../src/core/figures/dates';

const fixture = new URL('../../fixtures/e2e/don-hang.csv', import.meta.url);
const { api, context, dbName, close } = computeHarness();
afterAll(close);

function csvFile(): File {
  return new File([readFileSync(fixture)], 'don-hang.csv', { type: 'text/csv' });
}

const options = (file: File): Promise<ImportOptions> => acceptedOptions(api, file);

describe('compute worker API', () => {
  it('sniffs, imports and stores a file, reporting progress, and builds its snapshot', async () => {
    const file = csvFile();
    const { sniff, remembered } = await api.sniffFile(file);
    expect(sniff.problem).toBeNull();
    expect(sniff.delimiter).toBe(';');
    expect(remembered).toBeNull();
    const stages: string[] = [];
    const outcome = await api.runImport(file, await options(file), 'job-1', proxy((p: ImportProgress) => void stages.push(p.stage)));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.report).toMatchObject({ rowsRead: 9, rowsAccepted: 7, rowsRejected: 2 });
    expect(stages).toContain('saving');
    const snap = await api.snapshot(outcome.datasetId, { aggregateOnly: false });
    expect(snap.dataset).toMatchObject({ customers: 3, purchases: 6, refunds: 1, netRevenue: 5050000, currency: 'VND' });
    expect(snap.cohorts.rows.map((r) => r.active)).toEqual([[2, 1, 0, 1], [1, 1, 0]]);
    const quarters = await api.cohorts(outcome.datasetId, 'quarter');
    expect(quarters.rows).toEqual([{ cohort: '2024-Q1', customers: 3, active: [3, 1], revenue: [4450000, 600000] }]);
    // The column choice is remembered for the next file with the same header.
    expect((await api.sniffFile(csvFile())).remembered).toMatchObject({ delimiter: ';', hasHeader: true });
    // The stored record carries its import's times inside `timings` (the dashboard shows "Imported 9 rows in … s"),
    // with the saving time measured in the save's own transaction; nothing of them lands beside `timings`.
    const db = new ClvDatabase(dbName);
    const record = (await db.datasets.get(outcome.datasetId)) as unknown as Record<string, unknown> & { timings: Record<string, number> };
    db.close();
    expect(record.timings.totalMs).toBeGreaterThan(0);
    expect(record.timings.saveMs).toBeGreaterThanOrEqual(0);
    expect(record.timings.totalMs).toBeGreaterThanOrEqual(record.timings.saveMs);
    expect(Object.keys(record).filter((k) => k.endsWith('Ms'))).toEqual([]);
  });

  it('keeps the customer table: the page gets the figures, then the rows in sight and the CSV of a view', async () => {
    const file = csvFile();
    const outcome = await api.runImport(file, await options(file), 'job-dashboard');
    if (!outcome.ok) throw new Error(outcome.message);
    const id = outcome.datasetId;
    // The figures hold no per-customer column and no id: 3.3 million customers were 300 MB on the page.
    const page = await api.dashboard(id);
    expect(page.historical.customers).toBe(3);
    expect(Object.keys(page)).not.toContain('customerIds');
    expect(Object.keys(page.historical)).not.toContain('perCustomer');
    // By hand from the fixture: KH01 1,250,000 + 450,000 + 600,000 in 3 orders; KH02 300,000 then refunded; KH03
    // 2,000,000 + 750,000 in 2 orders. First view: largest net revenue first.
    const first = await api.customerRows(id, FIRST_VIEW, 0, 60);
    expect(first).toMatchObject({ total: 3, shown: 3, from: 0, ids: ['KH03', 'KH01', 'KH02'] });
    expect(Array.from(first.netRevenue)).toEqual([2_750_000, 2_300_000, 0]);
    expect(Array.from(first.orders)).toEqual([2, 3, 1]);
    expect(Array.from(first.firstDay, dayToIso)).toEqual(['2024-02-03', '2024-01-05', '2024-01-17']);
    // Another sort, a search, a window further down; asked twice, the same (the view's order is kept).
    const byId = { query: '', column: 'id', ascending: false } as const;
    for (let i = 0; i < 2; i++) expect((await api.customerRows(id, byId, 1, 2)).ids).toEqual(['KH02']);
    expect(await api.customerRows(id, { query: 'h0', column: 'orders', ascending: true }, 0, 60)).toMatchObject({ shown: 3, ids: ['KH02', 'KH03', 'KH01'] });
    expect(await api.customerRows(id, { query: '01', column: 'net', ascending: false }, 0, 60)).toMatchObject({ total: 3, shown: 1, ids: ['KH01'] });
    // The CSV of a search: its rows only, in its order.
    const blob = await api.customerCsv(id, { query: 'KH0', column: 'net', ascending: true });
    // A byte order mark first, so that a spreadsheet reads the text as UTF-8 (Blob.text drops it).
    expect(Array.from(new Uint8Array(await blob.arrayBuffer()).subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    expect((await blob.text()).split('\r\n').map((line) => line.split(',')[0])).toEqual(['customer', 'KH02', 'KH01', 'KH03', '']);
    // A margin entered gives profit, in the rows and the CSV.
    await api.updateDatasetSettings(id, { marginPercent: 40 });
    expect(Array.from((await api.customerRows(id, FIRST_VIEW, 0, 1)).grossProfit)).toEqual([1_100_000]);
    expect((await (await api.customerCsv(id, FIRST_VIEW)).text()).split('\r\n')[1]).toBe('KH03,2024-02-03,2024-03-15,2,2,2750000,1100000');
  });

  it("answers the first screen of the first view from a partial sort, and the rows past it from the whole order", async () => {
    // 700 customers, C0 … C699, C{i} spending (i × 37) mod 701 + 0.5: every amount differs, so the order is known.
    const lines = ['customer,date,amount'];
    for (let i = 0; i < 700; i++) lines.push(`C${i},2024-01-${String((i % 28) + 1).padStart(2, '0')},${((i * 37) % 701) + 0.5}`);
    const file = new File([lines.join('\n')], 'seven-hundred.csv');
    const outcome = await api.runImport(file, await options(file), 'job-700');
    if (!outcome.ok) throw new Error(outcome.message);
    const expected = Array.from({ length: 700 }, (_, i) => i).sort((a, b) => ((b * 37) % 701) - ((a * 37) % 701)).map((i) => `C${i}`);
    const top = await api.customerRows(outcome.datasetId, FIRST_VIEW, 0, 80);
    expect([top.total, top.shown, top.from]).toEqual([700, 700, 0]);
    expect(top.ids).toEqual(expected.slice(0, 80));
    // Across the first screen's end (500) and to the table's end: the whole order.
    expect((await api.customerRows(outcome.datasetId, FIRST_VIEW, 460, 560)).ids).toEqual(expected.slice(460, 560));
    expect((await api.customerRows(outcome.datasetId, FIRST_VIEW, 650, 900)).ids).toEqual(expected.slice(650));
  });

  it('a cancelled import stores nothing', async () => {
    const db = new ClvDatabase(dbName);
    const before = await db.datasets.count();
    const lines = ['customer,date,amount'];
    for (let i = 0; i < 300_000; i++) lines.push(`C${i % 999},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 50}.25`);
    const big = new File([lines.join('\n')], 'big.csv');
    const opts = await options(big);
    const run = api.runImport(big, opts, 'job-2');
    await api.cancelImport('job-2');
    expect(await run).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(await db.datasets.count()).toBe(before);
    db.close();
  });

  it('reports an unreadable file and a file whose rows are all rejected, without storing either', async () => {
    const empty = new File([''], 'empty.csv');
    expect((await api.sniffFile(empty)).sniff.problem).toMatch(/empty/i);
    const allBad = new File(['customer,date,amount\n,2024-01-01,5\nA,not a date,5\n'], 'bad.csv');
    const outcome = await api.runImport(allBad, await options(allBad), 'job-3');
    expect(outcome).toMatchObject({ ok: false, reason: 'nothing-accepted', report: { rowsRead: 2, rowsAccepted: 0, rowsRejected: 2 } });
  });

  it('a model that cannot be fitted reaches the page with its reason as a code, for the user\'s language', async () => {
    // Every purchase on one day: no customer has any history to fit.
    const file = new File(['customer,date,amount\nA,2024-01-05,10\nB,2024-01-05,20\nA,2024-01-05,5\n'], 'one-day.csv');
    const outcome = await api.runImport(file, await options(file), 'job-4');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { margin: _margin, ...request } = DEFAULT_PREDICTION_SETTINGS;
    const error = await api.forecast(outcome.datasetId, request, 'job-5').then(
      () => null,
      (err: unknown) => err as Error & { notice?: { code: string; text: string } },
    );
    expect(error?.message).toMatch(/no customers with any history/);
    expect(error?.notice).toMatchObject({ code: 'no-history', text: error?.message });
  });

  it('generates the same sample shop from the same seed', async () => {
    const a = await api.sampleFile(7);
    const b = await api.sampleFile(7);
    expect(a.name).toBe('sample-shop.csv');
    expect(a.csv).toBe(b.csv);
    expect(a.csv.split('\n')[0]).toBe('order_id,customer_id,order_date,amount,currency,channel');
    expect((await api.sampleFile(8)).csv).not.toBe(a.csv);
  });
});
