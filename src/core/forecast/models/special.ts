/**
 * Special functions the models need, in the forms that stay finite for the arguments they produce: log-space sums,
 * lnΓ and ψ (gamma-functions.ts, checked against @stdlib and exact values), and the Gauss hypergeometric series
 * written for 0 ≤ z < 1, where every model evaluates it, with the Euler transformation chosen so that the series
 * converges quickly and the result does not overflow.
 */
import { digamma, lnGamma } from './gamma-functions';

export { digamma, lnGamma };

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
 * hyp2f1Series(a, b, c, ·) for fixed a, b, c at many z. The parts of the term ratios that do not depend on z,
 * (a+n)(b+n)/((c+n)(n+1)), are tabulated once (the table grows when a z needs more terms), so a term costs two
 * multiplications instead of a division; and the stopping rule is tested every fourth term, which stops at most three
 * (negligible) terms later. Together about three times faster; the sums agree with hyp2f1Series to round-off.
 */
export class Hyp2f1Terms {
  /** Ratios for n = 0, 1, …; the length stays a multiple of 4. */
  private ratios: Float64Array = new Float64Array(0);

  constructor(
    readonly a: number,
    readonly b: number,
    readonly c: number,
  ) {
    this.extend(64);
  }

  private extend(length: number) {
    const { a, b, c } = this;
    const ratios = new Float64Array(Math.min(length, MAX_TERMS));
    ratios.set(this.ratios);
    for (let n = this.ratios.length; n < ratios.length; n++) ratios[n] = ((a + n) * (b + n)) / ((c + n) * (n + 1));
    this.ratios = ratios;
  }

  sum(z: number): number {
    let term = 1;
    let sum = 1;
    let n = 0;
    for (;;) {
      const ratios = this.ratios;
      for (; n < ratios.length; n += 4) {
        term *= ratios[n] * z;
        sum += term;
        term *= ratios[n + 1] * z;
        sum += term;
        term *= ratios[n + 2] * z;
        sum += term;
        const ratio = ratios[n + 3] * z;
        term *= ratio;
        sum += term;
        if (term === 0) return sum;
        const size = Math.abs(ratio);
        if (size < 1 && Math.abs(term) <= EPS * Math.abs(sum) * (1 - size)) return sum;
      }
      if (n >= MAX_TERMS) return sum;
      this.extend(2 * n);
    }
  }
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
export function paretoSeries(b: number, c: number, z: number, out: SeriesWithDerivatives, derivatives = true): void {
  if (z > SERIES_LIMIT) return paretoIntegral(b, c, z, out);
  let term = 1; // (b)_n zⁿ / (c)_n
  let sum = 1;
  let sumB = 0;
  let sumC = 0;
  let sumN = 0; // Σ n·term, whence ∂G/∂z = sumN / z
  let harmonicB = 0;
  let harmonicC = 0;
  const stop = EPS * (1 - z);
  for (let n = 1; n < MAX_TERMS; n++) {
    const k = n - 1;
    const invC = 1 / (c + k);
    term *= (b + k) * invC * z;
    sum += term;
    if (derivatives) {
      harmonicB += 1 / (b + k);
      harmonicC += invC;
      sumB += term * harmonicB;
      sumC += term * harmonicC;
      sumN += n * term;
    }
    if (term <= stop * sum) break;
  }
  out.value = sum;
  out.dB = sumB / sum;
  out.dC = -sumC / sum;
  out.dZ = z > 0 ? sumN / (z * sum) : b / c;
}

/** Above this z the series needs hundreds to millions of terms; the integral below costs a bounded amount. */
const SERIES_LIMIT = 0.9;

/** n-point Gauss–Legendre nodes and weights on [−1, 1], by Newton iteration on the Legendre polynomial Pₙ. */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1, p1 = x;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k];
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
}

const GL8 = gaussLegendre(8);

/**
 * G(b, c, z) for z near 1 from Euler's integral: G = (c−1) ∫₀^∞ e^(−h(y)) dy with
 * h(y) = (c−1)y + b·ln(1 − z + z e^(−y)) (substituting t = 1 − e^(−y) in ∫₀¹ (1−t)^(c−2) (1−zt)^(−b) dt).
 * The integrand is smooth: flat-ish up to y* = ln(z/(1−z)) and exponentially falling after, so composite
 * Gauss–Legendre on unit-ish pieces (shorter when h bends sharply) out to where it has fallen by e^(−45) gives the sum
 * to ~1e-12 in a few hundred points whatever z. The derivatives of ln G are averages of ∂h under the same weights.
 */
function paretoIntegral(b: number, c: number, z: number, out: SeriesWithDerivatives): void {
  const c1 = c - 1;
  const oneMinusZ = 1 - z;
  const h = (y: number) => c1 * y + b * Math.log(oneMinusZ + z * Math.exp(-y));
  const shareAt = (y: number) => {
    const e = z * Math.exp(-y);
    return e / (oneMinusZ + e);
  };
  // h is convex (h'' = b·q(1−q) with q = z e^−y/(1−z+z e^−y)), so e^−h has one peak: at y = 0 or where h' = 0.
  const turning = b * z > c1 ? Math.log((z * (b - c1)) / (c1 * oneMinusZ)) : 0;
  const yPeak = Math.max(0, turning);
  const yStar = Math.log(z / oneMinusZ);
  const hMin = h(yPeak);
  // Start where the integrand is still e^−45 below its peak (it is negligible further left).
  let lo = 0;
  if (yPeak > 0 && h(0) - hMin > 45) {
    let hi = yPeak;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (h(mid) - hMin > 45) lo = mid;
      else hi = mid;
    }
  }
  let sum = 0, sumY = 0, sumL = 0, sumZ = 0;
  let pieces = 0;
  for (; pieces < 100_000; pieces++) {
    // A piece is as long as 8 points integrate e^−h over exactly enough: h changes by at most ~4 along it, and its
    // curvature stays moderate (the slope's magnitude only falls towards the peak and stays below c1 after it).
    // h' is increasing and h'' peaks (at b/4) at y* = ln(z/(1−z)), so over a piece both are largest at an end (or,
    // for h'', at y* inside it). Shrink the piece until h changes by at most ~4 and bends moderately along it.
    const qLo = shareAt(lo);
    let length = Math.min(8, 4 / Math.max(Math.abs(c1 - b * qLo), 1e-12));
    for (let k = 0; k < 16; k++) {
      const qHi = shareAt(lo + length);
      const slope = Math.max(Math.abs(c1 - b * qLo), Math.abs(c1 - b * qHi));
      const curvature = lo <= yStar && lo + length >= yStar ? b / 4 : b * Math.max(qLo * (1 - qLo), qHi * (1 - qHi));
      const shorter = Math.min(length, 4 / Math.max(slope, 1e-12), 1.5 / Math.sqrt(curvature + 1e-300));
      if (shorter > 0.99 * length) break;
      // Shrink by at most 2× a time: the end's slope may be far steeper than anything nearer (h' grows like e^y).
      length = Math.max(shorter, length / 2);
    }
    const mid = lo + length / 2;
    const half = length / 2;
    let pieceSum = 0;
    for (let k = 0; k < 8; k++) {
      const y = mid + half * GL8.nodes[k];
      const ey = Math.exp(-y);
      const inner = oneMinusZ + z * ey;
      const logInner = Math.log(inner);
      const f = GL8.weights[k] * half * Math.exp(hMin - c1 * y - b * logInner);
      pieceSum += f;
      sumY += f * y;
      sumL += f * logInner;
      sumZ += (f * (ey - 1)) / inner;
    }
    sum += pieceSum;
    lo += length;
    if (lo > yPeak && h(lo) - hMin > 45) break;
  }
  out.value = c1 * sum * Math.exp(-hMin);
  // ln G = ln(c−1) − hMin + ln Σ: ∂/∂c = 1/(c−1) − ⟨y⟩, ∂/∂b = −⟨ln(1−z+z e^−y)⟩, ∂/∂z = −b⟨(e^−y − 1)/(1−z+z e^−y)⟩.
  out.dB = -sumL / sum;
  out.dC = 1 / c1 - sumY / sum;
  out.dZ = (-b * sumZ) / sum;
}
