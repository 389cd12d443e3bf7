/**
 * The end of an import: each column's day/month order and decimal mark are decided from all its evidence, rows that
 * contradict their column's decision are rejected, orders and statuses are resolved (orders.ts: each row counted,
 * left out for its status, or rejected for a missing amount), and the counted rows become the TransactionTable,
 * described by the ImportReport. rowsRead = rowsAccepted + rowsRejected, where the accepted rows are the counted ones
 * and those left out for their status (listed by status in `excluded`).
 */
import { narrowDays } from '../day-column';
import { release } from '../release';
import { narrowTableMoney } from '../money-column';
import { offerSpare } from '../spare-memory';
import { withPackedCustomerIds } from '../customer-ids';
import { withCountingLines } from './dataset-table';
import type { DateOrder, ImportReport, Notice, NoticeVars, NumberFormat, OrderAmountReading, ImportedTable, TransactionTable } from '../types';
import { NO_DAY } from './dates';
import { compactCodes } from './code-dictionary';
import { compactDictionary } from './growable';
import { ImportError } from './import-error';
import type { ImportOptions } from './import-options';
import { INHERIT_CUSTOMER, INHERIT_DATE, type ImportState, type LabelColumn, type LabelRole, type NumberColumn, type OrderColumn } from './import-state';
import { notice } from '../notice';
import { marginReading, type MarginReading } from './margin-column';
import { commaReading, currencyInHeader, MAX_CELL_MAGNITUDE, pointReading } from './numbers';
import { countPurchases, RowFate, type PurchaseOutcome } from './orders';

/** q × p as the decimal product it is (6 × 2.55 = 15.3, not 15.299999999999999). */
const product = (q: number, p: number) => {
  const v = q * p;
  return Math.abs(v) < 1e9 ? Math.round(v * 1e6) / 1e6 : v;
};

/** Each column's reading, decided from all its values. */
interface Decisions {
  dateOrder: DateOrder;
  formats: Map<NumberColumn, NumberFormat>;
}

/** The kept rows' values under the decisions, in the first `kept` places of each column. */
interface KeptRows {
  /** How the margin column was read, when there is one. */
  margins: MarginReading | null;
  /** Kept rows whose cost or margin cell reads only with the other decimal mark, and the first one's line. */
  costMismatch: { count: number; line: number };
  kept: number;
  day: Int32Array;
  /** NaN where the amount cell was empty (amountEmpty); null when the file has no amounts. */
  amount: Float64Array | null;
  cost: Float64Array | null;
  /** Refunded amount (NaN where empty or unreadable); null without the column. */
  refunded: Float64Array | null;
}

/** The counted rows, and what the order and status resolution found. */
interface CountedRows {
  counted: number;
  excludedRows: number;
  excludedOnlyCustomers: number;
  purchases: PurchaseOutcome | null;
}

const DEFAULT_FORMAT: NumberFormat = { decimal: '.', group: '' };

/** A row column the table does not keep is offered as spare memory (spare-memory.ts) from this size. */
const SPARE_FROM_BYTES = 1 << 20;

/**
 * Decide the formats, keep the rows that fit them, resolve orders and statuses, and build the table and the report.
 * Throws ImportError when no data row was read. Call once: the kept rows are moved up in the state's own columns.
 */
export function finishImport(state: ImportState, options: ImportOptions, stream: { bytes: number; replacedCharacters: number }): { table: ImportedTable; report: ImportReport } {
  const header = state.header;
  if (header === null) throw new ImportError('no-rows', 'The file is empty: it has no rows to read.');
  if (state.read === 0) throw new ImportError('header-only', 'The file has a header line but no data rows.');
  const decisions: Decisions = {
    dateOrder: state.dates.decide(options.dateOrderFallback ?? 'DMY'),
    formats: new Map(Object.values(state.numbers).map((column) => [column, column.evidence.decide()])),
  };
  // Rows that are each an order of their own keep no order codes (see OrderColumn), and stay so as rows are dropped
  // below; a blank order id among them is a code the end renumbers, so those get their column.
  const order = state.labels.order;
  if (order && !order.codes && order.dict.blank >= 0) state.orderCodes(order, state.rows);
  // Every row is read: the dictionaries' lookup tables, and the order ids' text, are not needed from here on.
  state.customers.seal();
  for (const [role, label] of Object.entries(state.labels)) {
    if (role === 'order') (label as OrderColumn).dict.seal(false);
    else (label as LabelColumn).dict.seal();
  }
  const gone = giveItemLinesTheirOrder(state);
  const rows = keepRowsThatFit(state, decisions, gone);
  const counted = countRows(state, rows, options);
  const table = tableOf(state, rows, counted);
  // The amount's format and currency are the unit price's when the amount is quantity × unit price.
  const valueColumn = state.numbers.amount ?? state.numbers.unitPrice;
  const purchases = counted.purchases;
  const report: ImportReport = {
    fileName: options.fileName,
    bytes: stream.bytes,
    encoding: options.encoding,
    delimiter: options.delimiter,
    hasHeader: options.hasHeader,
    header,
    mapping: options.mapping,
    dateOrder: decisions.dateOrder,
    amountFormat: valueColumn ? decisions.formats.get(valueColumn)! : DEFAULT_FORMAT,
    currency: valueColumn?.evidence.currency ?? mostFrequent(state.currencyCodes) ?? (valueColumn ? currencyInHeader(header[valueColumn.col]) : null),
    rowsRead: state.read,
    rowsAccepted: counted.counted + counted.excludedRows,
    rowsRejected: state.rejects.total,
    blankLines: state.blankLines,
    rejected: state.rejects.list(),
    warnings: warningsOf(state, options.encoding, stream.replacedCharacters, decisions.dateOrder, rows, purchases?.reading ?? null),
    excluded: purchases?.excluded ?? [],
    statuses: purchases?.statuses ?? null,
    excludedOnlyCustomers: counted.excludedOnlyCustomers,
    orderAmounts: purchases?.reading ?? null,
  };
  // The per-row columns the table does not hold (the amount cells' evidence, the other reading of the dates, …) are
  // read no more: given back now, not when the collector next runs (src/core/release.ts).
  // (Read through descriptors: reading `customerIds` would make the ids into strings.)
  const kept = new Set(Object.values(Object.getOwnPropertyDescriptors(table)).flatMap((d) => (ArrayBuffer.isView(d.value) ? [d.value.buffer] : [])));
  const unread = [...new Set(state.rowArrays().filter((a) => !kept.has(a.buffer)).map((a) => a.buffer as ArrayBuffer))];
  // The largest (the amounts as read, 8 bytes a row) is written memory the table's first grouping can use instead.
  const largest = unread.reduce<ArrayBuffer | null>((a, b) => (a === null || b.byteLength > a.byteLength ? b : a), null);
  const spare = largest && largest.byteLength >= SPARE_FROM_BYTES ? largest : null;
  if (spare) offerSpare(spare);
  release(...unread.filter((b) => b !== spare).map((b) => new Uint8Array(b)));
  return { table, report };
}

/**
 * Rows kept with an empty customer or date because they have an order id (see ImportState.inherit) take them from
 * the first line of their order that has them, in file order (both readings of its date, so the column's decided
 * order applies to it too). A row whose order has none is rejected for its empty cell, as any other row would have
 * been. Returns 1 for each row so rejected (null when no row waited).
 */
function giveItemLinesTheirOrder(state: ImportState): Uint8Array | null {
  const n = state.rows;
  if (!state.inherit) return null;
  const inherit = state.inherit.data;
  const order = state.labels.order;
  let waiting = 0;
  for (let i = 0; i < n; i++) if (inherit[i] !== 0) waiting++;
  if (waiting === 0 || !order) return null;
  const codes = state.orderCodes(order, n).data;
  const orders = order.dict.size;
  const customerFrom = new Int32Array(orders).fill(-1);
  const dateFrom = new Int32Array(orders).fill(-1);
  for (let i = 0; i < n; i++) {
    const o = codes[i];
    if (!(inherit[i] & INHERIT_CUSTOMER) && customerFrom[o] === -1) customerFrom[o] = i;
    if (!(inherit[i] & INHERIT_DATE) && dateFrom[o] === -1) dateFrom[o] = i;
  }
  const gone = new Uint8Array(n);
  const customer = state.customer.data;
  const dayFirst = state.dayFirst.data;
  const monthFirst = state.monthFirst?.data ?? null;
  for (let i = 0; i < n; i++) {
    const bits = inherit[i];
    if (bits === 0) continue;
    const o = codes[i];
    if (bits & INHERIT_CUSTOMER) {
      const from = customerFrom[o];
      if (from === -1) {
        const column = state.columnName(state.mapping.customer!);
        const line = state.lineOf(i);
        state.rejects.add('missing-customer', () => `Customer id is empty (column "${column}")`, line, () => state.inheritText.get(line), () => ({ column }));
        gone[i] = 1;
        continue;
      }
      customer[i] = customer[from];
    }
    if (bits & INHERIT_DATE) {
      const from = dateFrom[o];
      if (from === -1) {
        const column = state.columnName(state.mapping.date!);
        const line = state.lineOf(i);
        state.rejects.add('missing-date', () => `Date is empty (column "${column}")`, line, () => state.inheritText.get(line), () => ({ column }));
        gone[i] = 1;
        continue;
      }
      dayFirst[i] = dayFirst[from];
      if (monthFirst) monthFirst[i] = monthFirst[from];
    }
  }
  return gone;
}

/**
 * Resolve every kept row under the column decisions, rejecting the rows that contradict their column. The kept rows
 * are moved up in place in the state's per-row columns. Rows in `gone` were rejected already.
 */
function keepRowsThatFit(state: ImportState, { dateOrder, formats }: Decisions, gone: Uint8Array | null): KeptRows {
  const n = state.rows;
  const customer = state.customer.data;
  // Lines as a column only once a row is dropped (see ImportState.line): until then row i is still on its own.
  let line = state.line?.data ?? null;
  const empty = state.amountEmpty?.data ?? null;
  const day = dateOrder === 'MDY' && state.monthFirst ? state.monthFirst.data : state.dayFirst.data;
  // Each number column's values under its decided decimal mark, and under the other, as functions of the row made
  // once per column (the cells are kept as one value and a code; see StoredFit).
  const decided = new Map<NumberColumn | undefined, (i: number) => number>();
  const otherReading = new Map<NumberColumn | undefined, (i: number) => number>();
  for (const [column, format] of formats) {
    decided.set(column, readingOf(column, format.decimal === ','));
    otherReading.set(column, readingOf(column, format.decimal !== ','));
  }
  const costMismatch = { count: 0, line: 0 };
  const valueOf = (column: NumberColumn | undefined, i: number) => (column ? decided.get(column)!(i) : NaN);
  const { amount: amountCol, quantity: qtyCol, unitPrice: priceCol, cost: costCol, margin: marginCol, refunded: refundedCol } = state.numbers;
  const amountValues = amountCol ? decided.get(amountCol)! : null;
  const qtyValues = qtyCol ? decided.get(qtyCol)! : null;
  const priceValues = priceCol ? decided.get(priceCol)! : null;
  const refundedValues = refundedCol ? decided.get(refundedCol)! : null;
  const hasAmounts = amountValues !== null || (qtyValues !== null && priceValues !== null);
  // The resolved values are written over the cells' own column (row i's cells are read before anything is written at
  // kept ≤ i): a second array of 8 bytes a row for the amounts, and for refunds, was the largest part of the import's
  // peak in its last step.
  const amount = hasAmounts ? (amountCol ?? qtyCol)!.value.data : null;
  const refunded = refundedCol ? refundedCol.value.data : null;
  const dateText = dateOrder === 'MDY' ? state.dayFirstOnlyText : state.monthFirstOnlyText;
  const orderName = dateOrder === 'MDY' ? 'month/day' : 'day/month';
  const dateColumn = () => state.columnName(state.mapping.date!);
  const rowValue = (i: number) => (amountValues ? amountValues(i) : qtyValues && priceValues ? product(qtyValues(i), priceValues(i)) : 0);
  const margins = marginCol ? marginReading(state.columnName(marginCol.col), marginCol.evidence.percentCells, Float64Array.from({ length: n }, (_, i) => decided.get(marginCol)!(i)), rowValue, n) : null;
  const marginIsShare = margins?.as === 'share';
  const cost = costCol || marginCol ? new Float64Array(n) : null;
  const labelCodes = rowCodeColumns(state);
  let kept = keptPrefix(state, amountCol && !cost && !refunded ? amountCol : null, formats, gone, day, amount);
  for (let i = kept; i < n; i++) {
    if (gone && gone[i] === 1) continue;
    const lineNumber = state.lineOf(i);
    if (day[i] === NO_DAY) {
      state.rejects.add('date-order-mismatch', () => `Date does not fit the ${orderName} order of the rest of column "${dateColumn()}"`, lineNumber, () => dateText.get(lineNumber), () => ({ column: dateColumn(), variant: dateOrder === 'MDY' ? 'MDY' : 'DMY' }));
      continue;
    }
    const value = rowValue(i);
    // An empty amount was kept on purpose (see amountEmpty); any other NaN is a cell of the wrong decimal mark.
    const isEmpty = empty !== null && empty[i] === 1;
    const column = Number.isNaN(value) && !isEmpty ? [amountCol, qtyCol, priceCol].find((c) => c && Number.isNaN(valueOf(c, i))) : undefined;
    if (!column && !(Math.abs(value) <= MAX_CELL_MAGNITUDE) && !isEmpty) {
      // Only a product can get here: each cell was bounded as it was read.
      state.rejects.add('too-large-product', 'Quantity × unit price is too large to be read (above 10^15)', lineNumber, () => state.riskyProductText.get(lineNumber));
      continue;
    }
    if (column) {
      const decimal = formats.get(column)!.decimal;
      const texts = decimal === '.' ? column.onlyCommaText : column.onlyDotText;
      state.rejects.add(`number-format-mismatch-${column === priceCol ? 'price' : column === qtyCol ? 'quantity' : 'amount'}`, () => `Number uses a different decimal mark from the rest of column "${state.columnName(column.col)}" (which uses "${decimal}")`, lineNumber, () => texts.get(lineNumber), () => ({ column: state.columnName(column.col), decimal }));
      continue;
    }
    customer[kept] = customer[i];
    if (line === null && kept !== i) line = state.lines(n).data;
    if (line) line[kept] = lineNumber;
    day[kept] = day[i];
    if (empty) empty[kept] = empty[i];
    if (amount) amount[kept] = value;
    if (refunded && refundedValues) refunded[kept] = refundedValues(i);
    if (cost) {
      const costColumn = (costCol ?? marginCol)!;
      const costValue = valueOf(costColumn, i);
      if (Number.isNaN(costValue) && !Number.isNaN(otherReading.get(costColumn)!(i))) {
        // Readable only with the other decimal mark: the row keeps no cost, and the user is told.
        if (costMismatch.count++ === 0) costMismatch.line = lineNumber;
      }
      if (costCol) cost[kept] = costValue;
      else if (isEmpty) cost[kept] = 0; // an order's item line without an amount: its margin costs nothing
      else {
        const margin = costValue;
        cost[kept] = marginIsShare ? value * (1 - (Math.abs(margin) > 1 ? margin / 100 : margin)) : value - margin;
      }
    }
    for (let l = 0; l < labelCodes.length; l++) labelCodes[l][kept] = labelCodes[l][i];
    kept++;
  }
  return { kept, day, amount, cost, refunded, margins, costMismatch };
}

/**
 * How many rows from the first stay where they are, their amounts resolved in place: the loop above does no more for
 * them when the amount comes from an amount column (`amountCol`; null when there is a cost, a margin or refunds to
 * carry as well) and each row has its date under the decided order and an amount of the decided decimal mark within
 * bounds (its line, empty-amount mark and labels are then already in place). The loop above takes over at the first
 * row that is not so, or was rejected already (`gone`). At ten million rows it took 140 of the finish's 360 ms
 * calling a reading per row through closures.
 */
function keptPrefix(state: ImportState, amountCol: NumberColumn | null, formats: Decisions['formats'], gone: Uint8Array | null, day: Int32Array, amount: Float64Array | null): number {
  if (!amountCol || !amount) return 0;
  const n = state.rows;
  const fit = amountCol.fit.data;
  const value = amountCol.value.data;
  const comma = formats.get(amountCol)!.decimal === ',';
  let i = 0;
  for (; i < n; i++) {
    if ((gone !== null && gone[i] === 1) || day[i] === NO_DAY) break;
    const v = comma ? commaReading(fit[i], value[i]) : pointReading(fit[i], value[i]);
    if (!(Math.abs(v) <= MAX_CELL_MAGNITUDE)) break;
    amount[i] = v;
  }
  return i;
}

/** A number column's cells read with ',' (or '.') as the decimal mark, by row. */
function readingOf(column: NumberColumn, comma: boolean): (i: number) => number {
  const fit = column.fit.data;
  const value = column.value.data;
  return comma ? (i) => commaReading(fit[i], value[i]) : (i) => pointReading(fit[i], value[i]);
}

/**
 * Resolve orders and statuses over the kept rows (orders.ts), reject the rows left without an amount, and move the
 * counted rows up in place; rows left out for their status are only counted.
 */
function countRows(state: ImportState, rows: KeptRows, options: ImportOptions): CountedRows {
  const { kept, amount, refunded } = rows;
  const order = state.labels.order;
  const status = state.labels.status;
  if (!order && !status && !refunded) return { counted: kept, excludedRows: 0, excludedOnlyCustomers: 0, purchases: null };
  const purchases = countPurchases({
    n: kept,
    order: order ? (order.codes ? order.codes.data : 'row') : null,
    orderCodes: order ? { count: order.dict.size, blank: order.dict.blank } : null,
    amount,
    empty: state.amountEmpty?.data ?? null,
    fromProduct: !state.numbers.amount,
    amountHeader: state.numbers.amount ? state.columnName(state.numbers.amount.col) : '',
    refunded,
    refundedHeader: state.numbers.refunded ? state.columnName(state.numbers.refunded.col) : '',
    status: status ? status.codes.data : null,
    statusValues: status ? status.dict.values : null,
    statusChoices: options.statusChoices ?? [],
  });
  const { fate } = purchases;
  // Usually every row counts: the rows stay where they are, and only the refunds resolved per order are copied in
  // (the amounts were resolved in place).
  let left = 0;
  while (left < kept && fate[left] === RowFate.Counted) left++;
  // Each row's fate and the refunds resolved per order are read here only: given back once copied in.
  const done = () => release(fate, purchases.refunded);
  if (left === kept) {
    if (refunded && purchases.refunded) refunded.set(purchases.refunded.subarray(0, kept));
    done();
    return { counted: kept, excludedRows: 0, excludedOnlyCustomers: 0, purchases };
  }
  const customer = state.customer.data;
  let line = state.line?.data ?? null;
  const labelCodes = rowCodeColumns(state);
  const inTable = new Uint8Array(state.customers.size);
  const excludedCustomer = new Uint8Array(state.customers.size);
  const amountColumn = () => state.columnName(state.numbers.amount!.col);
  let counted = 0;
  let excludedRows = 0;
  for (let i = 0; i < kept; i++) {
    if (fate[i] === RowFate.Excluded) {
      excludedRows++;
      excludedCustomer[customer[i]] = 1;
      continue;
    }
    if (fate[i] === RowFate.MissingAmount) {
      const lineNumber = state.lineOf(i);
      state.rejects.add('missing-amount', () => `Amount is empty (column "${amountColumn()}")`, lineNumber, () => state.emptyAmountText.get(lineNumber), () => ({ column: amountColumn() }));
      continue;
    }
    inTable[customer[i]] = 1;
    customer[counted] = customer[i];
    if (line === null && counted !== i) line = state.lines(kept).data;
    if (line) line[counted] = line[i];
    rows.day[counted] = rows.day[i];
    if (amount) amount[counted] = purchases.amount[i];
    if (refunded && purchases.refunded) refunded[counted] = purchases.refunded[i];
    if (rows.cost) rows.cost[counted] = rows.cost[i];
    for (let l = 0; l < labelCodes.length; l++) labelCodes[l][counted] = labelCodes[l][i];
    counted++;
  }
  let excludedOnlyCustomers = 0;
  for (let c = 0; c < inTable.length; c++) if (excludedCustomer[c] && !inTable[c]) excludedOnlyCustomers++;
  done();
  release(inTable, excludedCustomer);
  return { counted, excludedRows, excludedOnlyCustomers, purchases };
}

/**
 * The first `counted` entries of a column the import filled, for the table: a view when they fill most of it (the
 * columns are sized ahead to within a few percent of the rows), a copy when many rows were dropped. Copying every
 * column at the end held two full copies of the table at the import's peak. The import's state is dropped after.
 */
function countedPart<T extends Uint32Array | Int32Array | Float64Array>(column: T, counted: number): T {
  return counted >= column.length * 0.9 ? (column.subarray(0, counted) as T) : (column.slice(0, counted) as T);
}

/**
 * The per-row code columns the kept rows are moved up in: every label's, and the order ids' unless each row is an
 * order of its own (no column; moved-up rows stay so).
 */
function rowCodeColumns(state: ImportState): Uint32Array[] {
  return Object.values(state.labels).flatMap((l) => (l.codes ? [l.codes.data] : []));
}

/** Whether code i is at row i throughout (a file of orders, not of their lines). */
function isIdentity(codes: Uint32Array): boolean {
  for (let i = 0; i < codes.length; i++) if (codes[i] !== i) return false;
  return true;
}

/** The counted rows as a table; dictionaries lose the values only rejected or excluded rows used. */
function tableOf(state: ImportState, { day, amount, cost, refunded }: KeptRows, { counted }: CountedRows): ImportedTable {
  // Values only other rows used are dropped: rows rejected or excluded at the end, or ids refused for undecodable bytes.
  const droppedLate = counted < state.rows;
  const customerCodes = countedPart(state.customer.data, counted);
  // Usually every id is kept: they stay packed until read (src/core/customer-ids.ts).
  const compacted = droppedLate || state.customers.undecodable ? compactDictionary(customerCodes, counted, state.customers.values) : null;
  const labelColumn = (role: Exclude<LabelRole, 'order'>) => {
    const label = state.labels[role];
    if (!label) return { codes: null, names: null };
    const codes = countedPart(label.codes.data, counted);
    return { codes, names: droppedLate || label.dict.undecodable ? compactDictionary(codes, counted, label.dict.values) : label.dict.values };
  };
  const order = state.labels.order;
  const orderCodes = order?.codes ? countedPart(order.codes.data, counted) : null;
  // Without codes every counted row is an order of its own (and none is blank: see finishImport).
  const orderSet = !order ? null : !orderCodes ? { count: counted, blank: -1 } : droppedLate || order.dict.undecodable ? compactCodes(orderCodes, counted, order.dict.size, order.dict.blank) : { count: order.dict.size, blank: order.dict.blank };
  const products = labelColumn('product');
  const channels = labelColumn('channel');
  const discounts = labelColumn('discount');
  const names = labelColumn('contactName');
  const emails = labelColumn('email');
  const phones = labelColumn('phone');
  const wideDays = countedPart(day, counted);
  const days = narrowDays(wideDays);
  // Days narrowed to 16 bits leave the 32-bit array's memory, written already, for the amounts in 32 bits: fresh memory
  // costs a page fault a page (10M lines: 38 MB, 0.1–0.2 s on the machine the bench runs on).
  const table = {
    length: counted,
    customer: customerCodes,
    day: days,
    ...moneyColumns(amount, refunded, counted, days !== wideDays ? wideDays.buffer : null),
    ...(amount ? {} : { withoutAmounts: true }),
    cost: cost ? countedPart(cost, counted) : null,
    // Every row an order of its own: its codes are 0, 1, 2, … in first-use order, left out (TransactionTable.order).
    order: orderCodes && orderSet && !isIdentity(orderCodes) ? orderCodes : null,
    orderCodes: orderSet,
    product: products.codes,
    productNames: products.names,
    channel: channels.codes,
    channelNames: channels.names,
    ...(discounts.codes ? { discount: discounts.codes, discountCodes: discounts.names } : {}),
    ...(names.codes ? { contactName: names.codes, contactNames: names.names } : {}),
    ...(emails.codes ? { email: emails.codes, emails: emails.names } : {}),
    ...(phones.codes ? { phone: phones.codes, phones: phones.names } : {}),
  };
  const withIds = compacted ? { ...table, customerIds: compacted } : withPackedCustomerIds<Omit<ImportedTable, 'line'>>(table, state.customers.packedExactly());
  return state.line ? Object.assign(withIds, { line: countedPart(state.line.data, counted) }) : withCountingLines(withIds, state.firstLine, counted);
}

/**
 * The table's amount and refunded columns: in 32 bits (whole units or cents) when every value fits one scale, as a
 * shop's nearly always do; zeros for a file without amounts. The 64-bit columns read are given back by the caller.
 * `spare`: memory nothing reads any more, which the 32-bit amounts may be written into.
 */
function moneyColumns(amount: Float64Array | null, refunded: Float64Array | null, counted: number, spare: ArrayBufferLike | null): Pick<TransactionTable, 'amount' | 'refunded' | 'moneyScale'> {
  if (!amount) return { amount: new Int32Array(counted), moneyScale: 1 };
  const money = narrowTableMoney(countedPart(amount, counted), refunded ? countedPart(refunded, counted) : null, spare);
  return { amount: money.amount, ...(money.refunded ? { refunded: money.refunded } : {}), ...(money.moneyScale ? { moneyScale: money.moneyScale } : {}) };
}

/** What the user should know about how the file was read, in a fixed order. */
function warningsOf(state: ImportState, encoding: string, replacedCharacters: number, dateOrder: DateOrder, { margins, costMismatch }: KeptRows, reading: OrderAmountReading | null): Notice[] {
  const warnings: Notice[] = [];
  const warn = (code: string, text: string, vars: NoticeVars) => warnings.push(notice(code, text, vars));
  if (state.dates.ambiguous) {
    const column = state.columnName(state.mapping.date!);
    warn('ambiguous-dates', `Every date in column "${column}" could be read as day/month or month/day; they were read as ${dateOrder === 'MDY' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}.`, { column, variant: dateOrder === 'MDY' ? 'MDY' : 'DMY' });
  }
  if (state.extraFieldsLine) warn('extra-fields', `Some rows have more fields than the header (first on line ${state.extraFieldsLine}); the extra fields were ignored.`, { line: state.extraFieldsLine });
  if (margins?.fromValues) {
    const column = state.columnName(state.mapping.margin!);
    warn('margin-as-share', `Column "${column}" holds margins as shares of the amount (0.4 = 40%), and was read so.`, { column });
  }
  if (state.costUnreadable) warn('cost-unreadable', `${state.costUnreadable} cost or margin cells were not numbers; those rows have no cost.`, { count: state.costUnreadable });
  if (costMismatch.count) {
    const column = state.columnName((state.mapping.cost ?? state.mapping.margin)!);
    warn('cost-decimal-mismatch', `${costMismatch.count} cells of column "${column}" use a different decimal mark from the rest of it (first on line ${costMismatch.line}); those rows have no cost.`, { count: costMismatch.count, column, line: costMismatch.line });
  }
  if (state.refundedUnreadable) {
    const column = state.columnName(state.mapping.refunded!);
    warn('refunded-unreadable', `${state.refundedUnreadable} cells of column "${column}" were not numbers; those rows have no refund.`, { count: state.refundedUnreadable, column });
  }
  if (reading === 'total-on-one-line' || reading === 'total-repeated') {
    const column = state.columnName(state.mapping.amount!);
    const text = reading === 'total-on-one-line'
      ? `Column "${column}" holds each order's total on one of its lines (the others are its items): each order was counted once.`
      : `Column "${column}" repeats each order's total on every line of the order: each order was counted once.`;
    warn(`order-${reading}`, text, { column });
  }
  if (replacedCharacters) {
    const name = encoding.toUpperCase();
    warn('replaced-characters', `${replacedCharacters} characters could not be read as ${name} and show as �.`, { count: replacedCharacters, encoding: name });
  }
  for (const column of Object.values(state.numbers)) {
    if (column.evidence.conflicting) warn('mixed-decimal-marks', `Column "${state.columnName(column.col)}" mixes decimal points and decimal commas; rows that disagree with the majority were rejected.`, { column: state.columnName(column.col) });
  }
  return warnings;
}

function mostFrequent(counts: Map<string, number>): string | null {
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return best;
}
