/**
 * Reading the optional cohort table of docs/warehouse.md: monthly acquisition cohorts computed in a warehouse, one row
 * per cohort and month since it (cohort_year, cohort_month, period, customers, active, revenue). A per-customer summary
 * has no dated orders, so its cohorts can only come from such a table; read here, they take the app's own monthly
 * shape (Cohorts), the cells the query leaves out (nothing happened) as 0.
 *
 * Every row is accounted for: rows read = rows accepted + rows rejected, each rejection grouped by reason with its
 * line and text. Numbers are read as machines write them ('.' decimal point).
 */
import { charsOf } from './chars';
import type { CohortTableReport, Cohorts, DayNumber, Delimiter, NoticeVars, SummaryCohortTable } from '../types';
import { COHORT_CELL_LIMIT } from '../figures/cohort-cell-limit';
import { monthIndex } from '../figures/dates';
import { periodProgress } from '../figures/periods';
import { detectDelimiter } from './delimiter';
import { ImportError } from './import-error';
import { FieldKind, RecordReader } from './record-reader';
import { RejectLog } from './rejections';
import { readPlainNumber } from './summary-values';
import { ChunkDecoder, detectEncoding } from './text-encoding';
import { COHORT_TABLE_COLUMNS, cohortColumnName, type CohortColumn } from './cohort-table-columns';

export { COHORT_TABLE_COLUMNS } from './cohort-table-columns';

/** Months since a cohort's first beyond which a row is taken as a mistake (a century). */
const MAX_PERIOD = 1200;

/** The table read: `customers` is over all cohorts (each cohort's size once), to compare with the summary's. */
export type CohortTable = SummaryCohortTable;

/** The position of each column in `header`, or the columns that are missing. */
function columnPositions(header: string[]): { at: Record<CohortColumn, number> } | { missing: CohortColumn[] } {
  const names = header.map(cohortColumnName);
  const at = {} as Record<CohortColumn, number>;
  const missing: CohortColumn[] = [];
  for (const column of COHORT_TABLE_COLUMNS) {
    const i = names.indexOf(column);
    if (i < 0) missing.push(column);
    else at[column] = i;
  }
  return missing.length ? { missing } : { at };
}

/** Why a cell that must be a whole number is refused, per column (the bounds are the reader's). */
const WHOLE_NUMBER_REASONS: Record<Exclude<CohortColumn, 'revenue'>, string> = {
  cohort_year: 'The cohort year is not a whole number from 1000 to 9999',
  cohort_month: 'The cohort month is not a whole number from 1 to 12',
  period: `The period is not a whole number from 0 to ${MAX_PERIOD}`,
  customers: 'The cohort size is not a whole number of at least 1',
  active: 'The active customers are not a whole number from 0 to the cohort size',
};

interface Cell {
  cohortIndex: number;
  period: number;
  customers: number;
  active: number;
  revenue: number;
  line: number;
}

const cohortLabel = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * A whole cohort table in memory. `observationEnd` is the summary's (null when it has no dates): the last month is
 * its month, and its cells past it are rejected; without it the last month is the table's own last.
 */
export function readCohortTable(bytes: Uint8Array, fileName: string, observationEnd: DayNumber | null): CohortTable {
  const { encoding, bom } = detectEncoding(bytes.subarray(0, 4096));
  const decoder = new ChunkDecoder(encoding);
  const rejects = new RejectLog();
  const cells: Cell[] = [];
  let header: string[] | null = null;
  let at: Record<CohortColumn, number> | null = null;
  let rowsRead = 0;
  let blankLines = 0;
  const endIndex = observationEnd === null ? null : monthIndex(observationEnd);
  const seen = new Set<number>();
  const sizeOf = new Map<number, number>();

  let headText = new TextDecoder(encoding).decode(bytes.subarray(bom ? (encoding === 'utf-8' ? 3 : 2) : 0, 64 * 1024));
  const firstBreak = headText.search(/[\r\n]/);
  if (firstBreak >= 0) headText = headText.slice(0, firstBreak);
  const { delimiter } = detectDelimiter(headText);
  if (delimiter === 'whitespace') throw missingColumns([...COHORT_TABLE_COLUMNS]);

  const reader = new RecordReader(delimiter as Delimiter, {
    blank: () => void blankLines++,
    unclosedQuote(line, text) {
      rowsRead++;
      rejects.add('unclosed-quote', 'A quote (") opened on this line is never closed', line, text.slice(0, 200));
    },
    record(r) {
      const field = (f: number) => (f < r.fieldCount ? r.field(f) : '');
      if (header === null) {
        header = Array.from({ length: r.fieldCount }, (_, f) => field(f));
        const found = columnPositions(header);
        if ('missing' in found) throw missingColumns(found.missing);
        at = found.at;
        return;
      }
      rowsRead++;
      const columns = at!;
      const line = r.line;
      const text = () => r.recordText();
      const reject = (code: string, column: CohortColumn | null, reason: string) =>
        rejects.add(code, column ? `${reason} (column "${column}")` : reason, line, text, (): NoticeVars => (column ? { column } : {}));
      const whole = (column: Exclude<CohortColumn, 'revenue'>, min: number, max: number): number | null => {
        const f = columns[column];
        const raw = f < r.fieldCount ? (r.fieldKind[f] === FieldKind.Plain ? readPlainNumber(r.text, r.fieldStart[f], r.fieldEnd[f]) : readPlainNumber(charsOf(field(f)), 0, field(f).length)) : NaN;
        if (Number.isInteger(raw) && raw >= min && raw <= max) return raw;
        reject(`cohort-${column}`, column, WHOLE_NUMBER_REASONS[column]);
        return null;
      };
      const year = whole('cohort_year', 1000, 9999);
      if (year === null) return;
      const month = whole('cohort_month', 1, 12);
      if (month === null) return;
      const period = whole('period', 0, MAX_PERIOD);
      if (period === null) return;
      const customers = whole('customers', 1, Number.MAX_SAFE_INTEGER);
      if (customers === null) return;
      const active = whole('active', 0, customers);
      if (active === null) return;
      const rf = columns.revenue;
      const revenue = rf < r.fieldCount ? readPlainNumber(charsOf(field(rf)), 0, field(rf).length) : NaN;
      if (!Number.isFinite(revenue)) {
        reject('cohort-revenue', 'revenue', 'The revenue is not a number');
        return;
      }
      const cohortIndex = year * 12 + month - 1;
      if (period === 0 && active !== customers) {
        reject('cohort-first-month', 'active', 'In the cohort’s first month (period 0) every customer is active: “active” must equal “customers”');
        return;
      }
      if (endIndex !== null && cohortIndex + period > endIndex) {
        reject('cohort-after-end', 'period', 'This month is after the summary’s observation end');
        return;
      }
      const key = cohortIndex * (MAX_PERIOD + 1) + period;
      if (seen.has(key)) {
        reject('cohort-duplicate', null, 'The same cohort and period appear on an earlier line');
        return;
      }
      const size = sizeOf.get(cohortIndex);
      if (size !== undefined && size !== customers) {
        reject('cohort-size-differs', 'customers', 'The cohort’s size differs from its earlier lines');
        return;
      }
      seen.add(key);
      sizeOf.set(cohortIndex, customers);
      cells.push({ cohortIndex, period, customers, active, revenue, line });
    },
  });
  decoder.decodeInto(bytes, reader);
  decoder.flushInto(reader);
  reader.end();
  if (header === null) throw missingColumns([...COHORT_TABLE_COLUMNS]);

  const report: CohortTableReport = { fileName, bytes: bytes.length, rowsRead, rowsAccepted: cells.length, rowsRejected: rejects.total, blankLines, rejected: rejects.list() };
  if (cells.length === 0) throw new ImportError('cohort-table-empty', 'The cohort table has no usable row.', { rows: rowsRead });
  return { ...cohortsOfCells(cells, sizeOf, endIndex, observationEnd), report };
}

function missingColumns(missing: string[]): ImportError {
  return new ImportError('cohort-table-columns', `This file is not the cohort table: it lacks the column(s) ${missing.join(', ')} (docs/warehouse.md).`, { columns: missing.join(', ') });
}

/** The accepted cells as the app's monthly cohorts, the most recent first kept when they would make too many cells. */
function cohortsOfCells(cells: Cell[], sizeOf: Map<number, number>, endIndex: number | null, observationEnd: DayNumber | null): { cohorts: Cohorts; customers: number } {
  const last = endIndex ?? Math.max(...cells.map((c) => c.cohortIndex + c.period));
  const starts = [...sizeOf.keys()].sort((a, b) => a - b);
  let firstKept = starts.length;
  let cellCount = 0;
  while (firstKept > 0 && cellCount + (last - starts[firstKept - 1] + 1) <= COHORT_CELL_LIMIT) cellCount += last - starts[--firstKept] + 1;
  const rowOf = new Map<number, { cohort: string; customers: number; active: number[]; revenue: number[] }>();
  for (let s = firstKept; s < starts.length; s++) {
    const index = starts[s];
    const length = last - index + 1;
    const customers = sizeOf.get(index)!;
    const active = new Array<number>(length).fill(0);
    active[0] = customers;
    rowOf.set(index, { cohort: cohortLabel(index), customers, active, revenue: new Array<number>(length).fill(0) });
  }
  for (const c of cells) {
    const row = rowOf.get(c.cohortIndex);
    if (!row) continue;
    row.active[c.period] = c.active;
    row.revenue[c.period] = c.revenue;
  }
  let customers = 0;
  for (const size of sizeOf.values()) customers += size;
  const cohorts: Cohorts = { period: 'month', rows: [...rowOf.values()] };
  if (cohorts.rows.length > 0) {
    // Without an observation end, the table's last month is taken as whole.
    const length = daysInMonth(Math.floor(last / 12), (last % 12) + 1);
    cohorts.lastPeriod = observationEnd === null ? { days: length, length } : periodProgress('month', observationEnd);
  }
  if (firstKept > 0) {
    let omittedCustomers = 0;
    for (let s = 0; s < firstKept; s++) omittedCustomers += sizeOf.get(starts[s])!;
    cohorts.omitted = { cohorts: firstKept, customers: omittedCustomers, cellLimit: COHORT_CELL_LIMIT };
  }
  return { cohorts, customers };
}
