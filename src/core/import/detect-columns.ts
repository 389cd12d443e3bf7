/**
 * What each column holds, from its header name and its values: whether the first line is a header, each column's
 * kind, and a best guess at which column plays which role.
 */
import { charsOf } from './chars';
import type { ColumnMapping } from '../types';
import { DateFit, readDateCell } from './dates';
import { foldName, HEADER_ROLES, nameScore, type HeaderRole } from './header-names';
import { looksLikeStatuses, statusColumnKind, statusColumnRank, type StatusColumnKind } from './statuses';
import { cellExtras, NumberFit, readNumberCell } from './numbers';

export type ColumnKind = 'id' | 'date' | 'number' | 'text' | 'empty';

/** What the sampled values of one column look like. */
export interface ColumnProfile {
  kind: ColumnKind;
  nonEmpty: number;
  dateShare: number;
  numberShare: number;
  /** Some values have decimals, a currency sign or a minus: money, not a count or a code. */
  moneyLike: boolean;
  /** Distinct values ÷ non-empty values: low means repeats, as a customer column has. */
  distinctShare: number;
  /** Some values contain spaces (names, descriptions), which ids rarely do. */
  hasSpaces: boolean;
  /** Share of values starting with "#", as order names do (Shopify's "#1001"). */
  hashShare: number;
  /** A few distinct values, almost all of them statuses the rules know (paid, Đã hủy, สำเร็จ …). */
  statusLike: boolean;
  /** Share of values that are zero written as digits ("0"): a placeholder id, as WooCommerce's guests have. */
  zeroShare: number;
}

const days = new Int32Array(2);
const nums = new Float64Array(2);

const isDateCell = (v: string) => readDateCell(charsOf(v), 0, v.length, days) !== DateFit.Invalid;
const numberFit = (v: string) => readNumberCell(charsOf(v), 0, v.length, nums);

/** Profile column `col` over the sampled rows. */
export function profileColumn(rows: string[][], col: number): ColumnProfile {
  let nonEmpty = 0;
  let dates = 0;
  let numbers = 0;
  let money = false;
  let spaces = false;
  let integersOnly = true;
  let hashed = 0;
  let zeros = 0;
  const distinct = new Set<string>();
  for (const row of rows) {
    const v = (row[col] ?? '').trim();
    if (v === '') continue;
    nonEmpty++;
    distinct.add(v);
    if (v.charCodeAt(0) === 35) hashed++;
    if (/^0+$/.test(v)) zeros++;
    if (v.includes(' ')) spaces = true;
    if (isDateCell(v)) dates++;
    const fit = numberFit(v);
    if (fit >= NumberFit.Same) {
      numbers++;
      if (/[.,]\d{1,2}$/.test(v) || cellExtras.currency || nums[0] < 0 || nums[1] < 0) money = true;
      if (fit !== NumberFit.Same || !/^\d+$/.test(v)) integersOnly = false;
    } else integersOnly = false;
  }
  const dateShare = nonEmpty ? dates / nonEmpty : 0;
  const numberShare = nonEmpty ? numbers / nonEmpty : 0;
  let kind: ColumnKind;
  if (nonEmpty === 0) kind = 'empty';
  else if (dateShare >= 0.8) kind = 'date';
  else if (numberShare >= 0.9 && (money || !integersOnly)) kind = 'number';
  else if (!spaces) kind = 'id';
  else kind = 'text';
  // Eight-digit integers read as YYYYMMDD; they are dates only if they vary like dates do (CDNOW), which ids
  // with repeats also do, so name matches take precedence over this in the mapping.
  const statusLike = kind !== 'date' && kind !== 'number' && distinct.size <= 30 && looksLikeStatuses(rows.map((r) => r[col] ?? ''));
  return {
    kind, nonEmpty, dateShare, numberShare, moneyLike: money, distinctShare: nonEmpty ? distinct.size / nonEmpty : 1, hasSpaces: spaces,
    hashShare: nonEmpty ? hashed / nonEmpty : 0, statusLike, zeroShare: nonEmpty ? zeros / nonEmpty : 0,
  };
}

/** Does the first record look like a header: no dates or numbers, and (if the data has any) text over typed data? */
export function looksLikeHeader(first: string[], profiles: ColumnProfile[]): boolean {
  let typedCells = 0;
  let named = 0;
  for (let c = 0; c < first.length; c++) {
    const v = first[c].trim();
    if (v === '') continue;
    if (isDateCell(v) || numberFit(v) >= NumberFit.Same) typedCells++;
    if (HEADER_ROLES.some((role) => nameScore(v, role) > 0)) named++;
  }
  if (named > 0 && typedCells === 0) return true;
  if (typedCells > 0) return false;
  // All text: a header if some column below it holds dates or numbers.
  return profiles.some((p) => p.kind === 'date' || p.kind === 'number');
}

/** A mapping with no column for any role. */
export const emptyMapping = (): ColumnMapping => ({
  customer: null, date: null, amount: null, quantity: null, unitPrice: null, orderId: null, product: null, channel: null, cost: null, margin: null,
  status: null, refunded: null, discountCode: null, customerName: null, email: null, phone: null,
});

/** Columns kept for campaigns: named only after the customer id is settled, never the customer column itself. */
export const CONTACT_ROLES = ['customerName', 'email', 'phone'] as const;

/** A column that may say whether its rows are purchases, and what its name says it is the status of. */
export interface StatusColumn {
  column: number;
  kind: StatusColumnKind;
}

/**
 * The columns that may hold statuses, the one that decides first: by name (the payment status before the order's,
 * the order's before the fulfilment's; then whole names before parts, then the leftmost), then by values (a few
 * distinct values, almost all known statuses) for columns whose name says nothing.
 */
export function statusColumns(header: string[] | null, profiles: ColumnProfile[]): StatusColumn[] {
  const named: (StatusColumn & { score: number })[] = [];
  const byValues: StatusColumn[] = [];
  profiles.forEach((p, column) => {
    const name = header?.[column] ?? '';
    const score = header ? nameScore(name, 'status') : 0;
    const kind = statusColumnKind(foldName(name), score > 0);
    if (kind && p.kind !== 'empty') named.push({ column, kind, score });
    else if (!kind && p.statusLike && nameScore(name, 'customer') === 0 && nameScore(name, 'product') === 0) byValues.push({ column, kind: 'other' });
  });
  named.sort((a, b) => statusColumnRank(b.kind) - statusColumnRank(a.kind) || b.score - a.score || a.column - b.column);
  return [...named.map(({ column, kind }) => ({ column, kind })), ...byValues];
}

/** Headers that name a person ("Tên khách hàng", "Customer Name", "ชื่อลูกค้า"), not an account (a user name is one). */
const PERSON_NAME = /^(ten|hoten)(khachhang|khach|nguoimua)$|^(customer|client|buyer|billing)(full)?name$|^fullname$|^ชื่อ(ลูกค้า|ผู้ซื้อ)$/;

function isPersonName(name: string): boolean {
  return PERSON_NAME.test(foldName(name.replace(/\s*[([][^)\]]*[)\]]\s*/g, ' ')));
}

/**
 * Guess the role of each column: the status column first (see statusColumns), then header names (whole-name
 * matches before partial ones, each column used once), then values for the required roles still open.
 */
export function guessMapping(header: string[] | null, profiles: ColumnProfile[]): { mapping: ColumnMapping; currencyColumn: number | null } {
  const mapping = emptyMapping();
  const used = new Set<number>();
  let currencyColumn: number | null = null;
  const status = statusColumns(header, profiles)[0];
  if (status) {
    mapping.status = status.column;
    used.add(status.column);
  }
  if (header) {
    const candidates: { role: HeaderRole; col: number; score: number }[] = [];
    header.forEach((name, col) => {
      for (const role of HEADER_ROLES) {
        if (role === 'status' || (CONTACT_ROLES as readonly string[]).includes(role)) continue;
        const score = nameScore(name, role);
        // A person's name is the weakest customer id (two customers share "Nguyễn Văn An"): an id, email, phone or
        // user name named as well wins over it.
        if (score > 0) candidates.push({ role, col, score: role === 'customer' && isPersonName(name) ? score - 0.5 : score });
      }
      // Shopify names its orders "#1001" in a column called "Name": an order id when the values say so.
      if (foldName(name) === 'name' && profiles[col].hashShare >= 0.8) candidates.push({ role: 'orderId', col, score: 2 });
    });
    candidates.sort((a, b) => b.score - a.score || a.col - b.col);
    for (const { role, col } of candidates) {
      if (used.has(col)) continue;
      if (role === 'currency') {
        if (currencyColumn === null) (currencyColumn = col), used.add(col);
        continue;
      }
      if (mapping[role] !== null) continue;
      // A name is not enough when the values contradict it (a "Date" column of free text).
      if (role === 'date' && profiles[col].dateShare === 0 && profiles[col].nonEmpty > 0) continue;
      mapping[role] = col;
      used.add(col);
    }
  }
  // A customer id of 0 is no customer: WooCommerce writes it for every guest checkout, so all guests would be one
  // customer. When the file also has an email column as well filled, the email tells customers apart.
  const byId = mapping.customer;
  if (header && byId !== null && profiles[byId].zeroShare > 0) {
    const email = header.findIndex((name, col) => !used.has(col) && foldName(name).includes('email') && profiles[col].nonEmpty >= profiles[byId].nonEmpty);
    if (email >= 0) {
      used.delete(byId);
      mapping.customer = email;
      used.add(email);
    }
  }
  const free = (c: number) => !used.has(c) && profiles[c].kind !== 'empty';
  if (mapping.date === null) {
    const col = bestColumn(profiles, (p, c) => (free(c) && p.kind === 'date' ? p.dateShare : -1));
    if (col !== null) (mapping.date = col), used.add(col);
  }
  if (mapping.amount === null && (mapping.quantity === null || mapping.unitPrice === null)) {
    // Money-looking numbers first; whole numbers (VND has no decimals) also qualify, the rightmost preferred, as
    // exports put amounts after ids and dates.
    const col = bestColumn(profiles, (p, c) =>
      free(c) && p.kind !== 'date' && p.numberShare >= 0.9 ? (p.moneyLike ? 4 : 0) + (p.kind === 'number' ? 2 : 0) + c / profiles.length : -1,
    );
    if (col !== null) (mapping.amount = col), used.add(col);
  }
  if (mapping.amount !== null) mapping.quantity = mapping.unitPrice = null;
  if (mapping.customer === null) {
    const col = bestColumn(profiles, (p, c) =>
      // Customers repeat, but there are many of them: more distinct values beat fewer (a count column repeats most).
      // A column without repeats still qualifies, last: in a small file every customer may have bought once.
      free(c) && (p.kind === 'id' || p.kind === 'text') ? (p.distinctShare < 1 ? 4 : 0) + (p.kind === 'id' ? 2 : 1) + p.distinctShare : -1,
    );
    if (col !== null) (mapping.customer = col), used.add(col);
  }
  if (header) {
    // Contact columns last, from names only, among the columns left: an email or phone that is the customer id stays
    // the id (a list's id column then is the contact).
    for (const role of CONTACT_ROLES) {
      let best: number | null = null, bestScore = 0;
      header.forEach((name, col) => {
        const score = used.has(col) || profiles[col].kind === 'empty' ? 0 : nameScore(name, role);
        if (score > bestScore) (best = col), (bestScore = score);
      });
      if (best !== null) (mapping[role] = best), used.add(best);
    }
  }
  return { mapping, currencyColumn };
}

/** The column with the highest non-negative score (leftmost on ties), or null. */
function bestColumn(profiles: ColumnProfile[], score: (p: ColumnProfile, col: number) => number): number | null {
  let best: number | null = null;
  let bestScore = -1;
  profiles.forEach((p, c) => {
    const s = score(p, c);
    if (s >= 0 && s > bestScore) [best, bestScore] = [c, s];
  });
  return best;
}

