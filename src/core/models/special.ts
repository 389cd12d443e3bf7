/**
 * Special functions the models need, in the forms that stay finite for the arguments they produce: log-space sums,
 * lnΓ and ψ from stdlib (well tested), and the Gauss hypergeometric series written for 0 ≤ z < 1, where every
 * model evaluates it, with the Euler transformation chosen so that the series converges quickly and the result
 * does not overflow.
 */
import gammalnImpl from '@stdlib/math-base-special-gammaln';
import digammaImpl from '@stdlib/math-base-special-digamma';

export const lnGamma: (x: number) => number = gammalnImpl;
export const digamma: (x: number) => number = digammaImpl;

/** ln B(a, b). */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** ln(e^a + e^b) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** ln(1 − e^a) for a ≤ 0, accurate near 0 and for very negative a. */
export function log1mExp(a: number): number {
  return a > -Math.LN2 ? Math.log(-Math.expm1(a)) : Math.log1p(-Math.exp(a));
}

/** 1 / (1 + e^−x) without overflow. */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

const MAX_TERMS = 200_000;
const EPS = 1e-16;

/**
 * The plain series Σ (a)_n (b)_n / ((c)_n n!) zⁿ for 0 ≤ z < 1. Each term is the previous one times
 * (a+n)(b+n) z / ((c+n)(n+1)); the sum stops once the terms are below the last bit of the sum and the ratio has
 * settled below 1 (so the tail, bounded by a geometric series, is negligible too).
 */
export function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    term *= ratio;
    sum += term;
    if (term === 0) return sum;
    if (Math.abs(ratio) < 1 && Math.abs(term) <= EPS * Math.abs(sum) * (1 - Math.abs(ratio))) return sum;
  }
  return sum;
}

/**
 * (1 − z)^p · ₂F₁(a, b; c; z) for 0 ≤ z < 1. When c − a − b < 0 the function grows like (1 − z)^(c−a−b) near 1 and
 * its series converges slowly; Euler's transformation ₂F₁(a,b;c;z) = (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z) turns it into
 * a series whose terms fall like n^(a+b−c−1) zⁿ, and moves the growth into the power, where it cancels against p.
 */
export function hyp2f1Scaled(p: number, a: number, b: number, c: number, z: number): number {
  if (z === 0) return 1;
  const excess = c - a - b;
  if (excess >= 0) return Math.exp(p * Math.log1p(-z)) * hyp2f1Series(a, b, c, z);
  return Math.exp((p + excess) * Math.log1p(-z)) * hyp2f1Series(c - a, c - b, c, z);
}

/** ₂F₁(a, b; c; z) for 0 ≤ z < 1 (z < 0 through Pfaff's transformation). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (z < 0) {
    // Pfaff: ₂F₁(a,b;c;z) = (1−z)^−a ₂F₁(a, c−b; c; z/(z−1)), whose argument lies in [0, 1).
    return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, z / (z - 1));
  }
  return hyp2f1Scaled(0, a, b, c, z);
}

/** A series value with the derivatives of its logarithm. */
export interface SeriesWithDerivatives {
  value: number;
  /** ∂ ln G / ∂b, ∂ ln G / ∂c, ∂ ln G / ∂z. */
  dB: number;
  dC: number;
  dZ: number;
}

/**
 * G(b, c, z) = Σ (b)_n / (c)_n zⁿ = ₂F₁(1, b; c; z), with 0 < b < c and 0 ≤ z < 1: the form both halves of the
 * Pareto/NBD likelihood take after Euler's transformation. Its terms are positive and fall at least as fast as zⁿ,
 * so the sum is stable. The derivatives are summed term by term: ∂(b)_n/∂b = (b)_n Σ_{k<n} 1/(b+k), likewise for c.
 */
export function paretoSeries(b: number, c: number, z: number, out: SeriesWithDerivatives): void {
  let q = 1; // (b)_n / (c)_n
  let zn = 1; // zⁿ
  let sum = 1;
  let sumB = 0;
  let sumC = 0;
  let sumZ = 0; // Σ n q zⁿ⁻¹
  let harmonicB = 0;
  let harmonicC = 0;
  for (let n = 1; n < MAX_TERMS; n++) {
    const k = n - 1;
    const ratio = (b + k) / (c + k);
    sumZ += n * q * ratio * zn; // n (b)_n/(c)_n z^(n−1), before zn is advanced
    harmonicB += 1 / (b + k);
    harmonicC += 1 / (c + k);
    q *= ratio;
    zn *= z;
    const term = q * zn;
    sum += term;
    sumB += term * harmonicB;
    sumC += term * harmonicC;
    if (term <= EPS * sum * (1 - z) || term === 0) break;
  }
  out.value = sum;
  out.dB = sumB / sum;
  out.dC = -sumC / sum;
  out.dZ = sumZ / sum;
}
