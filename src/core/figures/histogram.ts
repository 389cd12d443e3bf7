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

  const edges = binEdges(lo, hi, bins, scale);
  const n = edges.length - 1;

  const counts = new Array<number>(n).fill(0);
  let outside = 0;
  // The bin a value's formula gives, moved to the one the edges give (rounding can put it one off): a binary search
  // per value took 73 ns of a million customers' 146 ms.
  const linear = scale === 'linear';
  const origin = linear ? lo : Math.log(lo);
  const perBin = n / ((linear ? hi : Math.log(hi)) - origin);
  // Within [lo, hi] is usable: the bounds are finite, and positive on a log scale (NaN fails every comparison).
  const bound = Float64Array.from(edges);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) {
      outside++;
      continue;
    }
    let k = Math.floor(((linear ? v : Math.log(v)) - origin) * perBin);
    if (!(k >= 0)) k = 0;
    else if (k > n - 1) k = n - 1;
    while (k > 0 && v < bound[k]) k--;
    while (k < n - 1 && v >= bound[k + 1]) k++;
    counts[k]++;
  }
  return { scale, edges, counts, outside };
}

/** The edges of `bins` bins from `lo` to `hi` (one bin when they are equal: a single value still gets its bar). */
function binEdges(lo: number, hi: number, bins: number, scale: 'linear' | 'log'): number[] {
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
  return edges;
}

/** How many of the ascending `sorted` are below `x` (or at most `x` when `orEqual`): a binary search. */
function countBelow(sorted: Float64Array, x: number, orEqual: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < x || (orEqual && sorted[mid] === x)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * {@link histogram} of `total` values whose finite ones are `sorted` (ascending, as finiteSorted gives them), without
 * reading each value: every bin is counted by two binary searches. The dashboard sorts its customers' net revenue
 * anyway (median, concentration); reading 3.3 million values once per scale, a logarithm each, was 94 ms of 1.9M
 * customers' 0.74 s dashboard. Same result as histogram(values, { bins, scale }).
 */
export function histogramOfSorted(sorted: Float64Array, total: number, options: Pick<HistogramOptions, 'bins' | 'scale'> = {}): Histogram {
  const scale = options.scale ?? 'linear';
  const bins = Math.max(1, Math.floor(options.bins ?? 30));
  // On a log scale only positive values can be placed: the smallest of them is the lower edge.
  const first = scale === 'linear' ? 0 : countBelow(sorted, 0, true);
  if (first >= sorted.length) return { scale, edges: [], counts: [], outside: total };
  const lo = sorted[first];
  const hi = sorted[sorted.length - 1];
  const edges = binEdges(lo, hi, bins, scale);
  const n = edges.length - 1;
  // A value's bin is the last whose lower edge it reaches (histogram's rule, equal edges included): bin k holds the
  // values from edges[k] up to edges[k + 1], the last one up to hi itself.
  const counts = new Array<number>(n);
  let placed = 0;
  let below = countBelow(sorted, lo, false);
  for (let k = 0; k < n; k++) {
    const next = k === n - 1 ? sorted.length : countBelow(sorted, edges[k + 1], false);
    counts[k] = Math.max(0, next - below);
    placed += counts[k];
    below = Math.max(below, next);
  }
  return { scale, edges, counts, outside: total - placed };
}
