/** The expected next purchase is the median wait: by then a further purchase has happened with probability ½. */
import { describe, expect, it } from 'vitest';
import { betaGeoNextPurchase, betaGeoPAlive } from '../../../src/core/forecast/models/beta-geo';
import { paretoNextPurchase, paretoPAlive } from '../../../src/core/forecast/models/pareto-nbd';
import { gammaSampler, mulberry32 } from '../../bench/synthetic';

describe('median time to the next purchase', () => {
  it('BG/NBD: P(alive)·[1 − ((α+T)/(α+T+m))^(r+x)] = ½ at the median m', () => {
    const p = [0.243, 4.414, 0.793, 2.426];
    for (const [x, tx, T] of [[2, 30.43, 38.86], [10, 34, 35], [1, 38, 38.86]]) {
      const m = betaGeoNextPurchase('bgnbd', p, x, tx, T);
      const [r, alpha] = p;
      const within = betaGeoPAlive('bgnbd', p, x, tx, T) * (1 - ((alpha + T) / (alpha + T + m)) ** (r + x));
      expect(within).toBeCloseTo(0.5, 10);
    }
    // Someone who has probably left gets no date.
    expect(betaGeoNextPurchase('bgnbd', p, 5, 2, 38)).toBeNaN();
  });

  it('Pareto/NBD: a Monte Carlo over the posterior rates buys again by the median half the time', () => {
    const p = [0.553, 10.578, 0.606, 11.669];
    const uniform = mulberry32(5);
    const gamma = gammaSampler(uniform);
    for (const [x, tx, T] of [[26, 30.86, 31], [3, 25, 38]]) {
      const m = paretoNextPurchase(p, x, tx, T);
      expect(Number.isFinite(m)).toBe(true);
      const [r, alpha, s, beta] = p;
      let sum = 0;
      const draws = 200_000;
      for (let k = 0; k < draws; k++) {
        const lambda = gamma(r + x) / (alpha + T);
        const mu = gamma(s) / (beta + T);
        sum += (lambda / (lambda + mu)) * -Math.expm1(-(lambda + mu) * m);
      }
      expect(paretoPAlive(p, x, tx, T) * (sum / draws)).toBeCloseTo(0.5, 2);
    }
  });
});
