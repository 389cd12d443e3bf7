/**
 * The warehouse queries of docs/warehouse.md, read from the doc itself: the DuckDB one run with @duckdb/node-api on
 * Online Retail and compared customer by customer with the app's own summary of the same file; the BigQuery,
 * Snowflake and Spark SQL ones checked as text (same output columns, the engine's own date difference with its
 * arguments in the engine's order, and otherwise the DuckDB query word for word).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { importBytes } from '../../../src/core/import';
import { analyzeDataset, tableDayRange } from '../../../src/core/figures';
import { dayToIso } from '../../../src/core/figures/dates';
import { summaryOfOrders } from '../../../src/core/figures/summary-of-orders';
import { readCohortTable } from '../../../src/core/import/cohort-table';
import { readSummaryFile } from '../../../src/core/import/summary-file';
import { SUMMARY_HEADER } from '../../../src/core/import/summary-columns';
import type { Cohorts, SummaryDataset } from '../../../src/core/types';

const doc = readFileSync(new URL('../../../docs/warehouse.md', import.meta.url), 'utf8');
const dataFile = new URL('../../../../shared/data/online_retail/online_retail.csv.gz', import.meta.url);

/** The first ```sql block after the heading `### <engine…>`. */
export function queryOf(engine: string): string {
  const heading = doc.indexOf(`\n### ${engine}`);
  if (heading < 0) throw new Error(`no section ${engine} in docs/warehouse.md`);
  const open = doc.indexOf('```sql\n', heading);
  const close = doc.indexOf('\n```', open + 7);
  return doc.slice(open + 7, close);
}

/** The cohort table's query (the one ```sql block under its heading). */
const cohortQuery = () => queryOf('Optional: the cohort table');

/** The names after AS in the final SELECT's list, in order. */
function outputColumns(sql: string): string[] {
  const select = sql.slice(sql.lastIndexOf('\nSELECT '), sql.lastIndexOf('\nFROM '));
  return [...select.matchAll(/ AS (\w+)(?:,|$)/gm)].map((m) => m[1]);
}

/** Online Retail as the `orders` table, cleaned as the app's import cleans it (see tests/bench/peers.ts). */
const LOAD = (path: string) => `CREATE TABLE orders AS
  SELECT NULLIF(CustomerID, '') AS customer_id, InvoiceNo AS order_id, InvoiceDate AS ordered_at, Quantity * UnitPrice AS amount
  FROM read_csv('${path.replaceAll("'", "''")}', header = true, delim = ',', quote = '"',
    columns = {'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR', 'Description': 'VARCHAR', 'Quantity': 'INTEGER',
               'InvoiceDate': 'TIMESTAMP', 'UnitPrice': 'DOUBLE', 'CustomerID': 'VARCHAR', 'Country': 'VARCHAR'})`;

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe('the DuckDB query of docs/warehouse.md on Online Retail', () => {
  let rows: Record<string, unknown>[] = [];
  let columns: string[] = [];
  let app: SummaryDataset;
  let cohortRows: Record<string, unknown>[] = [];
  let cohortColumns: string[] = [];
  let appCohorts: Cohorts;

  beforeAll(async () => {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    await connection.run(LOAD(fileURLToPath(dataFile)));
    const reader = await connection.runAndReadAll(queryOf('DuckDB'));
    columns = reader.columnNames();
    rows = reader.getRowObjectsJS();
    const cohortReader = await connection.runAndReadAll(cohortQuery());
    cohortColumns = cohortReader.columnNames();
    cohortRows = cohortReader.getRowObjectsJS();
    connection.closeSync();
    instance.closeSync();
    const { table } = importBytes(gunzipSync(readFileSync(dataFile)), 'online_retail.csv');
    app = summaryOfOrders(table, tableDayRange(table)!.max);
    appCohorts = analyzeDataset(table).cohorts;
  }, 60_000);

  it('writes the summary file columns in their order', () => {
    expect(columns).toEqual([...SUMMARY_HEADER]);
  });

  it('gives, customer by customer, the app’s own summary of the same file', () => {
    const byId = new Map(rows.map((r) => [String(r.customer_id), r]));
    const ids = Array.from(app.summary.customer, (c) => app.customerIds[c]);
    // The same customer set: 4,339 customers with a purchase (the one customer with only refunds is in neither).
    expect(ids.length).toBe(4339);
    expect(byId.size).toBe(ids.length);
    expect(ids.filter((id) => !byId.has(id))).toEqual([]);
    const s = app.summary;
    let worst = 0;
    const differing: string[] = [];
    ids.forEach((id, i) => {
      const r = byId.get(id)!;
      const iso = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
      const exact = Number(r.frequency) === s.frequency[i] && Number(r.purchases) === app.purchases![i] && iso(r.first_purchase) === dayToIso(app.firstDay![i]) && iso(r.observation_end) === dayToIso(app.observationEnd!);
      const gaps = [rel(Number(r.recency), s.recency[i]), rel(Number(r.T), s.T[i]), rel(Number(r.monetary), s.monetary[i]), rel(Number(r.revenue), app.revenue![i])].map((g) => (Number.isNaN(g) ? 0 : g));
      worst = Math.max(worst, ...gaps);
      if (!exact || gaps.some((g) => g > 1e-9)) differing.push(id);
    });
    expect(differing).toEqual([]);
    expect(worst).toBeLessThan(1e-9);
    // Hand-checked figures of the data (sums over all customers): repeat days and the famous single-day customer.
    expect(Array.from(s.frequency).reduce((a, b) => a + b, 0)).toBe(rows.reduce((a, r) => a + Number(r.frequency), 0));
    const k = ids.indexOf('16446');
    // 16446: 2011-05-18 two lines (1.65 + 1.25), 2011-12-09 the 80,995 × 2.08 order (cancelled the same day, a refund).
    expect([s.frequency[k], app.purchases![k], s.recency[k]]).toEqual([1, 2, 205]);
    expect(app.revenue![k]).toBeCloseTo(2.9 + 80995 * 2.08, 6);
    expect(s.monetary[k]).toBeCloseTo(80995 * 2.08, 6);
  });

  it('cohort table: every cell equals the app’s own monthly cohorts (size, active customers, net revenue)', () => {
    expect(cohortColumns).toEqual(['cohort_year', 'cohort_month', 'period', 'customers', 'active', 'revenue']);
    const cells = new Map(cohortRows.map((r) => [`${Number(r.cohort_year)}-${String(Number(r.cohort_month)).padStart(2, '0')}+${Number(r.period)}`, r]));
    const problems: string[] = [];
    let compared = 0;
    let customers = 0;
    for (const row of appCohorts.rows) {
      customers += row.customers;
      row.revenue.forEach((revenue, k) => {
        const cell = cells.get(`${row.cohort}+${k}`);
        if (!cell) {
          if (revenue !== 0 || (k > 0 && row.active[k] !== 0)) problems.push(`${row.cohort}+${k}: not in the query's output`);
          return;
        }
        compared++;
        const same = Number(cell.customers) === row.customers && Number(cell.active) === row.active[k] && (rel(Number(cell.revenue), revenue) < 1e-9 || Math.abs(Number(cell.revenue) - revenue) < 1e-9);
        if (!same) problems.push(`${row.cohort}+${k}: app ${row.customers}/${row.active[k]}/${revenue}, query ${String(cell.customers)}/${String(cell.active)}/${String(cell.revenue)}`);
      });
    }
    expect(problems).toEqual([]);
    expect(compared).toBe(cohortRows.length);
    // Online Retail: 13 monthly cohorts from 2010-12 to 2011-12; every customer with a row (4,372, refunds only included) in one.
    expect(appCohorts.rows.length).toBe(13);
    expect(customers).toBe(4372);
    expect(cells.get('2010-12+0')!.active).toBe(cells.get('2010-12+0')!.customers);
  });

  it('writes a cohort table CSV the app reads back into its own monthly cohorts, cell for cell', () => {
    const csv = [cohortColumns.join(','), ...cohortRows.map((r) => cohortColumns.map((c) => String(r[c])).join(','))].join('\n');
    const read = readCohortTable(new TextEncoder().encode(csv), 'cohorts.csv', app.observationEnd);
    expect(read.report).toMatchObject({ rowsRead: cohortRows.length, rowsAccepted: cohortRows.length, rowsRejected: 0 });
    expect(read.customers).toBe(4372);
    expect(read.cohorts.lastPeriod).toEqual(appCohorts.lastPeriod);
    expect(read.cohorts.rows.map((r) => [r.cohort, r.customers, r.active])).toEqual(appCohorts.rows.map((r) => [r.cohort, r.customers, r.active]));
    const worst = Math.max(...read.cohorts.rows.flatMap((r, i) => r.revenue.map((v, k) => Math.abs(v - appCohorts.rows[i].revenue[k]) / Math.max(1, Math.abs(v)))));
    expect(worst).toBeLessThan(1e-9);
  });

  it('writes a CSV the app’s summary import reads back into the same model input', () => {
    const csv = [columns.join(','), ...rows.map((r) => columns.map((c) => (r[c] instanceof Date ? (r[c] as Date).toISOString().slice(0, 10) : String(r[c]))).join(','))].join('\n');
    const { dataset, report } = readSummaryFile(new TextEncoder().encode(csv), 'summary.csv');
    expect(report.rowsRejected).toBe(0);
    expect(report.rowsAccepted).toBe(app.summary.customer.length);
    const at = new Map(dataset.customerIds.map((id, i) => [id, i]));
    app.summary.customer.forEach((c, i) => {
      const j = at.get(app.customerIds[c])!;
      expect([dataset.summary.frequency[j], dataset.summary.recency[j], dataset.summary.T[j]]).toEqual([app.summary.frequency[i], app.summary.recency[i], app.summary.T[i]]);
      expect(rel(dataset.summary.monetary[j], app.summary.monetary[i]) || 0).toBeLessThan(1e-9);
    });
    expect(dataset.observationEnd).toBe(app.observationEnd);
  });
});

describe('the BigQuery, Snowflake and Spark SQL queries of docs/warehouse.md, checked as text', () => {
  const duck = queryOf('DuckDB');
  const DATE_DIFFS: Record<string, { pattern: RegExp; toDuck: (later: string, earlier: string) => string; call: (m: RegExpMatchArray) => [later: string, earlier: string] }> = {
    DuckDB: { pattern: /date_diff\('day', ([\w.]+), ([\w.]+)\)/g, toDuck: (l, e) => `date_diff('day', ${e}, ${l})`, call: (m) => [m[2], m[1]] },
    BigQuery: { pattern: /DATE_DIFF\(([\w.]+), ([\w.]+), DAY\)/g, toDuck: (l, e) => `date_diff('day', ${e}, ${l})`, call: (m) => [m[1], m[2]] },
    Snowflake: { pattern: /DATEDIFF\(day, ([\w.]+), ([\w.]+)\)/g, toDuck: (l, e) => `date_diff('day', ${e}, ${l})`, call: (m) => [m[2], m[1]] },
    'Spark SQL': { pattern: /datediff\(([\w.]+), ([\w.]+)\)/g, toDuck: (l, e) => `date_diff('day', ${e}, ${l})`, call: (m) => [m[1], m[2]] },
  };
  const ANY_DATE_DIFF = /date_?diff\s*\(/gi;

  for (const engine of ['BigQuery', 'Snowflake', 'Spark SQL']) {
    it(`${engine}: the same ten columns, its own date difference (later minus earlier), and otherwise the DuckDB query`, () => {
      const sql = queryOf(engine);
      expect(outputColumns(sql)).toEqual([...SUMMARY_HEADER]);
      const { pattern, call, toDuck } = DATE_DIFFS[engine];
      const uses = [...sql.matchAll(pattern)].map(call);
      // recency = last − first; T = observation end − first: nothing else, and no other spelling of a date difference.
      expect(uses).toEqual([['c.last_purchase', 'c.first_purchase'], ['p.observation_end', 'c.first_purchase']]);
      expect(sql.match(ANY_DATE_DIFF)?.length).toBe(2);
      // Written back in DuckDB's spelling, the query is the DuckDB query character for character.
      expect(sql.replace(pattern, (...m) => toDuck(...call(m as unknown as RegExpMatchArray)))).toBe(duck);
    });
  }

  it('the cohort query uses only what the four engines share (no date_trunc, date difference, strftime, :: casts or // division)', () => {
    const sql = cohortQuery();
    expect(sql).not.toMatch(/date_?trunc|date_?diff|strftime|format_date|to_char|months_between|::|\/\/|QUALIFY|FILTER \(/i);
    expect(sql.match(/EXTRACT\((YEAR|MONTH) FROM /g)).toHaveLength(2);
  });

  it('the DuckDB query itself computes recency and T as later minus earlier', () => {
    expect([...duck.matchAll(DATE_DIFFS.DuckDB.pattern)].map(DATE_DIFFS.DuckDB.call)).toEqual([['c.last_purchase', 'c.first_purchase'], ['p.observation_end', 'c.first_purchase']]);
  });
});
