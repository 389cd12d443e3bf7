/** Properties every model must keep, on random and extreme inputs, and analytic gradients against differences. */
import { describe, expect, it } from 'vitest';
import { betaGeoLogLikelihood } from '../../../src/core/forecast/models/beta-geo';
import { compressRfm, type CompressedRfm } from '../../../src/core/forecast/models/compress';
import { gammaGammaLogLikelihood, spendData } from '../../../src/core/forecast/models/gamma-gamma';
import { paretoLogLikelihood } from '../../../src/core/forecast/models/pareto-nbd';
import { purchaseModel } from '../../../src/core/forecast/models/purchase-models';
import { mulberry32 } from '../../bench/synthetic';

const rand = mulberry32(42);
const customers = Array.from({ length: 300 }, () => {
  const T = 1 + rand() * 80;
  const x = rand() < 0.4 ? 0 : Math.floor(rand() * 30);
  const tx = x === 0 ? 0 : rand() * T;
  return [x, tx, T];
});
const extremes = [[1000, 10, 100], [1000, 99.999, 100], [0, 0, 1e-6], [5, 1e-9, 1e5], [300, 1e4, 1e5], [1, 0.001, 1e6]];
const paramSets: Record<string, number[][]> = {
  bgnbd: [[0.243, 4.414, 0.793, 2.426], [2, 0.5, 0.01, 30], [0.05, 80, 5, 0.3]],
  mbgnbd: [[0.525, 6.183, 0.891, 1.614], [1.5, 2, 0.05, 10]],
  paretoNbd: [[0.553, 10.578, 0.606, 11.669], [0.8, 70, 1e-4, 600], [0.9, 70, 5e4, 1e6], [10.465, 7.98565181e-3, 3.0516, 2.82]],
};

describe.each(['bgnbd', 'mbgnbd', 'paretoNbd'] as const)('%s predictions', (name) => {
  const model = purchaseModel(name);
  it('keep P(alive) in [0, 1], E[Y] finite, non-negative and growing with t', () => {
    for (const p of paramSets[name]) {
      for (const [x, tx, T] of [...customers, ...extremes]) {
        const alive = model.pAlive(p, x, tx, T);
        expect(alive, `${p} ${x} ${tx} ${T}`).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        let previous = 0;
        for (const t of [1, 5, 20, 52, 200]) {
          const e = model.expected(p, x, tx, T, t);
          expect(Number.isFinite(e), `${p} ${x} ${tx} ${T} ${t}`).toBe(true);
          expect(e).toBeGreaterThanOrEqual(previous - 1e-12);
          previous = e;
        }
      }
    }
  });

  it('give E[Y(t) | alive] through aliveCurves as expectedIfAlive does, to round-off, in any order of calls', () => {
    // BG/NBD's curves sum a tabulated series; [0.3, 1, 4, 0.5] takes the direct series (a ≥ 1 + r + x for x ≤ 2).
    const xs = [0, 1, 2, 7, 30, 300, 1000];
    const times = [...customers.slice(0, 40), ...extremes].map((c) => c[2]);
    // Up to z = t/(α + T + t) near 1, where the series needs thousands of terms (the table grows).
    const ts = [0, 0.5, 4.345, 52, 200, 5000];
    for (const p of [...paramSets[name], [0.3, 1, 4, 0.5]]) {
      const curves = model.aliveCurves(p);
      const byX = xs.map((x) => curves(x));
      const check = (k: number, T: number, t: number) => {
        const expected = model.expectedIfAlive(p, xs[k], T, t);
        const value = byX[k](T, t);
        // BG/NBD's value is c/(a−1)·(1 − H) with H near 1 when t ≪ T: round-off in H shows ~1000× larger (3e-13 seen).
        expect(Math.abs(value - expected), `${p} ${xs[k]} ${T} ${t}: ${value} vs ${expected}`).toBeLessThanOrEqual(1e-10 * Math.abs(expected));
        return value;
      };
      // Each x through all (T, t), then each (T, t) through all x (the curves share work at one (T, t)): same values.
      const first = xs.map((_, k) => times.map((T) => ts.map((t) => check(k, T, t))));
      times.forEach((T, i) => ts.forEach((t, j) => xs.forEach((_, k) => expect(check(k, T, t)).toBe(first[k][i][j]))));
    }
  });

  it('make E[X(t)] grow with t and the PMF sum to 1', () => {
    const p = paramSets[name][0];
    let previous = 0;
    for (const t of [0.5, 1, 10, 39, 100]) {
      const e = model.expectedNew(p, t);
      expect(e).toBeGreaterThan(previous);
      previous = e;
    }
    let total = 0;
    for (let n = 0; n < 200; n++) total += model.pmf(p, 10, n);
    expect(total).toBeCloseTo(1, 6);
  });
});

function checkGradient(ll: (p: Float64Array, g: Float64Array | null) => number, params: number[]) {
  const p = Float64Array.from(params);
  const grad = new Float64Array(p.length);
  ll(p, grad);
  for (let k = 0; k < p.length; k++) {
    const h = 1e-6 * p[k];
    const up = Float64Array.from(p);
    const down = Float64Array.from(p);
    up[k] += h;
    down[k] -= h;
    const numeric = (ll(up, null) - ll(down, null)) / (2 * h);
    expect(Math.abs(grad[k] - numeric) / Math.max(1, Math.abs(numeric)), `parameter ${k} of ${params}`).toBeLessThan(1e-5);
  }
}

describe('analytic gradients agree with central differences', () => {
  const data: CompressedRfm = compressRfm({
    x: Float64Array.from(customers, (c) => c[0]),
    tx: Float64Array.from(customers, (c) => c[1] / 80),
    T: Float64Array.from(customers, (c) => c[2] / 80),
  });
  it('BG/NBD and MBG/NBD', () => {
    for (const p of [[0.3, 0.1, 0.8, 2.4], [2, 0.02, 0.05, 10]]) {
      checkGradient((q, g) => betaGeoLogLikelihood('bgnbd', q, data, g), p);
      checkGradient((q, g) => betaGeoLogLikelihood('mbgnbd', q, data, g), p);
    }
  });
  it('Pareto/NBD, with α above and below β, and z near 1 (the integral branch)', () => {
    for (const p of [[0.55, 0.3, 0.6, 0.2], [0.55, 0.1, 0.6, 0.4], [0.8, 0.2, 1e-3, 80], [0.9, 0.2, 500, 4000]]) {
      checkGradient((q, g) => paretoLogLikelihood(q, data, g), p);
    }
  });
  it('Gamma-Gamma', () => {
    const spend = spendData(Float64Array.from(customers, (c) => c[0]), Float64Array.from(customers, (_, i) => 5 + ((i * 37) % 90)));
    checkGradient((q, g) => gammaGammaLogLikelihood(q, spend, g), [6.2, 3.7, 15.4]);
  });
});

describe('Gamma-Gamma spend data', () => {
  it('tables each distinct repeat count once, whole, fractional or large, and leaves out x = 0 or m ≤ 0', () => {
    // x: 2, 1.5 (a summary file may hold any number), 5000 (past the small-count table), 2 again, 1.5 again; then
    // x = 0 and a non-positive spend, both left out.
    const data = spendData(Float64Array.of(2, 1.5, 5000, 2, 1.5, 0, 3), Float64Array.of(10, 20, 30, 40, 50, 60, -1));
    expect(Array.from(data.x)).toEqual([2, 1.5, 5000, 2, 1.5]);
    expect(Array.from(data.xValues)).toEqual([2, 1.5, 5000]);
    expect(Array.from(data.xIndex)).toEqual([0, 1, 2, 0, 1]);
    expect(Array.from(data.logM)).toEqual([10, 20, 30, 40, 50].map(Math.log));
  });

  it('counts a customer of weight 2 as two customers alike', () => {
    const twice = spendData(Float64Array.of(3, 3, 1), Float64Array.of(20, 20, 8));
    const weighted = spendData(Float64Array.of(3, 1), Float64Array.of(20, 8));
    weighted.weight = Float64Array.of(2, 1);
    const params = Float64Array.of(6.2, 3.7, 15.4);
    const [g1, g2] = [new Float64Array(3), new Float64Array(3)];
    expect(gammaGammaLogLikelihood(params, weighted, g2)).toBeCloseTo(gammaGammaLogLikelihood(params, twice, g1), 10);
    g2.forEach((g, i) => expect(g).toBeCloseTo(g1[i], 10));
  });

  it('reads m / scale when given a scale: the log-likelihood of copies divided by it, to the last bit', () => {
    const x = Float64Array.of(1, 2, 3, 7, 2);
    const m = Float64Array.of(12.5, 40, 7.25, 19, 33);
    const scale = 21.7;
    const scaled = { ...spendData(x, m), scale };
    const copies = spendData(x, m.map((v) => v / scale));
    // spendData takes ln of the divided m; the scaled reading takes ln m − ln scale, as the fit's copies did before.
    copies.logM = spendData(x, m).logM.map((v) => v - Math.log(scale));
    const gradScaled = new Float64Array(3);
    const gradCopies = new Float64Array(3);
    const params = Float64Array.of(6.2, 3.7, 0.9);
    expect(gammaGammaLogLikelihood(params, scaled, gradScaled)).toBe(gammaGammaLogLikelihood(params, copies, gradCopies));
    expect(Array.from(gradScaled)).toEqual(Array.from(gradCopies));
    // And not the unscaled data's.
    expect(gammaGammaLogLikelihood(params, spendData(x, m), null)).not.toBe(gammaGammaLogLikelihood(params, scaled, null));
  });
});

describe('large data', () => {
  it('explores starts on a subsample, then converges on all customers and recovers the simulated parameters', async () => {
    const { simulateCustomers } = await import('../../bench/synthetic');
    const { fitPurchaseModel } = await import('../../../src/core/forecast/models/fit-purchases');
    const { scaleTime, dataScale } = await import('../../../src/core/forecast/models/compress');
    const customers = simulateCustomers(200_000, 3);
    const data = compressRfm({ x: customers.frequency, tx: customers.recency, T: customers.T });
    expect(data.x.length).toBeGreaterThan(60_000); // beyond the subsampling threshold
    const fit = fitPurchaseModel('bgnbd', data);
    expect(fit.converged).toBe(true);
    // Simulated r 0.25, α 28 days, a 0.8, b 2.5.
    expect(fit.params[0]).toBeCloseTo(0.25, 1);
    expect(fit.params[1] / 28).toBeGreaterThan(0.85);
    expect(fit.params[1] / 28).toBeLessThan(1.15);
    // The gradient of the whole data's log-likelihood vanishes at the result (in log-parameters, per customer).
    const { maxT, totalWeight } = dataScale(data);
    const grad = new Float64Array(4);
    const scaled = Float64Array.from(fit.params, (p, i) => (i === 1 ? p / maxT : p));
    betaGeoLogLikelihood('bgnbd', scaled, scaleTime(data, maxT), grad);
    grad.forEach((g, i) => expect(Math.abs((g * scaled[i]) / totalWeight)).toBeLessThan(1e-6));
  });
});
