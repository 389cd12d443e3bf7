/**
 * The forecast the app shows: fit the chosen purchase model and Gamma-Gamma on the customers' summary (fitForecast),
 * then give every customer P(alive), expected purchases over the horizon, expected spend per purchase, discounted
 * CLV with 90% ranges, and the median time to the next purchase (ForecastPredictor, in predictor.ts, which can
 * predict again at other settings without refitting). Work is done once per distinct (x, tₓ, T) row.
 */
import { notice } from '../../notice';
import type { Notice } from '../../types';
import type { CustomerSummary } from '../../types';
import { compressRfm, type CompressedRfm } from './compress';
import { fitPurchaseModel, type PurchaseFit, type PurchaseModelName } from './fit-purchases';
import { fitGammaGamma, spendData, type SpendFit } from './gamma-gamma';
import { informationCriteria } from './mle';
import { ForecastPredictor, type PredictSettings } from './predictor';
import { MODEL_LABELS } from './purchase-models';
import { purchaseReliability, spendReliability, type FitReliability } from './reliability';

export type ModelName = PurchaseModelName;

export interface ForecastOptions extends PredictSettings {
  model: ModelName;
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
  /** The technical caution, for analysts (which parameter runs off, lies on a ridge…). */
  message: Notice | null;
  /**
   * Whether the figures made from this fit can be trusted, and if not why, in plain words: a fit the data cannot
   * support (a parameter run off or on a ridge, SE above its estimate, too few repeat buyers) is never recommended.
   */
  reliability: FitReliability;
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
  /**
   * Sums over customers. Low/High: the 90% range of the sum from the fits' uncertainty (the delta method over the
   * parameters' covariance, as for each customer; CLV's adds Gamma-Gamma's); NaN when unknown. likelyActive is
   * Σ P(alive), the number of customers expected to be still buying.
   */
  totals: {
    expectedPurchases: number; expectedPurchasesLow: number; expectedPurchasesHigh: number;
    meanPAlive: number; likelyActive: number;
    clv: number; clvLow: number; clvHigh: number;
  };
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
    reliability: model === 'gammaGamma' ? spendReliability(fit) : purchaseReliability(fit),
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

/** What fitting gives a forecast: plain data (structured-cloneable), a few hundred bytes. */
export interface FittedForecast {
  /** The purchase model's fit, in the summary's time unit; `fit.model` names the model. */
  fit: ModelFit;
  /** Gamma-Gamma's fit, or null when it gave no usable parameters. */
  spend: ModelFit | null;
  /** Why CLV cannot be given, or null. */
  spendWarning: Notice | null;
}

function fitCompressed(summary: CustomerSummary, data: CompressedRfm, model: ModelName): FittedForecast {
  const purchaseFit = fitPurchaseModel(model, data);
  if (!usable(purchaseFit.params)) throw new ModelFitError(purchaseFit.message ?? notice('not-fitted', `${MODEL_LABELS[model]} could not be fitted to this data.`, { model: MODEL_LABELS[model] }));
  const spendFit = fitGammaGamma(spendData(summary.frequency, summary.monetary));
  const spendWarning = !usable(spendFit.params)
    ? (spendFit.message ?? notice('spend-not-fitted', 'Spend per purchase could not be modelled.'))
    : spendFit.params[1] <= 1
      ? notice('spend-q-low', `Gamma-Gamma's q is ${spendFit.params[1].toFixed(3)} (≤ 1): its mean spend per purchase is undefined, so no CLV is given. Spend varies too wildly between customers for this model; check for outliers.`, { q: spendFit.params[1].toFixed(3) })
      : null;
  return {
    fit: toModelFit(model, purchaseFit),
    spend: usable(spendFit.params) ? toModelFit('gammaGamma', spendFit) : null,
    spendWarning,
  };
}

/**
 * Fit the purchase model and Gamma-Gamma on a summary, for predicting with a ForecastPredictor (or
 * predictForecast). Throws ModelFitError when the purchase model gives no usable parameters.
 */
export function fitForecast(summary: CustomerSummary, model: ModelName): FittedForecast {
  return fitCompressed(summary, compressRfm({ x: summary.frequency, tx: summary.recency, T: summary.T }), model);
}

/** Fit and predict in one call: fitForecast, then one prediction at these settings. */
export function forecast(summary: CustomerSummary, options: ForecastOptions): Forecast {
  const data = compressRfm({ x: summary.frequency, tx: summary.recency, T: summary.T });
  return new ForecastPredictor(summary, fitCompressed(summary, data, options.model), data).predict(options);
}
