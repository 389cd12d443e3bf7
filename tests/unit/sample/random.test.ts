import { describe, expect, it } from 'vitest';
import { mulberry32, Random } from '../../../src/core/sample';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  return { mean, variance: sumSq / n - mean * mean };
}

describe('seeded random numbers', () => {
  it('repeats a stream for a seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('is uniform: mean 1/2, variance 1/12', () => {
    const m = moments(mulberry32(7), 200_000);
    expect(m.mean).toBeCloseTo(0.5, 2);
    expect(m.variance).toBeCloseTo(1 / 12, 2);
  });

  it('draws gamma with mean k/β and variance k/β², also for shapes below 1', () => {
    const random = new Random(mulberry32(11));
    for (const [k, rate] of [[0.5, 2], [1.1, 36], [5, 5], [9, 0.5]]) {
      const m = moments(() => random.gamma(k, rate), 100_000);
      expect(Math.abs(m.mean / (k / rate) - 1)).toBeLessThan(0.02);
      expect(Math.abs(m.variance / (k / rate ** 2) - 1)).toBeLessThan(0.06);
    }
  });

  it('draws normal, beta and exponential with the right moments', () => {
    const random = new Random(mulberry32(12));
    const normal = moments(() => random.normal(), 100_000);
    expect(normal.mean).toBeCloseTo(0, 1);
    expect(normal.variance).toBeCloseTo(1, 1);
    // Beta(1.2, 4.8): mean 0.2, variance ab/((a+b)²(a+b+1)) = 5.76/(36·7) = 0.022857.
    const beta = moments(() => random.beta(1.2, 4.8), 100_000);
    expect(beta.mean).toBeCloseTo(0.2, 2);
    expect(beta.variance).toBeCloseTo(0.022857, 3);
    const exponential = moments(() => random.exponential(0.5), 100_000);
    expect(Math.abs(exponential.mean / 2 - 1)).toBeLessThan(0.02);
  });

  it('picks by weight', () => {
    const random = new Random(mulberry32(13));
    const counts = [0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[random.weighted([1, 2, 3])]++;
    expect(counts[0] / 60_000).toBeCloseTo(1 / 6, 2);
    expect(counts[2] / 60_000).toBeCloseTo(1 / 2, 2);
  });
});
