/**
 * A first look at a file (its first MiB): encoding, delimiter, header, a preview, each column's kind, a guess at
 * the column roles, the date order and number format its values show, the currency — or one clear sentence saying
 * why the file cannot be read at all.
 */
import { charsOf } from './chars';
import type { ColumnMapping, DateOrder, Delimiter, NoticeVars, NumberFormat } from '../types';
import { DateColumnEvidence, readDateCell } from './dates';
import { detectDelimiter } from './delimiter';
import { emptyMapping, guessMapping, looksLikeHeader, profileColumn, statusColumns, type ColumnKind, type StatusColumn } from './detect-columns';
import { foldStatus, statusVerdict } from './statuses';
import { currencyInHeader, currencyOf, NumberColumnEvidence, readNumberCell } from './numbers';
import { readRecords } from './rows';
import { isSummaryHeader } from './summary-columns';
import { isCohortTableHeader } from './cohort-table-columns';
import { binaryKind, detectEncoding, type BinaryKind } from './text-encoding';

export interface SniffResult {
  /** WHATWG encoding label for TextDecoder. */
  encoding: string;
  delimiter: Delimiter;
  hasHeader: boolean;
  /** Column names (or "Column 1", … when the file has no header). */
  header: string[];
  /** The first data rows (up to 20), as fields. */
  preview: string[][];
  mapping: ColumnMapping;
  /** Each column's kind; columns past GUESSED_COLUMNS are not profiled and say 'text'. */
  columns: { name: string; kind: ColumnKind }[];
  /** The order the date column's values prove; null when they leave it open. */
  dateOrder: DateOrder | null;
  /** Every date seen reads both as day/month and month/day: the user must say which. */
  dateOrderAmbiguous: boolean;
  amountFormat: NumberFormat | null;
  currency: string | null;
  /** Columns that may say whether a row is a purchase, the deciding one first (mapping.status). */
  statusColumns: StatusColumn[];
  /** Each of those columns' values in the sampled rows, most rows first. */
  statusValues: StatusColumnValues[];
  /** Data rows the sample holds (all of them for a small file): the status counts are out of these. */
  sampledRows: number;
  /** One sentence when the file cannot be read at all; null otherwise. */
  problem: string | null;
  /** The problem's stable code, for the UI's translation. */
  problemCode: string | null;
  /** The values its translated sentence fills in (a length, a file name), when it has any. */
  problemVars?: NoticeVars;
}

/** A status value in the sampled rows: how many rows and orders have it, and whether it counts by default. */
export interface StatusValue {
  /** As first written in the file ('' for a blank cell). */
  value: string;
  rows: number;
  /** Distinct orders among those rows when the sniff found an order id; null without. */
  orders: number | null;
  counts: boolean;
  /** Whether the default verdict comes from a rule (false: an unknown value, counted until the user says otherwise). */
  known: boolean;
}

export interface StatusColumnValues {
  column: number;
  values: StatusValue[];
}

const PREVIEW_ROWS = 20;
/**
 * Columns whose names and values are looked at to guess roles and statuses. An orders export has tens of columns; a
 * file of 100,000 took seconds to sniff (every name scored for every role), for guesses no one needs that far right.
 */
export const GUESSED_COLUMNS = 1000;
/** Rows used to profile columns: enough to see repeats and telling dates. */
const PROFILE_ROWS = 2000;

const BINARY_PROBLEMS: Record<BinaryKind, string> = {
  zip: 'This is a zip archive, not a text file. Unzip it first, then open the CSV file inside.',
  gzip: 'This file holds gzip-compressed data where text was expected (a file compressed twice, or a compressed file where a plain one is read). Decompress it, then open the file inside.',
  xlsx: 'This is an Excel workbook (.xlsx), not a text file. In Excel choose File › Save As › CSV, then open the CSV here.',
  xls: 'This is an old Excel workbook (.xls), not a text file. In Excel choose File › Save As › CSV, then open the CSV here.',
  pdf: 'This is a PDF document, not a data file. Export the orders from your shop system as CSV instead.',
  image: 'This is an image, not a data file. Export the orders from your shop system as CSV instead.',
  binary: 'This file is not text (it contains binary data), so it cannot be read as a CSV export.',
};

const COHORT_TABLE_PROBLEM = 'This file is a warehouse cohort table, not an orders export: import its per-customer summary, then add the cohort table in that summary’s History (docs/warehouse.md).';

/** Short: the page shows the catalogue's fuller message (error.problem.summary-file); the worker's bundle is near its budget. */
const SUMMARY_PROBLEM = 'This file is a per-customer summary, not an orders export: the app does not open summaries yet (docs/warehouse.md).';

function failed(problemCode: string, problem: string, encoding = 'utf-8', problemVars?: NoticeVars): SniffResult {
  return {
    encoding, delimiter: ',', hasHeader: false, header: [], preview: [], columns: [], dateOrder: null, dateOrderAmbiguous: false,
    amountFormat: null, currency: null, problem, problemCode, statusColumns: [], statusValues: [], sampledRows: 0,
    mapping: emptyMapping(), ...(problemVars ? { problemVars } : {}),
  };
}

/** The sniff of a file that could not even be opened (a damaged gzip, one too large inflated). */
export function failedSniff(code: string, problem: string, vars?: NoticeVars): SniffResult {
  return failed(code, problem, 'utf-8', vars);
}

/** The head sniffed first; a header line that fills it is looked at again on up to HEADER_SCAN_BYTES. */
export const SNIFF_BYTES = 1 << 20;
/**
 * Whether the first sniff found only a header because the head ended before the first data row did: then the file is
 * sniffed again on a longer head (sniffLongHead), which either reads it or says how long its header line is.
 */
export function needsLongerHead(result: SniffResult, head: Uint8Array): boolean {
  if (head.length < SNIFF_BYTES || (result.problemCode !== null && BINARY_CODES.has(result.problemCode))) return false;
  return result.problemCode === 'header-only' || (head.indexOf(10) < 0 && head.indexOf(13) < 0);
}
const BINARY_CODES: ReadonlySet<string> = new Set(['zip', 'gzip', 'xlsx', 'xls', 'pdf', 'image', 'binary']);

/** The text up to its `n`-th line break: enough to judge the columns, and sniffing stays instant. */
function firstLines(text: string, n: number): string {
  let at = -1;
  for (let k = 0; k < n; k++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return text;
  }
  return text.slice(0, at);
}

/** Look at the first bytes of a file and propose how to read it. */
export function sniff(head: Uint8Array, fileName: string, totalBytes: number): SniffResult {
  void fileName;
  if (head.length === 0 || totalBytes === 0) return failed('empty', 'The file is empty.');
  const { encoding } = detectEncoding(head);
  const binary = binaryKind(head, encoding);
  if (binary) return failed(binary, BINARY_PROBLEMS[binary], encoding);
  let text = new TextDecoder(encoding).decode(head);
  if (head.length < totalBytes) {
    // Only whole lines: the head may end mid-line or mid-character.
    const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (cut > 0) text = text.slice(0, cut);
  }
  if (text.trim() === '') return failed('no-rows', 'The file is empty: it has no rows to read.', encoding);
  text = firstLines(text, PROFILE_ROWS + 1);

  const { delimiter } = detectDelimiter(text);
  const records = readRecords(text, delimiter, PROFILE_ROWS + 1).map((r) => r.fields);
  const width = Math.max(...records.slice(0, 50).map((r) => r.length));
  if (width < 2) {
    return failed('one-column', 'Only one column was found. An orders file needs at least a customer, a date and an amount column, separated by commas, semicolons or tabs.', encoding);
  }
  // Roles are guessed among the first GUESSED_COLUMNS columns only (the user can choose any other).
  const guessed = Math.min(width, GUESSED_COLUMNS);
  const profilesOf = (rows: string[][]) => Array.from({ length: guessed }, (_, c) => profileColumn(rows, c));
  const hasHeader = looksLikeHeader(records[0].slice(0, guessed), profilesOf(records.slice(1)));
  const dataRows = hasHeader ? records.slice(1) : records;
  if (dataRows.length === 0) return failed('header-only', 'The file has a header line but no data rows.', encoding);
  const profiles = profilesOf(dataRows);
  const header = hasHeader ? Array.from({ length: width }, (_, c) => (records[0][c] ?? '').trim() || `Column ${c + 1}`) : Array.from({ length: width }, (_, c) => `Column ${c + 1}`);
  // A per-customer summary (docs/warehouse.md) is not orders: read as orders, each customer would become one order.
  if (hasHeader && isSummaryHeader(header)) return { ...failed('summary-file', SUMMARY_PROBLEM, encoding), delimiter, hasHeader, header, preview: dataRows.slice(0, PREVIEW_ROWS) };
  // The warehouse's cohort table is added to a summary dataset, not imported as orders.
  if (hasHeader && isCohortTableHeader(header)) return failed('cohort-table-file', COHORT_TABLE_PROBLEM, encoding);
  const guessHeader = hasHeader ? header.slice(0, guessed) : null;
  const { mapping, currencyColumn } = guessMapping(guessHeader, profiles);
  if (mapping.date === null && !profiles.some((p) => p.dateShare > 0)) {
    return { ...failed('no-dates', 'No column of this file holds dates, so purchases cannot be placed in time. An orders export needs an order date column.', encoding), delimiter, hasHeader, header, preview: dataRows.slice(0, PREVIEW_ROWS) };
  }

  // What the values say about date order, number format and currency.
  let dateOrder: DateOrder | null = null;
  let dateOrderAmbiguous = false;
  if (mapping.date !== null) {
    const evidence = new DateColumnEvidence();
    const days = new Int32Array(2);
    for (const row of dataRows) {
      const v = charsOf(row[mapping.date] ?? '');
      evidence.add(readDateCell(v, 0, v.length, days));
    }
    dateOrder = evidence.provenOrder;
    dateOrderAmbiguous = evidence.ambiguous;
  }
  let amountFormat: NumberFormat | null = null;
  let currency: string | null = null;
  const valueCol = mapping.amount ?? mapping.unitPrice;
  if (valueCol !== null) {
    const evidence = new NumberColumnEvidence();
    const nums = new Float64Array(2);
    for (const row of dataRows) {
      const v = charsOf(row[valueCol] ?? '');
      evidence.add(readNumberCell(v, 0, v.length, nums), v, 0, v.length);
    }
    amountFormat = evidence.decide();
    currency = evidence.currency;
  }
  if (!currency && currencyColumn !== null) {
    const codes = new Map<string, number>();
    for (const row of dataRows) {
      const code = currencyOf(row[currencyColumn] ?? '');
      if (code) codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    currency = [...codes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  }
  if (!currency && hasHeader && valueCol !== null) currency = currencyInHeader(header[valueCol]);
  const candidates = statusColumns(guessHeader, profiles);
  const statusValues = candidates.map(({ column }) => ({ column, values: statusValuesOf(dataRows, column, mapping.orderId) }));

  return {
    encoding,
    delimiter,
    hasHeader,
    header,
    preview: dataRows.slice(0, PREVIEW_ROWS),
    mapping,
    columns: header.map((name, c) => ({ name, kind: profiles[c]?.kind ?? 'text' })),
    dateOrder,
    dateOrderAmbiguous,
    amountFormat,
    currency,
    statusColumns: candidates,
    statusValues,
    sampledRows: dataRows.length,
    problem: null,
    problemCode: null,
  };
}

/**
 * A status column's values over the sampled rows, grouped as the import groups them (folded: "Paid" is "paid"), a
 * blank cell taking the status of its order's first line with one, as the import does.
 */
function statusValuesOf(rows: string[][], column: number, orderColumn: number | null): StatusValue[] {
  const orderStatus = new Map<string, string>();
  if (orderColumn !== null) {
    for (const row of rows) {
      const order = (row[orderColumn] ?? '').trim();
      const value = (row[column] ?? '').trim();
      if (order !== '' && value !== '' && !orderStatus.has(order)) orderStatus.set(order, value);
    }
  }
  const tally = new Map<string, { value: string; rows: number; orders: Set<string> }>();
  rows.forEach((row, i) => {
    const order = orderColumn === null ? '' : (row[orderColumn] ?? '').trim();
    let value = (row[column] ?? '').trim();
    if (value === '' && order !== '') value = orderStatus.get(order) ?? '';
    const key = foldStatus(value);
    let entry = tally.get(key);
    if (!entry) tally.set(key, (entry = { value, rows: 0, orders: new Set() }));
    entry.rows++;
    entry.orders.add(order === '' ? `\u0000${i}` : order);
  });
  return [...tally.values()]
    .map(({ value, rows: n, orders }) => ({ value, rows: n, orders: orderColumn === null ? null : orders.size, ...statusVerdict(value) }))
    .sort((a, b) => b.rows - a.rows || a.value.localeCompare(b.value));
}
