/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"): each customer's purchase values are Gamma(p, ν)
 * with ν ~ Gamma(q, v) across customers. Fitted on customers with repeat purchases and a positive mean repeat
 * value; parameters are [p, q, v] (v in money).
 */
import { notice } from '../../notice';
import { fitMaximumLikelihood, type MleResult } from './mle';
import { RUN_END, RunTotals } from './run-totals';
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
  /**
   * The likelihood reads every m as m / scale (1 when absent): the optimiser's data in money divided by the mean,
   * the same arrays read so rather than copies (two arrays of 8 bytes a repeat customer).
   */
  scale?: number;
}

/** Repeat counts below this find their place in the distinct-x table by index. */
const SMALL_COUNTS = 4096;

/** The customers the model can learn from (x > 0 and m > 0), with a distinct-x table. */
export function spendData(frequency: ArrayLike<number>, monetary: ArrayLike<number>): SpendData {
  let n = 0;
  for (let i = 0; i < frequency.length; i++) if (frequency[i] > 0 && monetary[i] > 0) n++;
  // Typed arrays sized once: growing plain arrays of a million numbers cost more than the fit's iterations.
  const x = new Float64Array(n);
  const m = new Float64Array(n);
  const logM = new Float64Array(n);
  const xIndex = new Uint32Array(n);
  // Each distinct x's place: small whole counts (nearly every x) by index in an array, any other x in a Map, rather
  // than a Map lookup for each of up to millions of customers.
  const positionOfCount = new Int32Array(SMALL_COUNTS).fill(-1);
  const positions = new Map<number, number>();
  const xValues: number[] = [];
  let k = 0;
  for (let i = 0; i < frequency.length; i++) {
    const f = frequency[i];
    if (!(f > 0 && monetary[i] > 0)) continue;
    const small = f < SMALL_COUNTS && Number.isInteger(f);
    let j = small ? positionOfCount[f] : (positions.get(f) ?? -1);
    if (j < 0) {
      j = xValues.length;
      if (small) positionOfCount[f] = j;
      else positions.set(f, j);
      xValues.push(f);
    }
    x[k] = f;
    m[k] = monetary[i];
    logM[k] = Math.log(monetary[i]);
    xIndex[k] = j;
    k++;
  }
  return { x, m, logM, weight: new Float64Array(n).fill(1), xValues: Float64Array.from(xValues), xIndex };
}

/**
 * What the log-likelihood needs of the data besides the parameters, once per data object: per row x·m, w·x and w;
 * per distinct x its total weight; and the parameter-free sums Σ w·ln m and Σ w·x·ln m. Each evaluation is then one
 * logarithm and one division per row. A SpendData is treated as immutable once it has been evaluated.
 */
interface SpendTerms {
  xm: Float64Array;
  wx: Float64Array;
  weightOfX: Float64Array;
  totalWeight: number;
  sumLogM: number;
  sumXLogM: number;
}

const spendTerms = new WeakMap<SpendData, SpendTerms>();

function termsOf(data: SpendData): SpendTerms {
  let terms = spendTerms.get(data);
  if (terms) return terms;
  const n = data.x.length;
  const scale = data.scale ?? 1;
  const logScale = Math.log(scale);
  const xm = new Float64Array(n);
  // Customers as they are (every weight 1, as spendData makes them): w·x is x itself, not a copy of it.
  const unweighted = data.weight.every((weight) => weight === 1);
  const wx = unweighted ? data.x : new Float64Array(n);
  const weightOfX = new Float64Array(data.xValues.length);
  const sums = new RunTotals(3);
  let w = 0, wLogM = 0, wxLogM = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const weight = data.weight[i];
    // The same operations as on copies divided by the scale, so the sums come out alike to the last bit.
    const m = scale === 1 ? data.m[i] : data.m[i] / scale;
    const logM = scale === 1 ? data.logM[i] : data.logM[i] - logScale;
    xm[i] = x * m;
    if (!unweighted) wx[i] = weight * x;
    weightOfX[data.xIndex[i]] += weight;
    w += weight;
    wLogM += weight * logM;
    wxLogM += weight * x * logM;
    if ((i & RUN_END) === RUN_END || i === n - 1) {
      sums.add(0, w);
      sums.add(1, wLogM);
      sums.add(2, wxLogM);
      w = wLogM = wxLogM = 0;
    }
  }
  terms = { xm, wx, weightOfX, totalWeight: sums.value(0), sumLogM: sums.value(1), sumXLogM: sums.value(2) };
  spendTerms.set(data, terms);
  return terms;
}

/**
 * Weighted log-likelihood of [p, q, v]; fills the gradient when given. Per customer it is
 * c(x) + q·ln v + (p·x − 1)·ln m − (p·x + q)·ln(v + x·m), c(x) = ln Γ(px + q) − ln Γ(px) − ln Γ(q) + px·ln x; summed,
 * everything but ln(v + x·m) collects into per-x and parameter-free totals, so a row costs one logarithm (and one
 * division for the gradient), whose sums go in runs into compensated totals (run-totals.ts).
 */
export function gammaGammaLogLikelihood(params: Float64Array, data: SpendData, grad: Float64Array | null): number {
  const p = params[0], q = params[1], v = params[2];
  const terms = termsOf(data);
  const { xm, wx, weightOfX } = terms;
  const w = data.weight;
  const totals = new RunTotals(4);
  // Σ w·x·L, Σ w·L, Σ w·x/(v + xm), Σ w/(v + xm) with L = ln(v + x·m).
  let a = 0, b = 0, c = 0, d = 0;
  const n = xm.length;
  for (let i = 0; i < n; i++) {
    const u = v + xm[i];
    const L = Math.log(u);
    a += wx[i] * L;
    b += w[i] * L;
    if (grad) {
      const inv = 1 / u;
      c += wx[i] * inv;
      d += w[i] * inv;
    }
    if ((i & RUN_END) === RUN_END || i === n - 1) {
      totals.add(0, a);
      totals.add(1, b);
      totals.add(2, c);
      totals.add(3, d);
      a = b = c = d = 0;
    }
  }
  const sumXL = totals.value(0), sumL = totals.value(1);
  const lgQ = lnGamma(q);
  const psiQ = grad ? digamma(q) : 0;
  const ll = new RunTotals(1);
  let gp = 0, gq = 0;
  for (let j = 0; j < data.xValues.length; j++) {
    const W = weightOfX[j];
    if (W === 0) continue;
    const x = data.xValues[j];
    ll.add(0, W * (lnGamma(p * x + q) - lnGamma(p * x) - lgQ + p * x * Math.log(x)));
    if (grad) {
      const psiPXQ = digamma(p * x + q);
      gp += W * x * (psiPXQ - digamma(p * x) + Math.log(x));
      gq += W * (psiPXQ - psiQ);
    }
  }
  const logV = Math.log(v);
  const W = terms.totalWeight;
  ll.add(0, q * logV * W);
  ll.add(0, p * terms.sumXLogM);
  ll.add(0, -terms.sumLogM);
  ll.add(0, -p * sumXL);
  ll.add(0, -q * sumL);
  if (grad) {
    grad[0] = gp + terms.sumXLogM - sumXL;
    grad[1] = gq + logV * W - sumL;
    grad[2] = (q * W) / v - p * totals.value(2) - q * totals.value(3);
  }
  return ll.value(0);
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

/** More customers than this are explored on a subsample of about SUBSAMPLE_CUSTOMERS first. */
const SUBSAMPLE_ABOVE = 60_000;
const SUBSAMPLE_CUSTOMERS = 50_000;

/** Every `every`-th customer of the data (by position), with the same distinct-x table. */
function everyNth(data: SpendData, every: number): SpendData {
  const n = Math.ceil(data.x.length / every);
  const pick = <A extends Float64Array | Uint32Array>(values: A): A => {
    const out = new (values.constructor as new (length: number) => A)(n);
    for (let k = 0; k < n; k++) out[k] = values[k * every];
    return out;
  };
  // Spread first: whatever else says how to read the data (its scale) is the whole data's.
  return { ...data, x: pick(data.x), m: pick(data.m), logM: pick(data.logM), weight: pick(data.weight), xIndex: pick(data.xIndex) };
}

/** Maximum-likelihood fit on the customers with repeat purchases of positive value. */
export function fitGammaGamma(data: SpendData): SpendFit {
  const n = data.x.length;
  if (n < 2) {
    return { names: GAMMA_GAMMA_PARAMS, customers: n, params: new Float64Array(3).fill(NaN), logLikelihood: -Infinity, logCovariance: null, standardErrors: null, converged: false, identified: false, iterations: 0, runaway: [], ridge: [], message: notice('spend-too-few', 'Spend per purchase needs customers who bought more than once with a positive amount; there are too few.') };
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += data.m[i];
  const scale = total / n;
  const scaled: SpendData = { ...data, scale };
  // As for the purchase models: on many customers, the starts are explored on about 50,000 of them and the best
  // optimum is polished on all, so the whole data is evaluated a few times only.
  const every = n > SUBSAMPLE_ABOVE ? Math.ceil(n / SUBSAMPLE_CUSTOMERS) : 1;
  const sub = every > 1 ? everyNth(scaled, every) : null;
  const result = fitMaximumLikelihood({
    subsample: sub ? { scaledData: sub, totalWeight: sub.x.length } : undefined,
    names: GAMMA_GAMMA_PARAMS, logLikelihood: gammaGammaLogLikelihood, data, scaledData: scaled, timeScale: scale, timeScaled: [false, false, true], totalWeight: n, starts: STARTS,
  });
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
