/**
 * Random draws from the distributions the sample shop's story needs (the BG/NBD and Gamma-Gamma stories:
 * gamma-distributed purchase rates, beta-distributed dropout, lognormal/gamma spend), on top of a seeded source.
 */
import type { UniformSource } from './prng';

/** Seeded draws from common distributions. */
export class Random {
  /** The second Box-Muller value, kept for the next normal draw. */
  private spareNormal: number | null = null;

  constructor(private readonly uniform: UniformSource) {}

  /** Uniform in [0, 1). */
  next(): number {
    return this.uniform();
  }

  /** Uniform in (0, 1]: safe to take the logarithm of. */
  private open(): number {
    return 1 - this.uniform();
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.uniform() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Standard normal by the Box-Muller transform: √(−2 ln u₁)·(cos, sin)(2π u₂). */
  normal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    const radius = Math.sqrt(-2 * Math.log(this.open()));
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Lognormal: exp(μ + σ·Z). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Exponential with the given rate (mean 1/rate): −ln(u)/rate. */
  exponential(rate: number): number {
    return -Math.log(this.open()) / rate;
  }

  /**
   * Gamma with shape k and rate β (mean k/β), by Marsaglia and Tsang's squeeze method (2000): with d = k − 1/3 and
   * c = 1/√(9d), accept v = (1 + cZ)³ when ln u < Z²/2 + d − dv + d ln v. Shapes below 1 use
   * Gamma(k) = Gamma(k + 1)·u^(1/k).
   */
  gamma(shape: number, rate = 1): number {
    if (shape < 1) return this.gamma(shape + 1, rate) * Math.pow(this.open(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const z = this.normal();
      const base = 1 + c * z;
      if (base <= 0) continue;
      const v = base * base * base;
      if (Math.log(this.open()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
    }
  }

  /** Beta(a, b) as X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    return x / (x + this.gamma(b));
  }

  /** Index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.uniform() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
  }
}
