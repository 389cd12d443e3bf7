/**
 * Likelihoods over many rows: their value must not depend on the rows' order beyond a few units of the last place
 * (a plain running sum over 300,000 rows drifts by ~1e-13 relative, which made the optimiser's line search halve its
 * steps over noise, more the more rows), and the Gamma-Gamma likelihood's per-x and parameter-free totals must give
 * the per-customer formula's value and gradient.
 */
import { describe, expect, it } from 'vitest';
import { betaGeoLogLikelihood } from '../../../src/core/forecast/models/beta-geo';
import { compressRfm, scaleTime } from '../../../src/core/forecast/models/compress';
import { gammaGammaLogLikelihood, type SpendData } from '../../../src/core/forecast/models/gamma-gamma';
import { lnGamma } from '../../../src/core/forecast/models/special';
import { mulberry32 } from '../../bench/synthetic';

/** The same rows in another order (Fisher–Yates, seeded). */
function shuffled(n: number, seed: number): Uint32Array {
  const rand = mulberry32(seed);
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function spend(n: number, seed: number, weighted: boolean): SpendData {
  const rand = mulberry32(seed);
  const x = Float64Array.from({ length: n }, () => 1 + Math.floor(-Math.log(1 - rand()) * 4));
  const m = Float64Array.from({ length: n }, () => 5 + rand() * rand() * 400);
  const xValues = Float64Array.from(new Set(x));
  const at = new Map(Array.from(xValues, (v, j) => [v, j]));
  return { x, m, logM: m.map(Math.log), weight: weighted ? Float64Array.from({ length: n }, () => 1 + Math.floor(rand() * 3)) : new Float64Array(n).fill(1), xValues, xIndex: Uint32Array.from(x, (v) => at.get(v)!) };
}

function reorder(data: SpendData, order: Uint32Array): SpendData {
  const pick = (a: Float64Array) => Float64Array.from(order, (i) => a[i]);
  return { ...data, x: pick(data.x), m: pick(data.m), logM: pick(data.logM), weight: pick(data.weight), xIndex: Uint32Array.from(order, (i) => data.xIndex[i]) };
}

/** Largest relative difference between two vectors of numbers, relative to the largest magnitude of each pair. */
const relative = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.max(Math.abs(v), Math.abs(b[i]))));

describe('likelihoods summed over many rows', () => {
  it('Gamma-Gamma: the value and gradient of the per-customer formula, with weights', () => {
    const data = spend(2_000, 3, true);
    const params = Float64Array.from([5.8, 3.9, 16.2]);
    const [p, q, v] = params;
    // Written out per customer (Fader, Hardie & Lee 2005, eq. 3), in extended precision through pairs of sums.
    let ll = 0, gp = 0, gq = 0, gv = 0;
    const digamma = (z: number) => (lnGamma(z + 1e-6) - lnGamma(z - 1e-6)) / 2e-6;
    for (let i = 0; i < data.x.length; i++) {
      const x = data.x[i], m = data.m[i], w = data.weight[i];
      ll += w * (lnGamma(p * x + q) - lnGamma(p * x) - lnGamma(q) + q * Math.log(v) + (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(v + x * m));
      gp += w * x * (digamma(p * x + q) - digamma(p * x) + Math.log(m) + Math.log(x) - Math.log(v + x * m));
      gq += w * (digamma(p * x + q) - digamma(q) + Math.log(v) - Math.log(v + x * m));
      gv += w * (q / v - (p * x + q) / (v + x * m));
    }
    const grad = new Float64Array(3);
    const value = gammaGammaLogLikelihood(params, data, grad);
    expect(Math.abs(value - ll) / Math.abs(ll)).toBeLessThan(1e-12);
    // The digamma above is a central difference of ln Γ (error ~1e-9 of each term).
    expect(relative(Array.from(grad), [gp, gq, gv])).toBeLessThan(1e-6);
    expect(Math.abs(grad[2] - gv) / Math.abs(gv)).toBeLessThan(1e-12);
  });

  it('Gamma-Gamma on 300,000 customers: the same value and gradient in any row order, to 4e-15', () => {
    const data = spend(300_000, 5, false);
    const params = Float64Array.from([6.1, 4.2, 15.3]);
    const g1 = new Float64Array(3), g2 = new Float64Array(3);
    const a = gammaGammaLogLikelihood(params, data, g1);
    const b = gammaGammaLogLikelihood(params, reorder(data, shuffled(data.x.length, 9)), g2);
    expect(relative([a], [b])).toBeLessThan(4e-15);
    // The gradient's components are differences of large sums near the optimum; relative to the sums' scale (the
    // customers' count) they agree as closely.
    for (let k = 0; k < 3; k++) expect(Math.abs(g1[k] - g2[k]) / data.x.length).toBeLessThan(4e-15);
  });

  it('BG/NBD on 300,000 distinct rows: the same value and gradient in any row order, to 4e-15', () => {
    const rand = mulberry32(21);
    const n = 300_000;
    const x = new Float64Array(n), tx = new Float64Array(n), T = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      T[i] = 30 + Math.floor(rand() * 700);
      x[i] = rand() < 0.3 ? 0 : 1 + Math.floor(rand() * 40);
      tx[i] = x[i] ? Math.floor(rand() * T[i]) : 0;
    }
    const order = shuffled(n, 4);
    const data = scaleTime(compressRfm({ x, tx, T }), 730);
    const other = scaleTime(compressRfm({ x: Float64Array.from(order, (i) => x[i]), tx: Float64Array.from(order, (i) => tx[i]), T: Float64Array.from(order, (i) => T[i]) }), 730);
    expect(data.x.length).toBeGreaterThan(200_000);
    const params = Float64Array.from([0.25, 0.04, 0.8, 2.5]);
    const g1 = new Float64Array(4), g2 = new Float64Array(4);
    const a = betaGeoLogLikelihood('bgnbd', params, data, g1);
    const b = betaGeoLogLikelihood('bgnbd', params, other, g2);
    expect(relative([a], [b])).toBeLessThan(4e-15);
    for (let k = 0; k < 4; k++) expect(Math.abs(g1[k] - g2[k]) / data.x.length).toBeLessThan(4e-15);
  });
});
