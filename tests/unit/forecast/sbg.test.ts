/**
 * sBG on the two cohorts of Fader & Hardie (2007), "How to project customer retention": the published MLEs, the
 * log-likelihood, the gradient, and the survival, retention, lifetime and DEL/DERL identities.
 */
import { describe, expect, it } from 'vitest';
import {
  fitShiftedBetaGeometric,
  sbgChurnProbability,
  sbgDiscountedExpectedLifetime,
  sbgDiscountedExpectedResidualLifetime,
  sbgExpectedLifetime,
  sbgExpectedLifetimeWithin,
  sbgLogLikelihood,
  sbgProjectSurvivors,
  sbgRetentionRate,
  sbgSurvival,
  survivalSeries,
} from '../../../src/core/forecast/models/shifted-beta-geometric';

const regular = survivalSeries([1000, 631, 468, 382, 326, 289, 262, 241]);
const highEnd = survivalSeries([1000, 869, 743, 653, 593, 551, 517, 491]);

describe('sBG on the Fader & Hardie (2007) cohorts', () => {
  it('fits the regular cohort: α 0.7041, β 1.1820, LL −1680.27', () => {
    const fit = fitShiftedBetaGeometric(regular);
    expect(fit.converged).toBe(true);
    expect(fit.identified).toBe(true);
    expect(fit.names).toEqual(['alpha', 'beta']);
    expect(fit.customers).toBe(1000);
    expect(fit.periods).toBe(7);
    expect(fit.params[0]).toBeCloseTo(0.7041, 4);
    expect(fit.params[1]).toBeCloseTo(1.182, 4);
    expect(fit.logLikelihood).toBeCloseTo(-1680.27, 2);
    for (const se of fit.standardErrors!) expect(se).toBeGreaterThan(0);
  });

  it('fits the high-end cohort: α 0.668, β 3.806', () => {
    const fit = fitShiftedBetaGeometric(highEnd);
    expect(fit.converged).toBe(true);
    expect(fit.params[0]).toBeCloseTo(0.668, 3);
    expect(fit.params[1]).toBeCloseTo(3.806, 3);
  });

  it('has an analytic gradient that matches central differences', () => {
    for (const data of [regular, highEnd]) {
      for (const point of [[0.7041, 1.182], [0.05, 20], [8, 0.3]]) {
        const params = Float64Array.from(point);
        const grad = new Float64Array(2);
        sbgLogLikelihood(params, data, grad);
        for (let k = 0; k < 2; k++) {
          const h = 1e-6 * params[k];
          const up = Float64Array.from(params);
          const down = Float64Array.from(params);
          up[k] += h;
          down[k] -= h;
          const numeric = (sbgLogLikelihood(up, data, null) - sbgLogLikelihood(down, data, null)) / (2 * h);
          expect(Math.abs(grad[k] - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
        }
      }
    }
  });

  it('projects the regular cohort close to what was observed', () => {
    const fit = fitShiftedBetaGeometric(regular);
    const projected = sbgProjectSurvivors(fit.params, 1000, 12);
    expect(projected.length).toBe(13);
    for (let t = 0; t <= 7; t++) expect(Math.abs(projected[t] - regular.active[t])).toBeLessThan(12);
    for (let t = 8; t <= 12; t++) expect(projected[t]).toBeLessThan(projected[t - 1]);
  });
});

describe('sBG quantities', () => {
  const params = [0.7041, 1.182];

  it('ties P(T = t), S(t) and r_t together', () => {
    let survival = 1;
    for (let t = 1; t <= 50; t++) {
      survival -= sbgChurnProbability(params, t);
      expect(sbgSurvival(params, t)).toBeCloseTo(survival, 12);
      expect(sbgRetentionRate(params, t)).toBeCloseTo(sbgSurvival(params, t) / sbgSurvival(params, t - 1), 12);
      if (t > 1) expect(sbgRetentionRate(params, t)).toBeGreaterThan(sbgRetentionRate(params, t - 1));
    }
    expect(sbgSurvival(params, 0)).toBe(1);
    expect(sbgChurnProbability(params, 0)).toBe(0);
    expect(sbgChurnProbability(params, 1)).toBeCloseTo(0.7041 / (0.7041 + 1.182), 12);
  });

  it('gives an infinite mean lifetime when α ≤ 1 and (α+β−1)/(α−1) otherwise', () => {
    expect(sbgExpectedLifetime(params)).toBe(Infinity);
    expect(sbgExpectedLifetime([1, 3])).toBe(Infinity);
    expect(sbgExpectedLifetime([3, 2])).toBeCloseTo(2, 12);
    // The horizon sum approaches it: S(t) ~ t^−3 here, so the tail beyond 10⁵ periods is below 1e-8.
    expect(sbgExpectedLifetimeWithin([3, 2], 100_000)).toBeCloseTo(2, 7);
    expect(sbgExpectedLifetimeWithin(params, 10)).toBeCloseTo(Array.from({ length: 10 }, (_, t) => sbgSurvival(params, t)).reduce((s, v) => s + v), 12);
  });

  it('discounts lifetime (DEL) and residual lifetime (DERL) as the direct sums do', () => {
    for (const p of [params, [0.668, 3.806], [3, 2]]) {
      for (const d of [0.1, 0.25]) {
        let del = 0;
        for (let t = 0; t < 2000; t++) del += sbgSurvival(p, t) / (1 + d) ** t;
        expect(sbgDiscountedExpectedLifetime(p, d)).toBeCloseTo(del, 10);
        for (const renewals of [0, 1, 4]) {
          const n = renewals + 1;
          let derl = 0;
          for (let t = n; t < n + 2000; t++) derl += sbgSurvival(p, t) / sbgSurvival(p, n - 1) / (1 + d) ** (t - n);
          expect(sbgDiscountedExpectedResidualLifetime(p, d, renewals)).toBeCloseTo(derl, 10);
        }
      }
    }
    expect(sbgDiscountedExpectedLifetime(params, 0)).toBe(Infinity);
    expect(sbgDiscountedExpectedLifetime([3, 2], 0)).toBeCloseTo(2, 12);
    expect(sbgDiscountedExpectedResidualLifetime([3, 2], 0, 4)).toBeCloseTo((2 + 4) / 2, 12);
    // Survivors have proven themselves loyal: their residual value grows with tenure.
    expect(sbgDiscountedExpectedResidualLifetime(params, 0.1, 4)).toBeGreaterThan(sbgDiscountedExpectedResidualLifetime(params, 0.1, 0));
  });

  it('stays finite at extreme parameters and long horizons', () => {
    for (const p of [[1e-6, 1e-6], [1e6, 1e-3], [1e-3, 1e6]]) {
      const grad = new Float64Array(2);
      expect(Number.isFinite(sbgLogLikelihood(Float64Array.from(p), regular, grad))).toBe(true);
      for (const g of grad) expect(Number.isFinite(g)).toBe(true);
      for (const t of [1, 100, 1e5]) {
        expect(sbgSurvival(p, t)).toBeGreaterThanOrEqual(0);
        expect(sbgSurvival(p, t)).toBeLessThanOrEqual(1);
      }
      expect(Number.isFinite(sbgDiscountedExpectedLifetime(p, 0.1))).toBe(true);
    }
  });

  it('rejects series that cannot be a cohort, and says when nobody has left', () => {
    expect(() => survivalSeries([1000])).toThrow(/at least one later period/);
    expect(() => survivalSeries([0, 0])).toThrow(/start with some customers/);
    expect(() => survivalSeries([1000, 600, 700])).toThrow(/only stay or fall/);
    const fit = fitShiftedBetaGeometric(survivalSeries([500, 500, 500]));
    expect(fit.identified).toBe(false);
    expect(fit.message).toBeTruthy();
  });
});
