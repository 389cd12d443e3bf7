/** Typed arrays that grow while rows stream in (the importer sizes them ahead when it can), and string dictionaries. */
import { CodeDictionary } from './code-dictionary';

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
 * Strings to small integers, in first-seen order, for columns whose values are shown (customer ids, products,
 * statuses). Lookups go through a CodeDictionary (packed characters, hash beside the code in each slot), so that a
 * cell already known costs no string and one memory read in the common case; the string of each value is cut out of
 * the buffer once, when the value is first seen.
 */
export class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new CodeDictionary();

  /**
   * Ids of values holding U+FFFD, the character a decoder puts where bytes were not valid text: two ids that differed
   * only in such bytes read the same, so the importer refuses their rows rather than merging them. Null until one
   * is seen (almost always), so the check per row costs one comparison.
   */
  get undecodable(): Set<number> | null {
    return this.codes.undecodable;
  }

  /** The id of the text `text[start, end)`, trimmed. Exports list a customer's rows together: the previous value is tried first. */
  idOf(text: string, start: number, end: number): number {
    while (start < end && text.charCodeAt(start) <= 32) start++;
    while (end > start && text.charCodeAt(end - 1) <= 32) end--;
    const id = this.codes.idOf(text, start, end);
    if (id === this.values.length) this.values.push(start === 0 && end === text.length ? text : text.slice(start, end));
    return id;
  }

  id(value: string): number {
    const id = this.codes.id(value);
    if (id === this.values.length) this.values.push(value);
    return id;
  }

  /** Add the values of another dictionary (a later part of the file); returns its codes renumbered into this one. */
  absorb(values: string[]): Uint32Array {
    const remap = new Uint32Array(values.length);
    for (let i = 0; i < values.length; i++) remap[i] = this.id(values[i]);
    return remap;
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
