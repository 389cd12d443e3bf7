/**
 * RFM scores 1–5 by quintiles of the customers' own values, ties kept together: a customer's score is set by how many
 * customers have a worse value (1 + ⌊5 × worse / n⌋), so equal values always share a score, and where a fifth of the
 * customers or more share one value some scores stay empty rather than splitting equals apart. Recency scores 5 for
 * the most recent buyers; frequency and monetary score 5 for the highest.
 */
import type { RfmInput } from './rfm-input';

export interface RfmScores {
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
}

/** Scores of `values` where a higher value is better: 1 + ⌊5 × (number of strictly lower values) / n⌋. */
export function quintileScores(values: ArrayLike<number>, higherIsBetter: boolean): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  if (n === 0) return scores;
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = higherIsBetter ? values[i] : -values[i];
  // A sorted copy (a native numeric sort) answers "how many are worse" by a binary search per customer.
  const sorted = key.slice().sort();
  for (let i = 0; i < n; i++) scores[i] = 1 + Math.floor((5 * lowerBound(sorted, key[i])) / n);
  return scores;
}

/** The number of entries of `sorted` below `value`. */
function lowerBound(sorted: Float64Array, value: number): number {
  let a = 0, b = sorted.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (sorted[m] < value) a = m + 1;
    else b = m;
  }
  return a;
}

export function rfmScores(input: RfmInput): RfmScores {
  return {
    r: quintileScores(input.recencyDays, false),
    f: quintileScores(input.frequency, true),
    m: quintileScores(input.monetary, true),
  };
}
