/**
 * Accepting rows: the record sink that reads each record's cells into the per-row columns, or rejects the row for
 * one stated reason. Day/month order and decimal marks are not decided here: each cell is kept under both readings,
 * with the evidence the end decides from (finish.ts).
 */
import type { ColumnMapping } from '../types';
import { DateFit, NO_DAY, readDateCell } from './dates';
import { nameScore } from './header-names';
import type { ImportOptions } from './import-options';
import { ImportState, INHERIT_CUSTOMER, INHERIT_DATE, type NumberColumn, type LabelColumn } from './import-state';
import { CellProblem, cellExtras, commaReading, MAX_CELL_MAGNITUDE, NumberFit, pointReading, readNumberCell, currencyOf, storedFit, storedValue } from './numbers';
import { charsOf, KeptChars } from './chars';
import { FieldKind, RecordReader, type RecordSink } from './record-reader';
import { MAX_EXAMPLES } from './rejections';

// Enum members as plain constants: read in the per-row path, where a module property lookup per use adds up.
const DATE_INVALID = DateFit.Invalid;
const DAY_FIRST_ONLY = DateFit.DayFirstOnly;
const MONTH_FIRST_ONLY = DateFit.MonthFirstOnly;
const NUMBER_EMPTY = NumberFit.Empty;
const NUMBER_INVALID = NumberFit.Invalid;
const DOT_ONLY = NumberFit.DotOnly;
const COMMA_ONLY = NumberFit.CommaOnly;
const QUOTED_ESCAPED = FieldKind.QuotedEscaped;
const TOO_LARGE = CellProblem.TooLarge;
const TOO_PRECISE = CellProblem.TooPrecise;

/** How a rejected number cell is described, by the first part of the rejection's code. */
const PROBLEM_WORDS = {
  missing: 'is empty',
  bad: 'is not a number',
  'too-large': 'is too large to be read (above 10^15)',
  'too-precise': 'has more digits than can be kept exactly',
} as const;

// Imported functions as local bindings too: some module loaders (tsx in the Node benchmark) turn each use of an
// import into a getter call.
const readDate = readDateCell;
const readNumberText = readNumberCell;
/** Example texts kept per reading: as many as a rejection group shows. */
const EXAMPLES_KEPT = MAX_EXAMPLES;

const scratchDays = new Int32Array(2);
/** Customers read as numbers and looked up together (see lookUpCustomers): 48 KB of buffers. */
const CUSTOMERS_AT_ONCE = 4096;

/** The larger magnitude of a cell's two readings at row `at`. */
function largestReading(c: NumberColumn, at: number): number {
  const fit = c.fit.data[at];
  const value = c.value.data[at];
  return Math.max(Math.abs(pointReading(fit, value)) || 0, Math.abs(commaReading(fit, value)) || 0);
}

/**
 * Whether q × p at row `at` exceeds what a cell may hold under some pair of the cells' readings. Called for every
 * row: no closure is made here (one per row cost Node under tsx, which names each function it creates, 0.5 s of
 * Online Retail's import).
 */
function productMayOverflow(quantity: NumberColumn, price: NumberColumn, at: number): boolean {
  return largestReading(quantity, at) * largestReading(price, at) > MAX_CELL_MAGNITUDE;
}
const scratchNumber = new Float64Array(2);

/**
 * The record sink, and the state it fills: it extends ImportState rather than holding one so that the per-row path
 * reaches every column straight from `this`, with no extra lookup per row or cell.
 */
export class RowAcceptor extends ImportState implements RecordSink {
  /** The reader that hands records to this sink. */
  readonly reader: RecordReader;
  /** The header's field count. */
  width = 0;
  /** Fields a row needs to hold every mapped column. */
  private readonly needed: number;
  private currencyColumn: number | null = null;
  /** The active columns as plain arrays, for the per-row loop. */
  private readonly valueColumns: { role: 'amount' | 'quantity' | 'unitPrice'; column: NumberColumn }[];
  private readonly costColumns: NumberColumn[];
  /** The label columns other than the order id's. */
  private readonly labelList: LabelColumn[];
  /** Quantity and unit price when they make the amount; null when an amount column does. */
  private readonly productColumns: [NumberColumn, NumberColumn] | null;

  /** The previous date cell and its reading: the lines of one order repeat its date, so most cells are a repeat. */
  private readonly lastDate = new KeptChars();
  private lastDateFit: DateFit = DATE_INVALID;
  private lastDayFirst = 0;
  private lastMonthFirst = 0;

  /** Rows whose customer was read as a number, and the numbers, to look up together (see lookUpCustomers). */
  private readonly laterRows = new Int32Array(CUSTOMERS_AT_ONCE);
  private readonly laterNumbers = new Float64Array(CUSTOMERS_AT_ONCE);
  private customersLater = 0;

  /** `mapping` is the settled one (see settleMapping). */
  constructor(
    private readonly options: ImportOptions,
    mapping: ColumnMapping,
  ) {
    super(mapping);
    this.valueColumns = (['amount', 'quantity', 'unitPrice'] as const).flatMap((role) => (this.numbers[role] ? [{ role, column: this.numbers[role] }] : []));
    this.costColumns = [this.numbers.cost, this.numbers.margin].filter((c): c is NumberColumn => c !== undefined);
    this.labelList = Object.entries(this.labels).flatMap(([role, l]) => (role === 'order' ? [] : [l as LabelColumn]));
    this.productColumns = this.numbers.quantity && this.numbers.unitPrice && !this.numbers.amount ? [this.numbers.quantity, this.numbers.unitPrice] : null;
    this.needed = Math.max(...Object.values(mapping).filter((v): v is number => v !== null)) + 1;
    this.reader = new RecordReader(options.delimiter, this);
    if (options.continuation) {
      this.header = options.continuation.header;
      this.width = options.continuation.width;
      this.findCurrencyColumn();
    }
  }

  blank(): void {
    this.blankLines++;
  }

  unclosedQuote(line: number, text: string): void {
    this.read++;
    this.rejects.add('unclosed-quote', 'A quote (") opened on this line is never closed', line, text.slice(0, 200));
  }

  record(r: RecordReader): void {
    if (this.header === null) {
      this.width = r.fieldCount;
      if (this.options.hasHeader) {
        this.header = Array.from({ length: r.fieldCount }, (_, f) => r.field(f).trim() || `Column ${f + 1}`);
        this.findCurrencyColumn();
        return;
      }
      this.header = Array.from({ length: r.fieldCount }, (_, f) => `Column ${f + 1}`);
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
      ctext = charsOf(r.field(cc));
      cs = 0;
      ce = ctext.length;
    }
    while (cs < ce && ctext[cs] <= 32) cs++;
    // An empty customer or date on a row with an order id may be one of the order's item lines, its customer and date
    // written on another line (Shopify): the end gives it its order's (see ImportState.inherit).
    const order = this.labels.order;
    let inherit = 0;
    if (cs === ce) {
      if (!this.orderNamed(r)) {
        this.rejects.add('missing-customer', this.missingCustomer, line, this.recordText, this.customerColumnVars);
        return;
      }
      inherit = INHERIT_CUSTOMER;
    }

    const fit = this.readDate(r, m.date!);
    if (fit === DATE_INVALID) {
      const empty = r.field(m.date!).trim() === '';
      if (!empty || !this.orderNamed(r)) {
        this.rejects.add(empty ? 'missing-date' : 'bad-date', () => `${empty ? 'Date is empty' : 'Date not recognised'} (column "${this.columnName(m.date!)}")`, line, this.recordText, () => ({ column: this.columnName(m.date!) }));
        return;
      }
      inherit |= INHERIT_DATE;
    }

    // Value columns must each read as a number under at least one decimal mark. An empty amount on a row with an
    // order id may be one of the order's items (its total on another line): the end decides.
    const at = this.rows;
    if (at === this.capacity) this.reserve(at + 1);
    // A row rejected below may have marked its empty amount at `at`, which this row takes.
    if (this.amountEmpty) this.amountEmpty.data[at] = 0;
    for (let v = 0; v < this.valueColumns.length; v++) {
      const { role, column } = this.valueColumns[v];
      const nfit = this.readNumber(r, column, at);
      if (nfit === NUMBER_EMPTY && role === 'amount' && this.labels.order) {
        this.startAmountEmpty().data[at] = 1;
        if (this.emptyAmountText.size < EXAMPLES_KEPT) this.emptyAmountText.set(line, r.recordText());
        continue;
      }
      if (nfit === NUMBER_EMPTY || nfit === NUMBER_INVALID) {
        const what = role === 'amount' ? 'Amount' : role === 'quantity' ? 'Quantity' : 'Unit price';
        const problem = nfit === NUMBER_EMPTY ? 'missing' : cellExtras.problem === TOO_LARGE ? 'too-large' : cellExtras.problem === TOO_PRECISE ? 'too-precise' : 'bad';
        const says = PROBLEM_WORDS[problem];
        this.rejects.add(`${problem}-${role === 'unitPrice' ? 'price' : role}`, () => `${what} ${says} (column "${this.columnName(column.col)}")`, line, this.recordText, () => ({ column: this.columnName(column.col) }));
        return;
      }
    }

    // Quantity × unit price beyond what a cell may hold under some reading: the end rejects it if its reading is one.
    if (this.productColumns !== null && this.riskyProductText.size < EXAMPLES_KEPT && productMayOverflow(this.productColumns[0], this.productColumns[1], at)) {
      this.riskyProductText.set(line, r.recordText());
    }

    // A customer still to come from the order holds code 0 until then; one read as a number is looked up with the
    // next batch (see lookUpCustomers) and holds 0 until then too.
    let customerId = 0;
    let customerLater = false;
    if (!(inherit & INHERIT_CUSTOMER)) {
      const n = this.customers.numberOf(ctext, cs, ce);
      if (n >= 0) {
        if (this.customersLater === CUSTOMERS_AT_ONCE) this.lookUpCustomers();
        this.laterRows[this.customersLater] = at;
        this.laterNumbers[this.customersLater++] = n;
        customerLater = true;
      } else {
        // Codes are given in the order values come: the numbers read before this value first.
        this.lookUpCustomers();
        customerId = this.customers.idOf(ctext, cs, ce);
        // Ids read with U+FFFD (bytes that were not valid text) cannot be told apart: refuse them rather than merge.
        if (this.customers.undecodable?.has(customerId)) {
          this.rejectUndecodable('customer', m.customer!, line);
          return;
        }
      }
    }
    let orderCode = 0;
    if (order) {
      orderCode = r.fieldKind[order.col] >= QUOTED_ESCAPED ? order.dict.id(r.field(order.col).trim()) : order.dict.idOf(r.text, r.fieldStart[order.col], r.fieldEnd[order.col]);
      if (order.dict.undecodable?.has(orderCode)) {
        // The customer is still looked up (as when it was looked up at once), but its code goes to no row.
        if (customerLater) this.laterRows[this.customersLater - 1] = -1;
        this.rejectUndecodable('order', order.col, line);
        return;
      }
    }

    // Accepted so far: keep the row under every reading still open.
    this.customer.data[at] = customerId;
    this.setLine(at, line);
    if (inherit !== 0) this.startInherit().data[at] = inherit;
    else if (this.inherit) this.inherit.data[at] = 0;
    if (inherit !== 0 && this.inheritText.size < EXAMPLES_KEPT) this.inheritText.set(line, r.recordText());
    if (inherit & INHERIT_DATE) {
      this.dayFirst.data[at] = NO_DAY;
      if (this.monthFirst) this.monthFirst.data[at] = NO_DAY;
    } else {
      this.dayFirst.data[at] = scratchDays[0];
      const monthFirst = this.monthFirst ?? (scratchDays[1] !== scratchDays[0] ? this.splitDateReadings(at) : null);
      if (monthFirst) monthFirst.data[at] = scratchDays[1];
      this.dates.add(fit);
    }
    if (fit === DAY_FIRST_ONLY && this.dayFirstOnlyText.size < EXAMPLES_KEPT) this.dayFirstOnlyText.set(line, r.recordText());
    if (fit === MONTH_FIRST_ONLY && this.monthFirstOnlyText.size < EXAMPLES_KEPT) this.monthFirstOnlyText.set(line, r.recordText());
    for (let c = 0; c < this.costColumns.length; c++) {
      if (this.readNumber(r, this.costColumns[c], at) === NUMBER_INVALID) this.costUnreadable++;
    }
    if (this.numbers.refunded && this.readNumber(r, this.numbers.refunded, at) === NUMBER_INVALID) this.refundedUnreadable++;
    if (order) {
      // Each row an order of its own so far: no column until a row's code is not its row number.
      if (order.codes) order.codes.data[at] = orderCode;
      else if (orderCode !== at) this.orderCodes(order, at).data[at] = orderCode;
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

  /** Whether the record names an order (its order-id cell is not blank); read without making a string. */
  private orderNamed(r: RecordReader): boolean {
    const order = this.labels.order;
    if (!order || order.col >= r.fieldCount) return false;
    const col = order.col;
    if (r.fieldKind[col] >= QUOTED_ESCAPED) return r.field(col).trim() !== '';
    let s = r.fieldStart[col];
    const e = r.fieldEnd[col];
    while (s < e && r.text[s] <= 32) s++;
    return s < e;
  }

  private rejectUndecodable(what: 'customer' | 'order', col: number, line: number) {
    const encoding = this.options.encoding.toUpperCase();
    const name = what === 'customer' ? 'Customer id' : 'Order id';
    this.rejects.add(
      `undecodable-${what}`,
      () => `${name} has bytes that are not valid ${encoding} text (shown as �), so it cannot be told apart from other ids (column "${this.columnName(col)}")`,
      line,
      this.recordText,
      () => ({ column: this.columnName(col), encoding }),
    );
  }

  /** The reader has handed over every record of a piece of text: the customers read meanwhile are looked up. */
  pieceRead(): void {
    this.lookUpCustomers();
  }

  /**
   * Look up the customers read as numbers since the last time (see DenseIds.readNumber), in the order they came, and
   * write each code to its row. Called when the batch is full, before a customer is looked up otherwise, and after
   * each piece of text the reader is given: nothing reads the customer column or dictionary in between.
   */
  private lookUpCustomers(): void {
    const count = this.customersLater;
    if (count === 0) return;
    this.customersLater = 0;
    const rows = this.laterRows;
    const numbers = this.laterNumbers;
    const customers = this.customers;
    const column = this.customer.data;
    for (let k = 0; k < count; k++) {
      const code = customers.idOfNumber(numbers[k]);
      const row = rows[k];
      if (row >= 0) column[row] = code;
    }
  }

  /** The current record's text and the reason for an empty customer id, made once: some exports have 100,000s. */
  private readonly recordText = () => this.reader.recordText();
  private readonly missingCustomer = () => `Customer id is empty (column "${this.columnName(this.mapping.customer!)}")`;
  private readonly customerColumnVars = () => ({ column: this.columnName(this.mapping.customer!) });

  private readDate(r: RecordReader, col: number): DateFit {
    let text = r.text;
    let start = r.fieldStart[col];
    let end = r.fieldEnd[col];
    if (r.fieldKind[col] >= QUOTED_ESCAPED) {
      text = charsOf(r.field(col));
      start = 0;
      end = text.length;
    }
    if (end > start && this.lastDate.equals(text, start, end)) {
      scratchDays[0] = this.lastDayFirst;
      scratchDays[1] = this.lastMonthFirst;
      return this.lastDateFit;
    }
    const fit = readDate(text, start, end, scratchDays);
    this.lastDate.keep(text, start, end);
    this.lastDateFit = fit;
    this.lastDayFirst = scratchDays[0];
    this.lastMonthFirst = scratchDays[1];
    return fit;
  }

  private readNumber(r: RecordReader, column: NumberColumn, at: number): NumberFit {
    let text = r.text;
    let start = r.fieldStart[column.col];
    let end = r.fieldEnd[column.col];
    if (r.fieldKind[column.col] >= QUOTED_ESCAPED) {
      text = charsOf(r.field(column.col));
      start = 0;
      end = text.length;
    }
    const fit = readNumberText(text, start, end, scratchNumber);
    column.value.data[at] = storedValue(fit, scratchNumber);
    column.fit.data[at] = storedFit(fit);
    column.evidence.add(fit, text, start, end);
    if (fit === DOT_ONLY && column.onlyDotText.size < EXAMPLES_KEPT) column.onlyDotText.set(r.line, r.recordText());
    if (fit === COMMA_ONLY && column.onlyCommaText.size < EXAMPLES_KEPT) column.onlyCommaText.set(r.line, r.recordText());
    return fit;
  }

  /**
   * A "Currency" column (one code per row) says the dataset's currency when the amounts do not. A whole-name match
   * first ("Currency"), else a name that contains the word (WooCommerce's "order_currency"), as the sniff reads it.
   */
  private findCurrencyColumn() {
    const header = this.header ?? [];
    let i = header.findIndex((name) => nameScore(name, 'currency') === 2);
    if (i < 0) i = header.findIndex((name) => nameScore(name, 'currency') === 1);
    this.currencyColumn = i >= 0 ? i : null;
  }
}
