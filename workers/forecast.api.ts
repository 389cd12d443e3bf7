/**
 * Forecast domain: buy-till-you-die models on the open dataset. Fits run in the fit worker (cancellable); predictions
 * are made here from the fitted parameters, so a change of horizon, discount or margin is answered without a fit.
 */
import { customerDetail, forecastAnswer, forecastMargin, monthlyRate, periodDiscountRate, toPredictSettings, type CustomerDetail, type Discount, type ForecastAnswer, type ForecastRequest, type HoldoutReport, type OpportunityPeriod, type OpportunityReport, type PredictionSettings, type SubscriptionRetention } from '../src/core/forecast';
import { transfer } from 'comlink';
import { ForecastPredictor } from '../src/core/forecast/models';
import type { PredictionInput } from '../src/core/forecast';
import type { TimeUnit } from '../src/core/types';
import type { ForecastSession } from './forecast-session';
import type { ModelFit, ModelName } from '../src/core/forecast/models';
import type { WorkerContext } from './context';
import { dashboardOf, summaryOf } from './derived';

/** Each customers' summary gets a name of its own, so the page can say which one it holds. */
const baseIds = new WeakMap<PredictionInput, string>();
let baseCount = 0;
const baseIdOf = (datasetId: number, input: PredictionInput) => {
  let id = baseIds.get(input);
  if (!id) baseIds.set(input, (id = `${datasetId}:${input.observationEnd}:${++baseCount}`));
  return id;
};

/** Months ahead of the horizon computed while idle, up to five years: a longer horizon is then answered at once. */
const MONTHS_AHEAD_MAX = 60;
/** Milliseconds of such work at a time, so that a request waits at most that long. */
const IDLE_SLICE_MS = 8;

function prepareAhead(session: ForecastSession, predictor: ForecastPredictor, unit: TimeUnit, horizonMonths: number) {
  const target = Math.min(MONTHS_AHEAD_MAX, Math.max(24, Math.ceil(2 * horizonMonths)));
  const step = () => {
    if (session.fitted?.predictor !== predictor) return;
    if (!predictor.prepareMonths(unit, target, IDLE_SLICE_MS)) setTimeout(step, 0);
  };
  setTimeout(step, 0);
}

export function forecastApi(context: WorkerContext) {
  const { db, tables, forecasts, fits } = context;

  async function marginFor(datasetId: number) {
    const { marginPercent } = await context.settings(datasetId);
    if (marginPercent !== null) return forecastMargin(marginPercent, null);
    const { historical } = await dashboardOf(tables, datasetId, null);
    const fromFile = historical.margin.source === 'cost' ? historical.margin.rate : null;
    return forecastMargin(null, fromFile);
  }

  return {
    /** One purchase model for the comparison table (the page fits them one by one to show progress). */
    async compareModel(datasetId: number, basis: Pick<PredictionSettings, 'timeUnit' | 'observationEnd'>, model: ModelName, jobId: string): Promise<ModelFit> {
      const input = await summaryOf(tables, datasetId, basis.timeUnit, basis.observationEnd ?? null);
      const fit = await fits.run(jobId, (api) => api.fitModel(input.summary, model));
      forecasts.of(datasetId).addComparisonFit({ timeUnit: basis.timeUnit, observationEnd: input.observationEnd }, fit);
      return fit;
    },

    /**
     * The forecast at these settings: fitted first when the model, time unit or observation end changed, otherwise
     * predicted again from the parameters already fitted. `knownBase`: the customers the page holds (see ForecastView's
     * baseId), not sent again when they are the same. The per-customer columns are transferred, not copied.
     */
    async forecast(datasetId: number, request: ForecastRequest, jobId: string, knownBase: string | null = null): Promise<ForecastAnswer> {
      const order = forecasts.nextOrder();
      const input = await summaryOf(tables, datasetId, request.timeUnit, request.observationEnd ?? null);
      const basis = { timeUnit: request.timeUnit, observationEnd: input.observationEnd };
      const session = forecasts.of(datasetId);
      let predictor = session.predictorFor(request.model, basis);
      const refitted = predictor === null;
      const t0 = performance.now();
      if (!predictor) {
        const fitted = await fits.run(jobId, (api) => api.fitForecast(input.summary, request.model));
        predictor = new ForecastPredictor(input.summary, fitted);
        session.fitted = { ...basis, model: request.model, fitted, predictor };
      }
      const t1 = performance.now();
      const margin = await marginFor(datasetId);
      const settings: PredictionSettings = { ...request, margin: margin.rate };
      const forecast = predictor.predict(toPredictSettings(settings));
      const t2 = performance.now();
      const { fit, spend, spendWarning, totals } = forecast;
      session.keepPrediction(order, { settings, observationEnd: input.observationEnd, forecast: { fit, spend, spendWarning, totals } });
      prepareAhead(session, predictor, request.timeUnit, request.horizonMonths);
      const baseId = baseIdOf(datasetId, input);
      const answer = forecastAnswer({ settings, margin, observationEnd: input.observationEnd, forecast, baseId, refitted, timings: { fitMs: t1 - t0, predictMs: t2 - t1 } }, input, baseId !== knownBase);
      return transfer(answer, Object.values(forecast.customers).map((a) => a.buffer as ArrayBuffer));
    },

    async holdout(datasetId: number, calibrationEnd: string, timeUnit: PredictionSettings['timeUnit'], jobId: string): Promise<HoldoutReport> {
      const table = await tables.table(datasetId);
      return fits.run(jobId, (api) => api.holdout(table, calibrationEnd, timeUnit));
    },

    /** sBG over the monthly cohorts: retention curve, months kept and the value of a new customer. */
    async retention(datasetId: number, discount: Discount, jobId: string): Promise<SubscriptionRetention> {
      // A dated summary (docs/warehouse.md): each customer's months from first to last purchase, as for orders.
      const summary = await tables.summaryDataset(datasetId);
      if (summary) {
        const { summaryRetention } = await import('../src/core/forecast/summary-retention');
        const retention = summaryRetention(summary, monthlyRate(discount.discountRate, discount.discountPer));
        if (!retention) throw new Error('This summary has no purchase dates: the months its customers stayed cannot be counted.');
        return retention;
      }
      const table = await tables.table(datasetId);
      return fits.run(jobId, (api) => api.retention(table, monthlyRate(discount.discountRate, discount.discountPer)));
    },

    /** BG/BB on whole years, quarters or months since each customer joined, discounted per period. */
    async opportunities(datasetId: number, period: OpportunityPeriod, horizon: number, discount: Discount, jobId: string): Promise<OpportunityReport> {
      const table = await tables.table(datasetId);
      const rate = periodDiscountRate(discount.discountRate, discount.discountPer, period);
      return fits.run(jobId, (api) => api.opportunities(table, period, Math.max(1, Math.round(horizon)), rate));
    },

    /** A customer's purchases and P(alive) path under the forecast's fitted model. */
    async customerDetail(datasetId: number, customerId: string): Promise<CustomerDetail | null> {
      const f = forecasts.peek(datasetId)?.fitted;
      if (!f) return null;
      const table = await tables.table(datasetId);
      return customerDetail(table, customerId, f.model, Object.values(f.fitted.fit.params), f.timeUnit, f.observationEnd);
    },

    /** Stop a running fit (the comparison, forecast, holdout, retention or BG/BB). */
    cancelJob(jobId: string): boolean {
      return fits.cancel(jobId);
    },
  };
}
