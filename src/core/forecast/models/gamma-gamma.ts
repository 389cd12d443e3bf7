/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"): each customer's purchase values are Gamma(p, ν)
 * with ν ~ Gamma(q, v) across customers. Fitted on customers with repeat purchases and a positive mean repeat
 * value; parameters are [p, q, v] (v in money).
 */
import { notice } from '../../notice';
import { fitMaximumLikelihood, type MleResult } from './mle';
import { digamma, lnGamma } from './special';

export const GAMMA_GAMMA_PARAMS = ['p', 'q', 'v'] as const;

/** Repeat-purchase count and mean repeat-purchase value per customer. */
export interface SpendData {
  x: Float64Array;
  m: Float64Array;
  logM: Float64Array;
  weight: Float64Array;
  xValues: Float64Array;
  xIndex: Uint32Array;
}

/** The customers the model can learn from (x > 0 and m > 0), with a distinct-x table. */
export function spendData(frequency: ArrayLike<number>, monetary: ArrayLike<number>): SpendData {
  const x: number[] = [];
  const m: number[] = [];
  const xIndex: number[] = [];
  const positions = new Map<number, number>();
  const xValues: number[] = [];
  for (let i = 0; i < frequency.length; i++) {
    if (!(frequency[i] > 0 && monetary[i] > 0)) continue;
    x.push(frequency[i]);
    m.push(monetary[i]);
    let j = positions.get(frequency[i]);
    if (j === undefined) {
      j = xValues.length;
      positions.set(frequency[i], j);
      xValues.push(frequency[i]);
    }
    xIndex.push(j);
  }
  return { x: Float64Array.from(x), m: Float64Array.from(m), logM: Float64Array.from(m, Math.log), weight: new Float64Array(x.length).fill(1), xValues: Float64Array.from(xValues), xIndex: Uint32Array.from(xIndex) };
}

/** Weighted log-likelihood of [p, q, v]; fills the gradient when given. */
export function gammaGammaLogLikelihood(params: Float64Array, data: SpendData, grad: Float64Array | null): number {
  const [p, q, v] = params;
  const nx = data.xValues.length;
  const constX = new Float64Array(nx);
  const dP = new Float64Array(nx);
  const dQ = new Float64Array(nx);
  const lgQ = lnGamma(q);
  const psiQ = grad ? digamma(q) : 0;
  for (let j = 0; j < nx; j++) {
    const x = data.xValues[j];
    constX[j] = lnGamma(p * x + q) - lnGamma(p * x) - lgQ + p * x * Math.log(x);
    if (grad) {
      const psiPXQ = digamma(p * x + q);
      dP[j] = x * (psiPXQ - digamma(p * x) + Math.log(x));
      dQ[j] = psiPXQ - psiQ;
    }
  }
  const logV = Math.log(v);
  let total = 0;
  let gp = 0, gq = 0, gv = 0;
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i];
    const m = data.m[i];
    const w = data.weight[i];
    const j = data.xIndex[i];
    const px = p * x;
    const logM = data.logM[i];
    const logVXM = Math.log(v + x * m);
    total += w * (constX[j] + q * logV + (px - 1) * logM - (px + q) * logVXM);
    if (grad) {
      gp += w * (dP[j] + x * (logM - logVXM));
      gq += w * (dQ[j] + logV - logVXM);
      gv += w * (q / v - (px + q) / (v + x * m));
    }
  }
  if (grad) {
    grad[0] = gp;
    grad[1] = gq;
    grad[2] = gv;
  }
  return total;
}

export interface SpendFit extends MleResult {
  names: readonly string[];
  customers: number;
}

const STARTS = [
  [0.1, 0.1, 0.1],
  [1, 1, 0],
  [0, 2, 1],
];

/** Maximum-likelihood fit on the customers with repeat purchases of positive value. */
export function fitGammaGamma(data: SpendData): SpendFit {
  const n = data.x.length;
  if (n < 2) {
    return { names: GAMMA_GAMMA_PARAMS, customers: n, params: new Float64Array(3).fill(NaN), logLikelihood: -Infinity, logCovariance: null, standardErrors: null, converged: false, identified: false, iterations: 0, runaway: [], ridge: [], message: notice('spend-too-few', 'Spend per purchase needs customers who bought more than once with a positive amount; there are too few.') };
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += data.m[i];
  const scale = total / n;
  const logScale = Math.log(scale);
  const scaled = { ...data, m: data.m.map((v) => v / scale), logM: data.logM.map((v) => v - logScale) };
  const result = fitMaximumLikelihood({ names: GAMMA_GAMMA_PARAMS, logLikelihood: gammaGammaLogLikelihood, data, scaledData: scaled, timeScale: scale, timeScaled: [false, false, true], totalWeight: n, starts: STARTS });
  return { ...result, names: GAMMA_GAMMA_PARAMS, customers: n };
}

/** Population mean spend per purchase, v·p/(q − 1); undefined (NaN) when q ≤ 1. */
export function gammaGammaMeanSpend(params: ArrayLike<number>): number {
  const p = params[0], q = params[1], v = params[2];
  return q > 1 ? (v * p) / (q - 1) : NaN;
}

/**
 * E(M | x, m̄): a customer's expected spend per purchase, a weighted mean of the population mean and their own mean
 * repeat value, with weight px/(px + q − 1) on their own. Customers without repeat purchases get the population mean.
 * NaN when q ≤ 1.
 */
export function gammaGammaExpectedSpend(params: ArrayLike<number>, x: number, m: number): number {
  const p = params[0], q = params[1];
  const mean = gammaGammaMeanSpend(params);
  if (Number.isNaN(mean)) return NaN;
  if (!(x > 0)) return mean;
  const own = (p * x) / (p * x + q - 1);
  return (1 - own) * mean + own * m;
}
