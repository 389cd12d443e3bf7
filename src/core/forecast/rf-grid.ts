/**
 * Frequency × recency grids: the mean of a per-customer value (P(alive), expected purchases) over customers
 * grouped by repeat purchases and by how recently they last bought. Recency is shown as the share of each
 * customer's observed life (t_x / T), so customers of different ages sit on one scale.
 */
import type { CustomerSummary } from '../types';

export interface RfGrid {
  /** Row labels: repeat-purchase counts 0..maxFrequency−1 and "maxFrequency+". */
  frequencies: string[];
  /** Column upper edges of recency share, e.g. 0.1, 0.2, … 1. */
  recencyEdges: number[];
  /** mean[f][r] of the value, NaN where no customer falls. */
  mean: number[][];
  count: number[][];
}

export function rfGrid(summary: CustomerSummary, values: ArrayLike<number>, maxFrequency = 10, recencyBins = 10): RfGrid {
  const rows = maxFrequency + 1;
  const sum = Array.from({ length: rows }, () => new Float64Array(recencyBins));
  const count = Array.from({ length: rows }, () => new Array<number>(recencyBins).fill(0));
  for (let i = 0; i < summary.customer.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const f = Math.min(maxFrequency, Math.round(summary.frequency[i]));
    const share = summary.T[i] > 0 ? summary.recency[i] / summary.T[i] : 1;
    const r = Math.min(recencyBins - 1, Math.floor(share * recencyBins));
    sum[f][r] += v;
    count[f][r]++;
  }
  return {
    frequencies: Array.from({ length: rows }, (_, f) => (f === maxFrequency ? `${f}+` : String(f))),
    recencyEdges: Array.from({ length: recencyBins }, (_, r) => (r + 1) / recencyBins),
    mean: sum.map((row, f) => Array.from(row, (s, r) => (count[f][r] ? s / count[f][r] : NaN))),
    count,
  };
}
