/**
 * Reading a billing export: invoices, charges or transactions (one row per payment attempt or invoice), or a
 * subscription list (one row per subscription). The file is decoded and split as the orders importer does it
 * (sniff: encoding, delimiter, header; the record reader: quotes, line breaks in fields), dates and numbers are
 * read by the importer's cell readers, and every row is accounted for: rows read = rows used + rows skipped, each
 * skip with its reason and lines.
 */
import { charsOf } from '../import/chars';
import { notice } from '../notice';
import { ImportError } from '../import';
import { sniff } from '../import/sniff';
import { readRecords } from '../import/rows';
import { DateFit, NO_DAY, readDateCell } from '../import/dates';
import { currencyInHeader, currencyOf, NumberColumnEvidence, readNumberCell, NumberFit } from '../import/numbers';
import type { DayNumber } from '../types';
import { billingColumns, billingShape, type BillingColumns, type BillingShape } from './columns';
import { parseInterval, type Interval } from './intervals';
import { paymentStatus, subscriptionStatus, type PaymentStatus, type SubscriptionStatus } from './statuses';

/** One invoice, charge or transaction. */
export interface BillingPayment {
  line: number;
  /** The invoice it belongs to (a charge's invoice id, or the invoice's own id); null when the file has none. */
  invoice: string | null;
  customer: string;
  /** The subscription id, or the customer id when the file has no subscription column. */
  subscription: string;
  day: DayNumber;
  status: PaymentStatus;
  /** Money received when paid (Amount Paid, else the total); the amount billed otherwise. Never negative. */
  amount: number;
  /** Money refunded on it, as a positive number (a negative row is a refund of its amount). */
  refunded: number;
  interval: Interval | null;
  periodStart: DayNumber | null;
  periodEnd: DayNumber | null;
  /** Payment attempts the row reports (Stripe's Attempt Count; 1 for Attempted = true), when the file says. */
  attempts: number | null;
}

/** One row of a subscription list. */
export interface BillingSubscription {
  line: number;
  customer: string;
  subscription: string;
  start: DayNumber;
  /** When it stopped paying (ended, else cancelled); null while it runs. */
  end: DayNumber | null;
  status: SubscriptionStatus;
  /** The price of one interval, times the quantity. */
  amount: number;
  interval: Interval | null;
}

export interface SkippedRows {
  code: string;
  reason: string;
  count: number;
  lines: number[];
}

export interface BillingFile {
  fileName: string;
  shape: BillingShape;
  header: string[];
  columns: BillingColumns;
  currency: string | null;
  payments: BillingPayment[];
  subscriptions: BillingSubscription[];
  /** The latest date the file holds: what is known is known up to this day. */
  asOf: DayNumber;
  rowsRead: number;
  skipped: SkippedRows[];
}

const MAX_LINES_KEPT = 20;

/** Reads a billing export; throws an ImportError with one sentence when the file is not one. */
export function readBillingFile(bytes: Uint8Array, fileName: string): BillingFile {
  const guess = sniff(bytes.subarray(0, 1 << 20), fileName, bytes.length);
  if (guess.problem) throw new ImportError(guess.problemCode ?? 'unreadable', guess.problem);
  if (!guess.hasHeader) throw new ImportError('billing-no-header', 'A billing export needs its header row to tell its columns apart.');
  const columns = billingColumns(guess.header);
  const shape = billingShape(columns);
  if (!shape) throw new ImportError('not-billing', 'This file has no subscription, plan interval, billing period or cancellation column: it is not a billing export.');
  const text = new TextDecoder(guess.encoding).decode(bytes);
  const records = readRecords(text, guess.delimiter).slice(1);
  const rows = records.map((r) => r.fields);
  const dateCols = (['date', 'start', 'periodStart', 'periodEnd', 'canceledAt', 'endedAt'] as const).map((r) => columns[r]).filter((c): c is number => c !== null);
  // What has happened: a period's or a term's end lies ahead, and so may a cancellation still to take effect (a
  // subscription list's paying rows), so neither moves the file's last date.
  const pastCols = dateCols.filter((c) => c !== columns.periodEnd && c !== columns.canceledAt);
  const dayFirst = decideDayFirst(rows, dateCols, guess.dateOrder);
  const commaDecimal = decideCommaDecimal(rows, [columns.amount, columns.amountPaid, columns.refunded].filter((c): c is number => c !== null));
  const cell = (row: string[], col: number | null) => (col === null ? '' : (row[col] ?? '').trim());
  const skips = new Map<string, SkippedRows>();
  const skip = (code: string, reason: string, line: number) => {
    let s = skips.get(code);
    if (!s) skips.set(code, (s = { code, reason, count: 0, lines: [] }));
    s.count++;
    if (s.lines.length < MAX_LINES_KEPT) s.lines.push(line);
  };
  const dayOf = (row: string[], col: number | null) => readDay(cell(row, col), dayFirst);
  const numberOf = (row: string[], col: number | null) => readNumber(cell(row, col), commaDecimal);

  // The currency: a column's most common value, else a sign in the amounts or the header.
  const currencyCounts = new Map<string, number>();
  const rowCurrency = rows.map((row) => {
    const raw = cell(row, columns.currency).toUpperCase();
    const code = raw ? (currencyOf(raw) ?? raw) : null;
    if (code) currencyCounts.set(code, (currencyCounts.get(code) ?? 0) + 1);
    return code;
  });
  let currency: string | null = null;
  for (const [code, n] of currencyCounts) if (currency === null || n > currencyCounts.get(currency)!) currency = code;
  currency ??= guess.currency ?? currencyInHeader(guess.header[columns.amountPaid ?? columns.amount ?? -1]);

  const payments: BillingPayment[] = [];
  const subscriptions: BillingSubscription[] = [];
  let asOf = -Infinity;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const line = records[i].line;
    for (const c of pastCols) {
      const d = dayOf(row, c);
      if (d !== null && d > asOf) asOf = d;
    }
    const customer = cell(row, columns.customer);
    if (!customer) { skip('missing-customer', 'Customer is empty', line); continue; }
    if (currency && rowCurrency[i] && rowCurrency[i] !== currency) { skip('other-currency', `In another currency than ${currency}`, line); continue; }
    const interval = columns.interval === null ? null : parseInterval(cell(row, columns.interval), cell(row, columns.intervalCount));
    if (shape === 'subscriptions') {
      const start = dayOf(row, columns.start ?? columns.date);
      if (start === null) { skip('bad-date', 'Start date is empty or not a date', line); continue; }
      const price = numberOf(row, columns.amount ?? columns.amountPaid);
      if (price === null) { skip('bad-amount', 'Amount is empty or not a number', line); continue; }
      const q = numberOf(row, columns.quantity);
      const status = subscriptionStatus(cell(row, columns.status));
      // An ended subscription stopped when it ended (or, without that, was cancelled, or its term ran out). A paying
      // one may carry a cancellation date: asked for, taking effect at the end of its term; it pays until then.
      const ended = dayOf(row, columns.endedAt);
      const end = status === 'ended' ? (ended ?? dayOf(row, columns.canceledAt) ?? dayOf(row, columns.periodEnd) ?? start) : ended;
      if (status === 'ended' && end !== null && end > asOf) asOf = end;
      subscriptions.push({
        line, customer, subscription: cell(row, columns.subscription) || cell(row, columns.invoice) || customer, start,
        end: end !== null && end < start ? start : end,
        status, amount: Math.abs(price) * (q !== null && q > 0 ? q : 1), interval,
      });
      continue;
    }
    const day = dayOf(row, columns.date ?? columns.start);
    if (day === null) { skip('bad-date', 'Date is empty or not a date', line); continue; }
    const total = numberOf(row, columns.amount);
    const paidCell = numberOf(row, columns.amountPaid);
    if (total === null && paidCell === null) { skip('bad-amount', 'Amount is empty or not a number', line); continue; }
    let { status } = paymentStatus(cell(row, columns.status));
    const attempts = numberOf(row, columns.attempts) ?? (/^(true|yes|1)$/i.test(cell(row, columns.attempted)) ? 1 : null);
    let refunded = Math.abs(numberOf(row, columns.refunded) ?? 0);
    let amount = status === 'paid' || status === 'refunded' ? (paidCell ?? total!) : (total ?? paidCell!);
    if (amount < 0) {
      // A negative row is money going back: a refund of that amount.
      refunded = -amount;
      amount = 0;
      status = 'refunded';
    } else if (status === 'refunded') refunded = refunded || amount;
    if (status === 'pending' && attempts !== null && attempts >= 1 && /open/i.test(cell(row, columns.status))) status = 'failed';
    payments.push({
      line, invoice: cell(row, columns.invoice) || null, customer, subscription: cell(row, columns.subscription) || customer, day, status, amount, refunded,
      interval, periodStart: dayOf(row, columns.periodStart), periodEnd: dayOf(row, columns.periodEnd), attempts,
    });
  }
  if (asOf === -Infinity) throw new ImportError('billing-no-dates', 'No row of this billing export has a date that can be read.');
  return { fileName, shape, header: guess.header, columns, currency, payments, subscriptions, asOf, rowsRead: rows.length, skipped: [...skips.values()] };
}

const dateOut = new Int32Array(2);

function readDay(text: string, dayFirst: boolean): DayNumber | null {
  if (!text) return null;
  const fit = readDateCell(charsOf(text), 0, text.length, dateOut);
  if (fit === DateFit.Invalid) return null;
  const d = dayFirst ? (dateOut[0] !== NO_DAY ? dateOut[0] : dateOut[1]) : (dateOut[1] !== NO_DAY ? dateOut[1] : dateOut[0]);
  return d === NO_DAY ? null : d;
}

/** Day first unless a cell of the date columns can only be month first (or the sniff said so). */
function decideDayFirst(rows: string[][], cols: number[], sniffed: string | null): boolean {
  let dayFirst = false, monthFirst = false;
  for (const row of rows) {
    for (const c of cols) {
      const t = (row[c] ?? '').trim();
      if (!t) continue;
      const fit = readDateCell(charsOf(t), 0, t.length, dateOut);
      if (fit === DateFit.DayFirstOnly) dayFirst = true;
      else if (fit === DateFit.MonthFirstOnly) monthFirst = true;
    }
  }
  if (dayFirst !== monthFirst) return dayFirst;
  return sniffed !== 'MDY';
}

const numberOut = new Float64Array(2);

function readNumber(text: string, commaDecimal: boolean): number | null {
  if (!text) return null;
  const fit = readNumberCell(charsOf(text), 0, text.length, numberOut);
  if (fit === NumberFit.Empty || fit === NumberFit.Invalid) return null;
  const v = commaDecimal ? (Number.isNaN(numberOut[1]) ? numberOut[0] : numberOut[1]) : Number.isNaN(numberOut[0]) ? numberOut[1] : numberOut[0];
  return Number.isFinite(v) ? v : null;
}

/** The amounts' decimal mark, decided from all their cells as the orders importer decides it ("99.000 ₫" groups). */
function decideCommaDecimal(rows: string[][], cols: number[]): boolean {
  const evidence = new NumberColumnEvidence();
  for (const row of rows) {
    for (const c of cols) {
      const t = charsOf((row[c] ?? '').trim());
      if (t.length) evidence.add(readNumberCell(t, 0, t.length, numberOut), t, 0, t.length);
    }
  }
  return evidence.decide().decimal === ',';
}

/** The English sentence for a billing export's skipped rows, as the CLI prints it. */
export const skippedText = (s: SkippedRows) => notice(s.code, `${s.count} row${s.count === 1 ? '' : 's'} not used: ${s.reason} (lines ${s.lines.join(', ')})`).text;
