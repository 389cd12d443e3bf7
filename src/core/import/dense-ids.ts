/**
 * Ids that are a number after a fixed prefix ("17850", "C0001234", "KH-42"): the numbers a shop's database counts up
 * as customers sign up. While every value so far is one, a value's code is read at its number's place in one array
 * (number − low end → code + 1), where a hash table took a probe at a random place of an array eight times larger:
 * 3.3M customer ids over 10M rows spent 6 s of an 11 s import in the table, most of it waiting for memory.
 *
 * A number is told from its text in one way only, so equal numbers are equal texts: every value's digits are as many
 * as the first's (zero-padded ids), or none starts with a zero (plain numbers), or both; a value that fits neither way
 * still open, or another prefix, or a number that would stretch the array past its limit, is a misfit, and the
 * dictionary goes back to its table (CodeDictionary.leaveDense).
 */
import type { Chars } from './chars';
import { release } from '../release';

/** find's answer for a value that is not a number after the prefix (or one the array may not reach). */
export const MISFIT = -2;
/** find's answer for a fitting value not seen yet. */
export const ABSENT = -1;

const REPLACEMENT_CHARACTER = 0xfffd;
/** Digits a number may have: up to 15 are exact in a double. */
const MAX_DIGITS = 15;
/** The array's least length (16 KB), and the least limit. */
const MIN_LENGTH = 1 << 12;
/** The longest array made, with its room (1 GB of address space); past it the array is only as long as the limit. */
const MAX_LENGTH = 1 << 28;
/** How many numbers the array may span when the importer has not said how many rows to expect: 4M (16 MB). */
export const DEFAULT_LIMIT = 1 << 22;

export class DenseIds {
  /** Distinct values so far (their codes are 0 … size − 1). */
  size = 0;
  private readonly prefix: Uint16Array;
  /** Digits of every value so far while `fixedWidth`. */
  private readonly width: number;
  private fixedWidth = true;
  /** Whether no value's digits so far start with a zero (but "0" itself). */
  private canonical = true;
  /** code + 1 at number − low; 0 where no value has that number. */
  private table = new Int32Array(0);
  private low = 0;
  /** The least and greatest number so far (the array spans more, to grow less often). */
  private least = 0;
  private greatest = 0;
  /** The last value find read. */
  private number = 0;
  /** Whether least and greatest hold a number yet (take's first may come before any code). */
  private spanned = false;

  /** The value at `at` sets the prefix (its characters before the first digit) and the width. */
  private constructor(
    chars: Uint8Array | Uint16Array,
    at: number,
    length: number,
    /** How many numbers the array may span. */
    private readonly limit: number,
  ) {
    let p = 0;
    while (p < length && (chars[at + p] < 48 || chars[at + p] > 57)) p++;
    this.prefix = Uint16Array.from(chars.subarray(at, at + p));
    this.width = length - p;
  }

  /**
   * The values of a dictionary (value i is chars[ends[i − 1], ends[i])) as dense ids, or null if one is a misfit or
   * there are none.
   */
  static of(chars: Uint8Array | Uint16Array, ends: Int32Array, count: number, limit = DEFAULT_LIMIT): DenseIds | null {
    if (count === 0) return null;
    const dense = new DenseIds(chars, 0, ends[0], Math.max(limit, MIN_LENGTH));
    // U+FFFD stands for bytes that were not text: ids holding it are refused by the importer, as a table notes them.
    if (dense.prefix.includes(REPLACEMENT_CHARACTER)) return null;
    let from = 0;
    for (let code = 0; code < count; code++) {
      // Values of a dictionary are distinct: anything but absent means a misfit (or, for a repeat, a broken caller).
      if (dense.find(chars, from, ends[code] - from) !== ABSENT) {
        dense.drop();
        return null;
      }
      dense.add();
      from = ends[code];
    }
    return dense;
  }

  /**
   * Bytes held in memory: the part of the array the numbers span, 4 a number. The room around it (see reach) is
   * address space that nothing has touched, which the system gives no memory until it is written.
   */
  get heldBytes(): number {
    return this.spanned ? 4 * Math.min(this.table.length, this.greatest - this.least + 1) : 0;
  }

  /**
   * The code of the `length` characters at `at`, ABSENT if they fit but are new (add() then keeps them), or MISFIT.
   * Their fit and span are taken as readNumber takes them.
   */
  find(chars: Uint8Array | Uint16Array, at: number, length: number): number {
    const prefix = this.prefix;
    const p = prefix.length;
    const digits = length - p;
    if (digits <= 0 || digits > MAX_DIGITS) return MISFIT;
    for (let i = 0; i < p; i++) if (chars[at + i] !== prefix[i]) return MISFIT;
    let n = 0;
    for (let i = at + p, end = at + length; i < end; i++) {
      const d = chars[i] - 48;
      if (d < 0 || d > 9) return MISFIT;
      n = n * 10 + d;
    }
    if (this.take(n, digits, digits > 1 && chars[at + p] === 48) === MISFIT) return MISFIT;
    this.number = n;
    const i = n - this.low;
    return i >= 0 && i < this.table.length ? this.table[i] - 1 : ABSENT;
  }

  /** Keep the value find last answered ABSENT for, as code `size`. */
  add(): number {
    return this.codeOfNumber(this.number);
  }

  /**
   * The number of the trimmed text `text[start, end)` if it fits (as find judges), else MISFIT; its code is asked for
   * later (codeOfNumber), once a batch of rows' numbers is read. Looking each up as it was read cost ten million rows
   * 1.4 s, waiting on memory one random place at a time; a batch's lookups, with nothing else between them, overlap.
   * The fit and the span are taken here (take), as find takes them: every number read is looked up before anything
   * else is.
   */
  readNumber(text: Chars, start: number, end: number): number {
    const prefix = this.prefix;
    const p = prefix.length;
    const digits = end - start - p;
    if (digits <= 0 || digits > MAX_DIGITS) return MISFIT;
    for (let i = 0; i < p; i++) if (text[start + i] !== prefix[i]) return MISFIT;
    let n = 0;
    for (let i = start + p; i < end; i++) {
      const d = text[i] - 48;
      if (d < 0 || d > 9) return MISFIT;
      n = n * 10 + d;
    }
    return this.take(n, digits, digits > 1 && text[start + p] === 48);
  }

  /**
   * The number `n` written after the prefix in `digits` digits (starting with a zero if `leadingZero`), taken as
   * readNumber takes it: n, or MISFIT.
   */
  take(n: number, digits: number, leadingZero: boolean): number {
    if (digits <= 0 || digits > MAX_DIGITS) return MISFIT;
    const fitsWidth = this.fixedWidth && digits === this.width;
    const fitsCanonical = this.canonical && !leadingZero;
    if (!fitsWidth && !fitsCanonical) return MISFIT;
    // The first number spans nothing yet (reach places the array when its code is asked for).
    if (!this.spanned) this.least = this.greatest = n;
    else if (Math.max(this.greatest, n) - Math.min(this.least, n) >= this.limit) return MISFIT;
    this.spanned = true;
    // A value seen before fitted as the dictionary does now: these change for a new value only.
    this.fixedWidth = fitsWidth;
    this.canonical = fitsCanonical;
    if (n < this.least) this.least = n;
    else if (n > this.greatest) this.greatest = n;
    return n;
  }

  /** Whether the values' prefix is `prefix`. */
  hasPrefix(prefix: string): boolean {
    if (prefix.length !== this.prefix.length) return false;
    for (let i = 0; i < prefix.length; i++) if (prefix.charCodeAt(i) !== this.prefix[i]) return false;
    return true;
  }

  /** The code of a number readNumber gave: found, or added as code `size`. */
  codeOfNumber(n: number): number {
    let i = n - this.low;
    if (i < 0 || i >= this.table.length) i = this.reach(n);
    const code = this.table[i];
    if (code !== 0) return code - 1;
    this.table[i] = ++this.size;
    return this.size - 1;
  }

  /** Stretch the array to cover `n` (take has checked the limit); returns n's index. */
  private reach(n: number): number {
    const old = this.table;
    const oldLow = this.low;
    const least = Math.min(this.least, n);
    const needed = Math.max(this.greatest, n) - least + 1;
    // Eight times the span, centred: room on both sides, since ids come up or down in runs or scattered. Only the
    // pages the numbers fall on are ever touched, so the room costs address space, not memory; each array outgrown
    // was memory written afresh (3.3M customers counting up: eight arrays and 58 MB in the file's first 30,000 rows
    // at twice the span, where a page touched the first time costs this machine 11-17 µs).
    let length = Math.max(MIN_LENGTH, 8 * needed);
    let newLow = least - Math.floor((length - needed) / 2);
    if (length >= this.limit) {
      // Near the limit: a number still to come lies within limit − 1 of both ends (take refuses the others), so one
      // array over all of that is never outgrown. (Room kept on one side only went back and forth as a few numbers
      // came from the other: ten copies of 3.3M customers' array.)
      length = 2 * this.limit - needed;
      newLow = Math.max(this.greatest, n) - this.limit + 1;
      if (length > MAX_LENGTH) {
        length = this.limit;
        newLow = least - Math.floor((length - needed) / 2);
      }
    }
    const table = new Int32Array(length);
    // Codes lie within the numbers taken so far (least … greatest, n among them), which the new array covers: only
    // those are copied, so that the old array's untouched room is neither read nor written into the new one.
    if (this.spanned) {
      const from = Math.max(oldLow, this.least);
      const to = Math.min(oldLow + old.length, this.greatest + 1);
      if (from < to) table.set(old.subarray(from - oldLow, to - oldLow), from - newLow);
    }
    release(old);
    this.table = table;
    this.low = newLow;
    return n - newLow;
  }

  /**
   * The values written out as characters and end offsets, in code order, with `room` free characters after them (for
   * a value being looked up) and room for `spareEnds` more ends.
   */
  writeOut(wide: boolean, room: number, spareEnds: number) {
    const values = this.numbered();
    const out = writeNumbered(values, wide, room, spareEnds);
    release(values.numbers);
    return out;
  }

  /**
   * The values in code order as their numbers (see NumberedValues): 4 bytes a value where written out they took their
   * characters and an end offset (12 bytes for "C0001234"), and kept so by a table as its customer ids.
   */
  numbered(): NumberedValues {
    const table = this.table;
    const numbers = this.greatest <= 0x7fffffff ? new Int32Array(this.size) : new Float64Array(this.size);
    // Only where numbers were taken: the room around them was never touched (see reach), and reading it would be.
    const from = this.spanned ? Math.max(0, this.least - this.low) : 0;
    const to = this.spanned ? Math.min(table.length, this.greatest - this.low + 1) : 0;
    for (let i = from; i < to; i++) if (table[i] !== 0) numbers[table[i] - 1] = this.low + i;
    return { prefix: String.fromCharCode(...this.prefix), width: this.fixedWidth ? this.width : 0, numbers };
  }

  /** The array goes (the dictionary no longer looks values up here). */
  drop(): void {
    release(this.table);
    this.table = new Int32Array(0);
  }
}

export function digitCount(n: number): number {
  let digits = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    digits++;
  }
  return digits;
}

/**
 * Ids that are each a number after one prefix, kept as the numbers: value i is `prefix` then numbers[i] in decimal,
 * zero-padded to `width` digits (0: as it is, no leading zero). Plain data a worker can transfer or IndexedDB store.
 */
export interface NumberedValues {
  prefix: string;
  width: number;
  numbers: Int32Array | Float64Array;
}

/** Value `i` of numbered ids as text. */
export function numberedText(values: NumberedValues, i: number): string {
  const digits = String(values.numbers[i]);
  return values.prefix + (digits.length < values.width ? digits.padStart(values.width, '0') : digits);
}

/**
 * Numbered ids written out as packed characters and end offsets (see PackedValues), two bytes a character if `wide`
 * or the prefix needs it, with `room` free characters after them and room for `spareEnds` more ends.
 */
export function writeNumbered(values: NumberedValues, wide = false, room = 0, spareEnds = 0) {
  const { prefix, width, numbers } = values;
  const count = numbers.length;
  const p = prefix.length;
  const ends = new Int32Array(count + spareEnds);
  let total = 0;
  for (let i = 0; i < count; i++) {
    total += p + (width || digitCount(numbers[i]));
    ends[i] = total;
  }
  for (let i = 0; i < p; i++) if (prefix.charCodeAt(i) > 0xff) wide = true;
  const chars = wide ? new Uint16Array(total + room) : new Uint8Array(total + room);
  let from = 0;
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < p; k++) chars[from + k] = prefix.charCodeAt(k);
    putDigits(chars, from + p, ends[i], numbers[i]);
    from = ends[i];
  }
  return { chars, ends };
}

/** `n` in decimal at chars[from, to), its last digit at to − 1, zeros before its first (a width's padding). */
export function putDigits(chars: Uint8Array | Uint16Array, from: number, to: number, n: number): void {
  for (let k = to - 1; k >= from; k--) {
    // Numbers below 2^31 divide in 32-bit integers (a third of the time of a double's division and floor).
    const q = n <= 0x7fffffff ? (n / 10) | 0 : Math.floor(n / 10);
    chars[k] = 48 + n - q * 10;
    n = q;
  }
}
