/**
 * What the worker holds of the open dataset's forecast: the comparison fits, the forecast model's fit with the
 * predictor built on it, and the last prediction (for the snapshot). A change of horizon, discount or margin predicts
 * again from the fitted parameters; only a change of model, time unit or observation end fits again.
 */
import type { PredictionForSnapshot } from '../src/core/forecast/snapshot-parts';
import { toPredictSettings } from '../src/core/forecast/predictions';
import { predictionsByCustomerCode } from '../src/core/segments/predictions-by-code';
import type { FittedForecast, ForecastPredictor } from '../src/core/forecast/models';
import type { ModelFit, ModelName } from '../src/core/forecast/models';
import type { TimeUnit } from '../src/core/types';

/** What a fit depends on: the model, and the data as of a day in a time unit. */
export interface FitBasis {
  timeUnit: TimeUnit;
  observationEnd: string;
}

/** A prediction as kept for the snapshot: its per-customer columns went to the page. */
export type Prediction = PredictionForSnapshot;

const sameBasis = (a: FitBasis, b: FitBasis) => a.timeUnit === b.timeUnit && a.observationEnd === b.observationEnd;

export class ForecastSession {
  /** The three purchase models fitted for the comparison, on one basis. */
  comparison: (FitBasis & { fits: ModelFit[] }) | null = null;
  fitted: (FitBasis & { model: ModelName; fitted: FittedForecast; predictor: ForecastPredictor }) | null = null;
  /** The newest prediction made (by request order, not by arrival). */
  prediction: Prediction | null = null;
  #predictionOrder = -1;

  readonly datasetId: number;

  constructor(datasetId: number) {
    this.datasetId = datasetId;
  }

  addComparisonFit(basis: FitBasis, fit: ModelFit): void {
    if (!this.comparison || !sameBasis(this.comparison, basis)) this.comparison = { ...basis, fits: [] };
    this.comparison.fits = [...this.comparison.fits.filter((f) => f.model !== fit.model), fit];
  }

  /** The predictor of this model on this basis, when it was fitted already. */
  predictorFor(model: ModelName, basis: FitBasis): ForecastPredictor | null {
    const f = this.fitted;
    return f && f.model === model && sameBasis(f, basis) ? f.predictor : null;
  }

  /** Keep a prediction unless a newer request's was kept already. */
  keepPrediction(order: number, prediction: Prediction): void {
    if (order < this.#predictionOrder) return;
    this.#predictionOrder = order;
    this.prediction = prediction;
    this.#byCode = null;
  }

  #byCode: { pAlive: Float64Array; clv: Float64Array } | null = null;

  /** predictionsByCode for this session, computed once per prediction kept. */
  byCode(customerCount: number): { pAlive: Float64Array; clv: Float64Array } | null {
    return (this.#byCode ??= predictionsByCode(this, customerCount));
  }

  /** Changes whenever the prediction kept changes: a key for values derived from it. */
  get predictionKey(): number {
    return this.#predictionOrder;
  }
}

/** The forecast session of the open dataset; opening another dataset starts a new one. */
export class ForecastSessions {
  #session: ForecastSession | null = null;
  #order = 0;

  of(datasetId: number): ForecastSession {
    if (this.#session?.datasetId !== datasetId) this.#session = new ForecastSession(datasetId);
    return this.#session;
  }

  /** The session of a dataset if there is one, without starting it. */
  peek(datasetId: number): ForecastSession | null {
    return this.#session?.datasetId === datasetId ? this.#session : null;
  }

  /** A number that grows with every request, to order their answers. */
  nextOrder(): number {
    return this.#order++;
  }

  forget(datasetId: number): void {
    if (this.#session?.datasetId === datasetId) this.#session = null;
  }

  clear(): void {
    this.#session = null;
  }
}

/**
 * The open forecast's P(alive) and CLV of each customer by customer code (NaN for customers it does not cover), for
 * segments, lists and NPS; null before a forecast. Predicted again from the fitted model at the last settings: the
 * columns sent to the page are theirs now, and predicting again costs milliseconds.
 */
export function predictionsByCode(session: ForecastSession | null, customerCount: number): { pAlive: Float64Array; clv: Float64Array } | null {
  const fitted = session?.fitted, prediction = session?.prediction;
  if (!fitted || !prediction) return null;
  const forecast = fitted.predictor.predict(toPredictSettings(prediction.settings));
  return predictionsByCustomerCode(fitted.predictor.summary.customer, forecast.customers.pAlive, forecast.customers.clv, customerCount);
}
