/**
 * The streaming importer: bytes in (chunks cut anywhere), a columnar TransactionTable and an ImportReport out.
 * Every data row is accounted for: rowsRead = rowsAccepted + rowsRejected. Day/month order and decimal marks are
 * decided per column at the end, from all its values; until then each cell is kept under both readings.
 *
 * This module owns the byte stream (decoding, bytes and lines counted); rows are accepted by accept-rows.ts (the
 * record sink filling the ImportState); the halves of a file read at once are joined by join-parts.ts.
 */
import type { ImportReport, Notice, NoticeVars, NumberFormat, TransactionTable } from '../types';
import { NO_DAY } from './dates';
import { compactDictionary } from './growable';
import type { NumberColumn } from './import-state';
import { notice } from '../notice';
import { RowAcceptor } from './accept-rows';
import { ImportError } from './import-error';
import { settleMapping, type ImportOptions } from './import-options';
import { absorbPart, exportPart, type ImportPart } from './join-parts';
import { ChunkDecoder } from './text-encoding';

export { ImportError, type ImportOptions, type ImportPart };

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

/** q × p as the decimal product it is (6 × 2.55 = 15.3, not 15.299999999999999). */
const product = (q: number, p: number) => {
  const v = q * p;
  return Math.abs(v) < 1e9 ? Math.round(v * 1e6) / 1e6 : v;
};

/** Rows read before the columns are sized for the whole input, and the most rows sized for ahead. */
const SIZING_SAMPLE_ROWS = 2000;
const MAX_PRESIZED_ROWS = 50_000_000;

class StreamingImporter implements Importer {
  private readonly rows: RowAcceptor;
  private readonly decoder: ChunkDecoder;
  private bytes = 0;
  private sized = false;

  constructor(private readonly options: ImportOptions) {
    this.rows = new RowAcceptor(options, settleMapping(options.mapping));
    this.decoder = new ChunkDecoder(options.encoding);
  }

  get rowsRead() {
    return this.rows.read;
  }
  get atRecordBoundary() {
    return this.rows.reader.atRecordBoundary;
  }
  get header() {
    return this.rows.header === null ? null : { names: this.rows.header, width: this.rows.width };
  }
  get bytesRead() {
    return this.bytes;
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    this.rows.reader.push(this.decoder.decode(chunk));
    if (!this.sized && this.rows.reader.records >= SIZING_SAMPLE_ROWS) this.sizeColumns();
  }

  /**
   * Size the per-row columns once for the whole input, from the bytes per row so far: growing them by doubling would
   * copy every column several times over a large file.
   */
  private sizeColumns() {
    this.sized = true;
    const bytesPerRow = this.bytes / this.rows.reader.records;
    const expected = Math.ceil((this.options.totalBytes / bytesPerRow) * 1.05);
    if (expected > this.rows.capacity && expected < MAX_PRESIZED_ROWS) this.rows.reserve(expected);
  }

  /** No more bytes: flush the decoder and the last record. */
  private endInput() {
    this.rows.reader.push(this.decoder.decode(null));
    this.rows.reader.end();
  }

  endPart(): ImportPart {
    this.endInput();
    return exportPart(this.rows, { lines: this.rows.reader.linesRead, bytes: this.bytes, replacedCharacters: this.decoder.replaced });
  }

  absorb(part: ImportPart): void {
    const reader = this.rows.reader;
    if (!reader.atRecordBoundary) throw new Error('A later part can only be appended at a record boundary.');
    absorbPart(this.rows, part, reader.linesRead);
    this.bytes += part.bytes;
    this.decoder.replaced += part.replacedCharacters;
    reader.skipLines(part.lines);
  }

  finish(): { table: TransactionTable; report: ImportReport } {
    const s = this.rows;
    this.endInput();
    if (s.header === null) throw new ImportError('no-rows', 'The file is empty: it has no rows to read.');
    if (s.read === 0) throw new ImportError('header-only', 'The file has a header line but no data rows.');
    const warnings: Notice[] = [];
    const warn = (code: string, text: string, vars: NoticeVars) => warnings.push(notice(code, text, vars));
    const fallback = this.options.dateOrderFallback ?? 'DMY';
    const dateOrder = s.dates.decide(fallback);
    if (s.dates.ambiguous) {
      const column = s.columnName(s.mapping.date!);
      warn('ambiguous-dates', `Every date in column "${column}" could be read as day/month or month/day; they were read as ${dateOrder === 'MDY' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}.`, { column, variant: dateOrder === 'MDY' ? 'MDY' : 'DMY' });
    }
    const formats = new Map<NumberColumn, NumberFormat>();
    for (const column of Object.values(s.numbers)) formats.set(column, column.evidence.decide());

    // Resolve every kept row under the column decisions, rejecting rows that contradict their column.
    const n = s.rows;
    const customer = s.customer.data;
    const line = s.line.data;
    const day = dateOrder === 'MDY' ? s.monthFirst.data : s.dayFirst.data;
    const amount = new Float64Array(n);
    // Each number column's values under its decided decimal mark, looked up once rather than per row.
    const decided = new Map<NumberColumn | undefined, Float64Array>();
    for (const [column, format] of formats) decided.set(column, format.decimal === '.' ? column.dot.data : column.comma.data);
    const valueOf = (column: NumberColumn | undefined, i: number) => (column ? decided.get(column)![i] : NaN);
    const amountValues = s.numbers.amount ? decided.get(s.numbers.amount)! : null;
    const qtyValues = s.numbers.quantity ? decided.get(s.numbers.quantity)! : null;
    const priceValues = s.numbers.unitPrice ? decided.get(s.numbers.unitPrice)! : null;
    const dateText = dateOrder === 'MDY' ? s.dayFirstOnlyText : s.monthFirstOnlyText;
    const orderName = dateOrder === 'MDY' ? 'month/day' : 'day/month';
    const { amount: amountCol, quantity: qtyCol, unitPrice: priceCol, cost: costCol, margin: marginCol } = s.numbers;
    const marginIsPercent = marginCol ? marginCol.evidence.percentCells > 0 || s.columnName(marginCol.col).includes('%') : false;
    const cost = costCol || marginCol ? new Float64Array(n) : null;
    const labelCodes = Object.values(s.labels).map((l) => l.codes.data);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      if (day[i] === NO_DAY) {
        s.rejects.add('date-order-mismatch', () => `Date does not fit the ${orderName} order of the rest of column "${s.columnName(s.mapping.date!)}"`, line[i], () => dateText.get(line[i]), () => ({ column: s.columnName(s.mapping.date!), variant: dateOrder === 'MDY' ? 'MDY' : 'DMY' }));
        continue;
      }
      let value: number;
      if (amountValues) value = amountValues[i];
      else value = product(qtyValues![i], priceValues![i]);
      if (Number.isNaN(value)) {
        const column = [amountCol, qtyCol, priceCol].find((c) => c && Number.isNaN(valueOf(c, i)))!;
        const decimal = formats.get(column)!.decimal;
        const texts = decimal === '.' ? column.onlyCommaText : column.onlyDotText;
        s.rejects.add(`number-format-mismatch-${column === priceCol ? 'price' : column === qtyCol ? 'quantity' : 'amount'}`, () => `Number uses a different decimal mark from the rest of column "${s.columnName(column.col)}" (which uses "${decimal}")`, line[i], () => texts.get(line[i]), () => ({ column: s.columnName(column.col), decimal }));
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
    const customerIds = droppedLate ? compactDictionary(customerCodes, kept, s.customers.values) : s.customers.values;
    const labelColumn = (key: 'order' | 'product' | 'channel') => {
      const label = s.labels[key];
      if (!label) return { codes: null, names: null };
      const codes = label.codes.data.slice(0, kept);
      return { codes, names: droppedLate ? compactDictionary(codes, kept, label.dict.values) : label.dict.values };
    };
    const order = labelColumn('order');
    const productCol = labelColumn('product');
    const channel = labelColumn('channel');

    if (s.extraFieldsLine) warn('extra-fields', `Some rows have more fields than the header (first on line ${s.extraFieldsLine}); the extra fields were ignored.`, { line: s.extraFieldsLine });
    if (s.costUnreadable) warn('cost-unreadable', `${s.costUnreadable} cost or margin cells were not numbers; those rows have no cost.`, { count: s.costUnreadable });
    if (this.decoder.replaced) {
      const encoding = this.options.encoding.toUpperCase();
      warn('replaced-characters', `${this.decoder.replaced} characters could not be read as ${encoding} and show as �.`, { count: this.decoder.replaced, encoding });
    }
    for (const column of Object.values(s.numbers)) {
      if (column.evidence.conflicting) warn('mixed-decimal-marks', `Column "${s.columnName(column.col)}" mixes decimal points and decimal commas; rows that disagree with the majority were rejected.`, { column: s.columnName(column.col) });
    }

    const valueFormat = formats.get((amountCol ?? priceCol)!)!;
    const report: ImportReport = {
      fileName: this.options.fileName,
      bytes: this.bytes,
      encoding: this.options.encoding,
      delimiter: this.options.delimiter,
      hasHeader: this.options.hasHeader,
      header: s.header,
      mapping: this.options.mapping,
      dateOrder,
      amountFormat: valueFormat,
      currency: (amountCol ?? priceCol)!.evidence.currency ?? mostFrequent(s.currencyCodes),
      rowsRead: s.read,
      rowsAccepted: kept,
      rowsRejected: s.rejects.total,
      blankLines: s.blankLines,
      rejected: s.rejects.list(),
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
