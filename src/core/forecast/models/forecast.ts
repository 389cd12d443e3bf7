/**
 * The forecast the app shows: fit the chosen purchase model and Gamma-Gamma on the customers' summary, then give
 * every customer P(alive), expected purchases over the horizon, expected spend per purchase, discounted CLV with
 * 90% ranges, and the median time to the next purchase. Work is done once per distinct (x, tₓ, T) row.
 */
import { notice } from '../../notice';
import type { Notice } from '../../types';
import type { CustomerSummary, TimeUnit } from '../../types';
import { discountedPurchases, unitsPerMonth } from './clv';
import { compressRfm } from './compress';
import { fitPurchaseModel, type PurchaseFit, type PurchaseModelName } from './fit-purchases';
import { fitGammaGamma, gammaGammaExpectedSpend, spendData, type SpendFit } from './gamma-gamma';
import { logVariance, perturbedParameters, range90 } from './intervals';
import { informationCriteria } from './mle';
import { MODEL_LABELS, purchaseModel } from './purchase-models';

export type ModelName = PurchaseModelName;

export interface ForecastOptions {
  model: ModelName;
  /** Unit of the summary's recency and T. */
  timeUnit: TimeUnit;
  /** CLV and expected-purchases horizon in months (30 days or 4.345 weeks each). */
  horizonMonths: number;
  monthlyDiscountRate: number;
  /** Gross margin, 0..1, applied to expected spend. */
  margin: number;
}

export interface ModelFit {
  model: ModelName | 'gammaGamma';
  /** bgnbd/mbgnbd {r, alpha, a, b}; paretoNbd {r, alpha, s, beta}; gammaGamma {p, q, v}. */
  params: Record<string, number>;
  standardErrors: Record<string, number> | null;
  /** Covariance of the log-parameters, row-major, in the order of `params`. */
  logCovariance: number[] | null;
  logLikelihood: number;
  aic: number;
  bic: number;
  customers: number;
  converged: boolean;
  /** False when the data cannot pin down some parameter (then `message` says which). */
  identified: boolean;
  message: Notice | null;
}

export interface Forecast {
  fit: ModelFit;
  spend: ModelFit | null;
  /** Why CLV cannot be given (then the CLV arrays are NaN), or null. */
  spendWarning: Notice | null;
  horizonUnits: number;
  /** Aligned with summary.customer. Low/High are the 5th and 95th percentiles; NaN when unknown. */
  customers: {
    pAlive: Float64Array;
    expectedPurchases: Float64Array;
    expectedPurchasesLow: Float64Array;
    expectedPurchasesHigh: Float64Array;
    expectedSpend: Float64Array;
    clv: Float64Array;
    clvLow: Float64Array;
    clvHigh: Float64Array;
    /** Median time to the next purchase in the time unit; NaN when none is more likely than not. */
    nextPurchase: Float64Array;
  };
  totals: { expectedPurchases: number; meanPAlive: number; clv: number };
}

/** A fit that produced no usable parameters; the message says why in plain words. */
export class ModelFitError extends Error {
  constructor(readonly notice: Notice) {
    super(notice.text);
    this.name = 'ModelFitError';
  }
}

function toModelFit(model: ModelFit['model'], fit: PurchaseFit | SpendFit): ModelFit {
  const params: Record<string, number> = {};
  fit.names.forEach((name, i) => (params[name] = fit.params[i]));
  let standardErrors: Record<string, number> | null = null;
  if (fit.standardErrors) {
    const se = fit.standardErrors;
    standardErrors = {};
    fit.names.forEach((name, i) => (standardErrors![name] = se[i]));
  }
  const { aic, bic } = informationCriteria(fit.logLikelihood, fit.names.length, fit.customers);
  return {
    model, params, standardErrors,
    logCovariance: fit.logCovariance ? Array.from(fit.logCovariance) : null,
    logLikelihood: fit.logLikelihood, aic, bic, customers: fit.customers,
    converged: fit.converged, identified: fit.identified, message: fit.message,
  };
}

const usable = (params: ArrayLike<number>) => Array.from(params).every(Number.isFinite);

/** Fit one purchase model on a summary. */
export function fitModel(summary: CustomerSummary, model: ModelName): ModelFit {
  return toModelFit(model, fitPurchaseModel(model, { x: summary.frequency, tx: summary.recency, T: summary.T }));
}

/** BG/NBD, MBG/NBD and Pareto/NBD fitted on the same summary, for the comparison table. */
export function compareModels(summary: CustomerSummary): ModelFit[] {
  return (['bgnbd', 'mbgnbd', 'paretoNbd'] as const).map((m) => fitModel(summary, m));
}

export function forecast(summary: CustomerSummary, options: ForecastOptions): Forecast {
  const data = compressRfm({ x: summary.frequency, tx: summary.recency, T: summary.T });
  const purchaseFit = fitPurchaseModel(options.model, data);
  if (!usable(purchaseFit.params)) throw new ModelFitError(purchaseFit.message ?? notice('not-fitted', `${MODEL_LABELS[options.model]} could not be fitted to this data.`, { model: MODEL_LABELS[options.model] }));
  const spendFit = fitGammaGamma(spendData(summary.frequency, summary.monetary));
  const spendOk = usable(spendFit.params) && spendFit.params[1] > 1;
  const spendWarning = !usable(spendFit.params)
    ? (spendFit.message ?? notice('spend-not-fitted', 'Spend per purchase could not be modelled.'))
    : spendFit.params[1] <= 1
      ? notice('spend-q-low', `Gamma-Gamma's q is ${spendFit.params[1].toFixed(3)} (≤ 1): its mean spend per purchase is undefined, so no CLV is given. Spend varies too wildly between customers for this model; check for outliers.`, { q: spendFit.params[1].toFixed(3) })
      : null;

  const model = purchaseModel(options.model);
  const unitsMonth = unitsPerMonth(options.timeUnit);
  const months = options.horizonMonths;
  const horizonUnits = months * unitsMonth;
  const paramSets = purchaseFit.logCovariance ? perturbedParameters(purchaseFit.params) : [purchaseFit.params];
  const rows = data.x.length;
  const sets = paramSets.length;
  // E[Y | x, tₓ, T] = P(alive | x, tₓ, T) · E[Y | alive, x, T]: the second factor (the costly one, per month of the
  // horizon) depends on the (x, T) pair only, so it is computed once per pair and parameter set.
  const pairCount = data.pairX.length;
  const pairExpected = new Float64Array(pairCount * sets).fill(NaN);
  const pairDiscounted = new Float64Array(pairCount * sets);
  const cumulative = new Float64Array(Math.ceil(months) + 1);
  const last = Math.ceil(months - 1e-9);
  for (let j = 0; j < rows; j++) {
    const q = data.TPair[j];
    if (!Number.isNaN(pairExpected[q * sets])) continue;
    const x = data.x[j], T = data.T[j];
    for (let s = 0; s < sets; s++) {
      const p = paramSets[s];
      pairDiscounted[q * sets + s] = discountedPurchases((t) => model.expectedIfAlive(p, x, T, t), months, unitsMonth, options.monthlyDiscountRate, cumulative);
      pairExpected[q * sets + s] = last > 0 ? cumulative[last] : 0;
    }
  }
  const rowPAlive = new Float64Array(rows);
  const rowNext = new Float64Array(rows);
  const rowExpected = new Float64Array(rows);
  const rowExpectedVar = new Float64Array(rows);
  const rowDiscounted = new Float64Array(rows);
  const rowDiscountedVar = new Float64Array(rows);
  const expectedAt = new Float64Array(sets);
  const discountedAt = new Float64Array(sets);
  for (let j = 0; j < rows; j++) {
    const x = data.x[j], tx = data.tx[j], T = data.T[j];
    const q = data.TPair[j];
    rowNext[j] = model.nextPurchase(purchaseFit.params, x, tx, T);
    for (let s = 0; s < sets; s++) {
      const alive = model.pAlive(paramSets[s], x, tx, T);
      if (s === 0) rowPAlive[j] = alive;
      expectedAt[s] = alive * pairExpected[q * sets + s];
      discountedAt[s] = alive * pairDiscounted[q * sets + s];
    }
    rowExpected[j] = expectedAt[0];
    rowDiscounted[j] = discountedAt[0];
    rowExpectedVar[j] = purchaseFit.logCovariance ? logVariance(expectedAt, purchaseFit.logCovariance) : NaN;
    rowDiscountedVar[j] = purchaseFit.logCovariance ? logVariance(discountedAt, purchaseFit.logCovariance) : NaN;
  }

  const n = summary.customer.length;
  const out: Forecast['customers'] = {
    pAlive: new Float64Array(n), expectedPurchases: new Float64Array(n), expectedPurchasesLow: new Float64Array(n),
    expectedPurchasesHigh: new Float64Array(n), expectedSpend: new Float64Array(n).fill(NaN), clv: new Float64Array(n).fill(NaN),
    clvLow: new Float64Array(n).fill(NaN), clvHigh: new Float64Array(n).fill(NaN), nextPurchase: new Float64Array(n),
  };
  const spendSets = spendOk && spendFit.logCovariance ? perturbedParameters(spendFit.params) : spendOk ? [spendFit.params] : [];
  const spendAt = new Float64Array(spendSets.length);
  let totalExpected = 0, totalPAlive = 0, totalClv = 0;
  for (let i = 0; i < n; i++) {
    const j = data.rowOf[i];
    out.pAlive[i] = rowPAlive[j];
    out.nextPurchase[i] = rowNext[j];
    out.expectedPurchases[i] = rowExpected[j];
    [out.expectedPurchasesLow[i], out.expectedPurchasesHigh[i]] = range90(rowExpected[j], rowExpectedVar[j]);
    totalExpected += rowExpected[j];
    totalPAlive += rowPAlive[j];
    if (spendOk) {
      for (let s = 0; s < spendSets.length; s++) spendAt[s] = gammaGammaExpectedSpend(spendSets[s], summary.frequency[i], summary.monetary[i]);
      const spend = spendAt[0];
      const clv = options.margin * spend * rowDiscounted[j];
      out.expectedSpend[i] = spend;
      out.clv[i] = clv;
      const spendVar = spendFit.logCovariance ? logVariance(spendAt, spendFit.logCovariance) : NaN;
      [out.clvLow[i], out.clvHigh[i]] = range90(clv, rowDiscountedVar[j] + spendVar);
      totalClv += clv;
    }
  }
  return {
    fit: toModelFit(options.model, purchaseFit),
    spend: usable(spendFit.params) ? toModelFit('gammaGamma', spendFit) : null,
    spendWarning,
    horizonUnits,
    customers: out,
    totals: { expectedPurchases: totalExpected, meanPAlive: n ? totalPAlive / n : NaN, clv: spendOk ? totalClv : NaN },
  };
}
