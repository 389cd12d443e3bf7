/** The plain-words summary's "which customers drive it": the top 10% by predicted value and their share. */
import { describe, expect, it } from 'vitest';
import { topCustomers, topShare } from '../../../src/core/forecast/headline';
import { forecastAnswer } from '../../../src/core/forecast/view';

describe('top customers', () => {
  it('takes ⌈10%⌉ of the customers with the largest values: 20 customers worth 1..20 → 19 + 20 = 39 of 210', () => {
    const values = Float64Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(topShare(values, 0.1, 'clv')).toEqual({ basis: 'clv', fraction: 0.1, count: 2, share: 39 / 210 });
  });

  it('rounds the count up, and exactly 10% of 10 customers is one', () => {
    expect(topShare(Float64Array.from({ length: 25 }, (_, i) => i + 1), 0.1, 'clv')!.count).toBe(3);
    expect(topShare([5, 1, 1, 1, 1, 1, 1, 1, 1, 1], 0.1, 'clv')).toMatchObject({ count: 1, share: 5 / 14 });
    expect(topShare([7], 0.1, 'clv')).toMatchObject({ count: 1, share: 1 });
  });

  it('ranks on expected purchases when there is no CLV, leaves out values that are not numbers, and has no share of nothing', () => {
    expect(topCustomers([NaN, NaN, NaN], [1, 3, 0])).toEqual({ basis: 'purchases', fraction: 0.1, count: 1, share: 0.75 });
    expect(topCustomers([NaN, 4, 1, NaN], [1, 1, 1, 1])).toMatchObject({ basis: 'clv', count: 1, share: 0.8 });
    expect(topShare([0, 0, 0], 0.1, 'clv')!.share).toBeNaN();
    expect(topShare([], 0.1, 'clv')).toBeNull();
  });

  it('comes with every forecast the worker sends', () => {
    const col = (values: number[]) => Float64Array.from(values);
    const forecast = { customers: { clv: col([10, 30, 60]), expectedPurchases: col([1, 1, 1]), pAlive: col([1, 1, 1]) } };
    const summary = { customer: Uint32Array.from([0, 1, 2]), frequency: col([0, 1, 2]), recency: col([0, 1, 2]), T: col([3, 3, 3]), monetary: col([0, 1, 1]) };
    const answer = forecastAnswer({ forecast } as never, { ids: ['a', 'b', 'c'], summary }, true);
    expect(answer.top).toEqual({ basis: 'clv', fraction: 0.1, count: 1, share: 0.6 });
  });
});
