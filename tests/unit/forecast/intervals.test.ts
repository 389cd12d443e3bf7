/**
 * The 90% ranges: the delta method (what the app uses) against a parametric bootstrap of the same parameter
 * covariance, on the CDNOW summary, for customers from one-time buyers to heavy repeaters.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cholesky } from '../../../src/core/forecast/models/matrix';
import { fitPurchaseModel } from '../../../src/core/forecast/models/fit-purchases';
import { logVariance, perturbedParameters, range90 } from '../../../src/core/forecast/models/intervals';
import { purchaseModel } from '../../../src/core/forecast/models/purchase-models';
import { SHARED_DATA } from './reference-files';
import { mulberry32 } from '../../bench/synthetic';

const rows = readFileSync(resolve(SHARED_DATA, 'cdnow/cdnow_customers_summary.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
const data = { x: Float64Array.from(rows, (r) => r[1]), tx: Float64Array.from(rows, (r) => r[2]), T: Float64Array.from(rows, (r) => r[3]) };

describe.each(['bgnbd', 'paretoNbd'] as const)('%s ranges', (name) => {
  const fit = fitPurchaseModel(name, data);
  const model = purchaseModel(name);
  const k = fit.params.length;

  it('agree with a parametric bootstrap over the log-parameter covariance', () => {
    const L = cholesky(fit.logCovariance!, k)!;
    const uniform = mulberry32(9);
    const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    const draws = Array.from({ length: 4000 }, () => {
      const z = Array.from({ length: k }, normal);
      return Float64Array.from(fit.params, (p, i) => {
        let shift = 0;
        for (let j = 0; j <= i; j++) shift += L[i * k + j] * z[j];
        return p * Math.exp(shift);
      });
    });
    for (const [x, tx, T] of [[0, 0, 38.86], [2, 30.43, 38.86], [7, 29.43, 38.86], [1, 5, 38.86], [26, 30.86, 31]]) {
      const value = (p: ArrayLike<number>) => model.expected(p, x, tx, T, 52);
      const sets = perturbedParameters(fit.params);
      const [low, high] = range90(value(fit.params), logVariance(sets.map(value), fit.logCovariance!));
      const boot = draws.map(value).sort((a, b) => a - b);
      const p5 = boot[Math.floor(0.05 * boot.length)];
      const p95 = boot[Math.floor(0.95 * boot.length)];
      // Same ranges within 15% of their width: BG/NBD's agree to ~2%, Pareto/NBD's ends can differ by up to ~11% where
      // the prediction is skewed in the parameters (bootstrap noise with 4,000 draws is a few per cent).
      const width = p95 - p5;
      expect(Math.abs(low - p5), `${x} ${tx} ${T} low`).toBeLessThan(0.15 * width);
      expect(Math.abs(high - p95), `${x} ${tx} ${T} high`).toBeLessThan(0.15 * width);
    }
  });
});
