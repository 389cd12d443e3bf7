/**
 * Customers with the same (frequency, recency, age) have the same likelihood and the same predictions, so models
 * fit and predict on the distinct rows, each with its weight, and spread the results back. On day-level data most
 * one-time buyers share a handful of ages, which shrinks the work several-fold.
 */

/** Frequency (repeat purchases), recency and age (T) per customer, in one time unit; optional weights. */
export interface RfmData {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight?: Float64Array;
}

export interface CompressedRfm {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  /** For each original row, the index of its distinct row. */
  rowOf: Uint32Array;
  /** The distinct frequencies, and each row's index into them: terms that depend on x alone are computed once. */
  xValues: Float64Array;
  xIndex: Uint32Array;
}

/** The distinct rows of `data` with summed weights, in first-seen order. */
export function compressRfm(data: RfmData): CompressedRfm {
  const n = data.x.length;
  const rowOf = new Uint32Array(n);
  const index = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = `${data.x[i]} ${data.tx[i]} ${data.T[i]}`;
    let j = index.get(key);
    const w = data.weight ? data.weight[i] : 1;
    if (j === undefined) {
      j = x.length;
      index.set(key, j);
      x.push(data.x[i]);
      tx.push(data.tx[i]);
      T.push(data.T[i]);
      weight.push(w);
    } else {
      weight[j] += w;
    }
    rowOf[i] = j;
  }
  return withFrequencyIndex({ x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T), weight: Float64Array.from(weight), rowOf });
}

/** Adds the distinct-frequency table to rows. */
export function withFrequencyIndex(rows: Omit<CompressedRfm, 'xValues' | 'xIndex'>): CompressedRfm {
  const positions = new Map<number, number>();
  const values: number[] = [];
  const xIndex = new Uint32Array(rows.x.length);
  for (let i = 0; i < rows.x.length; i++) {
    let j = positions.get(rows.x[i]);
    if (j === undefined) {
      j = values.length;
      positions.set(rows.x[i], j);
      values.push(rows.x[i]);
    }
    xIndex[i] = j;
  }
  return { ...rows, xValues: Float64Array.from(values), xIndex };
}

/** The same rows with recency and age divided by `scale`. */
export function scaleTime(data: CompressedRfm, scale: number): CompressedRfm {
  return { ...data, tx: data.tx.map((v) => v / scale), T: data.T.map((v) => v / scale) };
}

/** Values per distinct row, spread back to one per original row. */
export function expand(values: Float64Array, rowOf: Uint32Array): Float64Array {
  const out = new Float64Array(rowOf.length);
  for (let i = 0; i < rowOf.length; i++) out[i] = values[rowOf[i]];
  return out;
}

/** Total weight and largest age, used to scale time and average the likelihood. */
export function dataScale(data: { T: Float64Array; weight: Float64Array }): { totalWeight: number; maxT: number } {
  let totalWeight = 0;
  let maxT = 0;
  for (let i = 0; i < data.T.length; i++) {
    totalWeight += data.weight[i];
    if (data.T[i] > maxT) maxT = data.T[i];
  }
  return { totalWeight, maxT };
}
