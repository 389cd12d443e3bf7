/**
 * Shifted-beta-geometric (sBG) model of contract renewals (Fader & Hardie 2007, "How to project customer
 * retention"): each subscriber cancels at the end of any period with a fixed probability θ, and θ ~ Beta(α, β)
 * across subscribers. T, the number of periods a subscriber stays (and pays for), has P(T = t) = B(α+1, β+t−1)/B(α,β)
 * and survival S(t) = P(T > t) = B(α, β+t)/B(α,β). Heterogeneity makes the retention rate rise with tenure.
 * Parameters are [α, β]; neither is a time scale.
 */
import { notice } from '../../notice';
import { fitMaximumLikelihood, type MleResult } from './mle';
import { digamma, hyp2f1, lnBeta } from './special';

export const SBG_PARAMS = ['alpha', 'beta'] as const;

/** Customers of one cohort still active at the start of periods 0, 1, …, k (active[0] is the cohort's size). */
export interface SurvivalSeries {
  active: Float64Array;
}

/** Checks a survival series; throws with a plain reason when it cannot be a cohort's head count. */
export function survivalSeries(active: ArrayLike<number>): SurvivalSeries {
  if (active.length < 2) throw new Error('A retention curve needs the cohort size and at least one later period.');
  if (!(active[0] > 0)) throw new Error('The cohort must start with some customers.');
  for (let t = 1; t < active.length; t++) {
    if (!(active[t] >= 0) || active[t] > active[t - 1]) throw new Error(`Period ${t} has ${active[t]} active customers after ${active[t - 1]}: the number still active can only stay or fall.`);
  }
  return { active: Float64Array.from(active) };
}

/**
 * Customers pooled from any number of cohorts: churned[t] paid for exactly t periods and left (index 0 unused);
 * censored[k] were still active after k renewals when observation ended.
 */
export interface PooledSurvival {
  churned: Float64Array;
  censored: Float64Array;
}

/** One cohort's series as pooled counts: the leavers of each period, and the survivors after the last. */
export function seriesAsPooled(data: SurvivalSeries): PooledSurvival {
  const { active } = data;
  const k = active.length - 1;
  const churned = new Float64Array(k + 1);
  const censored = new Float64Array(k + 1);
  for (let t = 1; t <= k; t++) churned[t] = active[t - 1] - active[t];
  censored[k] = active[k];
  return { churned, censored };
}

/**
 * Weighted log-likelihood: those who left in period t contribute ln P(T = t), those still active after k renewals
 * ln S(k). Fills ∂ℓ/∂[α, β] when `grad` is given.
 */
export function pooledRetentionLogLikelihood(params: Float64Array, data: PooledSurvival, grad: Float64Array | null): number {
  const [a, b] = params;
  const lnB = lnBeta(a, b);
  const psiAB = grad ? digamma(a + b) : 0;
  const psiB = grad ? digamma(b) : 0;
  let total = 0, ga = 0, gb = 0;
  for (let t = 1; t < data.churned.length; t++) {
    const n = data.churned[t];
    if (!n) continue;
    total += n * (lnBeta(a + 1, b + t - 1) - lnB);
    if (grad) {
      const psiABt = digamma(a + b + t);
      ga += n * (1 / a + psiAB - psiABt); // ψ(α+1) − ψ(α) = 1/α
      gb += n * (digamma(b + t - 1) - psiB + psiAB - psiABt);
    }
  }
  for (let k = 1; k < data.censored.length; k++) {
    const n = data.censored[k];
    if (!n) continue; // S(0) = 1 adds nothing
    total += n * (lnBeta(a, b + k) - lnB);
    if (grad) {
      const psiABk = digamma(a + b + k);
      ga += n * (psiAB - psiABk);
      gb += n * (digamma(b + k) - psiB + psiAB - psiABk);
    }
  }
  if (grad) {
    grad[0] = ga;
    grad[1] = gb;
  }
  return total;
}

/** The one-cohort likelihood: the pooled one on the series' counts. */
export function sbgLogLikelihood(params: Float64Array, data: SurvivalSeries, grad: Float64Array | null): number {
  return pooledRetentionLogLikelihood(params, seriesAsPooled(data), grad);
}

export interface RetentionFit extends MleResult {
  names: readonly string[];
  customers: number;
  periods: number;
}

const STARTS = [
  [0, 0],
  [-1, 1],
  [1, 2],
];

/** Maximum-likelihood fit of [α, β] to one cohort's survival series. */
export function fitShiftedBetaGeometric(data: SurvivalSeries): RetentionFit {
  const customers = data.active[0];
  const periods = data.active.length - 1;
  const result = fitMaximumLikelihood({ names: SBG_PARAMS, logLikelihood: sbgLogLikelihood, data, scaledData: data, timeScale: 1, timeScaled: [false, false], totalWeight: customers, starts: STARTS });
  if (data.active[periods] === customers && result.identified) {
    result.identified = false;
    result.message = notice('no-cancellations-cohort', 'Nobody in this cohort has cancelled yet, so the churn rate cannot be estimated.');
  }
  return { ...result, names: SBG_PARAMS, customers, periods };
}

/** P(T = t): the probability that a new subscriber cancels at the end of period t (t = 1, 2, …). */
export function sbgChurnProbability(params: ArrayLike<number>, t: number): number {
  const [a, b] = params as [number, number];
  return t >= 1 ? Math.exp(lnBeta(a + 1, b + t - 1) - lnBeta(a, b)) : 0;
}

/** S(t) = P(T > t): the share of a new cohort still active at the start of period t (S(0) = 1). */
export function sbgSurvival(params: ArrayLike<number>, t: number): number {
  const [a, b] = params as [number, number];
  return t <= 0 ? 1 : Math.exp(lnBeta(a, b + t) - lnBeta(a, b));
}

/** r_t = S(t)/S(t−1) = (β + t − 1)/(α + β + t − 1): the share of period t−1's actives who renew into period t. */
export function sbgRetentionRate(params: ArrayLike<number>, t: number): number {
  const [a, b] = params as [number, number];
  return (b + t - 1) / (a + b + t - 1);
}

/** Expected customers still active at the start of periods 0..periods, for a cohort of `initial`. */
export function sbgProjectSurvivors(params: ArrayLike<number>, initial: number, periods: number): Float64Array {
  const out = new Float64Array(periods + 1);
  out[0] = initial;
  for (let t = 1; t <= periods; t++) out[t] = out[t - 1] * sbgRetentionRate(params, t);
  return out;
}

/**
 * E[T] = Σ_{t≥0} S(t) = (α + β − 1)/(α − 1) periods (Gauss's ₂F₁ at 1). S(t) falls like t^−α, so for α ≤ 1 the
 * sum diverges: the mean is Infinity even though most subscribers leave; use DEL or a horizon sum there.
 */
export function sbgExpectedLifetime(params: ArrayLike<number>): number {
  const [a, b] = params as [number, number];
  return a > 1 ? (a + b - 1) / (a - 1) : Infinity;
}

/** Σ_{t=0}^{horizon−1} S(t): expected periods paid for within the first `horizon` periods. */
export function sbgExpectedLifetimeWithin(params: ArrayLike<number>, horizon: number): number {
  let sum = 0;
  let s = 1;
  for (let t = 0; t < horizon; t++) {
    sum += s;
    s *= sbgRetentionRate(params, t + 1);
  }
  return sum;
}

/**
 * DEL(d) = Σ_{t≥0} S(t)/(1+d)^t = ₂F₁(1, β; α+β; 1/(1+d)) (Fader & Hardie 2010): a new subscriber's expected
 * discounted number of payments, the first at once. d is the discount rate per period; d = 0 gives E[T].
 */
export function sbgDiscountedExpectedLifetime(params: ArrayLike<number>, d: number): number {
  const [a, b] = params as [number, number];
  if (!(d > 0)) return sbgExpectedLifetime(params);
  return hyp2f1(1, b, a + b, 1 / (1 + d));
}

/**
 * DERL(d | n − 1 renewals) = (β+n−1)/(α+β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d)) (Fader & Hardie 2010): the expected
 * discounted payments still to come from a subscriber active in period n, just before her next renewal, whose
 * payment counts undiscounted. d = 0 gives (β+n−1)/(α−1), infinite when α ≤ 1.
 */
export function sbgDiscountedExpectedResidualLifetime(params: ArrayLike<number>, d: number, renewals: number): number {
  const [a, b] = params as [number, number];
  const n = renewals + 1;
  if (!(d > 0)) return a > 1 ? (b + n - 1) / (a - 1) : Infinity;
  return ((b + n - 1) / (a + b + n - 1)) * hyp2f1(1, b + n, a + b + n, 1 / (1 + d));
}
