/**
 * Values kept front-coded, one after another: each as the length of the start it shares with the value before, then
 * the rest of its characters (one byte each). Read back only in order, all at once. Order ids counting up share most
 * of their characters with the id before ("#10000123", "#10000124"): about 3 bytes each here, where packed characters
 * and an end offset took 13 (see CodeDictionary, which keeps its values so while they come in order).
 */
import { release } from '../release';

/** Front-coded values as plain data a worker can transfer (see FrontCoded.exported). */
export interface FrontCodedValues {
  front: Uint8Array;
  count: number;
  chars: number;
}

/** Characters (each ≤ U+00FF) of values, front-coded. */
export class FrontCoded {
  /** Values held. */
  count = 0;
  /** Their characters, in all. */
  chars = 0;
  private bytes: Uint8Array = new Uint8Array(1 << 12);
  private used = 0;
  /** The last value's characters (the start the next one may share). */
  private previous: Uint8Array = new Uint8Array(64);
  private previousLength = 0;

  /** Bytes the coded values use. */
  get usedBytes(): number {
    return this.used;
  }

  /** Bytes this holds (its coded values' array, used or not). */
  get heldBytes(): number {
    return this.bytes.byteLength + this.previous.byteLength;
  }

  /** Append the `length` characters of `source` from `from` (each ≤ 0xFF). */
  append(source: Uint8Array | Uint16Array, from: number, length: number): void {
    const previous = this.previous;
    const limit = Math.min(length, this.previousLength);
    let shared = 0;
    while (shared < limit && previous[shared] === source[from + shared]) shared++;
    const rest = length - shared;
    // Two varints of up to 5 bytes each, and the rest's characters.
    if (this.used + rest + 10 > this.bytes.length) this.grow(this.used + rest + 10);
    this.used = writeVarint(this.bytes, this.used, shared);
    this.used = writeVarint(this.bytes, this.used, rest);
    const bytes = this.bytes;
    let at = this.used;
    if (length > previous.length) this.previous = grownTo(previous, length);
    const last = this.previous;
    for (let i = shared; i < length; i++) {
      const c = source[from + i];
      bytes[at++] = c;
      last[i] = c;
    }
    this.used = at;
    this.previousLength = length;
    this.count++;
    this.chars += length;
  }

  /** The values as plain data (a view of this one's bytes: nothing may be appended after). */
  exported(): FrontCodedValues {
    return { front: this.bytes.subarray(0, this.used), count: this.count, chars: this.chars };
  }

  /** Room for `values` values in all, each taking as many bytes as those so far on average (2% over). */
  reserve(values: number): void {
    if (values <= this.count || this.count === 0) return;
    const bytes = Math.ceil((this.used / this.count) * values * 1.02);
    if (bytes > this.bytes.length) this.grow(bytes, true);
  }

  /**
   * The values written out into `chars` from index 0 (their characters one after another) and their end offsets into
   * `ends` (value i ends at ends[i]). Both must have room. The coded bytes are released: this holds nothing after.
   */
  decodeInto(chars: Uint8Array | Uint16Array, ends: Int32Array): void {
    let at = 0;
    forEachFrontCoded(this.exported(), (value, length, v) => {
      chars.set(value.subarray(0, length), at);
      at += length;
      ends[v] = at;
    });
    this.drop();
  }

  /** Forget every value and give the bytes back. */
  drop(): void {
    release(this.bytes);
    this.bytes = new Uint8Array(0);
    this.previous = new Uint8Array(0);
    this.used = 0;
    this.count = 0;
    this.chars = 0;
    this.previousLength = 0;
  }

  private grow(needed: number, exact = false): void {
    const next = new Uint8Array(exact ? needed : Math.max(needed, this.bytes.length * 2));
    next.set(this.bytes.subarray(0, this.used));
    release(this.bytes);
    this.bytes = next;
  }
}

/** Each of exported values in order, its characters in `value[0, length)` (the array is reused: read it at once). */
export function forEachFrontCoded(values: FrontCodedValues, visit: (value: Uint8Array, length: number, index: number) => void): void {
  const bytes = values.front;
  let value: Uint8Array = new Uint8Array(64);
  let read = 0;
  for (let v = 0; v < values.count; v++) {
    const shared = readVarint(bytes, read);
    read = varintEnd;
    const rest = readVarint(bytes, read);
    read = varintEnd;
    if (shared + rest > value.length) value = grownTo(value, shared + rest);
    for (let i = 0; i < rest; i++) value[shared + i] = bytes[read + i];
    read += rest;
    visit(value, shared + rest, v);
  }
}

function grownTo(a: Uint8Array, length: number): Uint8Array {
  const next = new Uint8Array(Math.max(length, a.length * 2));
  next.set(a);
  return next;
}

function writeVarint(bytes: Uint8Array, at: number, value: number): number {
  while (value >= 0x80) {
    bytes[at++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  bytes[at++] = value;
  return at;
}

/** Where the last readVarint stopped (a module variable: no object per value read). */
let varintEnd = 0;

function readVarint(bytes: Uint8Array, at: number): number {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value |= (b & 0x7f) << shift;
    if (b < 0x80) break;
    shift += 7;
  }
  varintEnd = at;
  return value >>> 0;
}
