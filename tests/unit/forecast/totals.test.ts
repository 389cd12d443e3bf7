/**
 * The 90% ranges of the forecast's totals (the plain-words summary's "purchases ahead, with the 90% range"): the
 * delta method on the sum over customers, written out here from the model's formulas, and a parametric bootstrap of
 * the same covariances. The range of a sum is not the sum of the customers' ranges: one set of parameters moves every
 * customer at once.
 */
import { describe, expect, it } from 'vitest';
import { fitForecast, ForecastPredictor, gammaGammaExpectedSpend, purchaseModel } from '../../../src/core/forecast/models';
import { discountedPurchases } from '../../../src/core/forecast/models/clv';
import { cholesky } from '../../../src/core/forecast/models/matrix';
import type { CustomerSummary } from '../../../src/core/types';
import { mulberry32 } from '../../bench/synthetic';
import { referenceSummary } from './reference-files';

const { summary } = referenceSummary('cdnow/cdnow_sample_cal39w_summary.csv');
const s = summary as CustomerSummary;
const n = s.customer.length;
const fitted = fitForecast(s, 'bgnbd');
const names = ['r', 'alpha', 'a', 'b'];
const spendNames = ['p', 'q', 'v'];
const settings = { timeUnit: 'week' as const, horizonMonths: 12, monthlyDiscountRate: 0.01, margin: 0.4 };
const result = new ForecastPredictor(s, fitted).predict(settings);
const model = purchaseModel('bgnbd');
const theta = names.map((k) => fitted.fit.params[k]);
const spendTheta = spendNames.map((k) => fitted.spend!.params[k]);
const weeks = 12 * 4.345;

const totalPurchases = (p: number[]) => {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += model.expected(p, s.frequency[i], s.recency[i], s.T[i], weeks);
  return sum;
};
const totalClv = (p: number[], q: number[]) => {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const curve = (t: number) => model.expected(p, s.frequency[i], s.recency[i], s.T[i], t);
    sum += settings.margin * gammaGammaExpectedSpend(q, s.frequency[i], s.monetary[i]) * discountedPurchases(curve, 12, 4.345, 0.01);
  }
  return sum;
};

/** Variance of ln f over log-parameters, gradient by central differences (step 1e-4), covariance as fitted. */
function logVar(f: (p: number[]) => number, at: number[], cov: number[]): number {
  const k = at.length;
  const g = at.map((_, j) => {
    const up = at.slice();
    const down = at.slice();
    up[j] *= Math.exp(1e-4);
    down[j] *= Math.exp(-1e-4);
    return (Math.log(f(up)) - Math.log(f(down))) / 2e-4;
  });
  let v = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) v += g[i] * cov[i * k + j] * g[j];
  return v;
}

describe('the totals’ 90% ranges (CDNOW sample, BG/NBD + Gamma-Gamma, 12 months, 40% margin)', () => {
  const Z = 1.6448536269514722;

  it('expected purchases: the delta method on the sum, written out', () => {
    const total = totalPurchases(theta);
    expect(result.totals.expectedPurchases).toBeCloseTo(total, 6);
    const spread = Z * Math.sqrt(logVar(totalPurchases, theta, fitted.fit.logCovariance!));
    expect(result.totals.expectedPurchasesLow / (total * Math.exp(-spread))).toBeCloseTo(1, 5);
    expect(result.totals.expectedPurchasesHigh / (total * Math.exp(spread))).toBeCloseTo(1, 5);
    // Narrower than the customers' ranges added up (those would move every customer to their own worst case).
    let lowSum = 0;
    for (const v of result.customers.expectedPurchasesLow) lowSum += v;
    expect(result.totals.expectedPurchasesLow).toBeGreaterThan(lowSum);
  });

  it('CLV: the purchase parameters’ and the spend parameters’ variances added (two independent fits)', () => {
    const total = totalClv(theta, spendTheta);
    expect(result.totals.clv / total).toBeCloseTo(1, 9);
    const variance = logVar((p) => totalClv(p, spendTheta), theta, fitted.fit.logCovariance!) + logVar((q) => totalClv(theta, q), spendTheta, fitted.spend!.logCovariance!);
    const spread = Z * Math.sqrt(variance);
    expect(result.totals.clvLow / (total * Math.exp(-spread))).toBeCloseTo(1, 5);
    expect(result.totals.clvHigh / (total * Math.exp(spread))).toBeCloseTo(1, 5);
  });

  it('agree with a parametric bootstrap of the purchase parameters within 10% of the range', () => {
    const cov = fitted.fit.logCovariance!;
    const L = cholesky(Float64Array.from(cov), 4)!;
    const uniform = mulberry32(11);
    const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    const totals = Array.from({ length: 400 }, () => {
      const z = [normal(), normal(), normal(), normal()];
      return totalPurchases(theta.map((p, i) => {
        let shift = 0;
        for (let j = 0; j <= i; j++) shift += L[i * 4 + j] * z[j];
        return p * Math.exp(shift);
      }));
    }).sort((a, b) => a - b);
    const [p5, p95] = [totals[20], totals[380]];
    const width = p95 - p5;
    expect(Math.abs(result.totals.expectedPurchasesLow - p5)).toBeLessThan(0.1 * width);
    expect(Math.abs(result.totals.expectedPurchasesHigh - p95)).toBeLessThan(0.1 * width);
  });

  it('gives Σ P(alive) as the customers likely still buying, and follows a new margin without moving the range’s width', () => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += model.pAlive(theta, s.frequency[i], s.recency[i], s.T[i]);
    expect(result.totals.likelyActive).toBeCloseTo(sum, 8);
    expect(result.totals.meanPAlive).toBeCloseTo(sum / n, 10);
    const half = new ForecastPredictor(s, fitted).predict({ ...settings, margin: 0.2 });
    expect(half.totals.clvLow / result.totals.clvLow).toBeCloseTo(0.5, 12);
    expect(half.totals.clvHigh / result.totals.clvHigh).toBeCloseTo(0.5, 12);
  });

  it('has no range (NaN ends) when the fit gives no covariance', () => {
    const bare = { ...fitted, fit: { ...fitted.fit, logCovariance: null } };
    const t = new ForecastPredictor(s, bare).predict(settings).totals;
    expect(t.expectedPurchases).toBeCloseTo(result.totals.expectedPurchases, 9);
    expect([t.expectedPurchasesLow, t.expectedPurchasesHigh, t.clvLow, t.clvHigh].every(Number.isNaN)).toBe(true);
  });
});
