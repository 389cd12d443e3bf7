/**
 * BG/BB (Fader, Hardie & Shang 2010, "Customer-base analysis in a discrete-time noncontractual setting"): at each of
 * n discrete opportunities (a yearly donation drive, a weekly market) a customer who is still alive transacts with
 * probability p ~ Beta(α, β), and dies before each opportunity with probability θ ~ Beta(γ, δ). A customer is
 * summarised by x transactions, the opportunity tₓ of the last one (0 when none) and the n opportunities seen.
 * Parameters are [α, β, γ, δ]; none is a time scale, so the fit needs no rescaling.
 */
import { notice } from '../../notice';
import { fitMaximumLikelihood, type MleResult } from './mle';
import { digamma, hyp2f1, lnBeta, lnGamma, logAddExp } from './special';

export const BGBB_PARAMS = ['alpha', 'beta', 'gamma', 'delta'] as const;

/** Distinct (x, tₓ, n) patterns with the number of customers who share each. */
export interface OpportunityPatterns {
  x: Float64Array;
  tx: Float64Array;
  n: Float64Array;
  weight: Float64Array;
}

/** Checks and packs patterns; throws with a plain reason on a pattern the model cannot describe. */
export function opportunityPatterns(x: ArrayLike<number>, tx: ArrayLike<number>, n: ArrayLike<number>, weight?: ArrayLike<number>): OpportunityPatterns {
  const count = x.length;
  if (tx.length !== count || n.length !== count || (weight && weight.length !== count)) throw new Error('Transactions, last opportunity, opportunities and weights must have one value per pattern.');
  for (let i = 0; i < count; i++) {
    const ok = [x[i], tx[i], n[i]].every(Number.isInteger) && x[i] >= 0 && x[i] <= tx[i] && tx[i] <= n[i] && (x[i] > 0 || tx[i] === 0);
    if (!ok) throw new Error(`Pattern ${i + 1} (x=${x[i]}, tx=${tx[i]}, n=${n[i]}) is impossible: need whole numbers with x ≤ tx ≤ n, and tx = 0 exactly when x = 0.`);
    if (weight && !(weight[i] >= 0)) throw new Error(`Pattern ${i + 1} has a negative or missing weight.`);
  }
  return { x: Float64Array.from(x), tx: Float64Array.from(tx), n: Float64Array.from(n), weight: weight ? Float64Array.from(weight) : new Float64Array(count).fill(1) };
}

/**
 * ln L(α, β, γ, δ | x, tₓ, n): alive through all n opportunities, or died after opportunity tₓ + i for some
 * i < n − tₓ. Its terms are summed as a log-sum-exp. When `grad` is given it receives ∂ℓ/∂[α, β, γ, δ], the
 * softmax-weighted mean of each term's digamma derivatives.
 */
export function bgbbPatternLogLikelihood(params: ArrayLike<number>, x: number, tx: number, n: number, grad: Float64Array | null = null): number {
  const [a, b, g, d] = params as [number, number, number, number];
  const base = -lnBeta(a, b) - lnBeta(g, d);
  const aliveTerm = base + lnBeta(a + x, b + n - x) + lnBeta(g, d + n);
  // Died just after opportunity tₓ + i: no transactions after tₓ, alive until then.
  const deadTerms = new Float64Array(n - tx);
  let total = aliveTerm;
  for (let i = 0; i < n - tx; i++) {
    deadTerms[i] = base + lnBeta(a + x, b + tx - x + i) + lnBeta(g + 1, d + tx + i);
    total = logAddExp(total, deadTerms[i]);
  }
  if (grad) {
    // Digammas shared by every term (their shares sum to 1), then each term's own, weighted by its share.
    const psiAB = digamma(a + b);
    const psiGD = digamma(g + d);
    const wAlive = Math.exp(aliveTerm - total);
    const psiABn = digamma(a + b + n);
    const psiGDn = digamma(g + d + n);
    grad[0] = digamma(a + x) - digamma(a) + psiAB - wAlive * psiABn;
    grad[1] = psiAB - digamma(b) + wAlive * (digamma(b + n - x) - psiABn);
    grad[2] = psiGD - wAlive * psiGDn;
    grad[3] = psiGD - digamma(d) + wAlive * (digamma(d + n) - psiGDn);
    for (let i = 0; i < n - tx; i++) {
      const w = Math.exp(deadTerms[i] - total);
      const s = tx + i;
      const psiABs = digamma(a + b + s);
      const psiGDs = digamma(g + d + 1 + s);
      grad[0] -= w * psiABs;
      grad[1] += w * (digamma(b + s - x) - psiABs);
      grad[2] += w * (1 / g - psiGDs); // ψ(γ+1) − ψ(γ) = 1/γ
      grad[3] += w * (digamma(d + s) - psiGDs);
    }
  }
  return total;
}

/** Weighted log-likelihood over patterns; fills the gradient when given. */
export function bgbbLogLikelihood(params: Float64Array, data: OpportunityPatterns, grad: Float64Array | null): number {
  const one = grad ? new Float64Array(4) : null;
  if (grad) grad.fill(0);
  let total = 0;
  for (let i = 0; i < data.x.length; i++) {
    const w = data.weight[i];
    if (w === 0) continue;
    total += w * bgbbPatternLogLikelihood(params, data.x[i], data.tx[i], data.n[i], one);
    if (grad && one) for (let k = 0; k < 4; k++) grad[k] += w * one[k];
  }
  return total;
}

export interface OpportunityFit extends MleResult {
  names: readonly string[];
  customers: number;
  patterns: number;
}

const STARTS = [
  [0.1, 0.1, 0.1, 0.1],
  [0, 0, -1, 1],
  [1, 1, 0, 2],
];

/** Maximum-likelihood fit of [α, β, γ, δ]. */
export function fitBetaGeoBetaBinomial(data: OpportunityPatterns): OpportunityFit {
  let customers = 0;
  for (let i = 0; i < data.weight.length; i++) customers += data.weight[i];
  const meta = { names: BGBB_PARAMS, customers, patterns: data.x.length };
  if (customers === 0) {
    return { ...meta, params: new Float64Array(4).fill(NaN), logLikelihood: -Infinity, logCovariance: null, standardErrors: null, converged: false, identified: false, iterations: 0, runaway: [], ridge: [], message: notice('no-customers', 'There are no customers to fit.') };
  }
  const result = fitMaximumLikelihood({ names: BGBB_PARAMS, logLikelihood: bgbbLogLikelihood, data, scaledData: data, timeScale: 1, timeScaled: [false, false, false, false], totalWeight: customers, starts: STARTS });
  return { ...result, ...meta };
}

/** ln P(alive at opportunity n+1, p, θ) up to the data's likelihood: the "alive" term with survival to n + m. */
function logAliveJoint(params: ArrayLike<number>, x: number, n: number, aheadSurvival: number, extraP: number): number {
  const [a, b, g, d] = params as [number, number, number, number];
  return lnBeta(a + x + extraP, b + n - x) - lnBeta(a, b) + lnBeta(g, d + n + aheadSurvival) - lnBeta(g, d);
}

/** P(still alive at opportunity n + m | x, tₓ, n); m = 1 is the next opportunity (lifetimes' m_periods_in_future). */
export function bgbbProbabilityAlive(params: ArrayLike<number>, x: number, tx: number, n: number, m = 1): number {
  return Math.min(1, Math.exp(logAliveJoint(params, x, n, m, 0) - bgbbPatternLogLikelihood(params, x, tx, n)));
}

/** Σ_{t=from..to} B(γ, δ+t)/B(γ, δ), the expected number of opportunities alive among from..to, by the ratio recurrence. */
function survivalSum(g: number, d: number, from: number, to: number): number {
  let term = Math.exp(lnBeta(g, d + from) - lnBeta(g, d));
  let sum = 0;
  for (let t = from; t <= to; t++) {
    sum += term;
    term *= (d + t) / (g + d + t);
  }
  return sum;
}

/** E[X(n)]: expected transactions of a new customer in the first n opportunities. */
export function bgbbExpectedTransactions(params: ArrayLike<number>, n: number): number {
  const [a, b, g, d] = params as [number, number, number, number];
  return (a / (a + b)) * survivalSum(g, d, 1, n);
}

/** E[X(n, n+m) | x, tₓ, n]: expected transactions in the next m opportunities. */
export function bgbbConditionalExpectedTransactions(params: ArrayLike<number>, x: number, tx: number, n: number, m: number): number {
  const [, , g, d] = params as [number, number, number, number];
  if (m <= 0) return 0;
  // P(alive at n) · E[p | ·] · expected opportunities survived after n, all relative to the likelihood.
  const logWeight = logAliveJoint(params, x, n, 0, 1) - bgbbPatternLogLikelihood(params, x, tx, n);
  const ahead = survivalSum(g, d + n, 1, m);
  return Math.exp(logWeight) * ahead;
}

/** P(X(n) = x) for a new customer: x transactions in the first n opportunities. */
export function bgbbProbabilityOfTransactions(params: ArrayLike<number>, x: number, n: number): number {
  const [a, b, g, d] = params as [number, number, number, number];
  if (!(x >= 0 && x <= n && Number.isInteger(x))) return 0;
  const lnChoose = (k: number, j: number) => lnGamma(k + 1) - lnGamma(j + 1) - lnGamma(k - j + 1);
  const base = -lnBeta(a, b) - lnBeta(g, d);
  let total = base + lnChoose(n, x) + lnBeta(a + x, b + n - x) + lnBeta(g, d + n);
  // Died after opportunity i (i = x..n−1), having made x transactions in the first i.
  for (let i = x; i < n; i++) total = logAddExp(total, base + lnChoose(i, x) + lnBeta(a + x, b + i - x) + lnBeta(g + 1, d + i));
  return Math.exp(total);
}

/**
 * DERT(d | x, tₓ, n): discounted expected residual transactions from opportunity n+1 on, each opportunity
 * n + k discounted by (1 + d)^k (FHS 2010, eq. 14).
 */
export function bgbbDiscountedResidualTransactions(params: ArrayLike<number>, x: number, tx: number, n: number, d: number): number {
  const [, , g, dl] = params as [number, number, number, number];
  if (!(d > 0)) return Infinity;
  const logWeight = logAliveJoint(params, x, n, 1, 1) - bgbbPatternLogLikelihood(params, x, tx, n);
  return (Math.exp(logWeight) / (1 + d)) * hyp2f1(1, dl + n + 1, g + dl + n + 1, 1 / (1 + d));
}
