/** Whole-text helpers for sniffing: split a (small) text into records as string arrays with their line numbers. */
import type { Delimiter } from '../types';
import { RecordReader, type RecordSink } from './record-reader';

export interface TextRecord {
  line: number;
  fields: string[];
}

/** The first `limit` non-blank records of `text` read with `delimiter`. */
export function readRecords(text: string, delimiter: Delimiter, limit = Infinity): TextRecord[] {
  const out: TextRecord[] = [];
  const sink: RecordSink = {
    record(r) {
      if (out.length >= limit) return;
      const fields: string[] = new Array(r.fieldCount);
      for (let f = 0; f < r.fieldCount; f++) fields[f] = r.field(f);
      out.push({ line: r.line, fields });
    },
    blank() {},
    unclosedQuote() {},
  };
  const reader = new RecordReader(delimiter, sink);
  reader.pushText(text);
  reader.end();
  return out;
}
