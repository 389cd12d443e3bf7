/** Fits the data cannot support end in plain words, never NaN: too few repeat buyers, no history, wild spend. */
import { describe, expect, it } from 'vitest';
import { fitPurchaseModel } from '../../../src/core/forecast/models/fit-purchases';
import { forecast, ModelFitError } from '../../../src/core/forecast/models';
import type { CustomerSummary } from '../../../src/core/types';

const summary = (rows: number[][]): CustomerSummary => ({
  customer: Uint32Array.from(rows, (_, i) => i),
  frequency: Float64Array.from(rows, (r) => r[0]),
  recency: Float64Array.from(rows, (r) => r[1]),
  T: Float64Array.from(rows, (r) => r[2]),
  monetary: Float64Array.from(rows, (r) => r[3] ?? 0),
});

const options = { model: 'bgnbd' as const, timeUnit: 'day' as const, horizonMonths: 12, monthlyDiscountRate: 0.01, margin: 1 };

describe('plain messages', () => {
  it('flags a fit with too few repeat buyers as unreliable', () => {
    const s = summary([[0, 0, 30], [0, 0, 40], [1, 5, 50], [2, 20, 60], [0, 0, 70], [0, 0, 80]]);
    for (const model of ['bgnbd', 'mbgnbd', 'paretoNbd'] as const) {
      const fit = fitPurchaseModel(model, { x: s.frequency, tx: s.recency, T: s.T });
      expect(fit.identified).toBe(false);
      expect(fit.message?.text).toMatch(/Only 2 customers have bought more than once/);
      expect(fit.message).toMatchObject({ code: 'few-repeaters', vars: { count: 2 } });
    }
  });

  it('refuses to forecast customers with no history, with a reason', () => {
    expect(() => forecast(summary([[0, 0, 0], [0, 0, 0]]), options)).toThrow(ModelFitError);
    expect(() => forecast(summary([[0, 0, 0]]), options)).toThrow(/no customers with any history/);
  });

  it('gives no CLV but a warning when Gamma-Gamma’s q ≤ 1 (mean spend undefined)', () => {
    // Spend per customer spread over six orders of magnitude: the fitted q falls below 1.
    let seed = 7;
    const uniform = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const rows = Array.from({ length: 600 }, () => {
      const T = 30 + Math.floor(uniform() * 300);
      const x = Math.floor(uniform() * 6);
      return [x, x ? Math.floor(uniform() * T) : 0, T, x ? Math.exp(12 * uniform() ** 3) : 0];
    });
    const result = forecast(summary(rows), options);
    expect(result.spend).not.toBeNull();
    expect(result.spend!.params.q).toBeLessThanOrEqual(1);
    expect(result.spendWarning?.text).toMatch(/q is .* \(≤ 1\)/);
    expect(result.spendWarning?.code).toBe('spend-q-low');
    expect(Number.isNaN(result.totals.clv)).toBe(true);
    expect(result.customers.clv.every(Number.isNaN)).toBe(true);
    // Purchases are still forecast.
    expect(result.totals.expectedPurchases).toBeGreaterThan(0);
  });
});
