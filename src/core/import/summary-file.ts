/**
 * Reading a per-customer summary file (docs/warehouse.md): one row per customer with the repeat-purchase count x,
 * either the first and last purchase dates (and the observation end) or recency tₓ and age T in days, and optionally
 * purchases, revenue and mean repeat spend. The output is the models' own input (CustomerSummary, in days) with the
 * money and counts beside it, so a warehouse's query result is fitted exactly as the app's summary of the orders.
 *
 * Every row is accounted for: rows read = rows accepted + rows rejected, each rejection grouped by reason with its
 * line and text. Values are read as machines write them: numbers with a '.' decimal point (sign, exponent allowed),
 * dates as YYYY-MM-DD (a time after them is ignored).
 */
import { charsOf } from './chars';
import { notice } from '../notice';
import type { DayNumber, Delimiter, Notice, RejectedGroup, SummaryDataset } from '../types';
import { NO_DAY } from './dates';
import { readIsoDay, readPlainNumber } from './summary-values';

export { readIsoDay, readPlainNumber } from './summary-values';
import { detectDelimiter } from './delimiter';
import { Dictionary } from './growable';
import { ImportError } from './import-error';
import { FieldKind, RecordReader } from './record-reader';
import { RejectLog } from './rejections';
import { readRecords } from './rows';
import { guessSummaryMapping, isCompleteSummary, type SummaryMapping, type SummaryRole } from './summary-columns';
import { ChunkDecoder, detectEncoding } from './text-encoding';

/** What a first look at a file says when it is a summary. */
export interface SummarySniff {
  encoding: string;
  delimiter: Delimiter;
  header: string[];
  mapping: SummaryMapping;
  /** The first data rows (up to 20), as fields. */
  preview: string[][];
}

export interface SummaryReport {
  fileName: string;
  bytes: number;
  encoding: string;
  delimiter: Delimiter;
  header: string[];
  mapping: SummaryMapping;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  blankLines: number;
  rejected: RejectedGroup[];
  warnings: Notice[];
}

const PREVIEW_ROWS = 20;

/** Look at a file's first bytes: its encoding, delimiter and header, and the summary roles of its columns; null when it is not a summary. */
export function sniffSummary(head: Uint8Array, totalBytes: number): SummarySniff | null {
  if (head.length === 0) return null;
  const { encoding } = detectEncoding(head);
  let text: string;
  try {
    text = new TextDecoder(encoding).decode(head);
  } catch {
    return null;
  }
  if (head.length < totalBytes) {
    const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (cut > 0) text = text.slice(0, cut);
  }
  const { delimiter } = detectDelimiter(text.slice(0, 64 * 1024));
  const records = readRecords(text, delimiter, PREVIEW_ROWS + 1);
  if (records.length === 0) return null;
  const header = records[0].fields.map((h, c) => h.trim() || `Column ${c + 1}`);
  const mapping = guessSummaryMapping(header);
  if (!isCompleteSummary(mapping)) return null;
  return { encoding, delimiter, header, mapping, preview: records.slice(1).map((r) => r.fields) };
}

/** Growable typed columns, doubled as they fill. */
class Column<T extends Float64Array | Int32Array> {
  data: T;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  set(i: number, v: number) {
    if (i >= this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data as never);
      this.data = next;
    }
    this.data[i] = v;
  }
  take(n: number): T {
    return this.data.slice(0, n) as T;
  }
}

/** Relative agreement of two values computed two ways (a date difference and a written number). */
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * A streaming reader of a summary file: bytes in chunks cut anywhere, then `finish()`. The mapping is the sniffed one
 * unless the user chose columns.
 */
export class SummaryReader {
  private readonly decoder: ChunkDecoder;
  private readonly reader: RecordReader;
  private readonly rejects = new RejectLog();
  /** Every customer id seen (rejected rows' too, so a later duplicate is still caught), by its characters. */
  private readonly dictionary = new Dictionary();
  /** The dictionary id of each accepted row's customer. */
  private readonly acceptedIds = new Column((n) => new Int32Array(n));
  private readonly frequency = new Column((n) => new Float64Array(n));
  private readonly recency = new Column((n) => new Float64Array(n));
  private readonly T = new Column((n) => new Float64Array(n));
  private readonly monetary = new Column((n) => new Float64Array(n));
  private readonly purchases = new Column((n) => new Float64Array(n));
  private readonly revenue = new Column((n) => new Float64Array(n));
  private readonly first = new Column((n) => new Int32Array(n));
  private readonly last = new Column((n) => new Int32Array(n));
  private readonly end = new Column((n) => new Int32Array(n));
  private bytes = 0;
  private headerSeen = false;
  private rowsRead = 0;
  private accepted = 0;
  private blankLines = 0;
  private readonly mapping: SummaryMapping;
  private readonly withDates: boolean;

  constructor(private readonly options: { fileName: string; encoding: string; delimiter: Delimiter; header: string[]; mapping: SummaryMapping }) {
    this.mapping = options.mapping;
    if (!isCompleteSummary(this.mapping)) throw new ImportError('summary-columns', 'A summary file needs a customer column, the repeat purchases (frequency), and either recency and T or the first and last purchase dates.');
    this.withDates = this.mapping.firstPurchase !== null && this.mapping.lastPurchase !== null;
    this.decoder = new ChunkDecoder(options.encoding);
    this.reader = new RecordReader(options.delimiter, {
      record: (r) => this.record(r),
      blank: () => void (this.headerSeen && this.blankLines++),
      unclosedQuote: (line, text) => {
        this.rowsRead++;
        this.rejects.add('unclosed-quote', 'A quote (") opens on this line and never closes', line, text);
      },
    });
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    this.decoder.decodeInto(chunk, this.reader);
  }

  private column(role: SummaryRole): string {
    return this.options.header[this.mapping[role]!] ?? '';
  }

  private reject(code: string, reason: string, r: RecordReader, vars?: Record<string, string | number>): void {
    this.rejects.add(code, reason, r.line, () => r.recordText(), vars ? () => vars : undefined);
  }

  /** A number cell of `role` (NaN when empty or not a number; `fallback` when the file has no such column). */
  private num(r: RecordReader, role: SummaryRole, fallback: number): number {
    const c = this.mapping[role];
    if (c === null) return fallback;
    if (c >= r.fieldCount) return NaN;
    if (r.fieldKind[c] === FieldKind.Plain) return readPlainNumber(r.text, r.fieldStart[c], r.fieldEnd[c]);
    const s = charsOf(r.field(c));
    return readPlainNumber(s, 0, s.length);
  }

  private day(r: RecordReader, role: SummaryRole): DayNumber {
    const c = this.mapping[role];
    if (c === null || c >= r.fieldCount) return NO_DAY;
    if (r.fieldKind[c] === FieldKind.Plain) return readIsoDay(r.text, r.fieldStart[c], r.fieldEnd[c]);
    const s = charsOf(r.field(c));
    return readIsoDay(s, 0, s.length);
  }

  /** Reject the row for its first column (in role order) that holds no number; false when every mapped one does. */
  private badNumber(r: RecordReader, values: number[]): boolean {
    const roles = ['frequency', 'recency', 'T', 'purchases', 'revenue', 'monetary'] as const;
    const k = roles.findIndex((role, i) => this.mapping[role] !== null && !Number.isFinite(values[i]));
    if (k < 0) return false;
    const column = this.column(roles[k]);
    this.reject('summary-bad-number', `The value is not a number (column "${column}")`, r, { column });
    return true;
  }

  private record(r: RecordReader): void {
    if (!this.headerSeen) {
      this.headerSeen = true;
      return;
    }
    this.rowsRead++;
    const m = this.mapping;
    const idColumn = m.customer!;
    const known = this.dictionary.size;
    let id = -1;
    if (idColumn < r.fieldCount) {
      if (r.fieldKind[idColumn] === FieldKind.Plain) {
        if (r.fieldEnd[idColumn] > r.fieldStart[idColumn]) id = this.dictionary.idOf(r.text, r.fieldStart[idColumn], r.fieldEnd[idColumn]);
      } else {
        const text = r.field(idColumn).trim();
        if (text !== '') id = this.dictionary.id(text);
      }
    }
    if (id < 0 || id === this.dictionary.blank) {
      const column = this.column('customer');
      return this.reject('missing-customer', `Customer id is empty (column "${column}")`, r, { column });
    }
    if (id < known) {
      return this.reject('summary-duplicate-customer', 'The customer already has a row: a summary has one row per customer', r);
    }
    // Numbers: a missing optional column reads as 0 (monetary, revenue) or NaN-free placeholders.
    const x = this.num(r, 'frequency', NaN);
    const purchases = this.num(r, 'purchases', 0);
    const revenue = this.num(r, 'revenue', 0);
    let monetary = this.num(r, 'monetary', 0);
    if (m.monetary !== null && x === 0 && Number.isNaN(monetary) && r.field(m.monetary).trim() === '') monetary = 0;
    let recency = this.num(r, 'recency', 0);
    let T = this.num(r, 'T', 0);
    // One check for all six (no array per row: this runs ten million times on a large file).
    if (!Number.isFinite(x + recency + T + purchases + revenue + monetary) && this.badNumber(r, [x, recency, T, purchases, revenue, monetary])) return;
    let first = NO_DAY, last = NO_DAY, end = NO_DAY;
    if (this.withDates) {
      first = this.day(r, 'firstPurchase');
      last = this.day(r, 'lastPurchase');
      if (m.observationEnd !== null) end = this.day(r, 'observationEnd');
      const bad = first === NO_DAY ? 'firstPurchase' : last === NO_DAY ? 'lastPurchase' : m.observationEnd !== null && end === NO_DAY ? 'observationEnd' : null;
      if (bad) {
        const column = this.column(bad);
        return this.reject('summary-bad-date', `The value is not a date written YYYY-MM-DD (column "${column}")`, r, { column });
      }
    }
    if (x < 0) return this.reject('summary-negative-frequency', 'The repeat purchases (x) are negative', r);
    if (!Number.isInteger(x)) return this.reject('summary-fractional-frequency', 'The repeat purchases (x) are not a whole number', r);
    if (this.withDates) {
      if (last < first) return this.reject('summary-last-before-first', 'The last purchase is before the first', r);
      if (m.recency !== null && !near(recency, last - first)) return this.reject('summary-disagrees', 'Recency is not the days from the first to the last purchase', r);
      recency = last - first;
      if (end !== NO_DAY) {
        if (m.T !== null && !near(T, end - first)) return this.reject('summary-disagrees', 'T is not the days from the first purchase to the observation end', r);
        T = end - first;
      } else if (m.T !== null) end = first + Math.round(T);
      // Neither an end nor T: the end is the file's latest purchase, known at the end (finish); no limit until then.
      else T = Infinity;
    }
    if (recency < 0 || T < 0) return this.reject('summary-negative-time', 'Recency or T is negative', r);
    if (recency > T || (this.withDates && end !== NO_DAY && last > end)) return this.reject('summary-recency-after-end', 'The last purchase is after the observation end (tₓ greater than T)', r);
    if ((x === 0) !== (recency === 0)) return this.reject('summary-frequency-recency', 'Repeat purchases and recency disagree: recency is 0 exactly when there is no repeat purchase', r);
    if (m.purchases !== null && (!Number.isInteger(purchases) || purchases < x + 1)) return this.reject('summary-purchases', 'Purchases are not a whole number at least the purchase days (x + 1)', r);
    if (revenue < 0 || monetary < 0) return this.reject('summary-negative-money', 'Revenue or mean repeat spend is negative', r);
    if (m.revenue !== null && m.monetary !== null && revenue < x * monetary * (1 - 1e-9) - 1e-9) return this.reject('summary-revenue-below-repeat', 'Revenue is less than the repeat purchases × their mean spend', r);
    if (x === 0) monetary = 0;
    const k = this.accepted++;
    this.acceptedIds.set(k, id);
    this.frequency.set(k, x);
    this.recency.set(k, recency);
    this.T.set(k, T);
    this.monetary.set(k, monetary);
    this.purchases.set(k, purchases);
    this.revenue.set(k, revenue);
    if (this.withDates) {
      this.first.set(k, first);
      this.last.set(k, last);
      this.end.set(k, end);
    }
  }

  finish(): { dataset: SummaryDataset; report: SummaryReport } {
    this.decoder.flushInto(this.reader);
    this.reader.end();
    const n = this.accepted;
    const warnings: Notice[] = [];
    const T = this.T.take(n);
    let firstDay: Int32Array | null = null;
    let observationEnd: DayNumber | null = null;
    if (this.withDates) {
      firstDay = this.first.take(n);
      const ends = this.end.take(n);
      const lasts = this.last.take(n);
      let fileEnd = NO_DAY;
      for (let i = 0; i < n; i++) fileEnd = Math.max(fileEnd, ends[i] !== NO_DAY ? ends[i] : lasts[i]);
      let assumed = false;
      for (let i = 0; i < n; i++) {
        if (ends[i] === NO_DAY) {
          T[i] = fileEnd - firstDay[i];
          assumed = true;
        }
      }
      observationEnd = n > 0 ? fileEnd : null;
      if (assumed) warnings.push(notice('summary-end-assumed', 'The file gives no observation end: the last purchase date in the file was taken as the end of the observation.'));
    }
    const m = this.mapping;
    const ids = this.dictionary.values;
    const dataset: SummaryDataset = {
      customerIds: Array.from(this.acceptedIds.take(n), (id) => ids[id]),
      summary: {
        customer: Uint32Array.from({ length: n }, (_, i) => i),
        frequency: this.frequency.take(n),
        recency: this.recency.take(n),
        T,
        monetary: this.monetary.take(n),
      },
      purchases: m.purchases !== null ? this.purchases.take(n) : null,
      revenue: m.revenue !== null ? this.revenue.take(n) : null,
      firstDay,
      observationEnd,
      hasMonetary: m.monetary !== null,
    };
    const report: SummaryReport = {
      fileName: this.options.fileName,
      bytes: this.bytes,
      encoding: this.options.encoding,
      delimiter: this.options.delimiter,
      header: this.options.header,
      mapping: m,
      rowsRead: this.rowsRead,
      rowsAccepted: n,
      rowsRejected: this.rejects.total,
      blankLines: this.blankLines,
      rejected: this.rejects.list(),
      warnings,
    };
    return { dataset, report };
  }
}

/** A whole summary file in memory, read with the sniffed columns (or the chosen ones over them). */
export function readSummaryFile(bytes: Uint8Array, fileName: string, chosen?: Partial<SummaryMapping>): { dataset: SummaryDataset; report: SummaryReport } {
  const guess = sniffSummary(bytes.subarray(0, 1 << 20), bytes.length);
  if (!guess) throw new ImportError('summary-columns', 'This file is not a per-customer summary: it needs a customer column, the repeat purchases (frequency), and either recency and T or the first and last purchase dates.');
  const reader = new SummaryReader({ fileName, encoding: guess.encoding, delimiter: guess.delimiter, header: guess.header, mapping: { ...guess.mapping, ...chosen } });
  for (let i = 0; i < bytes.length; i += 1 << 20) reader.push(bytes.subarray(i, i + (1 << 20)));
  return reader.finish();
}
