/**
 * Codes for a column whose values only tell rows apart (order ids): equal texts get equal codes, in first-seen order,
 * and the texts themselves are kept packed in one array of UTF-16 code units, never as strings. A file of ten million
 * orders holds ten million distinct ids; as strings they took about 50 bytes each and a garbage collector busy
 * moving them, where here they take their characters, an end offset and a hash.
 */
import { cutStrings, packedText, widened } from '../utf16-text';
import { release } from '../release';
import { charsOf, KeptChars, type Chars } from './chars';
import { FrontCoded, forEachFrontCoded, type FrontCodedValues } from './front-coded';
import { DEFAULT_LIMIT, DenseIds, digitCount, MISFIT, putDigits, writeNumbered, type NumberedValues } from './dense-ids';

/**
 * The packed values, as plain data a worker can transfer: value i is chars[ends[i - 1] (0 for i = 0), ends[i]), one
 * byte a character until a character beyond U+00FF is met, two from then on.
 */
export interface PackedValues {
  chars: Uint8Array | Uint16Array;
  ends: Int32Array;
}

/** Values as a table keeps them: packed, or as numbers after one prefix. */
export type StoredValues = PackedValues | NumberedValues;

/** The typed arrays holding stored values (to transfer or give back). */
export function arraysOf(values: StoredValues): (Uint8Array | Uint16Array | Int32Array | Float64Array)[] {
  return 'numbers' in values ? [values.numbers] : [values.chars, values.ends];
}

const REPLACEMENT_CHARACTER = 0xfffd;

/** One value per length group (see Extremes), as plain data. */
export interface ExportedExtremes {
  values: (Uint16Array | null)[];
}

/**
 * A part's values still in order (see CodeDictionary.front): front-coded, with each length group's smallest and
 * largest value and the code of the empty value (-1 if none).
 */
export type OrderedPart = FrontCodedValues & { lowest: ExportedExtremes; highest: ExportedExtremes; blank: number };

/** Lengths whose values keep extremes of their own (see CodeDictionary.lowest). */
const LENGTHS = 32;

/**
 * A slot of the table is four numbers: code + 1 (0 when empty), a tag and two key numbers. A short value is held in
 * the key itself: up to 8 characters of U+0000–U+00FF a byte each, or up to 16 digits four bits each, its length
 * and the way it is held in the tag's low bits. Such a value is found with one read of the table, where a comparison
 * with the packed characters costs two more reads at places of their own. On this 2-core machine a read at a random
 * place of a large array costs 200–270 ns; 3.3 million customer ids over ten million rows took 13 s of a 30 s import
 * before. Longer values have their hash in the tag, a second hash in the key, and are compared character by character.
 */
const SLOT = 4;
/**
 * How full the table may get before it doubles. Linear probing over 16-byte slots (four to a cache line) stays short
 * at 0.7; at a half, 2.5 million customer ids in each half of a 10M-line file took a table of 134 MB apiece, most of
 * the import's peak.
 */
const MAX_LOAD = 0.7;
const INLINE = 0x40;
const DIGITS = 0x20;
const TAG_BITS = 0x7f;
/** keyOf's result: tag, key 0, key 1. */
const key = new Int32Array(3);

function keyOf(chars: Uint8Array | Uint16Array, from: number, length: number): void {
  // FNV-1a over the UTF-16 code units, mixed: FNV's low bits cluster for codes that differ in one character.
  let h = 0x811c9dc5;
  let bytes = true;
  let digits = true;
  for (let i = from, end = from + length; i < end; i++) {
    const c = chars[i];
    h = Math.imul(h ^ c, 0x01000193);
    if (c > 0xff) bytes = false;
    if (c < 48 || c > 57) digits = false;
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  let k0 = 0;
  let k1 = 0;
  let kind = 0;
  if (bytes && length <= 8) {
    kind = INLINE | length;
    for (let i = 0; i < length; i++) {
      if (i < 4) k0 |= chars[from + i] << (8 * i);
      else k1 |= chars[from + i] << (8 * (i - 4));
    }
  } else if (digits && length <= 16) {
    kind = INLINE | DIGITS | length;
    for (let i = 0; i < length; i++) {
      if (i < 8) k0 |= (chars[from + i] - 48) << (4 * i);
      else k1 |= (chars[from + i] - 48) << (4 * (i - 8));
    }
  } else {
    // A second hash, so that a long value is compared with another only when 57 bits of hash agree.
    let g = 0x9747b28c;
    for (let i = from, end = from + length; i < end; i++) g = Math.imul(g ^ chars[i], 0x5bd1e995);
    k0 = g ^ (g >>> 13);
    k1 = length;
  }
  key[0] = (h & ~TAG_BITS) | kind;
  key[1] = k0;
  key[2] = k1;
}

/** Where a key starts its search in the table: its three numbers mixed (a short value's tag alone has 25 bits). */
function positionOf(tag: number, k0: number, k1: number): number {
  let p = tag ^ Math.imul(k0, 0x9e3779b1) ^ Math.imul(k1, 0x85ebca6b);
  p ^= p >>> 16;
  p = Math.imul(p, 0x7feb352d);
  return p ^ (p >>> 15);
}

export class CodeDictionary {
  /** Distinct values seen. */
  size = 0;
  /** The code of the empty value, -1 until one is seen. */
  blank = -1;
  /** Codes of values holding U+FFFD (bytes that were not valid text), which cannot be told apart; null until one. */
  undecodable: Set<number> | null = null;
  /**
   * The packed characters and end offsets (see PackedValues); while `front` holds the values, `chars` is only where
   * a value is staged (from 0) and `ends` is unused.
   */
  private chars: Uint8Array | Uint16Array = new Uint8Array(1 << 10);
  private ends = new Int32Array(0);
  /**
   * The values, front-coded, while they come in order (see `lowest`) with every character ≤ U+00FF: nothing looks a
   * value up by its code then, and ten million order ids counting up took 3 bytes each so, 13 packed. Written out
   * into `chars` and `ends` (expand) when the order breaks, a wider character comes, or the values are asked for.
   */
  private front: FrontCoded | null = new FrontCoded();
  /**
   * The values, as numbers after one prefix (see DenseIds), once they no longer come in order, while every one is
   * such a number; `chars` is then only where a value is staged, and there is no table. Written out when a value
   * does not fit or the values are asked for.
   */
  private dense: DenseIds | null = null;
  /** How many numbers a DenseIds may span (see expectRows). */
  private denseLimit = DEFAULT_LIMIT;
  /** The table: SLOT numbers a slot (see SLOT), kept at most MAX_LOAD full; empty in ordered mode. */
  private slots = new Int32Array(0);
  private mask = -1;
  /**
   * The previous value's code and a copy of its cell, compared with the next cell from the end, where ids differ (the
   * cell's buffer is the reader's, used again). Comparing with the packed copy instead read a random place of a large
   * array whenever the previous row was another customer: 2.4 s of ten million rows.
   */
  private lastCode = -1;
  private readonly last = new KeptChars();
  /**
   * While every new value is beyond all earlier ones of its length (ids that count up or down in file order, as a
   * shop's order numbers do), no table is needed: such a value cannot have been seen. These hold, per length up to
   * LENGTHS (longer values share the last), the smallest and the largest value so far (their characters, copied:
   * the values themselves may be front-coded); null once a value falls between them, when the table is built from
   * every value so far and used from then on. Ten million order ids counting up took a half-empty table of 268 MB
   * and a probe in it, at a random place, per row.
   */
  private lowest: Extremes | null = new Extremes();
  private highest: Extremes | null = new Extremes();
  /** Set by seal: no value may be added, and without `values` the characters are gone too. */
  private sealed = false;
  private valuesDropped = false;
  /** The values, sealed while they were dense ids, as their numbers (see numbered()). */
  private numberedIds: NumberedValues | null = null;

  /** The code of `text[start, end)`, trimmed. Exports list an order's lines together: the previous value is tried first. */
  idOf(text: Chars, start: number, end: number): number {
    while (start < end && text[start] <= 32) start++;
    while (end > start && text[end - 1] <= 32) end--;
    if (this.lastCode >= 0 && this.last.equals(text, start, end)) return this.lastCode;
    this.last.keep(text, start, end);
    return (this.lastCode = this.find(text, start, end));
  }

  /**
   * While the values are looked up as numbers (see DenseIds): the number of the trimmed `text[start, end)`, read now
   * and looked up later with codeOfNumber (see DenseIds.readNumber); −1 when they are not, or this value does not fit
   * (then idOf, once every number read here is looked up).
   */
  numberOf(text: Chars, start: number, end: number): number {
    const dense = this.dense;
    if (dense === null || this.sealed) return -1;
    while (start < end && text[start] <= 32) start++;
    while (end > start && text[end - 1] <= 32) end--;
    const n = dense.readNumber(text, start, end);
    return n === MISFIT ? -1 : n;
  }

  /** The code of a number numberOf gave: found, or added. */
  codeOfNumber(n: number): number {
    const dense = this.dense!;
    const code = dense.codeOfNumber(n);
    this.size = dense.size;
    return code;
  }

  /** Bytes the values and the table take (arrays as allocated, used or not). */
  get heldBytes(): number {
    return this.chars.byteLength + this.ends.byteLength + this.slots.byteLength + (this.front?.heldBytes ?? 0) + (this.dense?.heldBytes ?? 0) + (this.numberedIds?.numbers.byteLength ?? 0);
  }

  /** Whether every value so far came beyond the earlier ones of its length, so that no table has been needed. */
  get ordered(): boolean {
    return this.highest !== null;
  }

  /** How a value is looked up now: by order (see `lowest`), as a number (see `dense`), or in the table. */
  get lookup(): 'ordered' | 'dense' | 'table' {
    return this.highest !== null ? 'ordered' : this.dense ? 'dense' : 'table';
  }

  /** The code of a whole value (already trimmed); the previous value is tried first, as in idOf. */
  id(value: string): number {
    return this.idOf(charsOf(value), 0, value.length);
  }

  /**
   * No value will be added (every row is read): the table goes, and the values themselves unless `keepValues` (order
   * ids are only counted, never shown). Size, blank and undecodable stay. At 3M synthetic lines the customers' table
   * and the order ids held 84 MB at the import's peak, its last step.
   */
  seal(keepValues: boolean): void {
    if (this.valuesDropped) return;
    this.sealed = true;
    if (!keepValues) this.front?.drop();
    if (keepValues && this.dense) {
      // Kept as their numbers (written out only if read as text): 4 bytes a value, not characters and an end.
      this.numberedIds = this.dense.numbered();
      release(this.chars);
      this.chars = new Uint8Array(0);
    }
    this.dense?.drop();
    this.dense = null;
    release(this.slots);
    this.slots = new Int32Array(0);
    this.mask = -1;
    this.lowest = this.highest = null;
    this.lastCode = -1;
    this.last.clear();
    if (keepValues) return;
    this.valuesDropped = true;
    // Not given back: a table may hold these very numbers as its customer ids (Growable.packedExactly).
    this.numberedIds = null;
    this.front = null;
    release(this.chars, this.ends);
    this.chars = new Uint8Array(0);
    this.ends = new Int32Array(0);
  }

  /**
   * Room for `values` values in all, their characters as long on average as those so far (2% over). An importer that
   * can tell the column's final count sizes it once: doubling the arrays of 10M order ids copied them over and over
   * (0.7 s of a 10M-line import in Node) and left them up to half empty at the import's peak.
   */
  reserve(values: number): void {
    if (this.sealed || values <= this.size) return;
    if (this.front) return this.front.reserve(values);
    if (this.dense) return;
    if (values > this.ends.length) this.ends = grown(this.ends, values);
    const used = this.startOf(this.size);
    const chars = this.size > 0 ? Math.ceil((used / this.size) * values * 1.02) : 0;
    if (chars > this.chars.length) this.chars = grown(this.chars, chars);
  }

  /**
   * Shrink the packed arrays to the values they hold (sealed: none will be added). A table keeps its customer ids
   * packed in them (src/core/customer-ids.ts), and storing them took a copy of each grown array's used part: 40 MB
   * for 3.3M ids, made while the browser stored the rest of a 10M-line import, its peak.
   */
  trim(): void {
    if (!this.sealed || this.valuesDropped || this.numberedIds) return;
    if (this.front) this.expand(0, 0);
    const used = this.startOf(this.size);
    if (this.chars.length !== used) {
      const chars = this.chars.slice(0, used);
      release(this.chars);
      this.chars = chars;
    }
    if (this.ends.length !== this.size) {
      const ends = this.ends.slice(0, this.size);
      release(this.ends);
      this.ends = ends;
    }
  }

  /** The values as numbers after one prefix, when they were dense ids as the dictionary was sealed; else null. */
  numbered(): NumberedValues | null {
    return this.numberedIds;
  }

  /** The values as packed data (views of this dictionary's arrays, or written out from their numbers). */
  packed(): PackedValues {
    if (this.valuesDropped) throw new Error('CodeDictionary: the values were dropped when it was sealed.');
    const { chars, ends } = this.written();
    return { chars: chars.subarray(0, this.size ? ends[this.size - 1] : 0), ends: ends.subarray(0, this.size) };
  }

  /**
   * Append to `strings` the values from code `strings.length` on, as strings: their characters decoded as one text,
   * then cut (a native decode and a cut per value, where a string built per value cost a call per character).
   */
  appendStrings(strings: string[]): void {
    const first = strings.length;
    if (first >= this.size) return;
    if (this.valuesDropped) throw new Error('CodeDictionary: the values were dropped when it was sealed.');
    const { chars, ends } = this.written();
    const from = first === 0 ? 0 : ends[first - 1];
    const text = packedText(chars, from, ends[this.size - 1]);
    cutStrings(text, ends.subarray(first, this.size), strings, from);
  }

  /** Add the values of another dictionary (a later part of the file); returns its codes renumbered into this one. */
  absorb(values: StoredValues): Uint32Array {
    if (this.sealed) throw new Error('CodeDictionary: a value was looked up after it was sealed.');
    if ('numbers' in values) return this.absorbNumbered(values);
    const remap = new Uint32Array(values.ends.length);
    // The part's characters are staged straight from its packed array: decoding them to one text first (and widening
    // their bytes to do so) held twice their size more at the join of a large file's halves.
    let from = 0;
    for (let i = 0; i < values.ends.length; i++) {
      const to = values.ends[i];
      const at = this.freeAt();
      remap[i] = this.place(at, to - from, this.stage(values.chars, from, at, to - from));
      from = to;
    }
    return remap;
  }

  /**
   * absorb for values handed over as their numbers: looked up as numbers while this dictionary's are numbers after the
   * same prefix (writing each out and reading it back took most of the 0.3 s that 1.6M customers took); from the
   * first that does not fit, each written out where it is staged, one at a time.
   */
  private absorbNumbered({ prefix, width, numbers }: NumberedValues): Uint32Array {
    const remap = new Uint32Array(numbers.length);
    let i = 0;
    const dense = this.dense;
    if (dense !== null && dense.hasPrefix(prefix)) {
      for (; i < numbers.length; i++) {
        const n = numbers[i];
        const written = digitCount(n);
        const digits = Math.max(width, written);
        if (dense.take(n, digits, digits > written) === MISFIT) break;
        remap[i] = dense.codeOfNumber(n);
      }
      this.size = dense.size;
    }
    const p = prefix.length;
    const one = new Uint16Array(p + 16);
    for (let k = 0; k < p; k++) one[k] = prefix.charCodeAt(k);
    for (; i < numbers.length; i++) {
      const length = p + Math.max(width, digitCount(numbers[i]));
      putDigits(one, p, length, numbers[i]);
      const at = this.freeAt();
      remap[i] = this.place(at, length, this.stage(one, 0, at, length));
    }
    return remap;
  }

  /**
   * The values as packed characters and ends: this dictionary's own arrays (front-coded values written out into them
   * for good), or, while the values are dense ids, a copy written out for the caller (lookups stay dense).
   */
  private written(): PackedValues {
    if (this.numberedIds) return writeNumbered(this.numberedIds);
    if (this.front) this.expand(0, 0);
    return this.dense ? this.dense.writeOut(false, 0, 0) : { chars: this.chars, ends: this.ends };
  }

  /**
   * About how many rows the column will have (the importer's estimate): a DenseIds may span that many numbers, 4
   * bytes each, where a table would take 16–32 bytes a distinct value.
   */
  expectRows(rows: number): void {
    this.denseLimit = Math.max(DEFAULT_LIMIT, Math.min(rows, 1 << 30));
  }

  private startOf(code: number): number {
    return code === 0 ? 0 : this.ends[code - 1];
  }

  /** Where the next value is staged: after the packed values, or at 0 while they are front-coded. */
  private freeAt(): number {
    return this.front || this.dense ? 0 : this.startOf(this.size);
  }

  /**
   * Write the front-coded values out as packed characters and end offsets, the value staged at `stagedAt` (in the
   * staging area) moved after them; returns where it now is. Front coding ends for good.
   */
  private expand(stagedAt: number, stagedLength: number): number {
    const front = this.front!;
    this.front = null;
    const total = front.chars;
    const wide = this.chars instanceof Uint16Array;
    const chars = wide ? new Uint16Array(Math.ceil((total + stagedLength) * 1.25) + 1024) : new Uint8Array(Math.ceil((total + stagedLength) * 1.25) + 1024);
    const ends = new Int32Array(Math.ceil(this.size * 1.25) + 1024);
    front.decodeInto(chars, ends);
    chars.set(this.chars.subarray(stagedAt, stagedAt + stagedLength), total);
    release(this.chars, this.ends);
    this.chars = chars;
    this.ends = ends;
    return total;
  }

  /** Whether value `code` equals the `length` characters staged at `at` (compared from the end, where ids differ). */
  private staged(code: number, at: number, length: number): boolean {
    const to = this.ends[code];
    if (to - this.startOf(code) !== length) return false;
    const chars = this.chars;
    for (let i = length - 1; i >= 0; i--) if (chars[to - length + i] !== chars[at + i]) return false;
    return true;
  }

  /**
   * The code of `text[start, end)`. The characters are read from the text once, copied to the free end of the packed
   * array; the comparisons read them there. A value seen before leaves them unused; a new one keeps them.
   */
  private find(text: Chars, start: number, end: number): number {
    if (this.sealed) throw new Error('CodeDictionary: a value was looked up after it was sealed.');
    const at = this.freeAt();
    return this.place(at, end - start, this.stage(text, start, at, end - start));
  }

  /** The code of the value staged at the free end (`at`): found, or added. */
  private place(at: number, length: number, replaced: boolean): number {
    // A character beyond U+00FF (the staging area widened for it) cannot be front-coded.
    if (this.front && this.chars instanceof Uint16Array) at = this.expand(at, length);
    if (this.highest !== null) {
      if (this.beyondAll(at, length)) return this.add(at, length, replaced);
      if (this.front) at = this.expand(at, length);
      at = this.leaveOrderedMode(at, length);
    }
    if (this.dense) {
      const known = this.dense.find(this.chars, at, length);
      if (known !== MISFIT) {
        if (known >= 0) return known;
        this.size++;
        return this.dense.add();
      }
      at = this.leaveDense(at, length);
    }
    const found = this.probe(at, length);
    if (found >= 0) return found;
    const code = this.add(at, length, replaced);
    // Not found: the probe ended on the free slot, and left the value's key in `key`.
    const s = (-1 - found) * SLOT;
    const slots = this.slots;
    slots[s] = code + 1;
    slots[s + 1] = key[0];
    slots[s + 2] = key[1];
    slots[s + 3] = key[2];
    if (this.size > MAX_LOAD * (this.mask + 1)) this.rehash(2 * (this.mask + 1));
    return code;
  }

  /**
   * Copy `length` characters of `source` (a cell, or another dictionary's packed characters, read there directly:
   * decoding a part's 5M order ids to one text first held 160 MB more at the join of a 10M-line file's halves) from
   * `start` to the packed array at `at`; whether one is U+FFFD.
   */
  private stage(source: Chars, start: number, at: number, length: number): boolean {
    if (at + length > this.chars.length) this.chars = grown(this.chars, Math.max(this.chars.length * 2, at + length));
    let chars = this.chars;
    let replaced = false;
    for (let i = 0; i < length; i++) {
      const c = source[start + i];
      if (c > 0xff && chars instanceof Uint8Array) chars = this.widen(chars);
      chars[at + i] = c;
      if (c === REPLACEMENT_CHARACTER) replaced = true;
    }
    return replaced;
  }

  /** The packed characters at two bytes each, from the first beyond U+00FF on; the one-byte array is released. */
  private widen(narrow: Uint8Array): Uint16Array {
    const wide = widened(narrow);
    this.chars = wide;
    release(narrow);
    return wide;
  }

  /** The code of the value staged at `at` in the table, or −1 − the free slot where it would go. */
  private probe(at: number, length: number): number {
    keyOf(this.chars, at, length);
    const tag = key[0];
    const k0 = key[1];
    const k1 = key[2];
    const slots = this.slots;
    const mask = this.mask;
    let slot = positionOf(tag, k0, k1) & mask;
    for (;;) {
      const s = slot * SLOT;
      const entry = slots[s];
      if (entry === 0) return -1 - slot;
      if (slots[s + 1] === tag && slots[s + 2] === k0 && slots[s + 3] === k1 && ((tag & INLINE) !== 0 || this.staged(entry - 1, at, length))) return entry - 1;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * absorbCodes when every value of an ordered part lies beyond this dictionary's of its length (order numbers counting
   * on from the first half): all are new, in the part's order, with no value read, value i's code the returned first
   * code + i; the dictionary is then sealed. −1, and nothing changed, otherwise. Reading 5M front-coded ids one by one
   * was about half the join of a 10M-line file's halves; writing the 5M codes out, 20 MB of fresh memory, was most of
   * what was left.
   */
  absorbNewInOrder(values: PackedValues | OrderedPart): number {
    if (this.sealed) throw new Error('CodeDictionary: a value was looked up after it was sealed.');
    if (!('front' in values) || !this.beyondEveryLength(values)) return -1;
    const first = this.size;
    if (values.blank >= 0 && this.blank < 0) this.blank = first + values.blank;
    this.size += values.count;
    this.seal(false);
    return first;
  }

  /**
   * Codes for a later part's values, as `absorb` gives them, when nothing will be looked up afterwards and only the
   * codes are kept (order ids, the file's last part): each value is looked up among this dictionary's without being
   * added (a part's values differ from one another), and the dictionary is then sealed without its values. Storing
   * them only to drop them grew the packed arrays at the import's peak: 5M order ids, 0.2 GB.
   */
  absorbCodes(values: PackedValues | OrderedPart): Uint32Array {
    const first = this.absorbNewInOrder(values);
    const remap = new Uint32Array('front' in values ? values.count : values.ends.length);
    if (first >= 0) {
      for (let i = 0; i < remap.length; i++) remap[i] = first + i;
      return remap;
    }
    let at = this.freeAt();
    let next = this.size;
    const codeOf = (source: Uint8Array | Uint16Array, from: number, length: number, i: number) => {
      const replaced = this.stage(source, from, at, length);
      if (this.front && this.chars instanceof Uint16Array) at = this.expand(at, length);
      let found = -1;
      if (this.highest === null || !this.outsideAll(at, length)) {
        if (this.front) at = this.expand(at, length);
        at = this.leaveOrderedMode(at, length);
        if (this.dense) {
          found = this.dense.find(this.chars, at, length);
          // (Only the dense ids' answer: the table's "not found" is −1 − a slot, which may be −2 too.)
          if (found === MISFIT) found = this.probe((at = this.leaveDense(at, length)), length);
        } else found = this.probe(at, length);
      }
      if (found >= 0) remap[i] = found;
      else {
        remap[i] = next;
        if (length === 0 && this.blank < 0) this.blank = next;
        if (replaced) (this.undecodable ??= new Set()).add(next);
        next++;
      }
    };
    if ('front' in values) forEachFrontCoded(values, (value, length, i) => codeOf(value, 0, length, i));
    else {
      let from = 0;
      for (let i = 0; i < values.ends.length; i++) {
        codeOf(values.chars, from, values.ends[i] - from, i);
        from = values.ends[i];
      }
    }
    this.size = next;
    this.seal(false);
    return remap;
  }

  /**
   * The values for the importer of the part before, as absorbCodes takes them: front-coded if they still are (a
   * tenth of their packed size for ids counting up), packed otherwise. Nothing may be added afterwards.
   */
  exported(): PackedValues | OrderedPart {
    return this.front ? { ...this.front.exported(), lowest: this.lowest!.exported(), highest: this.highest!.exported(), blank: this.blank } : this.packed();
  }

  /**
   * In ordered mode: whether every value of an ordered part lies outside this dictionary's values of its length (a
   * length group with values on both sides is disjoint when the part's span is above or below this one's).
   */
  private beyondEveryLength(part: OrderedPart): boolean {
    const lowest = this.lowest;
    const highest = this.highest;
    if (lowest === null || highest === null) return false;
    for (let bucket = 0; bucket <= LENGTHS; bucket++) {
      const partLow = part.lowest.values[bucket];
      const partHigh = part.highest.values[bucket];
      if (partLow === null || partHigh === null || !highest.has(bucket)) continue;
      if (highest.compare(bucket, partLow, 0, partLow.length) <= 0 && lowest.compare(bucket, partHigh, 0, partHigh.length) >= 0) return false;
    }
    return true;
  }

  /**
   * Out of ordered mode: the values so far (written out: see expand) become dense ids if every one fits (see
   * DenseIds), or go into a table. The value staged at `at` stays staged; returns where it now is.
   */
  private leaveOrderedMode(at: number, length: number): number {
    if (this.highest === null) return at;
    if (this.front) at = this.expand(at, length);
    this.lowest = this.highest = null;
    const dense = DenseIds.of(this.chars, this.ends, this.size, this.denseLimit);
    if (dense === null) {
      this.rehashAll();
      return at;
    }
    // The values are the numbers now: the characters only stage the next value, from 0.
    const staging = this.chars instanceof Uint16Array ? new Uint16Array(Math.max(1024, length)) : new Uint8Array(Math.max(1024, length));
    staging.set(this.chars.subarray(at, at + length));
    release(this.chars, this.ends);
    this.chars = staging;
    this.ends = new Int32Array(0);
    this.dense = dense;
    return 0;
  }

  /** A value does not fit the dense ids: write them out and build the table. Returns where the staged value now is. */
  private leaveDense(at: number, length: number): number {
    at = this.writeOutDense(at, length);
    this.rehashAll();
    return at;
  }

  /**
   * Write the dense ids out as packed characters and end offsets, the value staged at `stagedAt` moved after them;
   * returns where it now is. The dense ids end for good.
   */
  private writeOutDense(stagedAt: number, stagedLength: number): number {
    const dense = this.dense!;
    this.dense = null;
    const spare = this.sealed ? 0 : 1024 + (this.size >>> 2);
    const { chars, ends } = dense.writeOut(this.chars instanceof Uint16Array, stagedLength + spare * 8, spare);
    dense.drop();
    const total = this.size === 0 ? 0 : ends[this.size - 1];
    chars.set(this.chars.subarray(stagedAt, stagedAt + stagedLength), total);
    release(this.chars, this.ends);
    this.chars = chars;
    this.ends = ends;
    return total;
  }

  /** A table of every value so far, as full as it may get. */
  private rehashAll(): void {
    let capacity = 1 << 11;
    while (this.size >= MAX_LOAD * capacity) capacity *= 2;
    this.rehash(capacity);
  }

  /** In ordered mode: whether the staged value is above the largest or below the smallest earlier one of its length. */
  private outsideAll(at: number, length: number): boolean {
    const bucket = length < LENGTHS ? length : LENGTHS;
    const highest = this.highest!;
    return !highest.has(bucket) || highest.compare(bucket, this.chars, at, length) > 0 || this.lowest!.compare(bucket, this.chars, at, length) < 0;
  }

  /** Keep the value staged at `at` as a new code. */
  private add(at: number, length: number, replaced: boolean): number {
    const code = this.size++;
    if (this.front) this.front.append(this.chars, at, length);
    else {
      if (code >= this.ends.length) this.ends = grown(this.ends, Math.max(1024, code * 2));
      this.ends[code] = at + length;
    }
    if (length === 0 && this.blank < 0) this.blank = code;
    if (replaced) (this.undecodable ??= new Set()).add(code);
    return code;
  }

  /**
   * In ordered mode: whether the staged value is above the largest or below the smallest earlier value of its length
   * (then it is new, and becomes that extreme). Otherwise the caller ends ordered mode.
   */
  private beyondAll(at: number, length: number): boolean {
    const lowest = this.lowest!;
    const highest = this.highest!;
    const chars = this.chars;
    const bucket = length < LENGTHS ? length : LENGTHS;
    if (!highest.has(bucket)) {
      lowest.set(bucket, chars, at, length);
      highest.set(bucket, chars, at, length);
      return true;
    }
    return highest.raise(bucket, chars, at, length) || lowest.lower(bucket, chars, at, length);
  }

  /**
   * Put every value into a table of `capacity` slots. Values already in a table keep their key; in ordered mode there
   * is no table yet and each value's key is made from its characters.
   */
  private rehash(capacity: number) {
    const old = this.slots;
    const slots = new Int32Array(capacity * SLOT);
    const mask = capacity - 1;
    const place = (entry: number, tag: number, k0: number, k1: number) => {
      let slot = positionOf(tag, k0, k1) & mask;
      while (slots[slot * SLOT] !== 0) slot = (slot + 1) & mask;
      const s = slot * SLOT;
      slots[s] = entry;
      slots[s + 1] = tag;
      slots[s + 2] = k0;
      slots[s + 3] = k1;
    };
    if (old.length === 0) {
      for (let code = 0; code < this.size; code++) {
        const from = this.startOf(code);
        keyOf(this.chars, from, this.ends[code] - from);
        place(code + 1, key[0], key[1], key[2]);
      }
    } else {
      for (let s = 0; s < old.length; s += SLOT) if (old[s] !== 0) place(old[s], old[s + 1], old[s + 2], old[s + 3]);
    }
    this.slots = slots;
    this.mask = mask;
    release(old);
  }
}

/** A longer copy of `a`, which is released: the dictionary's own arrays are read through its fields only. */
function grown<T extends Uint8Array | Uint16Array | Int32Array>(a: T, length: number): T {
  const next = new (a.constructor as new (n: number) => T)(length);
  next.set(a);
  release(a);
  return next;
}

/**
 * Renumber `codes[0..length)` so that only codes in use remain, in first-use order (as compactDictionary does for
 * dictionaries with strings); returns how many remain and the new code of the blank value (-1 if unused).
 */
export function compactCodes(codes: Uint32Array, length: number, size: number, blank: number): { count: number; blank: number } {
  const remap = new Int32Array(size).fill(-1);
  let count = 0;
  for (let i = 0; i < length; i++) {
    const c = codes[i];
    let r = remap[c];
    if (r < 0) r = remap[c] = count++;
    codes[i] = r;
  }
  return { count, blank: blank >= 0 ? remap[blank] : -1 };
}

/**
 * One value per length group (see CodeDictionary.lowest): its characters, copied, and how the staged value compares
 * with it (by length, then character by character).
 */
class Extremes {
  private readonly values: (Uint16Array | null)[] = new Array<Uint16Array | null>(LENGTHS + 1).fill(null);
  private readonly lengths = new Int32Array(LENGTHS + 1).fill(-1);

  /** Each group's value (its own characters, exactly), or null: as plain data for another worker. */
  exported(): ExportedExtremes {
    return { values: this.values.map((v, bucket) => (v === null || this.lengths[bucket] < 0 ? null : v.slice(0, this.lengths[bucket]))) };
  }

  has(bucket: number): boolean {
    return this.lengths[bucket] >= 0;
  }

  set(bucket: number, chars: Uint8Array | Uint16Array, at: number, length: number): void {
    let value = this.values[bucket];
    if (value === null || value.length < length) value = this.values[bucket] = new Uint16Array(Math.max(length, 16));
    for (let i = 0; i < length; i++) value[i] = chars[at + i];
    this.lengths[bucket] = length;
  }

  /**
   * If the staged value is above this group's (see compare), it becomes the group's value: only its characters from
   * the first that differs are copied (ids counting up differ in their last one or two).
   */
  raise(bucket: number, chars: Uint8Array | Uint16Array, at: number, length: number): boolean {
    return this.replaceIf(bucket, chars, at, length, 1);
  }

  /** The same for a staged value below this group's. */
  lower(bucket: number, chars: Uint8Array | Uint16Array, at: number, length: number): boolean {
    return this.replaceIf(bucket, chars, at, length, -1);
  }

  private replaceIf(bucket: number, chars: Uint8Array | Uint16Array, at: number, length: number, sign: number): boolean {
    const other = this.lengths[bucket];
    if (length !== other) {
      if ((length - other) * sign <= 0) return false;
      this.set(bucket, chars, at, length);
      return true;
    }
    const value = this.values[bucket]!;
    let i = firstDifference(value, chars, at, length);
    if (i === length || (chars[at + i] - value[i]) * sign < 0) return false;
    for (; i < length; i++) value[i] = chars[at + i];
    return true;
  }

  /** The staged value against this group's: by length, then character by character. */
  compare(bucket: number, chars: Uint8Array | Uint16Array, at: number, length: number): number {
    const other = this.lengths[bucket];
    if (length !== other) return length - other;
    const value = this.values[bucket]!;
    const i = firstDifference(value, chars, at, length);
    return i === length ? 0 : chars[at + i] - value[i];
  }
}

/** Where `length` characters at `at` first differ from `value`'s, or `length` where they do not. */
function firstDifference(value: Uint16Array, chars: Uint8Array | Uint16Array, at: number, length: number): number {
  let i = 0;
  while (i < length && chars[at + i] === value[i]) i++;
  return i;
}
