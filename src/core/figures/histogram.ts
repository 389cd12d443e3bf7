/**
 * Histogram of a distribution (e.g. CLV per customer) with linear or logarithmic bins.
 */
import { finiteSorted } from './stats';

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

/**
 * Count values into equal-width (linear) or equal-ratio (log) bins: the finite values sorted (finiteSorted), then
 * counted as histogramOfSorted counts them.
 */
export function histogram(values: ArrayLike<number>, options: HistogramOptions = {}): Histogram {
  return histogramOfSorted(finiteSorted(values), values.length, options);
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
 * anyway (median, concentration); reading 1.9M values once per scale, a logarithm each, was 94 ms of a 0.74 s
 * dashboard. A value's bin is the last whose lower edge it reaches (equal edges included); the last bin also holds
 * the upper edge.
 */
export function histogramOfSorted(sorted: Float64Array, total: number, options: HistogramOptions = {}): Histogram {
  const scale = options.scale ?? 'linear';
  const bins = Math.max(1, Math.floor(options.bins ?? 30));
  // On a log scale only positive values can be placed: the smallest of them is the lower edge.
  const first = scale === 'linear' ? 0 : countBelow(sorted, 0, true);
  const lo = options.min ?? (first < sorted.length ? sorted[first] : Infinity);
  const hi = options.max ?? (first < sorted.length ? sorted[sorted.length - 1] : -Infinity);
  if (!(lo <= hi) || (scale === 'log' && !(lo > 0))) return { scale, edges: [], counts: [], outside: total };
  const edges = binEdges(lo, hi, bins, scale);
  const n = edges.length - 1;
  const counts = new Array<number>(n);
  const top = countBelow(sorted, hi, true);
  let placed = 0;
  let below = countBelow(sorted, lo, false);
  for (let k = 0; k < n; k++) {
    const next = k === n - 1 ? top : Math.min(top, countBelow(sorted, edges[k + 1], false));
    counts[k] = Math.max(0, next - below);
    placed += counts[k];
    below = Math.max(below, next);
  }
  return { scale, edges, counts, outside: total - placed };
}
