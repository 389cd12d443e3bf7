/**
 * RFM scores 1–5 by quintiles of the customers' own values, ties kept together: a customer's score is set by how many
 * customers have a worse value (1 + ⌊5 × worse / n⌋), so equal values always share a score, and where a fifth of the
 * customers or more share one value some scores stay empty rather than splitting equals apart. Recency scores 5 for
 * the most recent buyers; frequency and monetary score 5 for the highest.
 */
import { valuesAtRanks } from '../figures/select';
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
  // With L values below a customer's, the score passes s + 1 when 5L / n ≥ s, that is when at least ⌈s·n / 5⌉ values
  // are lower: when the value of rank ⌈s·n / 5⌉ − 1 is below theirs. Four selected values decide every score.
  const [t1, t2, t3, t4] = valuesAtRanks(key, [1, 2, 3, 4].map((s) => Math.ceil((s * n) / 5) - 1));
  for (let i = 0; i < n; i++) {
    const v = key[i];
    scores[i] = 1 + +(v > t1) + +(v > t2) + +(v > t3) + +(v > t4);
  }
  return scores;
}

export function rfmScores(input: RfmInput): RfmScores {
  return {
    r: quintileScores(input.recencyDays, false),
    f: quintileScores(input.frequency, true),
    m: quintileScores(input.monetary, true),
  };
}
