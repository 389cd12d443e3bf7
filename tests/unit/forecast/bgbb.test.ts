/**
 * BG/BB on the donations data (11,104 donors, 6 yearly opportunities): the MLE and log-likelihood, per-pattern
 * log-likelihoods, P(alive), E[X(n)], conditional expectations and the PMF against lifetimes/pymc/paper values.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bgbbConditionalExpectedTransactions,
  bgbbDiscountedResidualTransactions,
  bgbbExpectedTransactions,
  bgbbLogLikelihood,
  bgbbPatternLogLikelihood,
  bgbbProbabilityAlive,
  bgbbProbabilityOfTransactions,
  fitBetaGeoBetaBinomial,
  opportunityPatterns,
} from '../../../src/core/forecast/models/beta-geo-beta-binomial';
import { SHARED_DATA } from './reference-files';

const rows = readFileSync(resolve(SHARED_DATA, 'donations/donations_summary.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((line) => line.split(',').map(Number));
const donations = opportunityPatterns(rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3]));
const MLE = [1.2035224, 0.7497164, 0.6567182, 2.783442];
const fit = fitBetaGeoBetaBinomial(donations);

function expectRelative(actual: number, expected: number, rtol: number) {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rtol);
}

describe('BG/BB on the donations data', () => {
  it('has 22 patterns and 11,104 donors', () => {
    expect(donations.x.length).toBe(22);
    expect(fit.customers).toBe(11104);
  });

  it('reaches the reference MLE and log-likelihood', () => {
    expect(fit.converged).toBe(true);
    expect(fit.identified).toBe(true);
    expect(fit.message).toBeNull();
    expect(fit.names).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    MLE.forEach((value, i) => expectRelative(fit.params[i], value, 1e-4));
    expect(Math.abs(fit.logLikelihood - -33225.58127)).toBeLessThan(1e-3);
    for (const se of fit.standardErrors!) expect(se).toBeGreaterThan(0);
  });

  it('gives the per-pattern log-likelihoods of the Excel sheet', () => {
    const x = [6, 5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 4, 3, 2, 1, 3, 2, 1, 2, 1, 1, 0];
    const tx = [6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 3, 2, 2, 1, 0];
    const expected = [
      -2.18167018824, -4.29485034929, -5.3847333436, -5.80915881601, -5.65172964525, -4.88370164695, -3.71682127437, -5.09558227343, -5.61576884108, -5.50636893346, -4.76723821904,
      -3.84829625138, -5.05936147828, -5.19562191019, -4.57070931973, -3.52745257839, -4.51620272962, -4.22465969453, -3.01199924784, -3.58817880928, -2.28882847451, -1.16751622367,
    ];
    // The sheet's values are at its own Solver optimum, not at the rounded parameters pymc quotes: at those they
    // agree to 2.7e-4 (pymc asserts 1e-3); at our MLE to 2e-6. Least squares on the 22 values recovers the sheet's
    // parameters below, where all 22 agree to 3e-10, the precision they were printed with.
    const at = (params: number[], rtol: number) => expected.forEach((value, i) => expectRelative(bgbbPatternLogLikelihood(params, x[i], tx[i], 6), value, rtol));
    at([1.204, 0.75, 0.657, 2.783], 1e-3);
    at(Array.from(fit.params), 2e-6);
    at([1.2035208304, 0.7497142430, 0.6567121688, 2.7834080139], 1e-9);
  });

  it('has an analytic gradient that matches central differences', () => {
    for (const point of [MLE, [0.3, 2.5, 1.7, 0.4], [5, 0.2, 0.05, 9]]) {
      const params = Float64Array.from(point);
      const grad = new Float64Array(4);
      bgbbLogLikelihood(params, donations, grad);
      for (let k = 0; k < 4; k++) {
        // At the MLE the gradient is ~1e-4 and the log-likelihood −33,226: with a step of 1e-6 its rounding alone moves
        // the central difference by up to 4e-5 (1 in 8 of 800 points near the MLE failed, with @stdlib's lnΓ as with
        // ours); with 1e-5 rounding and the O(h²) truncation together stay below 3.3e-6 at all of them.
        const h = 1e-5 * params[k];
        const up = Float64Array.from(params);
        const down = Float64Array.from(params);
        up[k] += h;
        down[k] -= h;
        const numeric = (bgbbLogLikelihood(up, donations, null) - bgbbLogLikelihood(down, donations, null)) / (2 * h);
        expect(Math.abs(grad[k] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
      }
    }
  });

  it('gives P(alive) one opportunity ahead of 0.11, 0.59, 0.93', () => {
    const alive = [[0, 0], [2, 4], [6, 6]].map(([x, tx]) => bgbbProbabilityAlive(MLE, x, tx, 6));
    [0.11, 0.59, 0.93].forEach((value, i) => expect(alive[i]).toBeCloseTo(value, 2));
  });

  it('gives E[X(n)] for a new donor, n = 1..11', () => {
    const expected = [0.4985, 0.9233, 1.2969, 1.6323, 1.9381, 2.2202, 2.4826, 2.7285, 2.9603, 3.1798, 3.3887];
    expected.forEach((value, i) => expectRelative(bgbbExpectedTransactions([1.2035, 0.7497, 0.6567, 2.7834], i + 1), value, 1e-3));
  });

  it('expects 12,884.2 donations from the whole base over the next 5 years', () => {
    let total = 0;
    for (let i = 0; i < donations.x.length; i++) total += donations.weight[i] * bgbbConditionalExpectedTransactions(fit.params, donations.x[i], donations.tx[i], donations.n[i], 5);
    expect(total).toBeCloseTo(12884.2, 0);
  });

  it('expects 3,454.9 donors with no donation and 1,253.1 with six in the first 6 years', () => {
    expect(11104 * bgbbProbabilityOfTransactions(fit.params, 0, 6)).toBeCloseTo(3454.9, 0);
    expect(11104 * bgbbProbabilityOfTransactions(fit.params, 6, 6)).toBeCloseTo(1253.1, 0);
    let sum = 0;
    let mean = 0;
    for (let x = 0; x <= 6; x++) {
      const p = bgbbProbabilityOfTransactions(fit.params, x, 6);
      sum += p;
      mean += x * p;
    }
    expect(sum).toBeCloseTo(1, 12);
    expect(mean).toBeCloseTo(bgbbExpectedTransactions(fit.params, 6), 12);
  });

  it('discounts residual transactions as the sum of discounted yearly expectations', () => {
    for (const [x, tx] of [[0, 0], [3, 4], [6, 6]]) {
      let direct = 0;
      let previous = 0;
      for (let k = 1; k <= 3000; k++) {
        const cumulative = bgbbConditionalExpectedTransactions(fit.params, x, tx, 6, k);
        direct += (cumulative - previous) / 1.1 ** k;
        previous = cumulative;
      }
      expectRelative(bgbbDiscountedResidualTransactions(fit.params, x, tx, 6, 0.1), direct, 1e-10);
    }
    expect(bgbbDiscountedResidualTransactions(fit.params, 6, 6, 6, 0)).toBe(Infinity);
  });
});

describe('BG/BB behaviour', () => {
  it('stays finite and in range at extreme inputs', () => {
    for (const params of [[1e-6, 1e-6, 1e-6, 1e-6], [1e6, 1e-3, 1e3, 1e6], [0.5, 50, 50, 0.5]]) {
      for (const [x, tx, n] of [[0, 0, 0], [0, 0, 500], [500, 500, 500], [1, 1, 500], [250, 499, 500]]) {
        const grad = new Float64Array(4);
        expect(Number.isFinite(bgbbPatternLogLikelihood(params, x, tx, n, grad))).toBe(true);
        for (const g of grad) expect(Number.isFinite(g)).toBe(true);
        const alive = bgbbProbabilityAlive(params, x, tx, n);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        expect(Number.isFinite(bgbbConditionalExpectedTransactions(params, x, tx, n, 100))).toBe(true);
      }
    }
  });

  it('keeps P(alive) in [0, 1] and lets E grow with the horizon on every donations pattern', () => {
    for (let i = 0; i < donations.x.length; i++) {
      const [x, tx, n] = [donations.x[i], donations.tx[i], donations.n[i]];
      const alive = bgbbProbabilityAlive(fit.params, x, tx, n);
      expect(alive).toBeGreaterThanOrEqual(0);
      expect(alive).toBeLessThanOrEqual(1);
      expect(bgbbProbabilityAlive(fit.params, x, tx, n, 5)).toBeLessThan(alive);
      let previous = 0;
      for (const m of [1, 2, 5, 10, 50]) {
        const e = bgbbConditionalExpectedTransactions(fit.params, x, tx, n, m);
        expect(e).toBeGreaterThan(previous);
        expect(e).toBeLessThanOrEqual(m);
        previous = e;
      }
    }
    expect(bgbbConditionalExpectedTransactions(fit.params, 3, 4, 6, 0)).toBe(0);
  });

  it('ranks recent, frequent donors as more likely alive', () => {
    expect(bgbbProbabilityAlive(fit.params, 3, 6, 6)).toBeGreaterThan(bgbbProbabilityAlive(fit.params, 3, 4, 6));
    expect(bgbbProbabilityAlive(fit.params, 1, 6, 6)).toBeCloseTo(bgbbProbabilityAlive(fit.params, 5, 6, 6), 12);
  });

  it('rejects impossible patterns in plain words', () => {
    expect(() => opportunityPatterns([2], [1], [6])).toThrow(/impossible/);
    expect(() => opportunityPatterns([1], [0], [6])).toThrow(/impossible/);
    expect(() => opportunityPatterns([0], [0], [6], [-1])).toThrow(/weight/);
    expect(() => opportunityPatterns([0, 1], [0], [6])).toThrow(/one value per pattern/);
  });
});
