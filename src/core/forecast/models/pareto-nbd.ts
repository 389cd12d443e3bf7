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
import { digamma, gaussLegendre, lnGamma, log1mExp, logistic, paretoSeries, type SeriesWithDerivatives } from './special';

export const PARETO_PARAMS = ['r', 'alpha', 's', 'beta'] as const;

const series: SeriesWithDerivatives = { value: 1, dB: 0, dC: 0, dZ: 0 };

/**
 * ln of one A₀ part at time y ∈ {tₓ, T}, given ln(α+y) and ln(β+y); its gradient with respect to [r, α, s, β] goes
 * into grad[at..at+3] when grad is given.
 */
function logA0Part(r: number, alpha: number, s: number, beta: number, x: number, y: number, logAy: number, logBy: number, grad: Float64Array | null, at: number): number {
  const rx = r + x;
  const c = r + s + x + 1;
  if (alpha >= beta) {
    const z = (alpha - beta) / (alpha + y);
    paretoSeries(rx, c, z, series, grad !== null);
    if (grad) {
      grad[at] = -logAy + series.dB + series.dC;
      grad[at + 1] = -rx / (alpha + y) + (series.dZ * (beta + y)) / ((alpha + y) * (alpha + y));
      grad[at + 2] = -logBy + series.dC;
      grad[at + 3] = -s / (beta + y) - series.dZ / (alpha + y);
    }
    return -rx * logAy - s * logBy + Math.log(series.value);
  }
  const z = (beta - alpha) / (beta + y);
  paretoSeries(s + 1, c, z, series, grad !== null);
  if (grad) {
    grad[at] = -logAy + series.dC;
    grad[at + 1] = (1 - rx) / (alpha + y) - series.dZ / (beta + y);
    grad[at + 2] = -logBy + series.dB + series.dC;
    grad[at + 3] = -(s + 1) / (beta + y) + (series.dZ * (alpha + y)) / ((beta + y) * (beta + y));
  }
  return (1 - rx) * logAy - (s + 1) * logBy + Math.log(series.value);
}

/**
 * The two log-terms of a customer's likelihood bracket: l1 for "alive throughout", l2 for "dropped out between tₓ
 * and T" (−∞ when tₓ = T). For single customers (predictions); the likelihood uses the tabulated form below.
 */
function bracketTerms(params: ArrayLike<number>, x: number, tx: number, T: number): [number, number] {
  const r = params[0], alpha = params[1], s = params[2], beta = params[3];
  const rx = r + x;
  const l1 = -rx * Math.log(alpha + T) - s * Math.log(beta + T);
  if (!(T > tx)) return [l1, -Infinity];
  const partTx = logA0Part(r, alpha, s, beta, x, tx, Math.log(alpha + tx), Math.log(beta + tx), null, 0);
  const partT = logA0Part(r, alpha, s, beta, x, T, Math.log(alpha + T), Math.log(beta + T), null, 0);
  const logA0 = partTx + log1mExp(Math.min(partT - partTx, 0));
  return [l1, Math.log(s) - Math.log(r + s + x) + logA0];
}

/**
 * Weighted log-likelihood; fills the gradient with respect to [r, α, s, β] when `grad` is given. The A₀ parts are
 * evaluated once per distinct (x, time) pair, the logarithms once per distinct time.
 */
export function paretoLogLikelihood(params: Float64Array, data: CompressedRfm, grad: Float64Array | null): number {
  const [r, alpha, s, beta] = params;
  const nx = data.xValues.length;
  const constX = new Float64Array(nx);
  const dR = new Float64Array(nx);
  const logRsx = new Float64Array(nx);
  const lgR = lnGamma(r);
  const psiR = grad ? digamma(r) : 0;
  for (let j = 0; j < nx; j++) {
    constX[j] = lnGamma(r + data.xValues[j]) - lgR;
    logRsx[j] = Math.log(r + s + data.xValues[j]);
    if (grad) dR[j] = digamma(r + data.xValues[j]) - psiR;
  }
  const nt = data.times.length;
  const logAt = new Float64Array(nt);
  const logBt = new Float64Array(nt);
  for (let k = 0; k < nt; k++) {
    logAt[k] = Math.log(alpha + data.times[k]);
    logBt[k] = Math.log(beta + data.times[k]);
  }
  const np = data.pairX.length;
  const part = new Float64Array(np);
  const partGrad = grad ? new Float64Array(4 * np) : null;
  for (let q = 0; q < np; q++) {
    const k = data.pairTime[q];
    part[q] = logA0Part(r, alpha, s, beta, data.xValues[data.pairX[q]], data.times[k], logAt[k], logBt[k], partGrad, 4 * q);
  }
  const logAlpha = Math.log(alpha);
  const logBeta = Math.log(beta);
  const logS = Math.log(s);
  let total = 0;
  let gr = 0, galpha = 0, gs = 0, gbeta = 0;
  const { x: xs, weight, xIndex, TTime, txPair, TPair, tx: txs, T: Ts } = data;
  for (let i = 0; i < xs.length; i++) {
    const w = weight[i];
    const j = xIndex[i];
    const rx = r + xs[i];
    const kT = TTime[i];
    const l1 = -rx * logAt[kT] - s * logBt[kT];
    let ll = l1;
    let w2 = 0;
    let rho = 0, inv = 0, qTx = 0, qT = 0;
    const rsx = rx + s;
    if (Ts[i] > txs[i]) {
      qTx = txPair[i];
      qT = TPair[i];
      // ln(P_tx − P_T) = ln P_tx + ln(1 − ρ), ρ = P_T/P_tx ≤ 1.
      const oneMinusRho = -Math.expm1(Math.min(part[qT] - part[qTx], 0));
      const l2 = logS - logRsx[j] + part[qTx] + Math.log(oneMinusRho);
      const d = l2 - l1;
      const e = Math.exp(-Math.abs(d));
      ll = (d > 0 ? l2 : l1) + Math.log1p(e);
      w2 = d > 0 ? 1 / (1 + e) : e / (1 + e);
      rho = 1 - oneMinusRho;
      inv = 1 / oneMinusRho;
    }
    total += w * (constX[j] + r * logAlpha + s * logBeta + ll);
    if (grad) {
      const w1 = 1 - w2;
      const at = kT;
      // ∂ ln(P_tx − P_T) = (∂ln P_tx − ρ ∂ln P_T)/(1 − ρ), ρ = P_T/P_tx.
      let g0 = 0, g1 = 0, g2 = 0, g3 = 0;
      if (w2) {
        const a = 4 * qTx, b = 4 * qT;
        const pg = partGrad!;
        g0 = (pg[a] - rho * pg[b]) * inv - 1 / rsx;
        g1 = (pg[a + 1] - rho * pg[b + 1]) * inv;
        g2 = (pg[a + 2] - rho * pg[b + 2]) * inv + 1 / s - 1 / rsx;
        g3 = (pg[a + 3] - rho * pg[b + 3]) * inv;
      }
      gr += w * (dR[j] + logAlpha - w1 * logAt[at] + w2 * g0);
      galpha += w * (r / alpha - (w1 * rx) / (alpha + data.times[at]) + w2 * g1);
      gs += w * (logBeta - w1 * logBt[at] + w2 * g2);
      gbeta += w * (s / beta - (w1 * s) / (beta + data.times[at]) + w2 * g3);
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
  const [l1, l2] = bracketTerms(params, x, tx, T);
  return l2 === -Infinity ? 1 : logistic(l1 - l2);
}

/** [1 − (1 + t/u)^−(s−1)] / (s − 1), continuous through s = 1 (where it is ln(1 + t/u)). */
function lifetimeFactor(s: number, t: number, u: number): number {
  const L = Math.log1p(t / u);
  const e = s - 1;
  return Math.abs(e) < 1e-12 ? L : -Math.expm1(-e * L) / e;
}

/** E[Y(t) | alive at T, x, T]: expected purchases in (T, T + t] of a customer known to be alive (closed form). */
export function paretoExpectedIfAlive(params: ArrayLike<number>, x: number, T: number, t: number): number {
  if (t <= 0) return 0;
  const r = params[0], alpha = params[1], s = params[2], beta = params[3];
  return ((r + x) * (beta + T) * lifetimeFactor(s, t, beta + T)) / (alpha + T);
}

/** E[Y(t) | x, tₓ, T] = P(alive) · E[Y(t) | alive]: expected purchases in (T, T + t]. */
export function paretoExpected(params: ArrayLike<number>, x: number, tx: number, T: number, t: number): number {
  if (t <= 0) return 0;
  return paretoPAlive(params, x, tx, T) * paretoExpectedIfAlive(params, x, T, t);
}

/** E[X(t)]: expected purchases in (0, t] for a customer just acquired. */
export function paretoExpectedNew(params: ArrayLike<number>, t: number): number {
  if (t <= 0) return 0;
  const r = params[0], alpha = params[1], s = params[2], beta = params[3];
  return ((r * beta) / alpha) * lifetimeFactor(s, t, beta);
}

// 24-point Gauss–Legendre nodes and weights on [−1, 1].
const GL = gaussLegendre(24);

/**
 * P(N(t) = n) for a customer just acquired: alive through t with n purchases, or dropping out at τ < t after n
 * purchases, P = NB(n; τ = t)·(β/(β+t))^s + ∫₀ᵗ NB(n; τ)·sβ^s(β+τ)^−(s+1) dτ, with NB the negative binomial count of
 * a Gamma(r, α) Poisson process over τ. The integral is smooth and is taken by 24-point Gauss–Legendre on
 * u = ln(1 + τ/β) pieces.
 */
export function paretoPmf(params: ArrayLike<number>, t: number, n: number): number {
  const r = params[0], alpha = params[1], s = params[2], beta = params[3];
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
  const r = params[0], alpha = params[1], s = params[2], beta = params[3];
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
