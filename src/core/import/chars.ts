/**
 * Text as the importer reads it: character codes in a typed array. A piece of a file that is plain ASCII is read
 * where its bytes lie (one byte a character, nothing decoded or copied); decoded text is copied in one or two bytes a
 * character (charsOf). Making strings of 180 MB of ASCII took Chromium about half a second per half of a 10M-line
 * file before a cell was read.
 */
import { packedText } from '../utf16-text';

export type Chars = Uint8Array | Uint16Array;

export const NO_CHARS: Chars = new Uint8Array(0);

/**
 * A string's UTF-16 code units, copied into an array of their own: one byte each when every one fits (U+0000–U+00FF,
 * as Online Retail's few "£" do), so that the readers see one kind of array unless the text needs the other (a cell
 * reader given both kinds ran 7% slower on every piece).
 */
export function charsOf(text: string): Chars {
  let wide = false;
  for (let i = 0; i < text.length && !wide; i++) wide = text.charCodeAt(i) > 0xff;
  const out = wide ? new Uint16Array(text.length) : new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** Characters `from` to `to` as a string (a byte is the character of that code, U+0000–U+00FF). */
export function charsText(chars: Chars, from: number, to: number): string {
  if (to - from <= 64) {
    let s = '';
    for (let i = from; i < to; i++) s += String.fromCharCode(chars[i]);
    return s;
  }
  return packedText(chars, from, to);
}

/** `a[aFrom, aFrom + length)` and `b[bFrom, bFrom + length)` hold the same characters. */
export function sameChars(a: Chars, aFrom: number, b: Chars, bFrom: number, length: number): boolean {
  for (let i = length - 1; i >= 0; i--) if (a[aFrom + i] !== b[bFrom + i]) return false;
  return true;
}

/** The pieces one after another, in a new array (two bytes a character if any piece has them). */
export function joinedChars(pieces: Chars[]): Chars {
  let length = 0;
  let wide = false;
  for (const piece of pieces) {
    length += piece.length;
    if (piece instanceof Uint16Array) wide = true;
  }
  const out = wide ? new Uint16Array(length) : new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/** Room for at least `length` characters: `held` if it has it, else a larger array, two bytes a character if `wide`. */
function roomFor(held: Chars, length: number, wide: boolean): Chars {
  if (held.length >= length && (held instanceof Uint16Array || !wide)) return held;
  const size = Math.max(length, 2 * held.length, 16);
  return wide || held instanceof Uint16Array ? new Uint16Array(size) : new Uint8Array(size);
}

/**
 * A cell's characters kept past the piece they were read from (the file's bytes are read into a buffer used again for
 * the next slice): the last date or id read, compared with the next.
 */
export class KeptChars {
  chars: Chars = new Uint8Array(16);
  length = -1;

  keep(text: Chars, start: number, end: number): void {
    const n = end - start;
    const chars = (this.chars = roomFor(this.chars, n, text instanceof Uint16Array));
    // A loop rather than set(subarray): a view made per cell is garbage made per row.
    for (let i = 0; i < n; i++) chars[i] = text[start + i];
    this.length = n;
  }

  /** Whether `text[start, end)` is the kept cell (compared from the end, where ids differ). */
  equals(text: Chars, start: number, end: number): boolean {
    return end - start === this.length && sameChars(text, start, this.chars, 0, this.length);
  }

  clear(): void {
    this.length = -1;
  }
}
