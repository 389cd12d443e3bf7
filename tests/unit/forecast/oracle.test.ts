/**
 * The oracle values of ../shared/docs/clv-models.md §b: lifetimes' and BTYD's tests, Hardie's notes and the
 * published CDNOW figures, at their stated tolerances or tighter.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { betaGeoExpected, betaGeoExpectedNew, betaGeoLogLikelihood, betaGeoPAlive, betaGeoPmf } from '../../../src/core/forecast/models/beta-geo';
import { discountedPurchases } from '../../../src/core/forecast/models/clv';
import { compressRfm } from '../../../src/core/forecast/models/compress';
import { fitPurchaseModel } from '../../../src/core/forecast/models/fit-purchases';
import { fitGammaGamma, gammaGammaExpectedSpend, spendData } from '../../../src/core/forecast/models/gamma-gamma';
import { paretoExpected, paretoExpectedNew, paretoLogLikelihood, paretoPAlive } from '../../../src/core/forecast/models/pareto-nbd';
import { SHARED_DATA } from './reference-files';

function readSummary(file: string) {
  const lines = readFileSync(resolve(SHARED_DATA, 'cdnow', file), 'utf8').trim().split(/\r?\n/).slice(1);
  const rows = lines.map((l) => l.split(',').map(Number));
  return { x: Float64Array.from(rows, (r) => r[1]), tx: Float64Array.from(rows, (r) => r[2]), T: Float64Array.from(rows, (r) => r[3]), extra: Float64Array.from(rows, (r) => r[4] ?? NaN) };
}

const cdnow = readSummary('cdnow_customers_summary.csv');
const withSpend = readSummary('cdnow_customers_summary_with_transactions.csv');
const one = (x: number, tx: number, T: number) => compressRfm({ x: Float64Array.of(x), tx: Float64Array.of(tx), T: Float64Array.of(T) });

describe('BG/NBD on the CDNOW summary', () => {
  const fit = fitPurchaseModel('bgnbd', cdnow);
  const p = fit.params;

  it('finds the published maximum and its standard errors', () => {
    expect(Array.from(p)).toEqual([0.2425929, 4.4135315, 0.7928861, 2.4257537].map((v) => expect.closeTo(v, 5)));
    expect(fit.logLikelihood).toBeCloseTo(-9582.4256, 3);
    expect(Array.from(fit.standardErrors!)).toEqual([0.012557, 0.378221, 0.185719, 0.705345].map((v) => expect.closeTo(v, 4)));
    expect(fit.identified).toBe(true);
  });

  it('predicts E[Y(39) | 2, 30.43, 38.86] = 1.226 and P(alive) = 0.7266', () => {
    expect(Math.abs(betaGeoExpected('bgnbd', p, 2, 30.43, 38.86, 39) - 1.226)).toBeLessThan(0.001);
    expect(betaGeoPAlive('bgnbd', p, 2, 30.43, 38.86)).toBeCloseTo(0.7266, 4);
    const total = cdnow.x.reduce((acc, x, i) => acc + betaGeoExpected('bgnbd', p, x, cdnow.tx[i], cdnow.T[i], 39), 0);
    expect(total).toBeCloseTo(1653.4, 1);
  });

  it('gives E[X(t)] for a new customer', () => {
    const t = [0.1429, 1, 3, 31.8571, 32, 78];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    t.forEach((ti, i) => expect(betaGeoExpectedNew('bgnbd', p, ti)).toBeCloseTo(expected[i], 3));
  });

  it('gives E[Y(1)] for the Quickstart customers', () => {
    const rows = [[18, 35.14, 35.86], [19, 34.0, 34.14], [17, 28.43, 28.86], [29, 37.71, 38.0], [26, 30.86, 31.0]];
    const expected = [0.424877, 0.474738, 0.486526, 0.662396, 0.710623];
    rows.forEach(([x, tx, T], i) => expect(betaGeoExpected('bgnbd', p, x, tx, T, 1)).toBeCloseTo(expected[i], 5));
  });

  it('keeps P(alive) at 1 for x = 0 and at 0 for (1000, 10, 100)', () => {
    expect(betaGeoPAlive('bgnbd', p, 0, 0, 10)).toBe(1);
    expect(betaGeoPAlive('bgnbd', p, 1000, 10, 100)).toBe(0);
  });

  it('gives the PMF values of lifetimes’ tests', () => {
    const q = [0.243, 4.414, 0.793, 2.426];
    expect(Math.abs(betaGeoPmf('bgnbd', q, 2, 10) - 1.07869e-7)).toBeLessThan(1e-10);
    expect(betaGeoPmf('bgnbd', q, 39, 0)).toBeCloseTo(0.5737864, 6);
    const expected = [0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913, 0.0003467171, 0.0002769613, 0.000222226];
    expected.forEach((v, k) => expect(betaGeoPmf('bgnbd', q, 30, 11 + k)).toBeCloseTo(v, 8));
  });

  it('matches the per-customer log-likelihoods of Hardie’s note 004 spreadsheet', () => {
    const q = Float64Array.of(0.243, 4.414, 0.793, 2.426);
    const x = [2, 1, 0, 0, 0, 7, 1, 0, 2, 0, 5, 0, 0, 0, 0, 0, 10, 1];
    const tx = [30.43, 1.71, 0, 0, 0, 29.43, 5.0, 0, 35.71, 0, 24.43, 0, 0, 0, 0, 0, 34.14, 4.86];
    const expected = [-9.4596, -4.4711, -0.5538, -0.5538, -0.5538, -21.8644, -4.8651, -0.5538, -9.5367, -0.5538, -17.3593, -0.5538, -0.5538, -0.5538, -0.5538, -0.5538, -27.3144, -4.852];
    x.forEach((xi, i) => {
      const ll = betaGeoLogLikelihood('bgnbd', q, one(xi, tx[i], 38.86), null);
      expect(Math.abs(ll / expected[i] - 1)).toBeLessThan(2e-3);
    });
  });

  it('stays stable where the naive formula overflows (note 027)', () => {
    const q = Float64Array.of(0.25, 4.0, 0.8, 2.5);
    expect(betaGeoLogLikelihood('bgnbd', q, one(0, 0, 40), null)).toBeCloseTo(-0.59947382, 7);
    expect(betaGeoLogLikelihood('bgnbd', q, one(200, 38, 40), null)).toBeCloseTo(100.79569, 4);
  });
});

describe('MBG/NBD on the CDNOW summary', () => {
  it('finds the BTYDplus maximum', () => {
    const fit = fitPurchaseModel('mbgnbd', cdnow);
    expect(Array.from(fit.params)).toEqual([0.52484, 6.18299, 0.89136, 1.614].map((v) => expect.closeTo(v, 4)));
    expect(fit.logLikelihood).toBeCloseTo(-9582.13, 2);
    // Unlike BG/NBD, a one-time buyer may already be gone.
    expect(betaGeoPAlive('mbgnbd', fit.params, 0, 1, 1)).toBeLessThan(1);
  });
});

describe('Pareto/NBD on the CDNOW summary', () => {
  it('finds the published maximum', () => {
    const fit = fitPurchaseModel('paretoNbd', cdnow);
    expect(Array.from(fit.params)).toEqual([0.5533, 10.5776, 0.6062, 11.6679].map((v) => expect.closeTo(v, 2)));
    expect(fit.logLikelihood).toBeCloseTo(-9594.97, 1);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-9594.976);
  });

  it('gives P(alive) and E[Y(52)] of the BTYD walkthrough', () => {
    const q = [0.5534, 10.5802, 0.6061, 11.6562];
    expect(Math.abs(paretoPAlive(q, 26, 30.86, 31) - 0.9979)).toBeLessThan(0.001);
    expect(paretoPAlive(q, 26, 30.86, 31)).toBeCloseTo(0.997918, 5);
    expect(Math.abs(paretoExpected(q, 26, 30.86, 31, 52) - 25.46)).toBeLessThan(0.01);
  });

  it('gives E[X(t)] for t = 0..9', () => {
    const q = [0.5533, 10.5776, 0.6062, 11.6679];
    const expected = [0, 0.05077821, 0.09916088, 0.14542507, 0.1897993, 0.23247466, 0.27361274, 0.31335159, 0.35181024, 0.38909211];
    expected.forEach((v, t) => expect(Math.abs(paretoExpectedNew(q, t) - v)).toBeLessThan(0.01));
  });

  it('neither underflows nor overflows on extreme customers', () => {
    const q = [0.55, 10.58, 0.61, 11.67];
    const a = paretoExpected(q, 132, 200, 200, 10);
    const b = paretoExpected(q, 133, 200, 200, 10);
    expect(a).toBeCloseTo(6.2060517889632418, 6);
    expect(b).toBeCloseTo(6.2528722475748113, 6);
    const big = Float64Array.of(10.465, 7.98565181e-3, 3.0516, 2.82);
    for (const [x, tx, T] of [[400, 5, 6], [500, 1, 37], [500, 4, 37]]) {
      expect(Number.isFinite(paretoLogLikelihood(big, one(x, tx, T), null))).toBe(true);
    }
    for (const [x, tx, T] of [[40, 5, 6], [50, 1, 37], [50, 4, 37]]) {
      const alive = paretoPAlive(big, x, tx, T);
      expect(alive).toBeGreaterThanOrEqual(0);
      expect(alive).toBeLessThanOrEqual(1);
    }
  });
});

describe('Gamma-Gamma on the CDNOW repeat customers', () => {
  const data = spendData(withSpend.x, withSpend.extra);
  const fit = fitGammaGamma(data);

  it('fits the 946 repeaters to the published maximum', () => {
    expect(data.x.length).toBe(946);
    expect(Array.from(fit.params)).toEqual([6.2488, 3.74459, 15.44775].map((v) => expect.closeTo(v, 3)));
    expect(fit.logLikelihood).toBeCloseTo(-4055.92, 1);
  });

  it('gives E(M | x, m̄) of the Quickstart', () => {
    const expected = [24.658619, 18.911489, 35.170981, 35.170981, 35.170981, 71.462843, 18.911489, 35.170981, 27.282408, 35.170981];
    expected.forEach((v, i) => expect(gammaGammaExpectedSpend(fit.params, withSpend.x[i], withSpend.extra[i])).toBeCloseTo(v, 4));
    const mean = withSpend.x.reduce((acc, x, i) => acc + gammaGammaExpectedSpend(fit.params, x, withSpend.extra[i]), 0) / withSpend.x.length;
    expect(mean).toBeCloseTo(35.2529588256, 4);
  });

  it('gives the Quickstart CLV with lifetimes’ month of 30 units, and 4.345 weeks', () => {
    const bg = fitPurchaseModel('bgnbd', cdnow).params;
    const clv = (i: number, unitsMonth: number) => {
      const spend = gammaGammaExpectedSpend(fit.params, withSpend.x[i], withSpend.extra[i]);
      return spend * discountedPurchases((t) => betaGeoExpected('bgnbd', bg, cdnow.x[i], cdnow.tx[i], cdnow.T[i], t), 12, unitsMonth, 0.01);
    };
    const days = [140.096211, 18.943467, 38.180574, 38.180574, 38.180574, 1003.868107, 28.109683, 38.180574, 167.418216, 38.180574];
    const weeks = [36.2785, 4.6375, 8.3441, 8.3441, 8.3441, 283.5236, 6.8814, 8.3441, 43.3536, 8.3441];
    days.forEach((v, i) => expect(Math.abs(clv(i, 30) / v - 1)).toBeLessThan(1e-5));
    weeks.forEach((v, i) => expect(clv(i, 4.345)).toBeCloseTo(v, 3));
  });
});
