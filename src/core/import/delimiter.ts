/**
 * Which delimiter a text uses: the candidate that splits the first lines into the same number (at least two) of
 * fields most consistently, header line included. Fixed-width exports (CDNOW) fall back to runs of whitespace.
 */
import type { Delimiter } from '../types';
import { readRecords } from './rows';

const CANDIDATES: Delimiter[] = ['\t', ';', ',', '|'];
const SAMPLE_RECORDS = 200;

interface Consistency {
  /** The most common field count. */
  fields: number;
  /** Share of records with that count. */
  share: number;
}

function consistency(counts: number[]): Consistency {
  const freq = new Map<number, number>();
  for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
  let fields = 0;
  let best = 0;
  for (const [c, n] of freq) if (n > best || (n === best && c > fields)) [fields, best] = [c, n];
  return { fields, share: counts.length ? best / counts.length : 0 };
}

/** The delimiter of `text` (the start of a file), and how many fields it gives. */
export function detectDelimiter(text: string): { delimiter: Delimiter; fields: number } {
  let winner: { delimiter: Delimiter; fields: number; share: number } | null = null;
  for (const delimiter of CANDIDATES) {
    const counts = readRecords(text, delimiter, SAMPLE_RECORDS).map((r) => r.fields.length);
    const { fields, share } = consistency(counts);
    if (fields < 2 || share < 0.6) continue;
    // Consistency first, then more fields (a decimal comma inside a semicolon file gives fewer, equally steady fields).
    if (!winner || share > winner.share + 0.05 || (Math.abs(share - winner.share) <= 0.05 && fields > winner.fields)) {
      winner = { delimiter, fields, share };
    }
  }
  if (winner) return { delimiter: winner.delimiter, fields: winner.fields };
  const counts = readRecords(text, 'whitespace', SAMPLE_RECORDS).map((r) => r.fields.length);
  const { fields, share } = consistency(counts);
  if (fields >= 2 && share >= 0.6) return { delimiter: 'whitespace', fields };
  return { delimiter: ',', fields: 1 };
}
