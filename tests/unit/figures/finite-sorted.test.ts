/**
 * finiteSorted: the finite values ascending, as a typed array's own sort orders them (−0 before 0), whether it sorts
 * them itself (few values) or by its radix sort (many).
 */
import { describe, expect, it } from 'vitest';
import { finiteSorted } from '../../../src/core/figures/stats';

const bitsOf = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));

describe('finiteSorted', () => {
  it('drops NaN and the infinities and sorts a few values by hand', () => {
    expect(Array.from(finiteSorted([3, NaN, -1, Infinity, 0, -Infinity, 2.5]))).toEqual([-1, 0, 2.5, 3]);
  });

  it('sorts many values as the typed array sort does, bit for bit: negatives, both zeros, tiny and huge, ties', () => {
    let seed = 5;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pool = [0, -0, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 0.1, 2 ** 52 + 1, NaN, Infinity];
    for (const n of [4_096, 50_000]) {
      const values = Float64Array.from({ length: n }, () => (random() < 0.3 ? pool[Math.floor(random() * pool.length)] : (random() - 0.5) * 10 ** Math.floor(random() * 20 - 6)));
      const expected = values.filter((v) => Number.isFinite(v)).sort();
      const sorted = finiteSorted(values);
      expect(sorted.length).toBe(expected.length);
      expect(bitsOf(sorted)).toEqual(bitsOf(expected));
    }
  });
});
