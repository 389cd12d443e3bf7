/**
 * The customer table's first screen without sorting every customer: the first `count` positions of largestFirst, in
 * its order (largest first, −0 equal to 0, ties by position, NaN last by position).
 */
import { describe, expect, it } from 'vitest';
import { largestFirst, largestFirstTop } from '../../../src/core/sort-by-number';

describe('largestFirstTop', () => {
  it('gives the first positions of largestFirst by hand: ties by position, NaN last', () => {
    const values = [5, NaN, 7, 5, -0, 0, 7, NaN, -3];
    // 7 (2), 7 (6), 5 (0), 5 (3), −0 (4), 0 (5), −3 (8), NaN (1), NaN (7).
    expect(Array.from(largestFirstTop(values, 9))).toEqual([2, 6, 0, 3, 4, 5, 8, 1, 7]);
    expect(Array.from(largestFirstTop(values, 3))).toEqual([2, 6, 0]);
    expect(Array.from(largestFirstTop(values, 8))).toEqual([2, 6, 0, 3, 4, 5, 8, 1]);
    expect(Array.from(largestFirstTop(values, 20))).toEqual([2, 6, 0, 3, 4, 5, 8, 1, 7]);
    expect(Array.from(largestFirstTop(values, 0))).toEqual([]);
    expect(Array.from(largestFirstTop([], 5))).toEqual([]);
  });

  it('equals the head of the full sort on many values with ties, NaN and both zeros, for every count tried', () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pool = [0, -0, 1, 2.5, NaN, -1, 1e9, Infinity, -Infinity];
    const values = Float64Array.from({ length: 5_000 }, () => (random() < 0.4 ? pool[Math.floor(random() * pool.length)] : Math.round((random() - 0.3) * 1000) / 10));
    const full = largestFirst(values);
    for (const count of [1, 2, 17, 256, 1_000, 4_999, 5_000]) expect(Array.from(largestFirstTop(values, count)), `count ${count}`).toEqual(Array.from(full.subarray(0, count)));
  });
});
