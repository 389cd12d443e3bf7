/** Typed arrays that grow by doubling while rows stream in, then shrink to size. */

type TypedArray = Uint32Array | Int32Array | Float64Array | Uint8Array;
type TypedArrayCtor<T extends TypedArray> = { new (length: number): T };

export class Growable<T extends TypedArray> {
  data: T;
  constructor(private readonly ctor: TypedArrayCtor<T>, capacity = 1 << 16) {
    this.data = new ctor(capacity);
  }

  /** Make room for index `i`. */
  ensure(i: number): void {
    if (i < this.data.length) return;
    let n = this.data.length * 2;
    while (n <= i) n *= 2;
    const next = new this.ctor(n);
    next.set(this.data as never);
    this.data = next;
  }

  /** A right-sized copy of the first `length` entries. */
  take(length: number): T {
    return this.data.slice(0, length) as T;
  }
}

/** Strings to small integers, in first-seen order. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  private lastValue = '';
  private lastId = -1;

  /**
   * The id of the text `text[start, end)`, trimmed. Exports list a customer's or an order's rows together, so the
   * previous value is checked first: no new string and no hashing for a repeat.
   */
  idOf(text: string, start: number, end: number): number {
    while (start < end && text.charCodeAt(start) <= 32) start++;
    while (end > start && text.charCodeAt(end - 1) <= 32) end--;
    const last = this.lastValue;
    if (this.lastId >= 0 && end - start === last.length && text.startsWith(last, start)) return this.lastId;
    const value = text.slice(start, end);
    this.lastValue = value;
    return (this.lastId = this.id(value));
  }

  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.index.set(value, i);
      this.values.push(value);
    }
    return i;
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
