/** Typed arrays that grow by doubling while rows stream in (the importer sizes them ahead when it can). */

type TypedArray = Uint32Array | Int32Array | Float64Array | Uint8Array;
type TypedArrayCtor<T extends TypedArray> = { new (length: number): T };

export class Growable<T extends TypedArray> {
  data: T;
  constructor(private readonly ctor: TypedArrayCtor<T>, capacity = 1 << 16) {
    this.data = new ctor(capacity);
  }

  /**
   * Make room for index `i`: exactly that much when `exact` (the rows still to come are known or estimated),
   * otherwise half as much again. Doubling up to a power of two left a column sized ahead for 1.05M rows with room
   * for 2.1M, 38 bytes a row of a synthetic orders file spent on nothing.
   */
  ensure(i: number, exact = false): void {
    if (i < this.data.length) return;
    let n = exact ? i + 1 : Math.ceil(this.data.length * 1.5);
    while (n <= i) n = Math.ceil(n * 1.5);
    const next = new this.ctor(n);
    next.set(this.data as never);
    this.data = next;
  }
}

/**
 * Strings to small integers, in first-seen order. An open-addressing hash table over the characters themselves, so
 * that looking up a cell that is already known (most cells) neither cuts a string out of the buffer nor hashes one.
 */
export class Dictionary {
  readonly values: string[] = [];
  /**
   * Ids of values holding U+FFFD, the character a decoder puts where bytes were not valid text: two ids that differed
   * only in such bytes read the same, so the importer refuses their rows rather than merging them. Null until one
   * is seen (almost always), so the check per row costs one comparison.
   */
  undecodable: Set<number> | null = null;
  /** id + 1 per slot, 0 for an empty slot; the table is kept at most half full. */
  private slots = new Int32Array(1024);
  private hashes: Int32Array = new Int32Array(512);

  private lastValue = '';
  private lastId = -1;

  /**
   * The id of the text `text[start, end)`, trimmed. Exports list a customer's or an order's rows together, so the
   * previous value is checked first.
   */
  idOf(text: string, start: number, end: number): number {
    while (start < end && text.charCodeAt(start) <= 32) start++;
    while (end > start && text.charCodeAt(end - 1) <= 32) end--;
    const last = this.lastValue;
    if (this.lastId >= 0 && end - start === last.length && text.startsWith(last, start)) return this.lastId;
    const id = this.find(text, start, end);
    this.lastValue = this.values[id];
    return (this.lastId = id);
  }

  id(value: string): number {
    return this.find(value, 0, value.length);
  }

  /** Add the values of another dictionary (a later part of the file); returns its codes renumbered into this one. */
  absorb(values: string[]): Uint32Array {
    const remap = new Uint32Array(values.length);
    for (let i = 0; i < values.length; i++) remap[i] = this.id(values[i]);
    return remap;
  }

  private find(text: string, start: number, end: number): number {
    // FNV-1a over the UTF-16 code units.
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    // FNV's low bits cluster for short codes that differ in one character; mix before masking.
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    const length = end - start;
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const entry = slots[slot];
      if (entry === 0) break;
      const v = this.values[entry - 1];
      if (this.hashes[entry - 1] === h && v.length === length && text.startsWith(v, start)) return entry - 1;
      slot = (slot + 1) & mask;
    }
    const id = this.values.length;
    const value = start === 0 && end === text.length ? text : text.slice(start, end);
    this.values.push(value);
    if (value.includes('\uFFFD')) (this.undecodable ??= new Set()).add(id);
    if (id === this.hashes.length) {
      const grown = new Int32Array(id * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[id] = h;
    slots[slot] = id + 1;
    if ((id + 1) * 2 > slots.length) this.rehash();
    return id;
  }

  private rehash() {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.values.length; id++) {
      let slot = this.hashes[id] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

/** Renumber `codes[0..length)` so that only used entries of `values` remain, in first-use order. */
export function compactDictionary(codes: Uint32Array, length: number, values: string[]): string[] {
  const remap = new Int32Array(values.length).fill(-1);
  const kept: string[] = [];
  for (let i = 0; i < length; i++) {
    const c = codes[i];
    let r = remap[c];
    if (r < 0) {
      r = remap[c] = kept.length;
      kept.push(values[c]);
    }
    codes[i] = r;
  }
  return kept;
}
