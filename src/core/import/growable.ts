/** Typed arrays that grow while rows stream in (the importer sizes them ahead when it can), and string dictionaries. */
import type { Chars } from './chars';
import { CodeDictionary, type PackedValues, type StoredValues } from './code-dictionary';
import { release } from '../release';

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
    // Readers take `data` afresh after making room, so the outgrown array is read by nothing.
    release(this.data);
    this.data = next;
  }
}

/**
 * Strings to small integers, in first-seen order, for columns whose values are shown (customer ids, products,
 * statuses). The values are kept packed (CodeDictionary) while rows stream in and made strings only when asked for,
 * all at once: a file of 3.3 million customers made as many strings one cell at a time, which kept the garbage
 * collector busy during the import and went between workers one by one.
 */
export class Dictionary {
  private readonly codes = new CodeDictionary();
  private readonly strings: string[] = [];

  /**
   * Ids of values holding U+FFFD, the character a decoder puts where bytes were not valid text: two ids that differed
   * only in such bytes read the same, so the importer refuses their rows rather than merging them. Null until one
   * is seen (almost always), so the check per row costs one comparison.
   */
  get undecodable(): Set<number> | null {
    return this.codes.undecodable;
  }

  /** Distinct values so far. */
  get size(): number {
    return this.codes.size;
  }

  /** The id of the empty value, -1 until one is seen. */
  get blank(): number {
    return this.codes.blank;
  }

  /**
   * The values by id (made into strings here for the ids added since the last call). Once sealed and made, their
   * packed characters are dropped: the strings hold them.
   */
  get values(): string[] {
    if (this.strings.length < this.codes.size) this.codes.appendStrings(this.strings);
    if (this.sealed) this.codes.seal(false);
    return this.strings;
  }

  private sealed = false;

  /** No value will be added (every row is read): the lookup table goes (see CodeDictionary.seal). */
  seal(): void {
    this.sealed = true;
    this.codes.seal(true);
  }

  /** The id of the text `text[start, end)`, trimmed. Exports list a customer's rows together: the previous value is tried first. */
  idOf(text: Chars, start: number, end: number): number {
    return this.codes.idOf(text, start, end);
  }

  id(value: string): number {
    return this.codes.id(value);
  }

  /** A value's number, to look up later in a batch (see CodeDictionary.numberOf), or −1. */
  numberOf(text: Chars, start: number, end: number): number {
    return this.codes.numberOf(text, start, end);
  }

  /** The id of a number numberOf gave. */
  idOfNumber(n: number): number {
    return this.codes.codeOfNumber(n);
  }

  /** About how many rows the column will have (see CodeDictionary.expectRows). */
  expectRows(rows: number): void {
    this.codes.expectRows(rows);
  }

  /** The values as packed data a worker can transfer (views of this dictionary's arrays). */
  packed(): PackedValues {
    return this.codes.packed();
  }

  /**
   * The values as kept with a table (sealed first): their numbers when they are numbers after one prefix (see
   * CodeDictionary.numbered), else packed in arrays of their own size (see CodeDictionary.trim).
   */
  packedExactly(): StoredValues {
    const numbered = this.codes.numbered();
    if (numbered) return numbered;
    this.codes.trim();
    return this.codes.packed();
  }

  /** The values handed to the part before (sealed first): their numbers (see CodeDictionary.numbered), or packed. */
  handedOver(): StoredValues {
    return this.codes.numbered() ?? this.codes.packed();
  }

  /** Add the values of another dictionary (a later part of the file); returns its codes renumbered into this one. */
  absorb(values: StoredValues): Uint32Array {
    return this.codes.absorb(values);
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
