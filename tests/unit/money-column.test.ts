import { describe, expect, it } from 'vitest';
import { joinMoney, narrowMoney, storedMoneyBytes } from '../../src/core/money-column';

const f64 = (...v: number[]) => Float64Array.from(v);

describe('money columns in storage', () => {
  it('whole amounts (đồng, baht) are stored as whole numbers, up to 2^31 − 1', () => {
    const stored = narrowMoney(f64(250_000, -45_000, 0, 2_147_483_647));
    expect(stored.scale).toBe(1);
    expect(stored.values).toBeInstanceOf(Int32Array);
    expect(Array.from(stored.values)).toEqual([250_000, -45_000, 0, 2_147_483_647]);
    // One beyond: 64 bits as it is.
    expect(narrowMoney(f64(2_147_483_648, 1)).values).toBeInstanceOf(Float64Array);
  });

  it('amounts of two decimals are stored as cents and read back as the very same numbers', () => {
    const values = f64(84.21, 25, 0.1, 0.07, -19.99, 1234567.89, 21_474_836.47);
    const stored = narrowMoney(values);
    expect(stored.scale).toBe(100);
    expect(Array.from(stored.values)).toEqual([8421, 2500, 10, 7, -1999, 123456789, 2147483647]);
    expect(Array.from(joinMoney([stored], values.length))).toEqual(Array.from(values));
  });

  it('keeps 64 bits for a value no step of 1 or 1/100 gives back exactly', () => {
    // 6 × 2.55 in binary is 15.299999999999999, which 1530 / 100 (15.3) is not; a third decimal; NaN; −0.
    for (const odd of [6 * 2.55, 1.005, NaN, -0, 21_474_836.48]) {
      const stored = narrowMoney(f64(10, odd));
      expect(stored.values).toBeInstanceOf(Float64Array);
      expect(stored.scale).toBeUndefined();
      expect(Object.is(joinMoney([stored], 2)[1], odd)).toBe(true);
    }
  });

  it('joins chunks of each form in order, and copies rather than views', () => {
    const a = f64(1.5, 2.25);
    const b = f64(7, 8);
    const c = f64(6 * 2.55);
    const parts = [narrowMoney(a), narrowMoney(b), narrowMoney(c)];
    expect(parts.map((p) => p.scale)).toEqual([100, 1, undefined]);
    expect(parts[2].values).not.toBe(c);
    expect(Array.from(joinMoney(parts, 5))).toEqual([1.5, 2.25, 7, 8, 6 * 2.55]);
  });

  it('counts the bytes a column takes stored chunk by chunk', () => {
    // Chunks of two: cents (2 × 4), a product and a whole amount (2 × 8), a whole amount alone (4).
    expect(storedMoneyBytes(f64(1.5, 2.25, 6 * 2.55, 1, 7), 2)).toBe(28);
  });
});
