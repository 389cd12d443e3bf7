/**
 * The streaming importer: bytes in (chunks cut anywhere), a columnar TransactionTable and an ImportReport out.
 * Every data row is accounted for: rowsRead = rowsAccepted + rowsRejected. Day/month order and decimal marks are
 * decided per column at the end, from all its values; until then each cell is kept under both readings.
 */
import type { ColumnMapping, ImportReport, Notice, NoticeVars, NumberFormat, RejectedGroup, TransactionTable } from '../types';
import { DateColumnEvidence, DateFit, NO_DAY, readDateCell, type DateCounts } from './dates';
import { compactDictionary, Dictionary, Growable } from './growable';
import { nameScore } from './header-names';
import { NumberColumnEvidence, NumberFit, readNumberCell, currencyOf, type NumberEvidenceState } from './numbers';
import { FieldKind, RecordReader, type RecordSink } from './record-reader';
import { RejectLog } from './rejections';
import { ImportError } from './import-error';
import { settleMapping, type ImportOptions } from './import-options';
import { ChunkDecoder } from './text-encoding';
import { notice } from '../notice';

export { ImportError, type ImportOptions };

type NumberRole = 'amount' | 'quantity' | 'unitPrice' | 'cost' | 'margin';
type LabelRole = 'order' | 'product' | 'channel';

/**
 * What the importer of a later part of a file gathered, as plain data (typed arrays, strings, arrays) that a worker
 * can transfer. The importer of the part before absorbs it; the result equals reading the file in one pass.
 */
export interface ImportPart {
  /** Physical lines the part spans: its line numbers are shifted by the lines before it. */
  lines: number;
  bytes: number;
  rows: number;
  read: number;
  blankLines: number;
  extraFieldsLine: number;
  costUnreadable: number;
  replacedCharacters: number;
  customerIds: string[];
  customer: Uint32Array;
  line: Uint32Array;
  dayFirst: Int32Array;
  monthFirst: Int32Array;
  dates: DateCounts;
  dayFirstOnlyText: [number, string][];
  monthFirstOnlyText: [number, string][];
  numbers: Partial<Record<NumberRole, { dot: Float64Array; comma: Float64Array; evidence: NumberEvidenceState; onlyDotText: [number, string][]; onlyCommaText: [number, string][] }>>;
  labels: Partial<Record<LabelRole, { values: string[]; codes: Uint32Array }>>;
  currencyCodes: [string, number][];
  rejected: RejectedGroup[];
}

export interface Importer {
  /** Feed the next bytes; a chunk may end anywhere (mid-character, mid-quote, mid-CRLF). */
  push(chunk: Uint8Array): void;
  /** End of input: decide column formats, build the table. Throws ImportError when nothing can be read. */
  finish(): { table: TransactionTable; report: ImportReport };
  /** End of a later part of a file (see ImportOptions.continuation): what it gathered, for the part before. */
  endPart(): ImportPart;
  /** Append a later part's rows. Only valid when the bytes pushed so far end at a record boundary. */
  absorb(part: ImportPart): void;
  /** True when the bytes pushed so far end exactly where a record ends (not inside a quoted field). */
  readonly atRecordBoundary: boolean;
  /** The header's names and field count, once the first record has been read. */
  readonly header: { names: string[]; width: number } | null;
  readonly rowsRead: number;
  readonly bytesRead: number;
}

/** An order, product or channel column: its values' codes, and the dictionary of the values. */
interface LabelColumn {
  col: number;
  dict: Dictionary;
  codes: Growable<Uint32Array>;
}

/** A number column kept under both decimal-mark readings until the column decides. */
class NumberColumn {
  readonly dot = new Growable(Float64Array);
  readonly comma = new Growable(Float64Array);
  readonly evidence = new NumberColumnEvidence();
  /** Original text of the first rows valid under only one reading, keyed by line, for rejection examples. */
  readonly onlyDotText = new Map<number, string>();
  readonly onlyCommaText = new Map<number, string>();
  constructor(readonly col: number) {}
}

// Enum members as plain constants: read in the per-row path, where a module property lookup per use adds up.
const DATE_INVALID = DateFit.Invalid;
const DAY_FIRST_ONLY = DateFit.DayFirstOnly;
const MONTH_FIRST_ONLY = DateFit.MonthFirstOnly;
const NUMBER_EMPTY = NumberFit.Empty;
const NUMBER_INVALID = NumberFit.Invalid;
const DOT_ONLY = NumberFit.DotOnly;
const COMMA_ONLY = NumberFit.CommaOnly;
const QUOTED_ESCAPED = FieldKind.QuotedEscaped;

// Imported functions as local bindings too: some module loaders (tsx in the Node benchmark) turn each use of an
// import into a getter call.
const readDate = readDateCell;
const readNumberText = readNumberCell;

const scratchDays = new Int32Array(2);
const scratchNumber = new Float64Array(2);
const EXAMPLES_KEPT = 20;
/** Rows read before the columns are sized for the whole input, and the most rows sized for ahead. */
const SIZING_SAMPLE_ROWS = 2000;
const MAX_PRESIZED_ROWS = 50_000_000;

/** q × p as the decimal product it is (6 × 2.55 = 15.3, not 15.299999999999999). */
const product = (q: number, p: number) => {
  const v = q * p;
  return Math.abs(v) < 1e9 ? Math.round(v * 1e6) / 1e6 : v;
};

class StreamingImporter implements Importer, RecordSink {
  private readonly decoder: ChunkDecoder;
  private readonly reader: RecordReader;
  private readonly rejects = new RejectLog();
  private readonly mapping: ColumnMapping;
  private headerNames: string[] | null = null;
  private width = 0;
  private needed: number;
  private rows = 0; // candidate rows kept so far
  /** Rows every per-row column has room for: checked once per row, not once per column. */
  private capacity = 0;
  /** Every per-row column, grown together. */
  private readonly rowColumns: Growable<Uint32Array | Int32Array | Float64Array>[];
  private read = 0;
  private bytes = 0;
  private blankLines = 0;
  private extraFieldsLine = 0;
  private costUnreadable = 0;

  private readonly customers = new Dictionary();
  private readonly customer = new Growable(Uint32Array);
  private readonly line = new Growable(Uint32Array);
  private readonly dayFirst = new Growable(Int32Array);
  private readonly monthFirst = new Growable(Int32Array);
  private readonly dates = new DateColumnEvidence();
  private readonly dayFirstOnlyText = new Map<number, string>();
  private readonly monthFirstOnlyText = new Map<number, string>();
  private readonly numbers: Partial<Record<NumberRole, NumberColumn>> = {};
  private readonly labels: Partial<Record<LabelRole, LabelColumn>> = {};
  /** The active columns as plain arrays, for the per-row loop. */
  private readonly valueColumns: { role: 'amount' | 'quantity' | 'unitPrice'; column: NumberColumn }[];
  private readonly costColumns: NumberColumn[];
  private readonly labelList: LabelColumn[];
  private currencyColumn: number | null = null;
  private readonly currencyCodes = new Map<string, number>();

  constructor(private readonly options: ImportOptions) {
    this.mapping = settleMapping(options.mapping);
    const m = this.mapping;
    for (const role of ['amount', 'quantity', 'unitPrice', 'cost', 'margin'] as const) {
      const col = m[role];
      if (col !== null) this.numbers[role] = new NumberColumn(col);
    }
    const labelRoles = { order: m.orderId, product: m.product, channel: m.channel };
    for (const [key, col] of Object.entries(labelRoles) as [LabelRole, number | null][]) {
      if (col !== null) this.labels[key] = { col, dict: new Dictionary(), codes: new Growable(Uint32Array) };
    }
    this.valueColumns = (['amount', 'quantity', 'unitPrice'] as const).flatMap((role) => (this.numbers[role] ? [{ role, column: this.numbers[role] }] : []));
    this.costColumns = [this.numbers.cost, this.numbers.margin].filter((c): c is NumberColumn => c !== undefined);
    this.labelList = Object.values(this.labels);
    this.rowColumns = [this.customer, this.line, this.dayFirst, this.monthFirst, ...Object.values(this.numbers).flatMap((c) => [c.dot, c.comma]), ...this.labelList.map((l) => l.codes)];
    this.capacity = Math.min(...this.rowColumns.map((c) => c.data.length));
    this.needed = Math.max(...Object.values(m).filter((v): v is number => v !== null)) + 1;
    this.decoder = new ChunkDecoder(options.encoding);
    this.reader = new RecordReader(options.delimiter, this);
    if (options.continuation) {
      this.headerNames = options.continuation.header;
      this.width = options.continuation.width;
      this.findCurrencyColumn();
    }
  }

  get rowsRead() {
    return this.read;
  }
  get atRecordBoundary() {
    return this.reader.atRecordBoundary;
  }
  get header() {
    return this.headerNames === null ? null : { names: this.headerNames, width: this.width };
  }
  get bytesRead() {
    return this.bytes;
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    this.reader.push(this.decoder.decode(chunk));
    if (!this.sized && this.reader.records >= SIZING_SAMPLE_ROWS) this.sizeColumns();
  }

  /**
   * Size the per-row columns once for the whole input, from the bytes per row so far: growing them by doubling would
   * copy every column several times over a large file.
   */
  private sized = false;
  private sizeColumns() {
    this.sized = true;
    const bytesPerRow = this.bytes / this.reader.records;
    const expected = Math.ceil((this.options.totalBytes / bytesPerRow) * 1.05);
    if (expected > this.capacity && expected < MAX_PRESIZED_ROWS) this.reserve(expected);
  }

  private columnName(col: number): string {
    return this.headerNames?.[col]?.trim() || `column ${col + 1}`;
  }

  blank(): void {
    this.blankLines++;
  }

  unclosedQuote(line: number, text: string): void {
    this.read++;
    this.rejects.add('unclosed-quote', 'A quote (") opened on this line is never closed', line, text.slice(0, 200));
  }

  record(r: RecordReader): void {
    if (this.headerNames === null) {
      this.width = r.fieldCount;
      if (this.options.hasHeader) {
        this.headerNames = Array.from({ length: r.fieldCount }, (_, f) => r.field(f).trim());
        this.findCurrencyColumn();
        return;
      }
      this.headerNames = Array.from({ length: r.fieldCount }, (_, f) => `Column ${f + 1}`);
    }
    this.read++;
    const line = r.line;
    if (r.fieldCount < this.needed) {
      this.rejects.add('too-few-fields', () => `Row has fewer fields than the ${this.needed} the chosen columns need`, line, this.recordText, () => ({ needed: this.needed }));
      return;
    }
    if (r.fieldCount > this.width && this.extraFieldsLine === 0) this.extraFieldsLine = line;
    const m = this.mapping;

    const cc = m.customer!;
    let cs = r.fieldStart[cc];
    let ce = r.fieldEnd[cc];
    let ctext = r.text;
    if (r.fieldKind[cc] >= QUOTED_ESCAPED) {
      ctext = r.field(cc);
      cs = 0;
      ce = ctext.length;
    }
    while (cs < ce && ctext.charCodeAt(cs) <= 32) cs++;
    if (cs === ce) {
      this.rejects.add('missing-customer', this.missingCustomer, line, this.recordText, this.customerColumnVars);
      return;
    }

    const fit = this.readDate(r, m.date!);
    if (fit === DATE_INVALID) {
      const empty = r.field(m.date!).trim() === '';
      this.rejects.add(empty ? 'missing-date' : 'bad-date', () => `${empty ? 'Date is empty' : 'Date not recognised'} (column "${this.columnName(m.date!)}")`, line, this.recordText, () => ({ column: this.columnName(m.date!) }));
      return;
    }

    // Value columns must each read as a number under at least one decimal mark.
    const at = this.rows;
    if (at === this.capacity) this.reserve(at + 1);
    for (let v = 0; v < this.valueColumns.length; v++) {
      const { role, column } = this.valueColumns[v];
      const nfit = this.readNumber(r, column, at);
      if (nfit === NUMBER_EMPTY || nfit === NUMBER_INVALID) {
        const what = role === 'amount' ? 'Amount' : role === 'quantity' ? 'Quantity' : 'Unit price';
        const code = `${nfit === NUMBER_EMPTY ? 'missing' : 'bad'}-${role === 'unitPrice' ? 'price' : role}`;
        this.rejects.add(code, () => `${what} ${nfit === NUMBER_EMPTY ? 'is empty' : 'is not a number'} (column "${this.columnName(column.col)}")`, line, this.recordText, () => ({ column: this.columnName(column.col) }));
        return;
      }
    }

    // Accepted so far: keep the row under every reading still open.
    this.customer.data[at] = this.customers.idOf(ctext, cs, ce);
    this.line.data[at] = line;
    this.dayFirst.data[at] = scratchDays[0];
    this.monthFirst.data[at] = scratchDays[1];
    this.dates.add(fit);
    if (fit === DAY_FIRST_ONLY && this.dayFirstOnlyText.size < EXAMPLES_KEPT) this.dayFirstOnlyText.set(line, r.recordText());
    if (fit === MONTH_FIRST_ONLY && this.monthFirstOnlyText.size < EXAMPLES_KEPT) this.monthFirstOnlyText.set(line, r.recordText());
    for (let c = 0; c < this.costColumns.length; c++) {
      if (this.readNumber(r, this.costColumns[c], at) === NUMBER_INVALID) this.costUnreadable++;
    }
    for (let l = 0; l < this.labelList.length; l++) {
      const label = this.labelList[l];
      label.codes.data[at] = r.fieldKind[label.col] >= QUOTED_ESCAPED ? label.dict.id(r.field(label.col).trim()) : label.dict.idOf(r.text, r.fieldStart[label.col], r.fieldEnd[label.col]);
    }
    if (this.currencyColumn !== null && this.currencyColumn < r.fieldCount) {
      const code = currencyOf(r.field(this.currencyColumn));
      if (code) this.currencyCodes.set(code, (this.currencyCodes.get(code) ?? 0) + 1);
    }
    this.rows++;
  }

  /** The current record's text and the reason for an empty customer id, made once: some exports have 100,000s. */
  private readonly recordText = () => this.reader.recordText();
  private readonly missingCustomer = () => `Customer id is empty (column "${this.columnName(this.mapping.customer!)}")`;
  private readonly customerColumnVars = () => ({ column: this.columnName(this.mapping.customer!) });

  /** The previous date cell and its reading: the lines of one order repeat its date, so most cells are a repeat. */
  private lastDateText = '';
  private lastDateFit: DateFit = DATE_INVALID;
  private lastDayFirst = 0;
  private lastMonthFirst = 0;

  private readDate(r: RecordReader, col: number): DateFit {
    let text = r.text;
    let start = r.fieldStart[col];
    let end = r.fieldEnd[col];
    if (r.fieldKind[col] >= QUOTED_ESCAPED) {
      text = r.field(col);
      start = 0;
      end = text.length;
    }
    const last = this.lastDateText;
    if (end - start === last.length && last.length > 0 && text.startsWith(last, start)) {
      scratchDays[0] = this.lastDayFirst;
      scratchDays[1] = this.lastMonthFirst;
      return this.lastDateFit;
    }
    const fit = readDate(text, start, end, scratchDays);
    this.lastDateText = text.slice(start, end);
    this.lastDateFit = fit;
    this.lastDayFirst = scratchDays[0];
    this.lastMonthFirst = scratchDays[1];
    return fit;
  }

  private readNumber(r: RecordReader, column: NumberColumn, at: number): NumberFit {
    let fit: NumberFit;
    let text = r.text;
    let start = r.fieldStart[column.col];
    let end = r.fieldEnd[column.col];
    if (r.fieldKind[column.col] >= QUOTED_ESCAPED) {
      text = r.field(column.col);
      start = 0;
      end = text.length;
    }
    fit = readNumberText(text, start, end, scratchNumber);
    column.dot.data[at] = fit <= NUMBER_INVALID ? NaN : scratchNumber[0];
    column.comma.data[at] = fit <= NUMBER_INVALID ? NaN : scratchNumber[1];
    column.evidence.add(fit, text, start, end);
    if (fit === DOT_ONLY && column.onlyDotText.size < EXAMPLES_KEPT) column.onlyDotText.set(r.line, r.recordText());
    if (fit === COMMA_ONLY && column.onlyCommaText.size < EXAMPLES_KEPT) column.onlyCommaText.set(r.line, r.recordText());
    return fit;
  }

  /** Room for `rows` rows in every per-row column. */
  private reserve(rows: number) {
    for (const c of this.rowColumns) c.ensure(rows - 1);
    this.capacity = Math.min(...this.rowColumns.map((c) => c.data.length));
  }

  /** A "Currency" column (one code per row) says the dataset's currency when the amounts do not. */
  private findCurrencyColumn() {
    const h = this.headerNames ?? [];
    const i = h.findIndex((name) => nameScore(name, 'currency') === 2);
    this.currencyColumn = i >= 0 ? i : null;
  }

  /** No more bytes: flush the decoder and the last record. */
  private endInput() {
    this.reader.push(this.decoder.decode(null));
    this.reader.end();
  }

  endPart(): ImportPart {
    this.endInput();
    const n = this.rows;
    const numbers: ImportPart['numbers'] = {};
    for (const [role, c] of Object.entries(this.numbers) as [NumberRole, NumberColumn][]) {
      numbers[role] = { dot: c.dot.data.subarray(0, n), comma: c.comma.data.subarray(0, n), evidence: c.evidence.state(), onlyDotText: [...c.onlyDotText], onlyCommaText: [...c.onlyCommaText] };
    }
    const labels: ImportPart['labels'] = {};
    for (const [role, l] of Object.entries(this.labels) as [LabelRole, LabelColumn][]) {
      labels[role] = { values: l.dict.values, codes: l.codes.data.subarray(0, n) };
    }
    return {
      lines: this.reader.linesRead,
      bytes: this.bytes,
      rows: n,
      read: this.read,
      blankLines: this.blankLines,
      extraFieldsLine: this.extraFieldsLine,
      costUnreadable: this.costUnreadable,
      replacedCharacters: this.decoder.replaced,
      customerIds: this.customers.values,
      customer: this.customer.data.subarray(0, n),
      line: this.line.data.subarray(0, n),
      dayFirst: this.dayFirst.data.subarray(0, n),
      monthFirst: this.monthFirst.data.subarray(0, n),
      dates: this.dates.counts(),
      dayFirstOnlyText: [...this.dayFirstOnlyText],
      monthFirstOnlyText: [...this.monthFirstOnlyText],
      numbers,
      labels,
      currencyCodes: [...this.currencyCodes],
      rejected: this.rejects.groupsInOrder(),
    };
  }

  absorb(part: ImportPart): void {
    if (!this.reader.atRecordBoundary) throw new Error('A later part can only be appended at a record boundary.');
    const offset = this.reader.linesRead;
    const at = this.rows;
    const n = part.rows;
    this.reserve(at + n);
    const keepExamples = (into: Map<number, string>, from: [number, string][]) => {
      for (const [line, text] of from) if (into.size < EXAMPLES_KEPT) into.set(line + offset, text);
    };
    const copyCodes = (into: Uint32Array, codes: Uint32Array, remap: Uint32Array) => {
      for (let i = 0; i < n; i++) into[at + i] = remap[codes[i]];
    };
    copyCodes(this.customer.data, part.customer, this.customers.absorb(part.customerIds));
    const line = this.line.data;
    for (let i = 0; i < n; i++) line[at + i] = part.line[i] + offset;
    this.dayFirst.data.set(part.dayFirst, at);
    this.monthFirst.data.set(part.monthFirst, at);
    this.dates.absorb(part.dates);
    keepExamples(this.dayFirstOnlyText, part.dayFirstOnlyText);
    keepExamples(this.monthFirstOnlyText, part.monthFirstOnlyText);
    for (const [role, c] of Object.entries(this.numbers) as [NumberRole, NumberColumn][]) {
      const p = part.numbers[role]!;
      c.dot.data.set(p.dot, at);
      c.comma.data.set(p.comma, at);
      c.evidence.absorb(p.evidence);
      keepExamples(c.onlyDotText, p.onlyDotText);
      keepExamples(c.onlyCommaText, p.onlyCommaText);
    }
    for (const [role, l] of Object.entries(this.labels) as [LabelRole, LabelColumn][]) {
      const p = part.labels[role]!;
      copyCodes(l.codes.data, p.codes, l.dict.absorb(p.values));
    }
    for (const [code, count] of part.currencyCodes) this.currencyCodes.set(code, (this.currencyCodes.get(code) ?? 0) + count);
    this.rejects.absorb(part.rejected, offset);
    if (this.extraFieldsLine === 0 && part.extraFieldsLine !== 0) this.extraFieldsLine = part.extraFieldsLine + offset;
    this.rows += n;
    this.read += part.read;
    this.bytes += part.bytes;
    this.blankLines += part.blankLines;
    this.costUnreadable += part.costUnreadable;
    this.decoder.replaced += part.replacedCharacters;
    this.reader.skipLines(part.lines);
  }

  finish(): { table: TransactionTable; report: ImportReport } {
    this.endInput();
    if (this.headerNames === null) throw new ImportError('no-rows', 'The file is empty: it has no rows to read.');
    if (this.read === 0) throw new ImportError('header-only', 'The file has a header line but no data rows.');
    const warnings: Notice[] = [];
    const warn = (code: string, text: string, vars: NoticeVars) => warnings.push(notice(code, text, vars));
    const fallback = this.options.dateOrderFallback ?? 'DMY';
    const dateOrder = this.dates.decide(fallback);
    if (this.dates.ambiguous) {
      const column = this.columnName(this.mapping.date!);
      warn('ambiguous-dates', `Every date in column "${column}" could be read as day/month or month/day; they were read as ${dateOrder === 'MDY' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}.`, { column, variant: dateOrder === 'MDY' ? 'MDY' : 'DMY' });
    }
    const formats = new Map<NumberColumn, NumberFormat>();
    for (const column of Object.values(this.numbers)) formats.set(column, column.evidence.decide());

    // Resolve every kept row under the column decisions, rejecting rows that contradict their column.
    const n = this.rows;
    const customer = this.customer.data;
    const line = this.line.data;
    const day = dateOrder === 'MDY' ? this.monthFirst.data : this.dayFirst.data;
    const amount = new Float64Array(n);
    // Each number column's values under its decided decimal mark, looked up once rather than per row.
    const decided = new Map<NumberColumn | undefined, Float64Array>();
    for (const [column, format] of formats) decided.set(column, format.decimal === '.' ? column.dot.data : column.comma.data);
    const valueOf = (column: NumberColumn | undefined, i: number) => (column ? decided.get(column)![i] : NaN);
    const amountValues = this.numbers.amount ? decided.get(this.numbers.amount)! : null;
    const qtyValues = this.numbers.quantity ? decided.get(this.numbers.quantity)! : null;
    const priceValues = this.numbers.unitPrice ? decided.get(this.numbers.unitPrice)! : null;
    const dateText = dateOrder === 'MDY' ? this.dayFirstOnlyText : this.monthFirstOnlyText;
    const orderName = dateOrder === 'MDY' ? 'month/day' : 'day/month';
    const { amount: amountCol, quantity: qtyCol, unitPrice: priceCol, cost: costCol, margin: marginCol } = this.numbers;
    const marginIsPercent = marginCol ? marginCol.evidence.percentCells > 0 || this.columnName(marginCol.col).includes('%') : false;
    const cost = costCol || marginCol ? new Float64Array(n) : null;
    const labelCodes = Object.values(this.labels).map((l) => l.codes.data);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      if (day[i] === NO_DAY) {
        this.rejects.add('date-order-mismatch', () => `Date does not fit the ${orderName} order of the rest of column "${this.columnName(this.mapping.date!)}"`, line[i], () => dateText.get(line[i]), () => ({ column: this.columnName(this.mapping.date!), variant: dateOrder === 'MDY' ? 'MDY' : 'DMY' }));
        continue;
      }
      let value: number;
      if (amountValues) value = amountValues[i];
      else value = product(qtyValues![i], priceValues![i]);
      if (Number.isNaN(value)) {
        const column = [amountCol, qtyCol, priceCol].find((c) => c && Number.isNaN(valueOf(c, i)))!;
        const decimal = formats.get(column)!.decimal;
        const texts = decimal === '.' ? column.onlyCommaText : column.onlyDotText;
        this.rejects.add(`number-format-mismatch-${column === priceCol ? 'price' : column === qtyCol ? 'quantity' : 'amount'}`, () => `Number uses a different decimal mark from the rest of column "${this.columnName(column.col)}" (which uses "${decimal}")`, line[i], () => texts.get(line[i]), () => ({ column: this.columnName(column.col), decimal }));
        continue;
      }
      customer[kept] = customer[i];
      line[kept] = line[i];
      day[kept] = day[i];
      amount[kept] = value;
      if (cost) {
        if (costCol) cost[kept] = valueOf(costCol, i);
        else {
          const margin = valueOf(marginCol, i);
          cost[kept] = marginIsPercent ? value * (1 - (Math.abs(margin) > 1 ? margin / 100 : margin)) : value - margin;
        }
      }
      for (let l = 0; l < labelCodes.length; l++) labelCodes[l][kept] = labelCodes[l][i];
      kept++;
    }
    const droppedLate = kept < n;
    const customerCodes = customer.slice(0, kept);
    const customerIds = droppedLate ? compactDictionary(customerCodes, kept, this.customers.values) : this.customers.values;
    const labelColumn = (key: 'order' | 'product' | 'channel') => {
      const label = this.labels[key];
      if (!label) return { codes: null, names: null };
      const codes = label.codes.data.slice(0, kept);
      return { codes, names: droppedLate ? compactDictionary(codes, kept, label.dict.values) : label.dict.values };
    };
    const order = labelColumn('order');
    const productCol = labelColumn('product');
    const channel = labelColumn('channel');

    if (this.extraFieldsLine) warn('extra-fields', `Some rows have more fields than the header (first on line ${this.extraFieldsLine}); the extra fields were ignored.`, { line: this.extraFieldsLine });
    if (this.costUnreadable) warn('cost-unreadable', `${this.costUnreadable} cost or margin cells were not numbers; those rows have no cost.`, { count: this.costUnreadable });
    if (this.decoder.replaced) {
      const encoding = this.options.encoding.toUpperCase();
      warn('replaced-characters', `${this.decoder.replaced} characters could not be read as ${encoding} and show as �.`, { count: this.decoder.replaced, encoding });
    }
    for (const column of Object.values(this.numbers)) {
      if (column.evidence.conflicting) warn('mixed-decimal-marks', `Column "${this.columnName(column.col)}" mixes decimal points and decimal commas; rows that disagree with the majority were rejected.`, { column: this.columnName(column.col) });
    }

    const valueFormat = formats.get((amountCol ?? priceCol)!)!;
    const report: ImportReport = {
      fileName: this.options.fileName,
      bytes: this.bytes,
      encoding: this.options.encoding,
      delimiter: this.options.delimiter,
      hasHeader: this.options.hasHeader,
      header: this.headerNames,
      mapping: this.options.mapping,
      dateOrder,
      amountFormat: valueFormat,
      currency: (amountCol ?? priceCol)!.evidence.currency ?? mostFrequent(this.currencyCodes),
      rowsRead: this.read,
      rowsAccepted: kept,
      rowsRejected: this.rejects.total,
      blankLines: this.blankLines,
      rejected: this.rejects.list(),
      warnings,
    };
    const table: TransactionTable = {
      length: kept,
      customerIds,
      customer: customerCodes,
      day: day.slice(0, kept),
      amount: amount.slice(0, kept),
      line: line.slice(0, kept),
      cost: cost ? cost.slice(0, kept) : null,
      order: order.codes,
      orderIds: order.names,
      product: productCol.codes,
      productNames: productCol.names,
      channel: channel.codes,
      channelNames: channel.names,
    };
    return { table, report };
  }
}

function mostFrequent(counts: Map<string, number>): string | null {
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return best;
}

/** Start an import with settled options (see `sniff` for proposing them). */
export function createImporter(options: ImportOptions): Importer {
  return new StreamingImporter(options);
}

