/**
 * Which text encoding a file uses, from its first bytes: UTF-8 (with or without BOM), UTF-16 LE/BE (Excel "Unicode
 * text"), or, when the bytes are not valid UTF-8, a Windows code page: 1258 (Vietnamese), 874 (Thai) or 1252.
 * Also tells text from binary files, so that a spreadsheet or an image gets a clear message instead of garbage.
 */
import { isAscii } from '../utf16-text';
import { charsOf, type Chars } from './chars';

export type TextEncodingLabel = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'windows-1258' | 'windows-874';

export type BinaryKind = 'zip' | 'gzip' | 'xlsx' | 'xls' | 'pdf' | 'image' | 'binary';

/** Whether `bytes` holds the ASCII text `word` anywhere in its first `within` bytes. */
function holdsAscii(bytes: Uint8Array, word: string, within: number): boolean {
  const n = Math.min(bytes.length, within) - word.length;
  const first = word.charCodeAt(0);
  outer: for (let i = 0; i <= n; i++) {
    if (bytes[i] !== first) continue;
    for (let k = 1; k < word.length; k++) if (bytes[i + k] !== word.charCodeAt(k)) continue outer;
    return true;
  }
  return false;
}

/**
 * A zip archive (PK 03 04, or PK 05 06 when empty) is an Excel workbook when its entries are a workbook's: an .xlsx
 * names `xl/…` or `[Content_Types].xml` in its local headers near the start (which comes first depends on the writer); any other zip (a zipped CSV) is not.
 */
function zipKind(b: Uint8Array): BinaryKind | null {
  if (b.length < 4 || b[0] !== 0x50 || b[1] !== 0x4b || !((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6))) return null;
  return holdsAscii(b, 'xl/', 1 << 20) || holdsAscii(b, '[Content_Types].xml', 1 << 20) ? 'xlsx' : 'zip';
}

/** Why a file is not text, or null when it is. */
export function binaryKind(head: Uint8Array, encoding: TextEncodingLabel): BinaryKind | null {
  const b = head;
  const zip = zipKind(b);
  if (zip) return zip;
  // A gzip file is inflated before it is sniffed: its text starting with gzip's magic is a gzip inside.
  if (b.length >= 3 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 8) return 'gzip';
  if (b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'xls';
  if (b.length >= 4 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'pdf';
  if (b.length >= 4 && ((b[0] === 0x89 && b[1] === 0x50) || (b[0] === 0xff && b[1] === 0xd8) || (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46))) return 'image';
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return null;
  // Text has no NUL bytes and few control characters.
  const n = Math.min(b.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0) return 'binary';
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return control > n * 0.02 ? 'binary' : null;
}

/** Is `bytes` valid UTF-8? A sequence cut off at the very end (the head of a larger file) is allowed. */
function isUtf8(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const c = bytes[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return true;
      if ((bytes[i + k] & 0xc0) !== 0x80) return false;
    }
    i += need + 1;
  }
  return true;
}

/** UTF-16 without a BOM shows as NUL bytes in every other position of ASCII text. */
function utf16WithoutBom(b: Uint8Array): TextEncodingLabel | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Bytes that in Windows-1258 are Vietnamese-only: combining tone marks and Ă ă Đ đ Ơ ơ Ư ư. */
const VIETNAMESE_TONE_MARKS = new Set([0xcc, 0xec, 0xd2, 0xde, 0xf2]);
const VIETNAMESE_LETTERS = new Set([0xc3, 0xe3, 0xd0, 0xf0, 0xd5, 0xf5, 0xdd, 0xfd]);
/** Letters a Vietnamese tone mark can follow: ASCII vowels and â ê ô ă ơ ư (and capitals). */
const TONE_BASES = new Set([...'aeiouyAEIOUY'].map((c) => c.charCodeAt(0)).concat([0xe2, 0xea, 0xf4, 0xe3, 0xf5, 0xfd, 0xc2, 0xca, 0xd4, 0xc3, 0xd5, 0xdd]));

/**
 * Pick a single-byte code page from byte statistics. Vietnamese in 1258 writes tones as combining bytes right after
 * a vowel; Thai in 874 is long runs of bytes 0xA1-0xFB; anything else is read as Windows-1252.
 */
function singleByteEncoding(b: Uint8Array): TextEncodingLabel {
  let high = 0;
  let tonesAfterVowel = 0;
  let vietnameseLetters = 0;
  let thaiRun = 0;
  let thaiRunBytes = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c < 0x80) {
      thaiRun = 0;
      continue;
    }
    high++;
    if (VIETNAMESE_TONE_MARKS.has(c) && i > 0 && TONE_BASES.has(b[i - 1])) tonesAfterVowel++;
    if (VIETNAMESE_LETTERS.has(c)) vietnameseLetters++;
    if (c >= 0xa1 && c <= 0xfb) {
      thaiRun++;
      if (thaiRun >= 3) thaiRunBytes++;
    } else thaiRun = 0;
  }
  if (high === 0) return 'windows-1252';
  if (tonesAfterVowel >= 2 && (tonesAfterVowel + vietnameseLetters) / high > 0.3) return 'windows-1258';
  if (thaiRunBytes / high > 0.4) return 'windows-874';
  return 'windows-1252';
}

/** The encoding of a file, from its first bytes. */
export function detectEncoding(head: Uint8Array): { encoding: TextEncodingLabel; bom: boolean } {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, bom: false };
  if (isUtf8(head)) return { encoding: 'utf-8', bom: false };
  return { encoding: singleByteEncoding(head), bom: false };
}

/**
 * Bytes decoded at a time. V8 gives a string of more than about 128 KB a fresh mapping of its own in its large-object
 * space. Decoding Online Retail's 45 MB in 1 MB pieces took 121–199 ms in each of a fresh process's first three
 * passes, against 34–48 ms in 64 KB pieces, whose strings come and go in the young generation. The whole cold import
 * went from 730–1,060 ms to 520–550 ms with 32 KB pieces (six fresh processes each).
 */
export const DECODED_PIECE_BYTES = 32 * 1024;

/**
 * Turns byte chunks cut anywhere into the reader's characters, and counts the characters it could not decode. Pieces
 * of plain ASCII (every byte below 0x80, which reads the same in UTF-8 and every single-byte encoding here) are handed
 * to the reader as the bytes they are: the reader reads character codes (chars.ts), and a byte of ASCII is its own
 * code. Making them strings first cost Chromium 0.5 s per 180 MB in a worker (String.fromCharCode; TextDecoder's
 * strings took longer still and more fresh memory).
 */
export class ChunkDecoder {
  private readonly decoder: TextDecoder;
  /** Bytes that were not valid in the chosen encoding (shown as U+FFFD). */
  replaced = 0;
  /** Whether ASCII pieces may skip the decoder (an encoding in which ASCII bytes are their own characters). */
  private readonly asBytes: boolean;
  /** Whether the decoder holds no part of a character (the last piece it read ended on an ASCII byte, or none yet). */
  private settled = true;

  constructor(encoding: string) {
    this.decoder = new TextDecoder(encoding);
    this.asBytes = !encoding.startsWith('utf-16');
  }

  private decode(chunk: Uint8Array | null): string {
    let text = chunk ? this.decoder.decode(chunk, { stream: true }) : this.decoder.decode();
    // A byte order mark inside the text (files joined together, each with its BOM) is no character of the data: left
    // in, it made "﻿C1" a customer apart from "C1". (As a zero-width no-break space it has been deprecated since 2002.)
    if (text.indexOf('\uFEFF') >= 0) text = text.replace(/\uFEFF/g, '');
    for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) this.replaced++;
    return text;
  }

  /**
   * Decode `chunk` in pieces of {@link DECODED_PIECE_BYTES}, handing each piece's characters to `reader` in order: an
   * ASCII piece as its own bytes (a view of `chunk`), any other decoded.
   */
  decodeInto(chunk: Uint8Array, reader: { push(text: Chars): void }): void {
    for (let at = 0; at < chunk.length; at += DECODED_PIECE_BYTES) {
      const piece = chunk.subarray(at, at + DECODED_PIECE_BYTES);
      if (this.asBytes && this.settled && isAscii(piece)) {
        reader.push(piece);
        continue;
      }
      reader.push(charsOf(this.decode(piece)));
      this.settled = piece.length > 0 && piece[piece.length - 1] < 0x80;
    }
  }

  /** The end of the input: what the decoder still holds (the bytes of a character cut off), to `reader`. */
  flushInto(reader: { push(text: Chars): void }): void {
    const rest = this.decode(null);
    if (rest.length > 0) reader.push(charsOf(rest));
  }
}
