/**
 * A streaming CSV record reader: text arrives in chunks cut anywhere, records come out with their fields as offsets
 * into the current buffer (no string per field unless the consumer asks), the physical line where each record starts,
 * and quoted fields with delimiters, doubled quotes and line breaks inside. `whitespace` splits on runs of spaces
 * and tabs (fixed-width exports such as CDNOW).
 */
import type { Delimiter } from '../types';

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
  /** The buffer the current record's offsets point into. */
  text = '';
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
  private readonly delimChar: string;
  private readonly whitespace: boolean;
  private pending = '';
  /**
   * Pieces that continue `pending` without a line break in them, joined only once a line break (or the end) arrives:
   * re-joining and re-scanning the whole incomplete record on every chunk made a long line cost its length squared.
   */
  private pendingMore: string[] = [];
  private nextLine = 1;
  /** True when the previous chunk ended with CR, so a leading LF belongs to that line break. */
  private skipLeadingLf = false;
  /** Next positions of a quote, LF and CR in `text` (or `text.length` when there is none): found once, reused. */
  private nextQuote = 0;
  private nextLf = 0;
  private nextCr = 0;
  private nextDelim = 0;

  constructor(delimiter: Delimiter, private readonly sink: RecordSink) {
    this.whitespace = delimiter === 'whitespace';
    this.delim = this.whitespace ? SPACE : delimiter.charCodeAt(0);
    this.delimChar = this.whitespace ? ' ' : delimiter;
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
   * string (its rest up to the next line break); the piece itself is then scanned where it lies. Joining the whole
   * piece would make every later character access go through a concatenated (cons) string, which is markedly
   * slower than the flat string the decoder returns.
   */
  push(chunk: string): void {
    this.pushPiece(chunk);
    this.sink.pieceRead?.();
  }

  private pushPiece(chunk: string): void {
    let from = 0;
    if (this.skipLeadingLf && chunk.length > 0) {
      this.skipLeadingLf = false;
      if (chunk.charCodeAt(0) === LF) from = 1;
    }
    if (this.pending.length > 0 && from < chunk.length) {
      if (chunk.indexOf('\n', from) < 0 && chunk.indexOf('\r', from) < 0) {
        // No line break: the record cannot end in this piece (nor can a quoted field under way be judged).
        this.pendingMore.push(from === 0 ? chunk : chunk.slice(from));
        return;
      }
      this.takePendingMore();
      let cut = RecordReader.lineBreakAfter(chunk, from);
      let joined = this.pending + chunk.slice(from, cut);
      this.pending = '';
      this.scan(joined, 0, false);
      if (this.pending.length > 0 && cut < chunk.length) {
        // Still incomplete (a quoted field with line breaks): take the rest of the piece in one go.
        joined = this.pending + chunk.slice(cut);
        this.pending = '';
        this.scan(joined, 0, false);
        cut = chunk.length;
      }
      from = cut;
    }
    if (from < chunk.length) this.scan(chunk, from, false);
  }

  /** Index just past the first line break (LF, CRLF or CR) at or after `from`, or the text's length. */
  private static lineBreakAfter(text: string, from: number): number {
    let lf = text.indexOf('\n', from);
    if (lf < 0) lf = text.length;
    const cr = text.indexOf('\r', from);
    if (cr >= 0 && cr < lf) return cr + 1 < text.length && text.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1;
    return lf < text.length ? lf + 1 : lf;
  }

  /** Join the pieces kept aside onto `pending`, once. */
  private takePendingMore() {
    if (this.pendingMore.length === 0) return;
    this.pending += this.pendingMore.join('');
    this.pendingMore = [];
  }

  /** No more text: the last record may lack a line break. */
  end(): void {
    this.takePendingMore();
    const text = this.pending;
    this.pending = '';
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

  /** Scan `text` from `pos`, emitting complete records; keep an incomplete tail unless `final`. */
  private scan(text: string, pos: number, final: boolean): void {
    this.text = text;
    const len = text.length;
    this.nextQuote = this.nextLf = this.nextCr = this.nextDelim = -1;
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
  private afterBreak(text: string, i: number): number {
    this.nextLine++;
    if (text.charCodeAt(i) === CR) {
      if (i + 1 < text.length) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      // A CR that ends the chunk: an LF starting the next chunk is the same line break.
      this.skipLeadingLf = true;
    }
    return i + 1;
  }

  private emit(text: string, start: number, end: number) {
    this.line = this.nextLine;
    this.recordStart = start;
    this.recordEnd = end;
    this.records++;
    let blank = true;
    for (let f = 0; f < this.fieldCount && blank; f++) {
      if (this.fieldKind[f] !== FieldKind.Plain) blank = false;
      else for (let i = this.fieldStart[f]; i < this.fieldEnd[f]; i++) {
        const c = text.charCodeAt(i);
        if (c !== SPACE && c !== TAB) {
          blank = false;
          break;
        }
      }
    }
    if (blank) this.sink.blank(this.line);
    else this.sink.record(this);
  }

  /** Position of the next `ch` at or after `from`, or `len` when there is none. */
  private static find(text: string, ch: string, from: number, cached: number): number {
    if (cached >= from) return cached;
    const i = text.indexOf(ch, from);
    return i < 0 ? text.length : i;
  }

  /**
   * The common case, a line without quotes, split with indexOf (native and much faster than a loop over characters);
   * lines with a quote go through the full state machine.
   */
  private readLine(text: string, start: number, final: boolean): number {
    const len = text.length;
    this.nextQuote = RecordReader.find(text, '"', start, this.nextQuote);
    this.nextLf = RecordReader.find(text, '\n', start, this.nextLf);
    this.nextCr = RecordReader.find(text, '\r', start, this.nextCr);
    const lineEnd = this.nextLf < this.nextCr ? this.nextLf : this.nextCr;
    if (this.nextQuote < lineEnd) return this.readRecord(text, start, final);
    if (lineEnd >= len && !final) return -1;
    this.fieldCount = 0;
    const delim = this.delimChar;
    let from = start;
    for (;;) {
      this.nextDelim = RecordReader.find(text, delim, from, this.nextDelim);
      const to = this.nextDelim < lineEnd ? this.nextDelim : lineEnd;
      if (this.fieldCount === this.fieldStart.length) this.growFields();
      this.fieldStart[this.fieldCount] = from;
      this.fieldEnd[this.fieldCount] = to;
      this.fieldKind[this.fieldCount] = FieldKind.Plain;
      this.fieldCount++;
      if (to === lineEnd) break;
      from = to + 1;
    }
    this.emit(text, start, lineEnd);
    if (lineEnd >= len) return len;
    return this.afterBreak(text, lineEnd);
  }

  /** One delimited record starting at `start`; returns where the next begins, or -1 when more text is needed. */
  private readRecord(text: string, start: number, final: boolean): number {
    const len = text.length;
    const delim = this.delim;
    this.fieldCount = 0;
    let fieldStart = start;
    let i = start;
    let breaks = 0; // line breaks inside quoted fields of this record
    for (;;) {
      // Skip spaces before a possible opening quote.
      let j = i;
      while (j < len && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB) && delim !== TAB) j++;
      if (j < len && text.charCodeAt(j) === QUOTE) {
        // Quoted field.
        const breaksBefore = breaks;
        let k = j + 1;
        let escaped = false;
        for (;;) {
          if (k >= len) {
            if (!final && k - j < MAX_QUOTED_CHARS) return -1;
            return this.unclosed(text, start);
          }
          const c = text.charCodeAt(k);
          if (c === QUOTE) {
            if (k + 1 >= len && !final) return -1;
            if (k + 1 < len && text.charCodeAt(k + 1) === QUOTE) {
              escaped = true;
              k += 2;
              continue;
            }
            break;
          }
          if (c === LF || (c === CR && !(k + 1 < len && text.charCodeAt(k + 1) === LF))) breaks++;
          k++;
          if (k - j >= MAX_QUOTED_CHARS) return this.unclosed(text, start);
        }
        // k is the closing quote; what follows must be a delimiter, a line break or the end.
        let m = k + 1;
        while (m < len && (text.charCodeAt(m) === SPACE || text.charCodeAt(m) === TAB) && delim !== TAB) m++;
        // Spaces up to the end of the text: what follows them is still to come.
        if (m >= len && !final) return -1;
        const after = m < len ? text.charCodeAt(m) : -1;
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
          while (m < len && text.charCodeAt(m) !== delim && text.charCodeAt(m) !== LF && text.charCodeAt(m) !== CR) m++;
          if (m >= len && !final) return -1;
          this.addField(fieldStart, m, FieldKind.Messy);
          i = m;
        }
      } else {
        while (i < len) {
          const c = text.charCodeAt(i);
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
      const c = text.charCodeAt(i);
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
  private emitAt(text: string, start: number, end: number, breaks: number) {
    this.emit(text, start, end);
    this.nextLine += breaks;
  }

  /** A quote that never closes: report the record's first line and resume on the line after it. */
  private unclosed(text: string, start: number): number {
    let e = start;
    while (e < text.length && text.charCodeAt(e) !== LF && text.charCodeAt(e) !== CR) e++;
    this.records++;
    this.sink.unclosedQuote(this.nextLine, text.slice(start, e));
    if (e >= text.length) return text.length;
    return this.afterBreak(text, e);
  }

  /** One whitespace-aligned record: fields are runs of non-space characters. */
  private readWhitespaceRecord(text: string, start: number, final: boolean): number {
    const len = text.length;
    this.fieldCount = 0;
    let i = start;
    for (;;) {
      while (i < len && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
      if (i >= len) {
        if (!final) return -1;
        this.emit(text, start, len);
        return len;
      }
      let c = text.charCodeAt(i);
      if (c === LF || c === CR) {
        this.emit(text, start, i);
        return this.afterBreak(text, i);
      }
      const from = i;
      while (i < len && (c = text.charCodeAt(i)) !== SPACE && c !== TAB && c !== LF && c !== CR) i++;
      if (i >= len && !final) return -1;
      this.addField(from, i, FieldKind.Plain);
    }
  }

  /** The text of field `f` of the current record. */
  field(f: number): string {
    const s = this.text.slice(this.fieldStart[f], this.fieldEnd[f]);
    const kind = this.fieldKind[f];
    if (kind === FieldKind.QuotedEscaped) return s.replace(/""/g, '"');
    if (kind === FieldKind.Messy) return s.replace(/"/g, '');
    return s;
  }

  /** The record as written in the file (its first 200 characters), for rejected-row examples. */
  recordText(): string {
    const end = Math.min(this.recordEnd, this.recordStart + 200);
    return this.text.slice(this.recordStart, end) + (this.recordEnd > end ? '…' : '');
  }
}
