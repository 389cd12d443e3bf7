/**
 * Orders, not lines: with an order id, each order counts once whatever the number of its lines, and each row is
 * counted, left out for its status, or (for a missing amount) rejected.
 *
 * How the money column relates to the order is decided per file, from the orders that have several lines:
 * - every such order has a value on exactly one line and the others empty: the value is the order's total on one
 *   line (Shopify: "Total" on the first line; the other lines are its items) → `total-on-one-line`;
 * - every such order repeats one value on all its lines, and either the header names an order total or at least
 *   three orders show it: the order's total repeated per line (Shopee, TikTok Shop) → `total-repeated`;
 * - anything else (lines with different values, quantity × unit price): line amounts, summed → `line`;
 * - no order has two lines: `one-line`, where the three readings agree.
 * An order total is then put on one line of the order (the one that holds it, or the first counted one) and the
 * other lines get 0, so that any sum over rows counts it once. A refunded amount follows the amount when that is
 * an order total; beside line amounts it is per line unless it too repeats one value over an order's lines.
 *
 * Statuses: a row's status is its own, or, when its cell is blank, that of its order's first line with one (Shopify
 * writes the financial status on the first line only). With an order total, the order's first status decides for
 * all its lines.
 */
import type { ExcludedStatus, OrderAmountReading, OrderCodes, StatusCount } from '../types';
import { foldName } from './header-names';
import { StatusRules, foldStatus } from './statuses';

export interface PurchaseInput {
  /** Rows (the rows kept so far, in file order). */
  n: number;
  /**
   * Order code per row and what the codes run over, or null without an order id; 'row' when every row is an order
   * of its own (row i's code is i, and none is blank).
   */
  order: Uint32Array | 'row' | null;
  orderCodes: OrderCodes | null;
  /** The rows' amounts (NaN where `empty`), or null when the file has no amounts. */
  amount: Float64Array | null;
  empty: Uint8Array | null;
  /** Whether the amount is quantity × unit price (always line amounts). */
  fromProduct: boolean;
  amountHeader: string;
  /** Refunded amount per row (NaN where empty or unreadable), or null without that column. */
  refunded: Float64Array | null;
  refundedHeader: string;
  /** Status code per row and the status dictionary, or null without a status column. */
  status: Uint32Array | null;
  statusValues: string[] | null;
  statusChoices: readonly (readonly [string, boolean])[];
}

/** What becomes of a row. */
export const enum RowFate {
  Counted = 0,
  /** Its status does not count as a purchase. */
  Excluded = 1,
  /** No amount for it (nor, with an order total, for its order). */
  MissingAmount = 2,
}

export interface PurchaseOutcome {
  fate: Uint8Array;
  /**
   * The counted rows' amounts (an order total on one line, 0 on its others), 0 throughout without amounts. It is
   * the input's array itself, written over; rows excluded or missing their amount hold no meaningful value.
   */
  amount: Float64Array;
  refunded: Float64Array | null;
  reading: OrderAmountReading | null;
  excluded: ExcludedStatus[];
  statuses: StatusCount[] | null;
}

const NONE = -1;

/** A status as the report shows it: as written, its first 200 characters (a misread column can hold long text). */
const label = (value: string) => (value.length > 200 ? `${value.slice(0, 200)}…` : value);

/** Per order, over its rows in file order: where it starts, how many lines, which lines hold a value. */
interface OrderFacts {
  lines: Int32Array;
  /** First row of the order. */
  first: Int32Array;
  /** First row holding a value (NONE when none does), how many do, and whether they all hold the same one. */
  holder: Int32Array;
  holders: Int32Array;
  same: Uint8Array;
}

function orderFacts(order: Uint32Array, n: number, orders: number, blank: number, value: Float64Array | null, hasValue: (i: number) => boolean): OrderFacts {
  const facts: OrderFacts = {
    lines: new Int32Array(orders),
    first: new Int32Array(orders).fill(NONE),
    holder: new Int32Array(orders).fill(NONE),
    holders: new Int32Array(orders),
    same: new Uint8Array(orders).fill(1),
  };
  for (let i = 0; i < n; i++) {
    const o = order[i];
    if (o === blank) continue;
    if (facts.lines[o]++ === 0) facts.first[o] = i;
    if (!hasValue(i)) continue;
    if (facts.holders[o]++ === 0) facts.holder[o] = i;
    else if (value && value[i] !== value[facts.holder[o]]) facts.same[o] = 0;
  }
  return facts;
}

/**
 * Whether no order id comes back on a later row (blank ids aside): then every order has one line and the readings
 * need no facts per order. Codes are given in first-seen order, so each row's code is then above all before it. Five
 * arrays per order (17 bytes each) were made for nothing in a file of ten million one-line orders.
 */
function everyOrderOnce(order: Uint32Array, n: number, blank: number): boolean {
  let max = -1;
  for (let i = 0; i < n; i++) {
    const o = order[i];
    if (o === blank) continue;
    if (o <= max) return false;
    max = o;
  }
  return true;
}

/** 0, 1, …, n − 1: the order codes of rows that are each an order of their own. */
function rowNumbers(n: number): Uint32Array {
  const codes = new Uint32Array(n);
  for (let i = 0; i < n; i++) codes[i] = i;
  return codes;
}

/** Words in a money column's header that say it holds an order's total, or a line's amount. */
const ORDER_TOTAL_WORDS = /order(total|amount|value|revenue)|grandtotal|^total$|^ordertotal|tonggiatridonhang|donhang|คำสั่งซื้อ|ยอดรวมทั้งหมด/;
const LINE_WORDS = /line|item|sku|unit|paidprice|product|sanpham|สินค้า/;

function headerHint(header: string): 'total' | 'line' | null {
  const folded = foldName(header.replace(/\s*[([][^)\]]*[)\]]\s*/g, ' '));
  if (LINE_WORDS.test(folded)) return 'line';
  return ORDER_TOTAL_WORDS.test(folded) ? 'total' : null;
}

/** The per-file reading of a money column against the order id (see the module's comment). */
function decideReading(facts: OrderFacts, hint: 'total' | 'line' | null): OrderAmountReading {
  let multi = 0;
  let one = 0;
  let same = 0;
  let other = 0;
  for (let o = 0; o < facts.lines.length; o++) {
    const lines = facts.lines[o];
    if (lines < 2 || facts.holders[o] === 0) continue;
    multi++;
    if (facts.holders[o] === 1) one++;
    else if (facts.holders[o] === lines && facts.same[o] === 1) same++;
    else other++;
  }
  if (multi === 0) return 'one-line';
  if (one === multi) return 'total-on-one-line';
  if (same === multi && hint !== 'line' && (hint === 'total' || same >= 3)) return 'total-repeated';
  return 'line';
}

/** Decide the readings, each row's fate and the counted rows' amounts. */
export function countPurchases(input: PurchaseInput): PurchaseOutcome {
  const { n, amount, empty, refunded, status } = input;
  const perRow = input.order === 'row';
  // Codes 0, 1, 2, … made only where a status needs its order's (rows each an order of their own need no facts).
  const order = input.order === 'row' ? (status ? rowNumbers(n) : null) : input.order;
  const hasOrders = input.order !== null;
  const fate = new Uint8Array(n);
  const outRefunded = refunded ? new Float64Array(n) : null;
  const blank = order && input.orderCodes && input.orderCodes.blank >= 0 ? input.orderCodes.blank : NONE;
  const orderCount = input.orderCodes?.count ?? 0;

  // How the amount, and the refund, relate to the order.
  let reading: OrderAmountReading | null = null;
  let amountFacts: OrderFacts | null = null;
  const oneLineEach = perRow || (order !== null && everyOrderOnce(order, n, blank));
  if (!amount) reading = hasOrders ? 'none' : null;
  else if (oneLineEach) reading = 'one-line';
  else if (order) {
    amountFacts = orderFacts(order, n, orderCount, blank, amount, empty ? (i) => empty[i] === 0 : () => true);
    reading = input.fromProduct ? (decideReading(amountFacts, 'line') === 'one-line' ? 'one-line' : 'line') : decideReading(amountFacts, headerHint(input.amountHeader));
  }
  const orderTotal = reading === 'total-on-one-line' || reading === 'total-repeated';
  // The amounts are written over the input, sparing a copy of 8 bytes a row at the import's peak. This is safe: row i
  // writes only its own cell, and reads another row's cell only as its order's holder, which is read before that
  // holder is written (total-on-one-line: by the holder itself) or never written (a holder skipped as excluded or
  // missing its amount; total-repeated places the total on the first counted line).
  const outAmount = amount ?? new Float64Array(n);
  const hasRefund = (i: number) => refunded !== null && refunded[i] !== 0 && !Number.isNaN(refunded[i]);
  let refundPerOrder = orderTotal;
  let refundFacts: OrderFacts | null = null;
  if (refunded && order && !oneLineEach) {
    refundFacts = orderFacts(order, n, orderCount, blank, refunded, hasRefund);
    if (!refundPerOrder) refundPerOrder = decideReading(refundFacts, headerHint(input.refundedHeader)) === 'total-repeated';
  }

  // Each row's status: its own, or its order's first one; with an order total, the order's first for every line.
  const statusOf = status ? new Int32Array(n) : null;
  if (status && statusOf) {
    const blankStatus = input.statusValues!.indexOf('');
    const orderStatus = order ? new Int32Array(orderCount).fill(NONE) : null;
    if (order && orderStatus) {
      for (let i = 0; i < n; i++) {
        const o = order[i];
        if (o !== blank && orderStatus[o] === NONE && status[i] !== blankStatus) orderStatus[o] = status[i];
      }
    }
    for (let i = 0; i < n; i++) {
      const own = status[i];
      const o = order ? order[i] : blank;
      const inherited = orderStatus && o !== blank ? orderStatus[o] : NONE;
      statusOf[i] = inherited !== NONE && (orderTotal || own === blankStatus) ? inherited : own;
    }
  }

  // Fates, and the accounting of statuses.
  const rules = new StatusRules(input.statusChoices);
  const codeCounts = status ? input.statusValues!.map((v) => rules.counts(v)) : null;
  const tally = new Map<string, { status: string; rows: number; orders: Set<number>; counts: boolean }>();
  for (let i = 0; statusOf && codeCounts && i < n; i++) {
    const code = statusOf[i];
    const value = input.statusValues![code];
    const key = foldStatus(value);
    let entry = tally.get(key);
    if (!entry) tally.set(key, (entry = { status: label(value), rows: 0, orders: new Set(), counts: codeCounts[code] }));
    entry.rows++;
    if (order) entry.orders.add(order[i] === blank ? -1 - i : order[i]);
    if (!entry.counts) fate[i] = RowFate.Excluded;
  }

  // Amounts: line values as they are; an order total on its holder line (total-on-one-line) or on its first counted
  // line (total-repeated), 0 on the others; a row (or an order) with no value at all is missing its amount.
  const placed = orderTotal ? new Uint8Array(orderCount) : null;
  const refundPlaced = refundPerOrder && order ? new Uint8Array(orderCount) : null;
  for (let i = 0; i < n; i++) {
    if (fate[i] === RowFate.Excluded) continue;
    const o = order ? order[i] : blank;
    const grouped = o !== blank && o !== NONE;
    let value = 0;
    let carriesOrder = true;
    if (amount) {
      if (orderTotal && grouped && placed && amountFacts) {
        const holder = amountFacts.holder[o];
        if (holder === NONE) {
          fate[i] = RowFate.MissingAmount;
          continue;
        }
        carriesOrder = placed[o] === 0 && (reading === 'total-repeated' || i === holder);
        if (carriesOrder) {
          placed[o] = 1;
          value = amount[holder];
        }
      } else if (empty !== null && empty[i] === 1) {
        fate[i] = RowFate.MissingAmount;
        continue;
      } else value = amount[i];
    }
    outAmount[i] = value;
    if (outRefunded && refunded) {
      if (refundPerOrder && grouped && refundPlaced && refundFacts) {
        // The order's refund goes with its amount: on the line carrying the order (the first counted line when the
        // amounts are per line).
        const holder = refundFacts.holder[o];
        const here = orderTotal ? carriesOrder : refundPlaced[o] === 0;
        if (here && holder !== NONE && refundPlaced[o] === 0) {
          refundPlaced[o] = 1;
          outRefunded[i] = Math.abs(refunded[holder]);
        }
      } else if (hasRefund(i)) outRefunded[i] = Math.abs(refunded[i]);
    }
  }

  const entries = [...tally.values()];
  const byRows = <T extends { rows?: number; count?: number; status: string }>(a: T, b: T) => (b.rows ?? b.count ?? 0) - (a.rows ?? a.count ?? 0) || a.status.localeCompare(b.status);
  const excluded: ExcludedStatus[] = entries
    .filter((e) => !e.counts)
    .map((e) => ({ status: e.status, count: e.rows, ...(hasOrders ? { orders: e.orders.size } : {}) }))
    .sort(byRows);
  const statuses: StatusCount[] | null = status ? entries.map((e) => ({ status: e.status, rows: e.rows, orders: hasOrders ? e.orders.size : null, counts: e.counts })).sort(byRows) : null;
  return { fate, amount: outAmount, refunded: outRefunded, reading, excluded, statuses };
}
