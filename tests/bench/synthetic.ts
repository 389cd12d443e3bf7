/**
 * Synthetic customers for the model benchmark, drawn from BG/NBD itself (seeded): purchase rate λ ~ Gamma(r, α),
 * drop-out probability p ~ Beta(a, b) after each purchase, acquisition spread over a year, observed for two years,
 * times in whole days like real order data; spend per purchase Gamma(6, ν) with ν ~ Gamma(4, 15).
 */
import type { CustomerSummary } from '../../src/core/types';

/** Seeded uniform numbers in [0, 1) (mulberry32). */
export function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Marsaglia & Tsang's gamma sampler (shape < 1 through the u^(1/shape) boost), unit scale. */
export function gammaSampler(uniform: () => number) {
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const sample = (shape: number): number => {
    if (shape < 1) return sample(shape + 1) * Math.pow(uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number, v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  return sample;
}

export function simulateCustomers(n: number, seed: number, params = { r: 0.25, alpha: 4 * 7, a: 0.8, b: 2.5 }): CustomerSummary {
  const uniform = mulberry32(seed);
  const gamma = gammaSampler(uniform);
  const out: CustomerSummary = { customer: new Uint32Array(n), frequency: new Float64Array(n), recency: new Float64Array(n), T: new Float64Array(n), monetary: new Float64Array(n) };
  const end = 730;
  for (let i = 0; i < n; i++) {
    const birth = Math.floor(uniform() * 365);
    const T = end - birth;
    const lambda = gamma(params.r) / params.alpha;
    const ga = gamma(params.a);
    const p = ga / (ga + gamma(params.b));
    const nu = gamma(4) / 15;
    let t = 0, x = 0, last = 0, spend = 0;
    for (;;) {
      t += -Math.log(1 - uniform()) / lambda;
      if (t > T) break;
      const day = Math.floor(t);
      if (day > last) {
        x++;
        last = day;
        spend += gamma(6) / nu;
      }
      if (uniform() < p) break;
    }
    out.customer[i] = i;
    out.frequency[i] = x;
    out.recency[i] = last;
    out.T[i] = T;
    out.monetary[i] = x > 0 ? spend / x : 0;
  }
  return out;
}
