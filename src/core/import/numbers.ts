/**
 * Number cells as people write them: `1234.56`, `1,234.56`, `1.234,56`, `1.250.000`, `1 234,56`, `1'234.50`, with
 * currency signs or codes, `%`, and negatives as `-12`, `12-` or `(12)`. Whether `.` or `,` is the decimal mark is a
 * property of the column, not of a cell: each cell is read both ways and the column decides from all its cells
 * (see {@link NumberColumnEvidence}).
 */
import type { Chars } from './chars';
import type { NumberFormat } from '../types';

/** Which readings of a cell are valid. */
export const enum NumberFit {
  Empty = 0,
  Invalid = 1,
  /** Both readings give the same value (no separators, or unambiguous ones). */
  Same = 2,
  DotOnly = 3,
  CommaOnly = 4,
  /** Valid both ways with different values, e.g. `1.250` (1.25 or 1250). */
  Either = 5,
}

/**
 * Currency signs and codes as they appear in cells and headers, mapped to ISO 4217. A Map, not an object: the token
 * is user text, and an object would answer `constructor` or `__proto__` with what every object inherits.
 */
const CURRENCY_TOKENS: ReadonlyMap<string, string> = new Map(Object.entries({
  '₫': 'VND', Đ: 'VND', đ: 'VND', VND: 'VND', 'VNĐ': 'VND', 'VNđ': 'VND', 'ĐỒNG': 'VND', 'đồng': 'VND',
  '฿': 'THB', บาท: 'THB', THB: 'THB', 'บ.': 'THB', BAHT: 'THB',
  $: 'USD', US$: 'USD', USD: 'USD',
  '£': 'GBP', GBP: 'GBP',
  '€': 'EUR', EUR: 'EUR',
  'S$': 'SGD', SGD: 'SGD', RM: 'MYR', MYR: 'MYR', Rp: 'IDR', IDR: 'IDR', '₱': 'PHP', PHP: 'PHP',
  '¥': 'JPY', JPY: 'JPY', CNY: 'CNY', '₩': 'KRW', KRW: 'KRW', '₹': 'INR', INR: 'INR', AUD: 'AUD', 'A$': 'AUD',
  CAD: 'CAD', 'C$': 'CAD', CHF: 'CHF',
}));

/** The ISO code for a currency sign or code, or null. */
export function currencyOf(token: string): string | null {
  const t = token.trim();
  return CURRENCY_TOKENS.get(t) ?? CURRENCY_TOKENS.get(t.toUpperCase()) ?? null;
}

/** A currency named in a header, as in "Amount (VND)", "Tổng tiền (₫)" or "ยอดรวม (บาท)". */
export function currencyInHeader(name: string | undefined): string | null {
  if (!name) return null;
  for (const token of name.split(/[\s()[\]/,:-]+/)) {
    const code = token.length > 0 ? currencyOf(token) : null;
    if (code) return code;
  }
  return null;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Spaces that group digits: ordinary, no-break, narrow no-break, thin. */
const isGroupSpace = (c: number) => c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009;
const isSpace = (c: number) => isGroupSpace(c) || c === 9;
const DOT = 46;
const COMMA = 44;
const APOSTROPHE = 39;

/**
 * The largest magnitude a number cell may hold. No order, price, quantity or cost comes near a quadrillion (10^15 is
 * US$40 billion in đồng), and sums of up to 10^7 such cells stay exact to the unit and far from overflowing.
 */
export const MAX_CELL_MAGNITUDE = 1e15;
/**
 * Digits a cell may carry after dropping leading zeros and the zeros that end a fraction: a double holds 15 decimal
 * digits exactly, so more would be rounded. Also the most places after the decimal mark that mean anything.
 */
export const MAX_SIGNIFICANT_DIGITS = 15;

/** Why a cell whose characters form a number was still refused (`cellExtras.problem`). */
export const enum CellProblem {
  None = 0,
  /** Beyond MAX_CELL_MAGNITUDE under every valid reading (400 digits would be Infinity). */
  TooLarge = 1,
  /** More digits than a double keeps exactly: it could only be read rounded. */
  TooPrecise = 2,
}

/** What the last cell read carried besides its number, for the column's evidence and the row's rejection reason. */
export const cellExtras = { currency: null as string | null, percent: false, separator: 0, separators: 0, problem: CellProblem.None as CellProblem };

// Separators of the cell being read: char code and how many digits follow it (up to the next separator or the end).
const sepChar = new Int32Array(64);
const sepDigitsAfter = new Int32Array(64);

/** Sign and currency around the digits: only signs, spaces, a known currency and `%` are allowed. */
function readAffix(text: Chars, from: number, to: number, state: { negative: boolean; parens: number }): boolean {
  let token = '';
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === 45 || c === 0x2212) state.negative = true;
    else if (c === 40) {
      state.negative = true;
      state.parens++;
    } else if (c === 41) state.parens--;
    else if (c === 43 || isSpace(c)) continue;
    else if (c === 37) cellExtras.percent = true;
    else token += String.fromCharCode(text[i]);
  }
  if (token === '') return true;
  const code = currencyOf(token);
  if (code === null) return false;
  cellExtras.currency = code;
  return true;
}

const affixState = { negative: false, parens: 0 };

/** Is a digits-and-separators run valid with `decimal` as the decimal mark, and how many decimals does it have? */
function decimalsUnder(decimal: number, seps: number, leadingDigits: number, leadingZero: boolean): number {
  let group = 0;
  for (let k = 0; k < seps; k++) {
    const c = sepChar[k];
    if (c === decimal) {
      if (k !== seps - 1) return -1; // the decimal mark comes last, once
      return sepDigitsAfter[k];
    }
    // A digit-group separator: one kind per number, three digits after it, a leading run of 1-3 digits (not "0").
    const kind = isGroupSpace(c) ? 32 : c;
    if (group === 0) group = kind;
    else if (group !== kind) return -1;
    if (sepDigitsAfter[k] !== 3 || leadingDigits > 3 || leadingDigits === 0 || leadingZero) return -1;
  }
  return 0;
}

/** readPlainDecimal's answer when the cell is not of its simple form. */
const PLAIN_NONE = -1;

/**
 * The form most cells of most files take, `-?digits(.digits)?` with at most 15 digits and nothing else, read in one
 * pass. The answer equals the general reading's (readNumberCell below) bit for bit: a quotient of exact integers by an
 * exact power of ten is the same correctly rounded double whichever exact form the digits take. PLAIN_NONE for any
 * other cell, which then takes the general path.
 */
function readPlainDecimal(text: Chars, start: number, end: number, out: Float64Array): NumberFit | typeof PLAIN_NONE {
  let i = start;
  const negative = i < end && text[i] === 45;
  if (negative) i++;
  const digitsFrom = i;
  let all = 0;
  let dot = -1;
  for (; i < end; i++) {
    const c = text[i];
    if (c >= 48 && c <= 57) all = all * 10 + (c - 48);
    else if (c === DOT && dot < 0) dot = i;
    else return PLAIN_NONE;
  }
  const before = (dot < 0 ? end : dot) - digitsFrom;
  const after = dot < 0 ? 0 : end - dot - 1;
  if (before === 0 || (dot >= 0 && after === 0) || before + after > MAX_SIGNIFICANT_DIGITS) return PLAIN_NONE;
  const sign = negative ? -1 : 1;
  if (dot < 0) {
    out[0] = out[1] = all === 0 ? 0 : sign * all;
    return NumberFit.Same;
  }
  cellExtras.separators = 1;
  out[0] = all === 0 ? 0 : sign * (all / POW10[after]);
  // Under a decimal comma the dot groups thousands: three digits after it, one to three before, not a lone "0".
  const grouped = after === 3 && before <= 3 && !(before === 1 && text[digitsFrom] === 48);
  if (!grouped) {
    out[1] = NaN;
    return NumberFit.DotOnly;
  }
  out[1] = all === 0 ? 0 : sign * all;
  if (out[0] === out[1]) return NumberFit.Same;
  cellExtras.separator = DOT;
  return NumberFit.Either;
}

/**
 * Read the number cell `text[start, end)`: `out[0]` is its value with `.` as the decimal mark, `out[1]` with `,`
 * (NaN where that reading is impossible). Allocates nothing on the common path.
 */
export function readNumberCell(text: Chars, start: number, end: number, out: Float64Array): NumberFit {
  cellExtras.currency = null;
  cellExtras.percent = false;
  cellExtras.separator = 0;
  cellExtras.separators = 0;
  cellExtras.problem = CellProblem.None;
  const plain = readPlainDecimal(text, start, end, out);
  return plain !== PLAIN_NONE ? plain : readAnyNumberCell(text, start, end, out);
}

/** readNumberCell for every form, without the one-pass reading of plain decimals (cellExtras already reset). */
export function readAnyNumberCell(text: Chars, start: number, end: number, out: Float64Array): NumberFit {
  let first = -1;
  let last = -1;
  for (let i = start; i < end; i++) {
    if (isDigit(text[i])) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) {
    for (let i = start; i < end; i++) if (!isSpace(text[i])) return NumberFit.Invalid;
    return NumberFit.Empty;
  }
  // ".5" and ",5": a separator right before the first digit belongs to the number.
  if (first > start && (text[first - 1] === DOT || text[first - 1] === COMMA)) first--;
  affixState.negative = false;
  affixState.parens = 0;
  if (first > start && !readAffix(text, start, first, affixState)) return NumberFit.Invalid;
  if (last + 1 < end && !readAffix(text, last + 1, end, affixState)) return NumberFit.Invalid;
  if (affixState.parens !== 0) return NumberFit.Invalid;

  // The digits are kept exactly: `mantissa` holds those from the first non-zero digit to the last non-zero one (at
  // most MAX_SIGNIFICANT_DIGITS, so it is an exact integer), and the zeros after them are counted, not multiplied in,
  // so that "1.0000000000000000000000000" is 1 × 10^(25 − 25) and nothing is rounded on the way.
  let mantissa = 0;
  let significant = 0;
  let trailingZeros = 0;
  let leadingZeros = 0;
  let digits = 0;
  let seps = 0;
  let leadingDigits = 0;
  let leadingZero = false;
  let digitsSinceSep = 0;
  for (let i = first; i <= last; i++) {
    const c = text[i];
    if (isDigit(c)) {
      const d = c - 48;
      digits++;
      if (d === 0) {
        if (significant > 0) trailingZeros++;
        else leadingZeros++;
      } else {
        if (significant > 0) significant += trailingZeros;
        significant++;
        if (significant <= MAX_SIGNIFICANT_DIGITS) mantissa = mantissa * POW10[trailingZeros + 1] + d;
        trailingZeros = 0;
      }
      digitsSinceSep++;
    } else if (c === DOT || c === COMMA || c === APOSTROPHE || isGroupSpace(c)) {
      if (seps === 0) {
        leadingDigits = digitsSinceSep;
        leadingZero = leadingDigits === 1 && text[i - 1] === 48;
      } else sepDigitsAfter[seps - 1] = digitsSinceSep;
      if (seps === 64) return NumberFit.Invalid;
      sepChar[seps++] = c;
      digitsSinceSep = 0;
    } else return NumberFit.Invalid;
  }
  const sign = affixState.negative ? -1 : 1;
  if (significant > MAX_SIGNIFICANT_DIGITS) {
    // Whatever the decimal mark, the digits cannot all be kept. Say "too large" when that is also true under every
    // reading: more than 16 digits before the last separator are an integer part of at least 10^16.
    const integerDigits = digits - (seps > 0 ? digitsSinceSep : 0) - leadingZeros;
    cellExtras.problem = integerDigits > 16 ? CellProblem.TooLarge : CellProblem.TooPrecise;
    return NumberFit.Invalid;
  }
  if (seps === 0) {
    const v = exactValue(sign, mantissa, trailingZeros);
    if (Number.isNaN(v)) return NumberFit.Invalid;
    out[0] = out[1] = v;
    return NumberFit.Same;
  }
  sepDigitsAfter[seps - 1] = digitsSinceSep;
  cellExtras.separators = seps;
  const dotDecimals = decimalsUnder(DOT, seps, leadingDigits, leadingZero);
  const commaDecimals = decimalsUnder(COMMA, seps, leadingDigits, leadingZero);
  out[0] = dotDecimals < 0 ? NaN : exactValue(sign, mantissa, trailingZeros - dotDecimals);
  out[1] = commaDecimals < 0 ? NaN : exactValue(sign, mantissa, trailingZeros - commaDecimals);
  const dotValid = !Number.isNaN(out[0]);
  const commaValid = !Number.isNaN(out[1]);
  if (dotValid || commaValid) cellExtras.problem = CellProblem.None;
  if (!dotValid) return commaValid ? NumberFit.CommaOnly : NumberFit.Invalid;
  if (!commaValid) return NumberFit.DotOnly;
  if (out[0] === out[1]) return NumberFit.Same;
  cellExtras.separator = sepChar[0];
  return NumberFit.Either;
}

/**
 * sign × mantissa × 10^exponent as the double nearest to that decimal (one exact power of ten, one rounding), or
 * NaN, with `cellExtras.problem` set, when it lies beyond MAX_CELL_MAGNITUDE or has more than
 * MAX_SIGNIFICANT_DIGITS places after the decimal mark. An exact zero is +0, whatever its sign.
 */
function exactValue(sign: number, mantissa: number, exponent: number): number {
  if (mantissa === 0) return 0;
  if (exponent >= 0) {
    const v = exponent > 22 ? Infinity : mantissa * POW10[exponent];
    if (v > MAX_CELL_MAGNITUDE) {
      cellExtras.problem = CellProblem.TooLarge;
      return NaN;
    }
    return sign * v;
  }
  if (-exponent > MAX_SIGNIFICANT_DIGITS) {
    cellExtras.problem = CellProblem.TooPrecise;
    return NaN;
  }
  const v = mantissa / POW10[-exponent];
  if (v > MAX_CELL_MAGNITUDE) {
    cellExtras.problem = CellProblem.TooLarge;
    return NaN;
  }
  return sign * v;
}

/**
 * A number cell as the importer keeps it until the column's decimal mark is decided: one value and this code, from
 * which both readings follow, instead of both readings (8 bytes a row less per number column). The value is the
 * reading with '.' as the decimal mark when that one is valid, else the one with ','. A cell valid both ways with
 * different values has one separator before exactly three digits (`1.250`, `1,250`): the readings are X and X / 1000
 * for the integer X of its digits, and the code says which of the two the value is.
 */
export const enum StoredFit {
  Empty = 0,
  Invalid = 1,
  Same = 2,
  DotOnly = 3,
  CommaOnly = 4,
  /** `1.250`: the value is 1.25 (the '.' reading); with ',' as decimal mark it is 1250. */
  EitherPointSeparator = 5,
  /** `1,250`: the value is 1250 (the '.' reading); with ',' as decimal mark it is 1.25. */
  EitherCommaSeparator = 6,
}

/** How to keep a cell read by readNumberCell (its fit, its two readings in `out`, cellExtras as it left them). */
export function storedFit(fit: NumberFit): StoredFit {
  if (fit !== NumberFit.Either) return fit as number as StoredFit;
  return cellExtras.separator === DOT ? StoredFit.EitherPointSeparator : StoredFit.EitherCommaSeparator;
}

/** The value to keep beside storedFit. */
export function storedValue(fit: NumberFit, out: Float64Array): number {
  return fit <= NumberFit.Invalid ? NaN : fit === NumberFit.CommaOnly ? out[1] : out[0];
}

/** A kept cell's reading with '.' as the decimal mark (NaN when it does not read so). */
export function pointReading(fit: StoredFit, value: number): number {
  return fit === StoredFit.Same || fit === StoredFit.DotOnly || fit >= StoredFit.EitherPointSeparator ? value : NaN;
}

/** A kept cell's reading with ',' as the decimal mark (NaN when it does not read so). */
export function commaReading(fit: StoredFit, value: number): number {
  if (fit === StoredFit.Same || fit === StoredFit.CommaOnly) return value;
  // X / 1000 rounded to a double is within far less than 0.5 of X / 1000, and X has at most six digits.
  if (fit === StoredFit.EitherPointSeparator) return Math.round(value * 1000);
  if (fit === StoredFit.EitherCommaSeparator) return value / 1000;
  return NaN;
}

/** Grouped cells (with digit-group separators) whose group characters are noted. */
const GROUPED_CELLS_NOTED = 500;

export interface NumberEvidenceState {
  dotOnly: number;
  commaOnly: number;
  eitherDot: number;
  eitherComma: number;
  percentCells: number;
  groupedCellsSeen: number;
  currencies: [string, number][];
  groupsUnderDot: [string, number][];
  groupsUnderComma: [string, number][];
}

/** What a number column's cells say about its decimal mark, gathered while streaming. */
export class NumberColumnEvidence {
  dotOnly = 0;
  commaOnly = 0;
  /** Cells like `1.250` or `1,250`, counted by the separator they use. */
  eitherDot = 0;
  eitherComma = 0;
  percentCells = 0;
  private groupedCellsSeen = 0;
  readonly currencies = new Map<string, number>();
  /**
   * Digit-group characters seen under each reading in the first GROUPED_CELLS_NOTED grouped cells, to report the
   * format; each with the ordinal of the grouped cell it was first seen in, so that parts of a file merge exactly.
   */
  private groupsUnderDot = new Map<string, number>();
  private groupsUnderComma = new Map<string, number>();

  add(fit: NumberFit, text: Chars, start: number, end: number): void {
    if (fit === NumberFit.DotOnly) this.dotOnly++;
    else if (fit === NumberFit.CommaOnly) this.commaOnly++;
    else if (fit === NumberFit.Either) {
      if (cellExtras.separator === DOT) this.eitherDot++;
      else this.eitherComma++;
    }
    if (cellExtras.currency) this.currencies.set(cellExtras.currency, (this.currencies.get(cellExtras.currency) ?? 0) + 1);
    if (cellExtras.percent) this.percentCells++;
    // Digit groups need two separators or a grouping one; a few hundred such cells show which are used.
    if (fit >= NumberFit.Same && (cellExtras.separators > 1 || fit === NumberFit.Either || fit === NumberFit.Same && cellExtras.separators > 0)) {
      const ordinal = this.groupedCellsSeen++;
      if (ordinal < GROUPED_CELLS_NOTED) this.noteGroups(text, start, end, fit, ordinal);
    }
  }

  private noteGroups(text: Chars, start: number, end: number, fit: NumberFit, ordinal: number) {
    const note = (groups: Map<string, number>, g: string) => {
      if (!groups.has(g)) groups.set(g, ordinal);
    };
    for (let i = start; i < end; i++) {
      const c = text[i];
      const g = isGroupSpace(c) ? ' ' : c === APOSTROPHE ? "'" : '';
      if (g) {
        note(this.groupsUnderDot, g);
        note(this.groupsUnderComma, g);
      } else if (c === COMMA && fit !== NumberFit.CommaOnly) note(this.groupsUnderDot, ',');
      else if (c === DOT && fit !== NumberFit.DotOnly) note(this.groupsUnderComma, '.');
    }
  }

  /** Everything gathered, as plain data a worker can send. */
  state(): NumberEvidenceState {
    return {
      dotOnly: this.dotOnly, commaOnly: this.commaOnly, eitherDot: this.eitherDot, eitherComma: this.eitherComma, percentCells: this.percentCells,
      groupedCellsSeen: this.groupedCellsSeen, currencies: [...this.currencies], groupsUnderDot: [...this.groupsUnderDot], groupsUnderComma: [...this.groupsUnderComma],
    };
  }

  /** Add what a later part of the same column gathered: the result is as if the cells had been read in one pass. */
  absorb(s: NumberEvidenceState): void {
    this.dotOnly += s.dotOnly;
    this.commaOnly += s.commaOnly;
    this.eitherDot += s.eitherDot;
    this.eitherComma += s.eitherComma;
    this.percentCells += s.percentCells;
    for (const [code, n] of s.currencies) this.currencies.set(code, (this.currencies.get(code) ?? 0) + n);
    const before = this.groupedCellsSeen;
    const merge = (groups: Map<string, number>, later: [string, number][]) => {
      for (const [g, ordinal] of later) if (before + ordinal < GROUPED_CELLS_NOTED && !groups.has(g)) groups.set(g, before + ordinal);
    };
    merge(this.groupsUnderDot, s.groupsUnderDot);
    merge(this.groupsUnderComma, s.groupsUnderComma);
    this.groupedCellsSeen += s.groupedCellsSeen;
  }

  /** True when cells disagree: some prove a decimal point, others a decimal comma. */
  get conflicting(): boolean {
    return this.dotOnly > 0 && this.commaOnly > 0;
  }

  /**
   * The column's decimal mark: the one more cells prove; when none proves either, cells like `1.250` are read as
   * digit groups (prices with exactly three decimals are rare; `1.250.000 ₫` is everyday).
   */
  decide(): NumberFormat {
    let decimal: '.' | ',';
    if (this.dotOnly !== this.commaOnly) decimal = this.dotOnly > this.commaOnly ? '.' : ',';
    else if (this.dotOnly > 0) decimal = '.';
    else decimal = this.eitherDot > this.eitherComma ? ',' : '.';
    const groups = decimal === '.' ? this.groupsUnderDot : this.groupsUnderComma;
    const order: NumberFormat['group'][] = decimal === '.' ? [',', ' ', "'"] : ['.', ' ', "'"];
    return { decimal, group: order.find((g) => groups.has(g)) ?? '' };
  }

  /** The most frequent currency sign or code in the cells, if any. */
  get currency(): string | null {
    let best: string | null = null;
    let n = 0;
    for (const [code, count] of this.currencies) if (count > n) [best, n] = [code, count];
    return best;
  }
}
