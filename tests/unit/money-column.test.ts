import { describe, expect, it } from 'vitest';
import { joinMoney, joinTableMoney, narrowMoney, narrowTableMoney, readMoney, storedMoneyBytes } from '../../src/core/money-column';

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

describe('money columns of a table in memory', () => {
  it('holds amounts and refunds as cents at one scale when both fit it', () => {
    const money = narrowTableMoney(f64(84.21, 25, -19.99), f64(0, 3, 0));
    expect(money.moneyScale).toBe(100);
    expect(money.amount).toBeInstanceOf(Int32Array);
    expect(Array.from(money.amount)).toEqual([8421, 2500, -1999]);
    expect(Array.from(money.refunded!)).toEqual([0, 300, 0]);
    expect(Array.from(readMoney(money.amount, 100))).toEqual([84.21, 25, -19.99]);
  });

  it('whole units first, for their wider range: 25,000,000 đồng is not 2.5 billion cents', () => {
    const money = narrowTableMoney(f64(25_000_000, 150_000), null);
    expect(money.moneyScale).toBe(1);
    expect(Array.from(money.amount)).toEqual([25_000_000, 150_000]);
    expect(money.refunded).toBeNull();
  });

  it('keeps 64 bits when any amount or refund fits no scale (a refund of three decimals keeps both)', () => {
    const amount = f64(10, 20.5);
    const refunded = f64(0, 1.005);
    const money = narrowTableMoney(amount, refunded);
    expect(money.moneyScale).toBeUndefined();
    expect(money.amount).toBe(amount);
    expect(money.refunded).toBe(refunded);
    expect(narrowTableMoney(f64(1, 6 * 2.55), null).amount).toBeInstanceOf(Float64Array);
  });

  it('stores a 32-bit column at its scale as it is, and loads it back in 32 bits', () => {
    const held = Int32Array.of(8421, 2500, -1999);
    const stored = narrowMoney(held, 100);
    expect(stored).toEqual({ values: Int32Array.of(8421, 2500, -1999), scale: 100 });
    expect(stored.values).not.toBe(held);
    expect(() => narrowMoney(held)).toThrow(/scale/);
    const back = joinTableMoney([stored, narrowMoney(Int32Array.of(1), 100)], [narrowMoney(Int32Array.of(0, 300, 0), 100), narrowMoney(Int32Array.of(0), 100)], 4);
    expect(back.moneyScale).toBe(100);
    expect(Array.from(back.amount)).toEqual([8421, 2500, -1999, 1]);
    expect(Array.from(back.refunded!)).toEqual([0, 300, 0, 0]);
  });

  it('loads chunks stored at different scales (older saves narrowed each chunk) as 64-bit money', () => {
    const back = joinTableMoney([narrowMoney(f64(1.5, 2.25)), narrowMoney(f64(7, 8))], null, 4);
    expect(back.moneyScale).toBeUndefined();
    expect(back.amount).toBeInstanceOf(Float64Array);
    expect(Array.from(back.amount)).toEqual([1.5, 2.25, 7, 8]);
    // Amounts in cents but refunds in units: one scale for both is needed, so 64 bits.
    const mixed = joinTableMoney([narrowMoney(f64(1.5))], [narrowMoney(f64(1))], 1);
    expect(mixed.moneyScale).toBeUndefined();
    expect([mixed.amount[0], mixed.refunded![0]]).toEqual([1.5, 1]);
  });

  it('counts a 32-bit column at 4 bytes a value once stored', () => {
    expect(storedMoneyBytes(new Int32Array(5), 2)).toBe(20);
  });
});

