import { describe, expect, it } from 'vitest';
import { concentration, histogram, median } from '../../../src/core/figures';
import { histogramOfSorted } from '../../../src/core/figures/histogram';

describe('concentration', () => {
  it('matches the closed forms for the values 1 … 100', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // any order
    const c = concentration(values);
    // Σ = 5050. Top 1 = 100; top 10 = 91 + … + 100 = 955; top 20 = 81 + … + 100 = 1810.
    expect(c.total).toBe(5050);
    expect(c.topShares.map((t) => t.customers)).toEqual([1, 10, 20]);
    expect(c.topShares[0].share).toBeCloseTo(100 / 5050, 14);
    expect(c.topShares[1].share).toBeCloseTo(955 / 5050, 14);
    expect(c.topShares[2].share).toBeCloseTo(1810 / 5050, 14);
    // For 1 … n, Σ(2i − n − 1)·i = n(n+1)(n−1)/6, so Gini = (n − 1)/(3n) = 99/300.
    expect(c.gini).toBeCloseTo(0.33, 14);
    expect(c.lorenz.length).toBe(101);
    expect(c.lorenz[50]).toEqual({ x: 0.5, y: 1275 / 5050 });
  });

  it('thins the Lorenz curve to at most 200 points, keeping both ends', () => {
    const values = Array.from({ length: 4338 }, (_, i) => (i % 7) + 1);
    const { lorenz } = concentration(values);
    expect(lorenz.length).toBe(200);
    expect(lorenz[0]).toEqual({ x: 0, y: 0 });
    expect(lorenz[199]).toEqual({ x: 1, y: 1 });
    for (let j = 1; j < lorenz.length; j++) {
      expect(lorenz[j].x).toBeGreaterThan(lorenz[j - 1].x);
      expect(lorenz[j].y).toBeGreaterThanOrEqual(lorenz[j - 1].y);
      expect(lorenz[j].y).toBeLessThanOrEqual(lorenz[j].x + 1e-12); // a Lorenz curve lies under the diagonal
    }
  });

  it('gives 0 for equal values and NaN when there is nothing to share', () => {
    expect(concentration([5, 5, 5, 5]).gini).toBe(0);
    const none = concentration([0, 0]);
    expect(none.gini).toBeNaN();
    expect(none.lorenz).toEqual([]);
  });
});

describe('histogram', () => {
  it('counts into linear bins, the last one closed', () => {
    // Edges 1, 4, 7, 10: [1, 4) holds 1, 2, 2, 3; [4, 7) nothing; [7, 10] holds 9 and 10.
    expect(histogram([1, 2, 2, 3, 9, 10], { bins: 3 })).toEqual({ scale: 'linear', edges: [1, 4, 7, 10], counts: [4, 0, 2], outside: 0 });
  });

  it('counts into log bins and leaves out what a log scale cannot hold', () => {
    const h = histogram([2, 20, 200, 999, 1000, 0, -5, NaN], { bins: 3, scale: 'log', min: 1 });
    expect(h.edges.length).toBe(4);
    [1, 10, 100, 1000].forEach((e, i) => expect(h.edges[i]).toBeCloseTo(e, 9));
    expect(h.counts).toEqual([1, 1, 3]);
    expect(h.outside).toBe(3);
  });

  it('respects explicit bounds and handles a single value', () => {
    expect(histogram([0, 5, 10, 11], { bins: 2, min: 0, max: 10 })).toEqual({ scale: 'linear', edges: [0, 5, 10], counts: [1, 2], outside: 1 });
    expect(histogram([5, 5, 5], { bins: 10 })).toEqual({ scale: 'linear', edges: [5, 5], counts: [3], outside: 0 });
    expect(histogram([], {}).counts).toEqual([]);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones, ignoring NaN', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([NaN, 7])).toBe(7);
    expect(median([])).toBeNaN();
  });
});

describe('histogram bins, against the edges themselves', () => {
  /** The bin the edges give a value: the last whose lower edge is at most it (the top edge belongs to the last bin). */
  function byEdges(v: number, edges: number[]): number {
    let k = 0;
    while (k < edges.length - 2 && edges[k + 1] <= v) k++;
    return k;
  }

  it('puts every value where the edges say, values on the edges included, on both scales', () => {
    let seed = 9;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const values = Array.from({ length: 3_000 }, () => Math.round(Math.exp(random() * 9) * 100) / 100);
    for (const scale of ['linear', 'log'] as const) {
      const first = histogram(values, { bins: 30, scale });
      // Every edge itself, and the values just below and above it, among the values.
      const near = first.edges.flatMap((e) => [e, e * (1 - 1e-15), e * (1 + 1e-15)]);
      const all = [...values, ...near];
      const h = histogram(all, { bins: 30, scale, min: first.edges[0], max: first.edges[30] });
      const expected = new Array<number>(30).fill(0);
      let outside = 0;
      for (const v of all) {
        if (v < h.edges[0] || v > h.edges[30] || (scale === 'log' && !(v > 0))) outside++;
        else expected[byEdges(v, h.edges)]++;
      }
      expect(h.counts, scale).toEqual(expected);
      expect(h.outside, scale).toBe(outside);
    }
  });
});

describe('a histogram counted from sorted values', () => {
  const sortedFinite = (values: number[]) => Float64Array.from(values.filter(Number.isFinite)).sort();

  it('gives the bins by hand: linear, log, one value, nothing to place', () => {
    // As histogram's own tests: edges 1, 4, 7, 10 hold 4, 0 and 2 values.
    expect(histogramOfSorted(sortedFinite([1, 2, 2, 3, 9, 10]), 6, { bins: 3 })).toEqual({ scale: 'linear', edges: [1, 4, 7, 10], counts: [4, 0, 2], outside: 0 });
    // Log from 2 to 2000 in 3 bins (edges 2, 20, 200, 2000): 2 | 20, 199 | 200, 2000; 0, −5 and NaN are outside.
    const log = histogramOfSorted(sortedFinite([2, 20, 199, 200, 2000, 0, -5, NaN]), 8, { bins: 3, scale: 'log' });
    [2, 20, 200, 2000].forEach((e, i) => expect(log.edges[i]).toBeCloseTo(e, 9));
    expect([log.counts, log.outside]).toEqual([[1, 2, 2], 3]);
    expect(histogramOfSorted(sortedFinite([5, 5, 5, NaN]), 4, { bins: 10 })).toEqual({ scale: 'linear', edges: [5, 5], counts: [3], outside: 1 });
    expect(histogramOfSorted(sortedFinite([0, -3]), 2, { scale: 'log' })).toEqual({ scale: 'log', edges: [], counts: [], outside: 2 });
  });

  it('puts every value of long-tailed money with refunds, zeros, NaN, repeats and the edges themselves where the edges say', () => {
    let seed = 21;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const values = Array.from({ length: 20_000 }, (_, i) => (i % 50 === 0 ? 0 : i % 97 === 0 ? -Math.round(random() * 5000) / 100 : i % 301 === 0 ? NaN : Math.round(Math.exp(random() * 11) * 100) / 100));
    for (const scale of ['linear', 'log'] as const) {
      const edges = histogramOfSorted(sortedFinite(values), values.length, { bins: 30, scale }).edges;
      // The edges themselves among the values (a revenue can fall exactly on one): the bounds stay the same.
      const all = [...values, ...edges, ...edges.slice(1, -1)];
      const h = histogramOfSorted(sortedFinite(all), all.length, { bins: 30, scale });
      expect(h.edges, scale).toEqual(edges);
      // Each value by itself: outside when not finite, not positive on a log scale, or beyond the bounds; else the
      // last bin whose lower edge it reaches.
      const expected = new Array<number>(30).fill(0);
      let outside = 0;
      for (const v of all) {
        if (!Number.isFinite(v) || (scale === 'log' && !(v > 0)) || v < edges[0] || v > edges[30]) outside++;
        else {
          let k = 0;
          while (k < 29 && edges[k + 1] <= v) k++;
          expected[k]++;
        }
      }
      expect(h.counts, scale).toEqual(expected);
      expect(h.outside, scale).toBe(outside);
    }
  });
});
