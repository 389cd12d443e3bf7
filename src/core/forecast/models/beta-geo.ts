/**
 * BG/NBD (Fader, Hardie & Lee 2005) and its modification MBG/NBD (Batislam et al. 2007), which also lets a customer
 * drop out before their first repeat purchase. The two differ only in where b appears, so one module serves both:
 * `bb` is b for BG/NBD and b + 1 for MBG/NBD, and MBG keeps the drop-out term for one-time buyers.
 * Parameters are [r, α, a, b]; time is in the data's unit (α scales with it).
 */
import type { CompressedRfm } from './compress';
import { RUN_END, RunTotals } from './run-totals';
import { digamma, Hyp2f1Terms, hyp2f1Scaled, lnBeta, lnGamma, logistic } from './special';

export type BetaGeoVariant = 'bgnbd' | 'mbgnbd';
export const BETA_GEO_PARAMS = ['r', 'alpha', 'a', 'b'] as const;

const shifted = (variant: BetaGeoVariant, b: number) => (variant === 'mbgnbd' ? b + 1 : b);
const hasDropTerm = (variant: BetaGeoVariant, x: number) => variant === 'mbgnbd' || x > 0;

/** Weighted log-likelihood; fills the gradient with respect to [r, α, a, b] when `grad` is given. */
export function betaGeoLogLikelihood(variant: BetaGeoVariant, params: Float64Array, data: CompressedRfm, grad: Float64Array | null): number {
  const [r, alpha, a, b] = params;
  const bb = shifted(variant, b);
  const nx = data.xValues.length;
  // Terms that depend on x alone, once per distinct x.
  const constX = new Float64Array(nx);
  const dR = new Float64Array(nx);
  const dA = new Float64Array(nx);
  const dB = new Float64Array(nx);
  const base = lnGamma(a + b) - lnGamma(r) - lnGamma(b);
  const psiR = grad ? digamma(r) : 0;
  const psiAB = grad ? digamma(a + b) : 0;
  const psiB = grad ? digamma(b) : 0;
  for (let j = 0; j < nx; j++) {
    const x = data.xValues[j];
    constX[j] = base + lnGamma(r + x) + lnGamma(bb + x) - lnGamma(a + bb + x);
    if (grad) {
      const psiABX = digamma(a + bb + x);
      dR[j] = digamma(r + x) - psiR;
      dA[j] = psiAB - psiABX;
      dB[j] = psiAB + digamma(bb + x) - psiB - psiABX;
    }
  }
  // ln(α + t) and 1/(α + t) once per distinct time; ln(bb + x − 1) once per distinct x.
  const nt = data.times.length;
  const logAt = new Float64Array(nt);
  const invAt = new Float64Array(nt);
  for (let k = 0; k < nt; k++) {
    logAt[k] = Math.log(alpha + data.times[k]);
    invAt[k] = 1 / (alpha + data.times[k]);
  }
  const logBx = new Float64Array(nx);
  const invBx = new Float64Array(nx);
  for (let j = 0; j < nx; j++) {
    const shiftedX = bb + data.xValues[j] - 1;
    logBx[j] = shiftedX > 0 ? Math.log(shiftedX) : NaN;
    invBx[j] = 1 / shiftedX;
  }
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  const dropAll = variant === 'mbgnbd';
  // Plain sums within runs of rows, compensated across them (run-totals.ts).
  const totals = new RunTotals(5);
  let total = 0;
  let gr = 0, galpha = 0, ga = 0, gb = 0;
  const { x: xs, weight, xIndex, txTime, TTime } = data;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const w = weight[i];
    const j = xIndex[i];
    const rx = r + x;
    const kT = TTime[i];
    const l1 = -rx * logAt[kT];
    // The bracket 1 + δ·a/(bb+x−1)·((α+T)/(α+tₓ))^(r+x), as a max-shifted log-sum-exp; w2 is its second share.
    let ll = l1;
    let w2 = 0;
    let kTx = 0;
    if (dropAll || x > 0) {
      kTx = txTime[i];
      const l2 = logA - logBx[j] - rx * logAt[kTx];
      const d = l2 - l1;
      const e = Math.exp(-Math.abs(d));
      ll = (d > 0 ? l2 : l1) + Math.log1p(e);
      w2 = d > 0 ? 1 / (1 + e) : e / (1 + e);
    }
    total += w * (constX[j] + r * logAlpha + ll);
    if (grad) {
      const w1 = 1 - w2;
      gr += w * (dR[j] + logAlpha - w1 * logAt[kT] - w2 * logAt[kTx]);
      galpha += w * (r / alpha - rx * (w1 * invAt[kT] + w2 * invAt[kTx]));
      ga += w * (dA[j] + w2 / a);
      gb += w * (dB[j] - (w2 ? w2 * invBx[j] : 0));
    }
    if ((i & RUN_END) === RUN_END || i === xs.length - 1) {
      totals.add(0, total);
      totals.add(1, gr);
      totals.add(2, galpha);
      totals.add(3, ga);
      totals.add(4, gb);
      total = gr = galpha = ga = gb = 0;
    }
  }
  if (grad) {
    grad[0] = totals.value(1);
    grad[1] = totals.value(2);
    grad[2] = totals.value(3);
    grad[3] = totals.value(4);
  }
  return totals.value(0);
}

/** P(alive at T | x, tₓ, T). A BG/NBD customer with no repeat purchase cannot have dropped out, so it is 1. */
export function betaGeoPAlive(variant: BetaGeoVariant, params: ArrayLike<number>, x: number, tx: number, T: number): number {
  if (!hasDropTerm(variant, x)) return 1;
  const r = params[0], alpha = params[1], a = params[2], b = params[3];
  const logOdds = Math.log(a) - Math.log(shifted(variant, b) + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return logistic(-logOdds);
}

/**
 * E[Y(t) | alive at T, x, T]: expected purchases in (T, T + t] of a customer known to be alive; it does not depend
 * on tₓ. The hypergeometric factor is evaluated as (1−z)^(r+x)·₂F₁(r+x, bb+x; a+bb+x−1; z), z = t/(α+T+t), through
 * Euler's transformation, which holds for a < 1 too.
 */
export function betaGeoExpectedIfAlive(variant: BetaGeoVariant, params: ArrayLike<number>, x: number, T: number, t: number): number {
  if (t <= 0) return 0;
  const r = params[0], alpha = params[1], a = params[2], b = params[3];
  const bb = shifted(variant, b);
  const z = t / (alpha + T + t);
  const c = a + bb + x - 1;
  return (c / (a - 1)) * (1 - hyp2f1Scaled(r + x, r + x, bb + x, c, z));
}

/**
 * betaGeoExpectedIfAlive for one parameter set, as curves in (T, t) per frequency x: for predicting many customers
 * over many months. The series' coefficients depend on the parameters and x only, so each curve tabulates them
 * once (Hyp2f1Terms). Where Euler's transformation is taken (c − a − b < 0, nearly always), the power in front is
 * (1 − z)^(a−1) for every x: the curves of one parameter set share it, computed once for consecutive calls at the
 * same (T, t), as when the x of one T are evaluated in a row. The values agree with betaGeoExpectedIfAlive to
 * round-off, whatever the order of calls.
 */
export function betaGeoAliveCurves(variant: BetaGeoVariant, params: ArrayLike<number>): (x: number) => (T: number, t: number) => number {
  const r = params[0], alpha = params[1], a = params[2], b = params[3];
  const bb = shifted(variant, b);
  let lastT = NaN, lastTime = NaN, lastZ = 0, lastPower = 0;
  return (x) => {
    const c = a + bb + x - 1;
    const lead = c / (a - 1);
    // hyp2f1Scaled(r + x, r + x, bb + x, c, z), with its choice of series.
    const sa = r + x, sb = bb + x;
    if (c - sa - sb >= 0) {
      const series = new Hyp2f1Terms(sa, sb, c);
      return (T, t) => {
        if (t <= 0) return 0;
        const z = t / (alpha + T + t);
        return lead * (1 - Math.exp(sa * Math.log1p(-z)) * series.sum(z));
      };
    }
    const series = new Hyp2f1Terms(c - sa, c - sb, c);
    return (T, t) => {
      if (t <= 0) return 0;
      if (T !== lastT || t !== lastTime) {
        lastT = T;
        lastTime = t;
        lastZ = t / (alpha + T + t);
        lastPower = Math.exp((a - 1) * Math.log1p(-lastZ));
      }
      return lead * (1 - lastPower * series.sum(lastZ));
    };
  };
}

/** E[Y(t) | x, tₓ, T] = P(alive) · E[Y(t) | alive]: the expected number of purchases in (T, T + t]. */
export function betaGeoExpected(variant: BetaGeoVariant, params: ArrayLike<number>, x: number, tx: number, T: number, t: number): number {
  if (t <= 0) return 0;
  return betaGeoExpectedIfAlive(variant, params, x, T, t) * betaGeoPAlive(variant, params, x, tx, T);
}

/** E[X(t)]: expected purchases in (0, t] for a customer just acquired. */
export function betaGeoExpectedNew(variant: BetaGeoVariant, params: ArrayLike<number>, t: number): number {
  const r = params[0], alpha = params[1], a = params[2], b = params[3];
  if (t <= 0) return 0;
  const bb = shifted(variant, b);
  const z = t / (alpha + t);
  const c = a + bb - 1;
  const bracket = 1 - hyp2f1Scaled(r, r, bb, c, z);
  // At x = 0 and T = 0 the conditional formula divides by 1 + a/(bb − 1) for MBG: the chance of dropping out at once.
  const stay = variant === 'mbgnbd' ? (bb - 1) / (a + bb - 1) : 1;
  return (c / (a - 1)) * bracket * stay;
}

/** P(N(t) = n) for a customer just acquired (FHL 2005, eq. 8; for MBG the drop-out term also applies at n = 0). */
export function betaGeoPmf(variant: BetaGeoVariant, params: ArrayLike<number>, t: number, n: number): number {
  const r = params[0], alpha = params[1], a = params[2], b = params[3];
  const bb = shifted(variant, b);
  const logBab = lnBeta(a, b);
  const logP = Math.log(alpha / (alpha + t));
  const logQ = t > 0 ? Math.log(t / (alpha + t)) : -Infinity;
  const logNb = (j: number) => lnGamma(r + j) - lnGamma(r) - lnGamma(j + 1) + r * logP + (j > 0 ? j * logQ : 0);
  let result = Math.exp(lnBeta(a, bb + n) - logBab + logNb(n));
  if (n > 0 || variant === 'mbgnbd') {
    let below = 0;
    for (let j = 0; j < n; j++) below += Math.exp(logNb(j));
    result += Math.exp(lnBeta(a + 1, bb + n - 1) - logBab) * Math.max(0, 1 - below);
  }
  return result;
}

/**
 * Median time from T to the customer's next purchase, given their history, or NaN when it is more likely than
 * not that no purchase ever comes (P(alive) ≤ ½). An active customer cannot drop out before purchasing again in
 * these models, and their purchase rate is Gamma(r+x, α+T) distributed, so
 * P(next purchase within t) = P(alive) · [1 − ((α+T)/(α+T+t))^(r+x)], which is solved for ½.
 */
export function betaGeoNextPurchase(variant: BetaGeoVariant, params: ArrayLike<number>, x: number, tx: number, T: number): number {
  const pAlive = betaGeoPAlive(variant, params, x, tx, T);
  if (pAlive <= 0.5) return NaN;
  const r = params[0], alpha = params[1];
  return (alpha + T) * Math.expm1(-Math.log1p(-0.5 / pAlive) / (r + x));
}
