/**
 * Everything an importer gathers from the rows before the end decides the columns' formats: per-row columns kept
 * under every reading still open, dictionaries, each column's evidence, the rejection log and the counters. One
 * type, filled by the record sink (accept-rows.ts), handed from a later part of a file to the part before
 * (join-parts.ts) and read once at the end (finish.ts).
 */
import type { ColumnMapping } from '../types';
import { DateColumnEvidence } from './dates';
import { CodeDictionary } from './code-dictionary';
import { Dictionary, Growable } from './growable';
import { NumberColumnEvidence } from './numbers';
import { RejectLog } from './rejections';

export type NumberRole = 'amount' | 'quantity' | 'unitPrice' | 'cost' | 'margin' | 'refunded';
export type LabelRole = 'order' | 'product' | 'channel' | 'status' | 'discount' | 'contactName' | 'email' | 'phone';

/** A number column, each cell kept so that both decimal-mark readings follow (see StoredFit) until the column decides. */
export class NumberColumn {
  readonly value = new Growable(Float64Array);
  readonly fit = new Growable(Uint8Array);
  readonly evidence = new NumberColumnEvidence();
  /** Original text of the first rows valid under only one reading, keyed by line, for rejection examples. */
  readonly onlyDotText = new Map<number, string>();
  readonly onlyCommaText = new Map<number, string>();
  constructor(readonly col: number) {}
}

/** A product, channel or other label column: its values' codes, and the dictionary of the values. */
export interface LabelColumn {
  col: number;
  dict: Dictionary;
  codes: Growable<Uint32Array>;
}

/**
 * The order id column: codes only (its values tell rows apart and are never shown; see CodeDictionary). `codes` is
 * null while every row's code is its own row number (each row an order of its own, as in an export of orders rather
 * than their lines): four bytes a row saved until a row says otherwise (see ImportState.orderCodes).
 */
export interface OrderColumn {
  col: number;
  dict: CodeDictionary;
  codes: Growable<Uint32Array> | null;
}

export type Labels = { order?: OrderColumn } & Partial<Record<Exclude<LabelRole, 'order'>, LabelColumn>>;

/** Bits of ImportState.inherit. */
export const INHERIT_CUSTOMER = 1;
export const INHERIT_DATE = 2;

export class ImportState {
  /** The columns' names (the header's, or "Column n" without one); null until the first record is read. */
  header: string[] | null = null;
  /** Rows kept so far: candidates until the end rejects those that contradict their column's format. */
  rows = 0;
  /** Data rows read: kept and rejected. */
  read = 0;
  blankLines = 0;
  /** The first line with more fields than the header, or 0. */
  extraFieldsLine = 0;
  costUnreadable = 0;
  /** Refunded-amount cells that were not numbers (read as no refund). */
  refundedUnreadable = 0;
  readonly rejects = new RejectLog();

  readonly customers = new Dictionary();
  readonly customer = new Growable(Uint32Array);
  /**
   * The physical line each kept row starts on; null while row i starts on line firstLine + i (no blank line, no
   * row rejected as it was read, no record over several lines so far): four bytes a row saved in a clean export.
   */
  line: Growable<Uint32Array> | null = null;
  /** The line of row 0 (see `line`). */
  firstLine = 0;
  /** Each kept row's date read day-first and month-first (NO_DAY where a reading fails). */
  readonly dayFirst = new Growable(Int32Array);
  /**
   * Each kept row's date read month-first, from the first row that reads differently that way: until then the two
   * readings agree (ISO dates always do) and dayFirst holds both. Null while they agree, 4 bytes a row saved.
   */
  monthFirst: Growable<Int32Array> | null = null;
  readonly dates = new DateColumnEvidence();
  /** Original text of the first rows whose date reads only one way, keyed by line, for rejection examples. */
  readonly dayFirstOnlyText = new Map<number, string>();
  readonly monthFirstOnlyText = new Map<number, string>();
  /** Original text of the first rows whose quantity × unit price may be too large, keyed by line. */
  readonly riskyProductText = new Map<number, string>();
  /**
   * 1 where the amount cell was empty on a row with an order id: kept until the end decides whether the file puts
   * the order's total on one of its lines (then the other lines are items, not rows without an amount). Null until
   * the first such row (a file of orders has none): a byte a row saved.
   */
  amountEmpty: Growable<Uint8Array> | null = null;
  /** Original text of the first such rows, keyed by line, for the rejection they may end in. */
  readonly emptyAmountText = new Map<number, string>();
  /**
   * INHERIT_CUSTOMER and INHERIT_DATE bits where the customer or date cell was empty on a row with an order id: an
   * order's item line (Shopify writes the customer and date on the order's first line only) takes them from its
   * order at the end, or is rejected for the empty cell when no line of its order has one. Null until the first
   * such row, as amountEmpty.
   */
  inherit: Growable<Uint8Array> | null = null;
  /** Original text of the first such rows, keyed by line, for the rejection they may end in. */
  readonly inheritText = new Map<number, string>();
  readonly numbers: Partial<Record<NumberRole, NumberColumn>> = {};
  readonly labels: Labels = {};
  /** Codes seen in a "Currency" column, with their counts. */
  readonly currencyCodes = new Map<string, number>();

  /** Rows every per-row column has room for: checked once per row, not once per column. */
  capacity: number;
  /** Every per-row column, grown together. */
  private readonly rowColumns: Growable<Uint32Array | Int32Array | Float64Array | Uint8Array>[];

  /** `mapping` is settled (see settleMapping): each role it names gets its columns. */
  constructor(readonly mapping: ColumnMapping) {
    for (const role of ['amount', 'quantity', 'unitPrice', 'cost', 'margin', 'refunded'] as const) {
      const col = mapping[role];
      if (col !== null) this.numbers[role] = new NumberColumn(col);
    }
    const labelRoles = {
      order: mapping.orderId, product: mapping.product, channel: mapping.channel, status: mapping.status,
      discount: mapping.discountCode, contactName: mapping.customerName, email: mapping.email, phone: mapping.phone,
    };
    for (const [key, col] of Object.entries(labelRoles) as [LabelRole, number | null][]) {
      if (col === null) continue;
      if (key === 'order') this.labels.order = { col, dict: new CodeDictionary(), codes: null };
      else this.labels[key] = { col, dict: new Dictionary(), codes: new Growable(Uint32Array) };
    }
    this.rowColumns = [
      this.customer, this.dayFirst,
      ...Object.values(this.numbers).flatMap((c) => [c.value, c.fit]),
      ...Object.values(this.labels).flatMap((l) => (l.codes ? [l.codes] : [])),
    ];
    this.capacity = Math.min(...this.rowColumns.map((c) => c.data.length));
  }

  columnName(col: number): string {
    return this.header?.[col]?.trim() || `column ${col + 1}`;
  }

  /** The month-first readings, started at row `at` from the day-first ones of the rows before (they agreed). */
  splitDateReadings(at: number): Growable<Int32Array> {
    const column = new Growable(Int32Array, this.dayFirst.data.length);
    column.data.set(this.dayFirst.data.subarray(0, at));
    return (this.monthFirst = this.lateColumn(column));
  }

  /** Row `at` starts on physical line `line`. Rows are given their lines in order, each once it is kept. */
  setLine(at: number, line: number): void {
    if (this.line) this.line.data[at] = line;
    else if (at === 0) this.firstLine = line;
    else if (line !== this.firstLine + at) this.lines(at).data[at] = line;
  }

  /** The line row `i` starts on. */
  lineOf(i: number): number {
    return this.line ? this.line.data[i] : this.firstLine + i;
  }

  /** The lines of the first `rows` rows as a column, made if they were not one yet; the rows after follow. */
  lines(rows: number): Growable<Uint32Array> {
    return (this.line ??= this.countingColumn(rows, this.firstLine));
  }

  /**
   * The order codes of the first `rows` rows as a column, made (each row's code its row number) if they were not
   * one yet; the rows after follow.
   */
  orderCodes(order: OrderColumn, rows: number): Growable<Uint32Array> {
    return (order.codes ??= this.countingColumn(rows, 0));
  }

  /** A per-row column of `first`, first + 1, … for the first `rows` rows (what it held without being a column). */
  private countingColumn(rows: number, first: number): Growable<Uint32Array> {
    const column = new Growable(Uint32Array, Math.max(this.capacity, rows));
    for (let i = 0; i < rows; i++) column.data[i] = first + i;
    return this.lateColumn(column);
  }

  /** The amountEmpty column, started (zero for the rows before) if it was not. */
  startAmountEmpty(): Growable<Uint8Array> {
    return (this.amountEmpty ??= this.lateColumn(new Growable(Uint8Array, this.capacity)));
  }

  /** The inherit column, started (zero for the rows before) if it was not. */
  startInherit(): Growable<Uint8Array> {
    return (this.inherit ??= this.lateColumn(new Growable(Uint8Array, this.capacity)));
  }

  /** A per-row column started after the first rows, grown with the others from now on. */
  private lateColumn<T extends Growable<Uint32Array | Int32Array | Float64Array | Uint8Array>>(column: T): T {
    this.rowColumns.push(column);
    return column;
  }

  /** Every per-row column's array as it is now. */
  rowArrays(): ArrayBufferView[] {
    return this.rowColumns.map((c) => c.data);
  }

  /** Room for `rows` rows in every per-row column; exactly that many when `exact` (a known or estimated total). */
  reserve(rows: number, exact = false): void {
    for (const c of this.rowColumns) c.ensure(rows - 1, exact);
    this.capacity = Math.min(...this.rowColumns.map((c) => c.data.length));
  }
}
