/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987) in the form of Fader & Hardie's note 009: purchases at a
 * Gamma(r, α) rate, lifetimes exponential at a Gamma(s, β) rate. Parameters are [r, α, s, β]; α and β scale with
 * time.
 *
 * The likelihood's A₀ term is a difference of ₂F₁(r+s+x, ·; r+s+x+1; z) values. Euler's transformation turns each
 * into (α+y)^−(r+x)·(β+y)^−s·G(z) (when α ≥ β) or (α+y)^(1−r−x)·(β+y)^−(s+1)·G(z) (when α < β), where
 * G = ₂F₁(1, ·; ·; z) has positive terms falling at least like zⁿ: no overflow for large x, and derivatives that can
 * be summed with the series. All of it is combined in log space.
 */
import type { CompressedRfm } from './compress';
import { digamma, lnGamma, log1mExp, logAddExp, logistic, paretoSeries, type SeriesWithDerivatives } from './special';

export const PARETO_PARAMS = ['r', 'alpha', 's', 'beta'] as const;

const series: SeriesWithDerivatives = { value: 1, dB: 0, dC: 0, dZ: 0 };

/**
 * ln of one A₀ part at time y ∈ {tₓ, T}, and its gradient with respect to [r, α, s, β] in `grad` when given.
 */
function logA0Part(r: number, alpha: number, s: number, beta: number, x: number, y: number, grad: Float64Array | null): number {
  const rx = r + x;
  const c = r + s + x + 1;
  const logAy = Math.log(alpha + y);
  const logBy = Math.log(beta + y);
  if (alpha >= beta) {
    const z = (alpha - beta) / (alpha + y);
    paretoSeries(rx, c, z, series);
    if (grad) {
      grad[0] = -logAy + series.dB + series.dC;
      grad[1] = -rx / (alpha + y) + (series.dZ * (beta + y)) / ((alpha + y) * (alpha + y));
      grad[2] = -logBy + series.dC;
      grad[3] = -s / (beta + y) - series.dZ / (alpha + y);
    }
    return -rx * logAy - s * logBy + Math.log(series.value);
  }
  const z = (beta - alpha) / (beta + y);
  paretoSeries(s + 1, c, z, series);
  if (grad) {
    grad[0] = -logAy + series.dC;
    grad[1] = (1 - rx) / (alpha + y) - series.dZ / (beta + y);
    grad[2] = -logBy + series.dB + series.dC;
    grad[3] = -(s + 1) / (beta + y) + (series.dZ * (alpha + y)) / ((beta + y) * (beta + y));
  }
  return (1 - rx) * logAy - (s + 1) * logBy + Math.log(series.value);
}

const gradTx = new Float64Array(4);
const gradT = new Float64Array(4);

/**
 * The two log-terms of a customer's likelihood bracket: l1 for "alive throughout", l2 for "dropped out between tₓ
 * and T" (−∞ when tₓ = T). Gradients of each go into g1, g2 when given.
 */
function bracketTerms(params: ArrayLike<number>, x: number, tx: number, T: number, g1: Float64Array | null, g2: Float64Array | null): [number, number] {
  const r = params[0], alpha = params[1], s = params[2], beta = params[3];
  const rx = r + x;
  const l1 = -rx * Math.log(alpha + T) - s * Math.log(beta + T);
  if (g1) {
    g1[0] = -Math.log(alpha + T);
    g1[1] = -rx / (alpha + T);
    g1[2] = -Math.log(beta + T);
    g1[3] = -s / (beta + T);
  }
  if (!(T > tx)) return [l1, -Infinity];
  const partTx = logA0Part(r, alpha, s, beta, x, tx, g2 ? gradTx : null);
  const partT = logA0Part(r, alpha, s, beta, x, T, g2 ? gradT : null);
  const logRatio = Math.min(partT - partTx, 0);
  const logA0 = partTx + log1mExp(logRatio);
  const rsx = r + s + x;
  const l2 = Math.log(s) - Math.log(rsx) + logA0;
  if (g2) {
    // ∂ ln(P_tx − P_T) = (∂ln P_tx − ρ ∂ln P_T)/(1 − ρ), ρ = P_T/P_tx.
    const rho = Math.exp(logRatio);
    const inv = 1 / -Math.expm1(logRatio);
    for (let k = 0; k < 4; k++) g2[k] = (gradTx[k] - rho * gradT[k]) * inv;
    g2[0] -= 1 / rsx;
    g2[2] += 1 / s - 1 / rsx;
  }
  return [l1, l2];
}

const g1 = new Float64Array(4);
const g2 = new Float64Array(4);

/** Weighted log-likelihood; fills the gradient with respect to [r, α, s, β] when `grad` is given. */
export function paretoLogLikelihood(params: Float64Array, data: CompressedRfm, grad: Float64Array | null): number {
  const [r, alpha, s, beta] = params;
  const nx = data.xValues.length;
  const constX = new Float64Array(nx);
  const dR = new Float64Array(nx);
  const lgR = lnGamma(r);
  const psiR = grad ? digamma(r) : 0;
  for (let j = 0; j < nx; j++) {
    constX[j] = lnGamma(r + data.xValues[j]) - lgR;
    if (grad) dR[j] = digamma(r + data.xValues[j]) - psiR;
  }
  const logAlpha = Math.log(alpha);
  const logBeta = Math.log(beta);
  let total = 0;
  let gr = 0, galpha = 0, gs = 0, gbeta = 0;
  for (let i = 0; i < data.x.length; i++) {
    const w = data.weight[i];
    const [l1, l2] = bracketTerms(params, data.x[i], data.tx[i], data.T[i], grad ? g1 : null, grad ? g2 : null);
    total += w * (constX[data.xIndex[i]] + r * logAlpha + s * logBeta + logAddExp(l1, l2));
    if (grad) {
      const w2 = l2 === -Infinity ? 0 : logistic(l2 - l1);
      const w1 = 1 - w2;
      gr += w * (dR[data.xIndex[i]] + logAlpha + w1 * g1[0] + (w2 ? w2 * g2[0] : 0));
      galpha += w * (r / alpha + w1 * g1[1] + (w2 ? w2 * g2[1] : 0));
      gs += w * (logBeta + w1 * g1[2] + (w2 ? w2 * g2[2] : 0));
      gbeta += w * (s / beta + w1 * g1[3] + (w2 ? w2 * g2[3] : 0));
    }
  }
  if (grad) {
    grad[0] = gr;
    grad[1] = galpha;
    grad[2] = gs;
    grad[3] = gbeta;
  }
  return total;
}

/** P(alive at T | x, tₓ, T). */
export function paretoPAlive(params: ArrayLike<number>, x: number, tx: number, T: number): number {
  const [l1, l2] = bracketTerms(params, x, tx, T, null, null);
  return l2 === -Infinity ? 1 : logistic(l1 - l2);
}

/** [1 − (1 + t/u)^−(s−1)] / (s − 1), continuous through s = 1 (where it is ln(1 + t/u)). */
function lifetimeFactor(s: number, t: number, u: number): number {
  const L = Math.log1p(t / u);
  const e = s - 1;
  return Math.abs(e) < 1e-12 ? L : -Math.expm1(-e * L) / e;
}

/** E[Y(t) | x, tₓ, T]: expected purchases in (T, T + t]. */
export function paretoExpected(params: ArrayLike<number>, x: number, tx: number, T: number, t: number): number {
  if (t <= 0) return 0;
  const [r, alpha, s, beta] = params as [number, number, number, number];
  return (paretoPAlive(params, x, tx, T) * (r + x) * (beta + T) * lifetimeFactor(s, t, beta + T)) / (alpha + T);
}

/** E[X(t)]: expected purchases in (0, t] for a customer just acquired. */
export function paretoExpectedNew(params: ArrayLike<number>, t: number): number {
  if (t <= 0) return 0;
  const [r, alpha, s, beta] = params as [number, number, number, number];
  return ((r * beta) / alpha) * lifetimeFactor(s, t, beta);
}

// 24-point Gauss–Legendre nodes and weights on [−1, 1], computed once by Newton iteration on P₂₄.
const GL = gaussLegendre(24);

function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
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

/**
 * P(N(t) = n) for a customer just acquired: alive through t with n purchases, or dropping out at τ < t after n
 * purchases, P = NB(n; τ = t)·(β/(β+t))^s + ∫₀ᵗ NB(n; τ)·sβ^s(β+τ)^−(s+1) dτ, with NB the negative binomial count of
 * a Gamma(r, α) Poisson process over τ. The integral is smooth and is taken by 24-point Gauss–Legendre on
 * u = ln(1 + τ/β) pieces.
 */
export function paretoPmf(params: ArrayLike<number>, t: number, n: number): number {
  const [r, alpha, s, beta] = params as [number, number, number, number];
  const logNb = (tau: number) => lnGamma(r + n) - lnGamma(r) - lnGamma(n + 1) + r * Math.log(alpha / (alpha + tau)) + (n > 0 ? n * Math.log(tau / (alpha + tau)) : 0);
  const alive = Math.exp(logNb(t) + s * Math.log(beta / (beta + t)));
  // Substituting u = ln(1 + τ/β): sβ^s(β+τ)^−(s+1) dτ = s e^(−s u) du.
  const U = Math.log1p(t / beta);
  const pieces = 8;
  let integral = 0;
  for (let p = 0; p < pieces; p++) {
    const lo = (U * p) / pieces;
    const half = U / pieces / 2;
    for (let i = 0; i < GL.nodes.length; i++) {
      const u = lo + half * (1 + GL.nodes[i]);
      const tau = beta * Math.expm1(u);
      integral += GL.weights[i] * half * s * Math.exp(-s * u + (tau > 0 || n === 0 ? logNb(tau) : -Infinity));
    }
  }
  return alive + integral;
}

/**
 * Median time from T to the next purchase given the history, or NaN when the chance of any further purchase is ½ or
 * less. For a customer alive at T with rates λ ~ Gamma(r+x, α+T), μ ~ Gamma(s, β+T),
 * P(next purchase within t) = P(alive)·∫₀ᵗ E[λe^−(λ+μ)u] du. With w = 1 − (1 + u/(α+T))^−(r+x) the integrand becomes
 * (1 + κ v(w))^−s, κ = (α+T)/(β+T), v = (1−w)^(−1/(r+x)) − 1, bounded and smooth on [0, 1); it is integrated on a
 * 128-step grid and the ½ crossing interpolated.
 */
export function paretoNextPurchase(params: ArrayLike<number>, x: number, tx: number, T: number): number {
  const pAlive = paretoPAlive(params, x, tx, T);
  if (pAlive <= 0.5) return NaN;
  const [r, alpha, s, beta] = params as [number, number, number, number];
  const rx = r + x;
  const kappa = (alpha + T) / (beta + T);
  const target = 0.5 / pAlive;
  const steps = 128;
  const h = (w: number) => (w >= 1 ? 0 : Math.exp(-s * Math.log1p(kappa * Math.expm1(-Math.log1p(-w) / rx))));
  let cumulative = 0;
  let previous = h(0);
  for (let k = 1; k <= steps; k++) {
    const w = k / steps;
    const current = h(w);
    const area = ((previous + current) / 2) / steps;
    if (cumulative + area >= target) {
      // Within this step the integrand is nearly constant: solve linearly.
      const wStar = (k - 1) / steps + (target - cumulative) / (area * steps);
      return (alpha + T) * Math.expm1(-Math.log1p(-Math.min(wStar, 1 - 1e-15)) / rx);
    }
    cumulative += area;
    previous = current;
  }
  return NaN;
}
