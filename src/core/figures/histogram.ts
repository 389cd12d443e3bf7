/**
 * Histogram of a distribution (e.g. CLV per customer) with linear or logarithmic bins.
 */

/** Options of {@link histogram}. */
export interface HistogramOptions {
  /** Number of bins; default 30. */
  bins?: number;
  /** 'log' spaces edges geometrically (for long-tailed money values); it can only hold positive values. */
  scale?: 'linear' | 'log';
  /** Lower edge; default the smallest value (the smallest positive value on a log scale). */
  min?: number;
  /** Upper edge; default the largest value. */
  max?: number;
}

/** Bin i covers [edges[i], edges[i+1]); the last bin also holds values equal to its upper edge. */
export interface Histogram {
  scale: 'linear' | 'log';
  /** counts.length + 1 edges, ascending. Empty when no value could be placed. */
  edges: number[];
  counts: number[];
  /** Values not placed: not finite, outside [min, max], or ≤ 0 on a log scale. */
  outside: number;
}

/** Count values into equal-width (linear) or equal-ratio (log) bins. */
export function histogram(values: ArrayLike<number>, options: HistogramOptions = {}): Histogram {
  const scale = options.scale ?? 'linear';
  const bins = Math.max(1, Math.floor(options.bins ?? 30));
  const usable = (v: number) => Number.isFinite(v) && (scale === 'linear' || v > 0);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!usable(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  lo = options.min ?? lo;
  hi = options.max ?? hi;
  if (!(lo <= hi) || (scale === 'log' && !(lo > 0))) {
    return { scale, edges: [], counts: [], outside: values.length };
  }

  // A single distinct value still deserves a visible bar: one bin, edges equal.
  const n = lo === hi ? 1 : bins;
  const edges = new Array<number>(n + 1);
  if (scale === 'linear') {
    const width = (hi - lo) / n;
    for (let i = 0; i <= n; i++) edges[i] = lo + i * width;
  } else {
    const logLo = Math.log(lo);
    const step = (Math.log(hi) - logLo) / n;
    for (let i = 0; i <= n; i++) edges[i] = Math.exp(logLo + i * step);
  }
  edges[0] = lo;
  edges[n] = hi;

  const counts = new Array<number>(n).fill(0);
  let outside = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!usable(v) || v < lo || v > hi) {
      outside++;
      continue;
    }
    counts[binOf(v, edges)]++;
  }
  return { scale, edges, counts, outside };
}

/** Bin of a value inside [edges[0], edges[last]] by binary search, so rounding in the edge formula cannot misplace it. */
function binOf(v: number, edges: number[]): number {
  let a = 0;
  let b = edges.length - 2;
  while (a < b) {
    const m = (a + b + 1) >> 1;
    if (edges[m] <= v) a = m;
    else b = m - 1;
  }
  return a;
}
