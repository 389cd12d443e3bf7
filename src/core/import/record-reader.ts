/**
 * A streaming CSV record reader: text arrives in chunks cut anywhere, as character codes (see chars.ts); records come
 * out with their fields as offsets into the current buffer (no string per field unless the consumer asks), the
 * physical line where each record starts, and quoted fields with delimiters, doubled quotes and line breaks inside.
 * `whitespace` splits on runs of spaces and tabs (fixed-width exports such as CDNOW).
 */
import type { Delimiter } from '../types';
import { charsOf, charsText, joinedChars, NO_CHARS, type Chars } from './chars';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/** Field flags: how to turn the offsets into text. */
export const enum FieldKind {
  Plain = 0,
  Quoted = 1,
  /** Quoted and containing `""` to unescape. */
  QuotedEscaped = 2,
  /** Text after a closing quote: taken as written, quotes removed. */
  Messy = 3,
}

/** A quoted field longer than this is taken as a quote that was never closed (orders have no 1 MB cells). */
export const MAX_QUOTED_CHARS = 1 << 20;

/** What the reader hands to its consumer. */
export interface RecordSink {
  /** One record: fields are `reader.fieldStart/fieldEnd/fieldKind[0..fieldCount)` into `reader.text`. */
  record(reader: RecordReader): void;
  /** A line with nothing on it (or only delimiters and spaces). */
  blank(line: number): void;
  /** A quote opened on `line` that never closes; the reader resumes on the next line. */
  unclosedQuote(line: number, text: string): void;
  /** Every record of the piece of text just pushed (or of the end) has been handed over. */
  pieceRead?(): void;
}

export class RecordReader {
  /** The buffer the current record's offsets point into: valid only while the sink is handling the record. */
  text: Chars = NO_CHARS;
  fieldCount = 0;
  fieldStart = new Int32Array(64);
  fieldEnd = new Int32Array(64);
  fieldKind = new Uint8Array(64);
  /** 1-based physical line where the current record starts, and its extent in `text`. */
  line = 1;
  recordStart = 0;
  recordEnd = 0;
  /** Data lines so far (records and blank lines), for progress. */
  records = 0;

  private readonly delim: number;
  private readonly whitespace: boolean;
  /** The start of a record the text so far did not finish, copied (the caller may reuse the buffer it pushed). */
  private pending: Chars = NO_CHARS;
  /**
   * Pieces that continue `pending` without a line break in them, joined only once a line break (or the end) arrives:
   * re-joining and re-scanning the whole incomplete record on every chunk made a long line cost its length squared.
   */
  private pendingMore: Chars[] = [];
  private nextLine = 1;
  /** True when the previous chunk ended with CR, so a leading LF belongs to that line break. */
  private skipLeadingLf = false;

  constructor(delimiter: Delimiter, private readonly sink: RecordSink) {
    this.whitespace = delimiter === 'whitespace';
    this.delim = this.whitespace ? SPACE : delimiter.charCodeAt(0);
  }

  /** Physical lines consumed so far (line breaks seen, inside quoted fields too). */
  get linesRead(): number {
    return this.nextLine - 1;
  }

  /** Count `n` lines read elsewhere (a later part of the file, parsed by another importer and appended). */
  skipLines(n: number): void {
    this.nextLine += n;
  }

  /** True when the text so far ends exactly where a record ends: nothing is pending, no CR awaits its LF. */
  get atRecordBoundary(): boolean {
    return this.pending.length === 0 && this.pendingMore.length === 0 && !this.skipLeadingLf;
  }

  /**
   * Feed the next piece of text. The record left incomplete by the previous piece is finished on a small joined
   * array (its rest up to the next line break); the piece itself is then scanned where it lies, and may be reused by
   * the caller once this returns.
   */
  push(chunk: Chars): void {
    this.pushPiece(chunk);
    this.sink.pieceRead?.();
  }

  /** push, for text held as a string. */
  pushText(text: string): void {
    if (text.length > 0) this.push(charsOf(text));
  }

  private pushPiece(chunk: Chars): void {
    let from = 0;
    if (this.skipLeadingLf && chunk.length > 0) {
      this.skipLeadingLf = false;
      if (chunk[0] === LF) from = 1;
    }
    if (this.pending.length > 0 && from < chunk.length) {
      let cut = RecordReader.lineBreakAfter(chunk, from);
      if (cut === chunk.length && chunk[cut - 1] !== LF && chunk[cut - 1] !== CR) {
        // No line break: the record cannot end in this piece (nor can a quoted field under way be judged).
        this.pendingMore.push(chunk.slice(from));
        return;
      }
      this.takePendingMore();
      let joined = joinedChars([this.pending, chunk.subarray(from, cut)]);
      this.pending = NO_CHARS;
      this.scan(joined, 0, false);
      if (this.pending.length > 0 && cut < chunk.length) {
        // Still incomplete (a quoted field with line breaks): take the rest of the piece in one go.
        joined = joinedChars([this.pending, chunk.subarray(cut)]);
        this.pending = NO_CHARS;
        this.scan(joined, 0, false);
        cut = chunk.length;
      }
      from = cut;
    }
    if (from < chunk.length) this.scan(chunk, from, false);
  }

  /** Index just past the first line break (LF, CRLF or CR) at or after `from`, or the text's length. */
  private static lineBreakAfter(text: Chars, from: number): number {
    const len = text.length;
    for (let i = from; i < len; i++) {
      const c = text[i];
      if (c === LF) return i + 1;
      if (c === CR) return i + 1 < len && text[i + 1] === LF ? i + 2 : i + 1;
    }
    return len;
  }

  /** Join the pieces kept aside onto `pending`, once. */
  private takePendingMore() {
    if (this.pendingMore.length === 0) return;
    this.pending = joinedChars([this.pending, ...this.pendingMore]);
    this.pendingMore = [];
  }

  /** No more text: the last record may lack a line break. */
  end(): void {
    this.takePendingMore();
    const text = this.pending;
    this.pending = NO_CHARS;
    if (text.length) this.scan(text, 0, true);
    this.sink.pieceRead?.();
  }

  private growFields() {
    const n = this.fieldStart.length * 2;
    const grow = <T extends Int32Array | Uint8Array>(a: T, b: T) => (b.set(a), b);
    this.fieldStart = grow(this.fieldStart, new Int32Array(n));
    this.fieldEnd = grow(this.fieldEnd, new Int32Array(n));
    this.fieldKind = grow(this.fieldKind, new Uint8Array(n));
  }

  private addField(start: number, end: number, kind: FieldKind) {
    if (this.fieldCount === this.fieldStart.length) this.growFields();
    this.fieldStart[this.fieldCount] = start;
    this.fieldEnd[this.fieldCount] = end;
    this.fieldKind[this.fieldCount] = kind;
    this.fieldCount++;
  }

  /** Scan `text` from `pos`, emitting complete records; keep a copy of an incomplete tail unless `final`. */
  private scan(text: Chars, pos: number, final: boolean): void {
    this.text = text;
    const len = text.length;
    while (pos < len) {
      const next = this.whitespace ? this.readWhitespaceRecord(text, pos, final) : this.readLine(text, pos, final);
      if (next < 0) {
        // Incomplete record: keep it for the next chunk.
        this.pending = text.slice(pos);
        return;
      }
      pos = next;
    }
  }

  /** Index just past the line break at or after `i` (handles LF, CRLF and lone CR), counting the break. */
  private afterBreak(text: Chars, i: number): number {
    this.nextLine++;
    if (text[i] === CR) {
      if (i + 1 < text.length) return text[i + 1] === LF ? i + 2 : i + 1;
      // A CR that ends the chunk: an LF starting the next chunk is the same line break.
      this.skipLeadingLf = true;
    }
    return i + 1;
  }

  private emit(text: Chars, start: number, end: number) {
    this.line = this.nextLine;
    this.recordStart = start;
    this.recordEnd = end;
    this.records++;
    let blank = true;
    for (let f = 0; f < this.fieldCount && blank; f++) {
      if (this.fieldKind[f] !== FieldKind.Plain) blank = false;
      else for (let i = this.fieldStart[f]; i < this.fieldEnd[f]; i++) {
        const c = text[i];
        if (c !== SPACE && c !== TAB) {
          blank = false;
          break;
        }
      }
    }
    if (blank) this.sink.blank(this.line);
    else this.sink.record(this);
  }

  /**
   * The common case, a line without quotes, split in one pass over its characters (most of which are neither a
   * delimiter nor a control character nor a quote, told by two comparisons); a line with a quote goes through the
   * full state machine.
   */
  private readLine(text: Chars, start: number, final: boolean): number {
    const len = text.length;
    const delim = this.delim;
    this.fieldCount = 0;
    let from = start;
    let i = start;
    for (;;) {
      let c = -1;
      while (i < len) {
        c = text[i];
        if (c > QUOTE && c !== delim) i++;
        else if (c === delim || c === LF || c === CR || c === QUOTE) break;
        else i++;
      }
      if (i >= len) {
        if (!final) return -1;
        this.addField(from, len, FieldKind.Plain);
        this.emit(text, start, len);
        return len;
      }
      if (c === QUOTE) return this.readRecord(text, start, final);
      if (this.fieldCount === this.fieldStart.length) this.growFields();
      this.fieldStart[this.fieldCount] = from;
      this.fieldEnd[this.fieldCount] = i;
      this.fieldKind[this.fieldCount] = FieldKind.Plain;
      this.fieldCount++;
      if (c !== delim) break;
      from = ++i;
    }
    this.emit(text, start, i);
    return this.afterBreak(text, i);
  }

  /** One delimited record starting at `start`; returns where the next begins, or -1 when more text is needed. */
  private readRecord(text: Chars, start: number, final: boolean): number {
    const len = text.length;
    const delim = this.delim;
    this.fieldCount = 0;
    let fieldStart = start;
    let i = start;
    let breaks = 0; // line breaks inside quoted fields of this record
    for (;;) {
      // Skip spaces before a possible opening quote.
      let j = i;
      while (j < len && (text[j] === SPACE || text[j] === TAB) && delim !== TAB) j++;
      if (j < len && text[j] === QUOTE) {
        // Quoted field.
        const breaksBefore = breaks;
        let k = j + 1;
        let escaped = false;
        for (;;) {
          if (k >= len) {
            if (!final && k - j < MAX_QUOTED_CHARS) return -1;
            return this.unclosed(text, start);
          }
          const c = text[k];
          if (c === QUOTE) {
            if (k + 1 >= len && !final) return -1;
            if (k + 1 < len && text[k + 1] === QUOTE) {
              escaped = true;
              k += 2;
              continue;
            }
            break;
          }
          if (c === LF || (c === CR && !(k + 1 < len && text[k + 1] === LF))) breaks++;
          k++;
          if (k - j >= MAX_QUOTED_CHARS) return this.unclosed(text, start);
        }
        // k is the closing quote; what follows must be a delimiter, a line break or the end.
        let m = k + 1;
        while (m < len && (text[m] === SPACE || text[m] === TAB) && delim !== TAB) m++;
        // Spaces up to the end of the text: what follows them is still to come.
        if (m >= len && !final) return -1;
        const after = m < len ? text[m] : -1;
        if (after === delim || after === LF || after === CR || after === -1) {
          this.addField(j + 1, k, escaped ? FieldKind.QuotedEscaped : FieldKind.Quoted);
          i = m;
        } else if (breaks > breaksBefore) {
          // A "field" spanning lines whose closing quote is followed by text: the quote was a stray one that never
          // closed, and the quote found is the opening quote of a field on a later line. Pairing them would swallow
          // the lines in between; reject the stray quote's line instead and read on from the next.
          return this.unclosed(text, start);
        } else {
          // "ab"cd: keep everything up to the next delimiter or line break, as written.
          while (m < len && text[m] !== delim && text[m] !== LF && text[m] !== CR) m++;
          if (m >= len && !final) return -1;
          this.addField(fieldStart, m, FieldKind.Messy);
          i = m;
        }
      } else {
        while (i < len) {
          const c = text[i];
          if (c === delim || c === LF || c === CR) break;
          i++;
        }
        if (i >= len && !final) return -1;
        this.addField(fieldStart, i, FieldKind.Plain);
      }
      if (i >= len) {
        // The final record, without a line break after it.
        this.emitAt(text, start, len, breaks);
        return len;
      }
      const c = text[i];
      if (c === delim) {
        i++;
        fieldStart = i;
        continue;
      }
      // Line break: the record ends.
      this.emitAt(text, start, i, breaks);
      return this.afterBreak(text, i);
    }
  }

  /** Emit with the record's start line, then advance the line count past breaks inside quoted fields. */
  private emitAt(text: Chars, start: number, end: number, breaks: number) {
    this.emit(text, start, end);
    this.nextLine += breaks;
  }

  /** A quote that never closes: report the record's first line and resume on the line after it. */
  private unclosed(text: Chars, start: number): number {
    let e = start;
    while (e < text.length && text[e] !== LF && text[e] !== CR) e++;
    this.records++;
    this.sink.unclosedQuote(this.nextLine, charsText(text, start, e));
    if (e >= text.length) return text.length;
    return this.afterBreak(text, e);
  }

  /** One whitespace-aligned record: fields are runs of non-space characters. */
  private readWhitespaceRecord(text: Chars, start: number, final: boolean): number {
    const len = text.length;
    this.fieldCount = 0;
    let i = start;
    for (;;) {
      while (i < len && (text[i] === SPACE || text[i] === TAB)) i++;
      if (i >= len) {
        if (!final) return -1;
        this.emit(text, start, len);
        return len;
      }
      let c = text[i];
      if (c === LF || c === CR) {
        this.emit(text, start, i);
        return this.afterBreak(text, i);
      }
      const from = i;
      while (i < len && (c = text[i]) !== SPACE && c !== TAB && c !== LF && c !== CR) i++;
      if (i >= len && !final) return -1;
      this.addField(from, i, FieldKind.Plain);
    }
  }

  /** The text of field `f` of the current record. */
  field(f: number): string {
    const s = charsText(this.text, this.fieldStart[f], this.fieldEnd[f]);
    const kind = this.fieldKind[f];
    if (kind === FieldKind.QuotedEscaped) return s.replace(/""/g, '"');
    if (kind === FieldKind.Messy) return s.replace(/"/g, '');
    return s;
  }

  /** The record as written in the file (its first 200 characters), for rejected-row examples. */
  recordText(): string {
    const end = Math.min(this.recordEnd, this.recordStart + 200);
    return charsText(this.text, this.recordStart, end) + (this.recordEnd > end ? '…' : '');
  }
}
