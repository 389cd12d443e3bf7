/**
 * Codes for a column whose values only tell rows apart (order ids): equal texts get equal codes, in first-seen order,
 * and the texts themselves are kept packed in one array of UTF-16 code units, never as strings. A file of ten million
 * orders holds ten million distinct ids; as strings they took about 50 bytes each and a garbage collector busy
 * moving them, where here they take their characters, an end offset and a hash.
 */

/**
 * The packed values, as plain data a worker can transfer: value i is chars[ends[i - 1] (0 for i = 0), ends[i]), one
 * byte a character until a character beyond U+00FF is met, two from then on.
 */
export interface PackedValues {
  chars: Uint8Array | Uint16Array;
  ends: Int32Array;
}

const REPLACEMENT_CHARACTER = 0xfffd;

function hashOf(text: string, start: number, end: number): number {
  // FNV-1a over the UTF-16 code units, then mixed: FNV's low bits cluster for codes that differ in one character.
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

export class CodeDictionary {
  /** Distinct values seen. */
  size = 0;
  /** The code of the empty value, -1 until one is seen. */
  blank = -1;
  /** Codes of values holding U+FFFD (bytes that were not valid text), which cannot be told apart; null until one. */
  undecodable: Set<number> | null = null;
  private chars: Uint8Array | Uint16Array = new Uint8Array(1 << 14);
  private ends = new Int32Array(1 << 10);
  /**
   * Two numbers per slot, side by side: code + 1 (0 for an empty slot) and the value's hash, so that a probe reads one
   * place and compares characters only when the hashes agree. Kept at most half full.
   */
  private slots = new Int32Array(1 << 12);
  private mask = (1 << 11) - 1;
  private lastCode = -1;

  /** The code of `text[start, end)`, trimmed. Exports list an order's lines together: the previous value is tried first. */
  idOf(text: string, start: number, end: number): number {
    while (start < end && text.charCodeAt(start) <= 32) start++;
    while (end > start && text.charCodeAt(end - 1) <= 32) end--;
    if (this.lastCode >= 0 && this.equals(this.lastCode, text, start, end)) return this.lastCode;
    return (this.lastCode = this.find(text, start, end));
  }

  /** The code of a whole value (already trimmed). */
  id(value: string): number {
    return this.find(value, 0, value.length);
  }


  /** The values as packed data (views of this dictionary's arrays). */
  packed(): PackedValues {
    return { chars: this.chars.subarray(0, this.size ? this.ends[this.size - 1] : 0), ends: this.ends.subarray(0, this.size) };
  }

  /** Add the values of another dictionary (a later part of the file); returns its codes renumbered into this one. */
  absorb(values: PackedValues): Uint32Array {
    const remap = new Uint32Array(values.ends.length);
    // The part's characters as text once (in pieces: String.fromCharCode takes a bounded number of arguments), so
    // that its values are looked up like cells, without a string each.
    let text = '';
    for (let at = 0; at < values.chars.length; at += 8192) text += String.fromCharCode(...values.chars.subarray(at, at + 8192));
    let from = 0;
    for (let i = 0; i < values.ends.length; i++) {
      const to = values.ends[i];
      remap[i] = this.find(text, from, to);
      from = to;
    }
    return remap;
  }

  private startOf(code: number): number {
    return code === 0 ? 0 : this.ends[code - 1];
  }

  private equals(code: number, text: string, start: number, end: number): boolean {
    const from = this.startOf(code);
    if (this.ends[code] - from !== end - start) return false;
    const chars = this.chars;
    for (let i = start, j = from; i < end; i++, j++) if (chars[j] !== text.charCodeAt(i)) return false;
    return true;
  }

  private find(text: string, start: number, end: number): number {
    const h = hashOf(text, start, end);
    const slots = this.slots;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const entry = slots[2 * slot];
      if (entry === 0) break;
      if (slots[2 * slot + 1] === h && this.equals(entry - 1, text, start, end)) return entry - 1;
      slot = (slot + 1) & mask;
    }
    const code = this.size++;
    if (code === this.ends.length) this.ends = grown(this.ends, code * 2);
    const from = this.startOf(code);
    const length = end - start;
    if (from + length > this.chars.length) this.chars = grown(this.chars, Math.max(this.chars.length * 2, from + length));
    let replaced = false;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(start + i);
      if (c > 0xff && this.chars instanceof Uint8Array) this.chars = Uint16Array.from(this.chars);
      this.chars[from + i] = c;
      if (c === REPLACEMENT_CHARACTER) replaced = true;
    }
    this.ends[code] = from + length;
    if (length === 0 && this.blank < 0) this.blank = code;
    if (replaced) (this.undecodable ??= new Set()).add(code);
    slots[2 * slot] = code + 1;
    slots[2 * slot + 1] = h;
    if (this.size * 2 > mask + 1) this.rehash();
    return code;
  }

  private rehash() {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length / 2 - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s] === 0) continue;
      let slot = old[s + 1] & mask;
      while (slots[2 * slot] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[s];
      slots[2 * slot + 1] = old[s + 1];
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function grown<T extends Uint8Array | Uint16Array | Int32Array>(a: T, length: number): T {
  const next = new (a.constructor as new (n: number) => T)(length);
  next.set(a);
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
