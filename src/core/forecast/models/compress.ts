/**
 * Customers with the same (frequency, recency, age) have the same likelihood and the same predictions, so models
 * fit and predict on the distinct rows, each with its weight, and spread the results back. Within those rows the
 * likelihoods' costly terms depend on fewer things still: on x alone, on a time alone (ln(α + T)), or on a pair
 * (x, time) (the Pareto/NBD series). The compressed data carries the distinct values of each, and every row's index
 * into them, so that each term is computed once per distinct argument.
 */

import type { CountColumn } from '../../types';

/** Frequency (repeat purchases), recency and age (T) per customer, in one time unit; optional weights. */
export interface RfmData {
  /** A customer summary's columns as they come (whole numbers may be 32-bit floats: see CountColumn). */
  x: CountColumn;
  tx: CountColumn;
  T: CountColumn;
  weight?: Float64Array;
}

export interface CompressedRfm {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  /** For each original row, the index of its distinct row. */
  rowOf: Uint32Array;
  /** The distinct frequencies, and each row's index into them. */
  xValues: Float64Array;
  xIndex: Uint32Array;
  /** The distinct values among recencies and ages, and each row's index into them for tₓ and for T. */
  times: Float64Array;
  txTime: Uint32Array;
  TTime: Uint32Array;
  /** The distinct (x, time) pairs (indices into xValues and times), and each row's pair for tₓ and for T. */
  pairX: Uint32Array;
  pairTime: Uint32Array;
  txPair: Uint32Array;
  TPair: Uint32Array;
}

/**
 * Positions of distinct numbers, in first-seen order: an open-addressing table keyed on the value's bits, which
 * stays fast for a million keys (a Map of non-integer numbers does not).
 */
class NumberIndex {
  values: Float64Array;
  size = 0;
  private slots: Int32Array;
  private mask: number;
  private readonly bits = new Float64Array(1);
  private readonly words = new Uint32Array(this.bits.buffer);

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    this.values = new Float64Array(Math.max(8, expected));
  }

  /** Both 32-bit halves of the value, mixed by MurmurHash3's finaliser (whole numbers differ only in high bits). */
  private hash(value: number): number {
    this.bits[0] = value === 0 ? 0 : value; // −0 and 0 are one key
    let h = this.words[0] ^ Math.imul(this.words[1], 0x9e3779b1);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  indexOf(value: number): number {
    let slot = this.hash(value) & this.mask;
    for (;;) {
      const at = this.slots[slot];
      if (at < 0) break;
      if (this.values[at] === value) return at;
      slot = (slot + 1) & this.mask;
    }
    const index = this.size++;
    if (index >= this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[index] = value;
    this.slots[slot] = index;
    if (this.size * 2 > this.slots.length) this.rehash();
    return index;
  }

  private rehash() {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    for (let i = 0; i < this.size; i++) {
      let slot = this.hash(this.values[i]) & this.mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = i;
    }
  }

  distinct(): Float64Array {
    return this.values.slice(0, this.size);
  }
}

/** The distinct rows of `data` with summed weights, in first-seen order, with their term tables. */
export function compressRfm(data: RfmData): CompressedRfm {
  const n = data.x.length;
  const xs = new NumberIndex(64);
  const times = new NumberIndex(1024);
  const customerX = new Uint32Array(n);
  const customerTx = new Uint32Array(n);
  const customerT = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    customerX[i] = xs.indexOf(data.x[i]);
    customerTx[i] = times.indexOf(data.tx[i]);
    customerT[i] = times.indexOf(data.T[i]);
  }
  // Keys as integers: (x, time) pairs first, then rows as (pair of x and tₓ, T); both stay far below 2^53.
  const nTimes = times.size;
  const pairs = new NumberIndex(Math.min(2 * n, 1 << 16));
  const rows = new NumberIndex(Math.min(n, 1 << 16));
  const rowOf = new Uint32Array(n);
  let weight = new Float64Array(Math.min(n, 1 << 16));
  for (let i = 0; i < n; i++) {
    const pair = pairs.indexOf(customerX[i] * nTimes + customerTx[i]);
    const j = rows.indexOf(pair * nTimes + customerT[i]);
    if (j >= weight.length) {
      const grown = new Float64Array(weight.length * 2);
      grown.set(weight);
      weight = grown;
    }
    weight[j] += data.weight ? data.weight[i] : 1;
    rowOf[i] = j;
  }
  const m = rows.size;
  const x = new Float64Array(m);
  const tx = new Float64Array(m);
  const T = new Float64Array(m);
  const xIndex = new Uint32Array(m);
  const txTime = new Uint32Array(m);
  const TTime = new Uint32Array(m);
  const txPair = new Uint32Array(m);
  const TPair = new Uint32Array(m);
  const seen = new Uint8Array(m);
  for (let i = 0; i < n; i++) {
    const j = rowOf[i];
    if (seen[j]) continue;
    seen[j] = 1;
    x[j] = data.x[i];
    tx[j] = data.tx[i];
    T[j] = data.T[i];
    xIndex[j] = customerX[i];
    txTime[j] = customerTx[i];
    TTime[j] = customerT[i];
  }
  for (let j = 0; j < m; j++) {
    txPair[j] = pairs.indexOf(xIndex[j] * nTimes + txTime[j]);
    TPair[j] = pairs.indexOf(xIndex[j] * nTimes + TTime[j]);
  }
  const pairKeys = pairs.distinct();
  const pairX = new Uint32Array(pairKeys.length);
  const pairTime = new Uint32Array(pairKeys.length);
  for (let k = 0; k < pairKeys.length; k++) {
    pairX[k] = Math.floor(pairKeys[k] / nTimes);
    pairTime[k] = pairKeys[k] - pairX[k] * nTimes;
  }
  return {
    x, tx, T, weight: weight.slice(0, m), rowOf,
    xValues: xs.distinct(), xIndex,
    times: times.distinct(), txTime, TTime,
    pairX, pairTime, txPair, TPair,
  };
}

/** The same rows with recency and age divided by `scale`. */
export function scaleTime(data: CompressedRfm, scale: number): CompressedRfm {
  return { ...data, tx: data.tx.map((v) => v / scale), T: data.T.map((v) => v / scale), times: data.times.map((v) => v / scale) };
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

/**
 * The rows of every `every`-th customer (by position), with weights counting those customers only: a subsample of
 * the same distinct rows and term tables, for exploring starting points cheaply on large data.
 */
export function subsampleCustomers(data: CompressedRfm, every: number): CompressedRfm {
  const counts = new Float64Array(data.x.length);
  for (let i = 0; i < data.rowOf.length; i += every) counts[data.rowOf[i]]++;
  const keep: number[] = [];
  for (let j = 0; j < counts.length; j++) if (counts[j] > 0) keep.push(j);
  const pick = <A extends Float64Array | Uint32Array>(values: A): A => (values instanceof Float64Array ? Float64Array.from(keep, (j) => values[j]) : Uint32Array.from(keep, (j) => values[j])) as A;
  return {
    ...data,
    x: pick(data.x), tx: pick(data.tx), T: pick(data.T), weight: Float64Array.from(keep, (j) => counts[j]),
    rowOf: new Uint32Array(0),
    xIndex: pick(data.xIndex), txTime: pick(data.txTime), TTime: pick(data.TTime), txPair: pick(data.txPair), TPair: pick(data.TPair),
  };
}
