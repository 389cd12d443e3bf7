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

  it('sorts whole units and whole cents (integers once scaled) bit for bit as the typed array sort does, whatever the passes', () => {
    let seed = 11;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    // Ranges of scaled values needing one pass of 11-bit digits, two, and three; then ranges the integers cannot take
    // (past 32 bits), a −0 among them (which must stay before 0), and a value that is not a whole cent.
    const cases: [string, () => number][] = [
      ['units, one pass', () => Math.floor(random() * 2_000) - 700],
      ['cents, two passes', () => Math.round(random() * 4_000_000 - 1_000_000) / 100],
      ['cents, three passes', () => Math.round(random() * 3e9 - 1e9) / 100],
      ['units past 32 bits', () => Math.round((random() - 0.5) * 2 ** 40)],
    ];
    for (const [name, draw] of cases) {
      for (const n of [4_096, 50_001]) {
        const values = Float64Array.from({ length: n }, draw);
        const expected = values.slice().sort();
        expect(bitsOf(finiteSorted(values)), name).toEqual(bitsOf(expected));
      }
    }
    const withNegativeZero = Float64Array.from({ length: 5_000 }, (_, i) => (i === 17 ? -0 : (i % 7) - 3));
    const sorted = finiteSorted(withNegativeZero);
    expect(bitsOf(sorted)).toEqual(bitsOf(withNegativeZero.slice().sort()));
    expect(Object.is(sorted[sorted.indexOf(0)], -0)).toBe(true);
    const notCents = Float64Array.from({ length: 5_000 }, (_, i) => (i === 4_000 ? 0.125 : Math.round(i * 37 % 1_000) / 100));
    expect(bitsOf(finiteSorted(notCents))).toEqual(bitsOf(notCents.slice().sort()));
  });
});
