import { describe, expect, it } from 'vitest';
import { selectInPlace, valuesAtRanks } from '../../../src/core/figures/select';
import { quintileScores } from '../../../src/core/segments';

/** A small fixed-seed generator, so a failure can be replayed. */
function random(seed: number) {
  return () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('order statistics by selection', () => {
  it('gives the value of each rank of a small list, worked by hand', () => {
    // Ascending: 1, 2, 2, 5, 7, 9.
    expect(valuesAtRanks([7, 2, 9, 1, 5, 2], [0, 1, 2, 3, 4, 5])).toEqual([1, 2, 2, 5, 7, 9]);
    expect(valuesAtRanks([7, 2, 9, 1, 5, 2], [4, 1])).toEqual([7, 2]);
  });

  it('leaves the values it is given unchanged', () => {
    const values = Float64Array.from([3, 1, 2]);
    valuesAtRanks(values, [1]);
    expect(Array.from(values)).toEqual([3, 1, 2]);
  });

  it('partitions around the rank it selects', () => {
    const next = random(3);
    const a = Float64Array.from({ length: 1001 }, () => Math.floor(next() * 50));
    const v = selectInPlace(a, 400);
    for (let i = 0; i < 400; i++) expect(a[i]).toBeLessThanOrEqual(v);
    for (let i = 401; i < a.length; i++) expect(a[i]).toBeGreaterThanOrEqual(v);
  });

  it('agrees with a full sort on random, tied, sorted and reversed data', () => {
    const next = random(11);
    const cases = [
      Array.from({ length: 5000 }, () => next() * 1000),
      Array.from({ length: 5000 }, () => Math.floor(next() * 4)),
      Array.from({ length: 3000 }, (_, i) => i),
      Array.from({ length: 3000 }, (_, i) => -i),
      [42],
    ];
    for (const values of cases) {
      const sorted = Float64Array.from(values).sort();
      const ranks = [0, values.length >> 2, values.length >> 1, values.length - 1];
      expect(valuesAtRanks(values, ranks)).toEqual(ranks.map((r) => sorted[r]));
    }
  });

  it('refuses a rank outside the range', () => {
    expect(() => selectInPlace(Float64Array.from([1, 2]), 2)).toThrow(RangeError);
  });
});

describe('quintile scores by selection', () => {
  it('equal the definition, 1 + ⌊5 × (values strictly worse) / n⌋, on random data with ties', () => {
    const next = random(5);
    for (const [n, levels] of [[997, 7], [1000, 1000], [10, 3], [1, 1], [6, 2]] as const) {
      const values = Array.from({ length: n }, () => Math.floor(next() * levels));
      for (const higherIsBetter of [true, false]) {
        const expected = values.map((v) => 1 + Math.floor((5 * values.filter((w) => (higherIsBetter ? w < v : w > v)).length) / n));
        expect(Array.from(quintileScores(values, higherIsBetter))).toEqual(expected);
      }
    }
  });
});
