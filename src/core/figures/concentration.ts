/**
 * How concentrated revenue is: top-customer shares, the Lorenz curve and the Gini coefficient.
 */
import { finiteSorted } from './stats';
import { NeumaierSum } from './sum';

/** Share of the total held by the top fraction of customers. */
export interface TopShare {
  /** Fraction of customers, e.g. 0.01 for the top 1%. */
  top: number;
  /** How many customers that is: ceil(top · n). */
  customers: number;
  /** Their share of the total. */
  share: number;
}

/** A point of the Lorenz curve: the poorest x share of customers hold y of the total. */
export interface LorenzPoint {
  x: number;
  y: number;
}

/** Concentration of a per-customer value. */
export interface Concentration {
  customers: number;
  total: number;
  topShares: TopShare[];
  /** From (0, 0) to (1, 1), at most maxPoints points, customers ascending by value. */
  lorenz: LorenzPoint[];
  /** Σ_i (2i − n − 1)·v_(i) / (n·Σv), i = 1..n ascending: 0 = all equal, → 1 = one customer holds everything. */
  gini: number;
}

/** Options of {@link concentration}. */
export interface ConcentrationOptions {
  /** Fractions of customers to report; default 1%, 10%, 20%. */
  tops?: number[];
  /** Most Lorenz points returned; default 200 (enough for a smooth curve, small enough to draw and store). */
  maxPoints?: number;
}

/**
 * Concentration of the finite values (e.g. net revenue per customer). With a total ≤ 0 shares are undefined: they,
 * the curve and the Gini coefficient come back as NaN / empty.
 */
export function concentration(values: ArrayLike<number>, options: ConcentrationOptions = {}): Concentration {
  return concentrationOfSorted(finiteSorted(values), options);
}

/** {@link concentration} of values already finite and sorted ascending (finiteSorted), for a caller that has them. */
export function concentrationOfSorted(sorted: Float64Array, options: ConcentrationOptions = {}): Concentration {
  const tops = options.tops ?? [0.01, 0.1, 0.2];
  const maxPoints = Math.max(2, Math.floor(options.maxPoints ?? 200));
  const n = sorted.length;

  const points = Math.min(n + 1, maxPoints);
  const lorenzAt = points > 1 ? Array.from({ length: points }, (_, j) => Math.round((j * n) / (points - 1))) : [0];
  const topCounts = tops.map((top) => Math.min(n, Math.ceil(top * n)));
  // Cumulative sums ascending (at i: the sum of the i smallest), compensated so shares add up to exactly 1, kept only
  // where a share or a point of the curve reads them: an array of every one was 8 bytes a customer at the dashboard's
  // peak (3.3M customers).
  const wanted = [...new Set([0, n, ...lorenzAt, ...topCounts.map((count) => n - count)])].sort((x, y) => x - y);
  const cumulative = new Map<number, number>();
  let next = 0;
  const running = new NeumaierSum();
  const weighted = new NeumaierSum();
  for (let i = 0; i <= n; i++) {
    if (i === wanted[next]) {
      cumulative.set(i, running.value);
      next++;
    }
    if (i === n) break;
    running.add(sorted[i]);
    weighted.add((2 * (i + 1) - n - 1) * sorted[i]);
  }
  const total = cumulative.get(n)!;
  if (!(total > 0)) {
    return { customers: n, total, topShares: tops.map((top) => ({ top, customers: Math.ceil(top * n), share: NaN })), lorenz: [], gini: NaN };
  }

  const topShares = tops.map((top, t) => ({ top, customers: topCounts[t], share: (total - cumulative.get(n - topCounts[t])!) / total }));
  const lorenz: LorenzPoint[] = lorenzAt.map((i) => ({ x: i / n, y: cumulative.get(i)! / total }));

  return { customers: n, total, topShares, lorenz, gini: weighted.value / (n * total) };
}
