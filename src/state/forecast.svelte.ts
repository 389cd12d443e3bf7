/**
 * Predictive CLV of the open dataset: the reader's settings, and the model worker's fits, forecasts and checks.
 * Long work shows which step it is on (one model fit at a time) and can be cancelled.
 */
import type { Notice } from '../core/types';
import type { ModelFit, ModelName } from '../core/forecast/models';
import {
  DEFAULT_PREDICTION_SETTINGS, monthlyRate, recommended, snapshotModelParts, type CustomerDetail, type OpportunityPeriod, type OpportunityReport, type SubscriptionRetention, type HoldoutReport, type PredictionSettings, type SnapshotModelParts,
} from '../core/forecast';
import type { PredictionView } from '../../workers/compute.api';
import { cancelModelJobs, JobCancelled, runModelJob } from './compute';

export type ForecastStep = { kind: 'comparing'; model: ModelName; index: number; total: number } | { kind: 'fitting'; model: ModelName } | { kind: 'checking' } | { kind: 'detail' } | { kind: 'retention' } | { kind: 'opportunities' };

const COMPARED: ModelName[] = ['bgnbd', 'mbgnbd', 'paretoNbd'];

class ForecastState {
  datasetId = $state<number | null>(null);
  settings = $state<PredictionSettings>({ ...DEFAULT_PREDICTION_SETTINGS });
  result = $state.raw<PredictionView | null>(null);
  comparison = $state.raw<{ fits: ModelFit[]; timeUnit: string; observationEnd: string | null } | null>(null);
  holdout = $state.raw<HoldoutReport | null>(null);
  detail = $state.raw<CustomerDetail | null>(null);
  retention = $state.raw<SubscriptionRetention | null>(null);
  opportunities = $state.raw<OpportunityReport | null>(null);
  opportunityPeriod = $state<OpportunityPeriod>('year');
  opportunityHorizon = $state(5);
  calibrationEnd = $state('');
  step = $state<ForecastStep | null>(null);
  /** Steps done out of the steps planned for the current action, for the progress bar. */
  progress = $state({ done: 0, total: 0 });
  /** Why the last step failed: a notice from the engine when it gave one, else the error's text as written. */
  error = $state<Notice | null>(null);
  notice = $state<string | null>(null);
  /** Milliseconds of the last forecast as seen by the page. */
  lastMs = $state(0);

  get busy(): boolean {
    return this.step !== null;
  }

  /** A new dataset starts from the defaults (its margin from the dashboard when entered there). */
  reset(datasetId: number, margin: number | null, calibrationDefault: string, spanDays = 0) {
    if (this.datasetId === datasetId) return;
    this.cancel(true);
    this.datasetId = datasetId;
    this.settings = { ...DEFAULT_PREDICTION_SETTINGS, margin: margin ?? 1 };
    this.result = null;
    this.comparison = null;
    this.holdout = null;
    this.detail = null;
    this.retention = null;
    this.opportunities = null;
    // Whole years need several years of data; shorter files get quarters.
    this.opportunityPeriod = spanDays >= 3 * 365 ? 'year' : 'quarter';
    this.calibrationEnd = calibrationDefault;
    this.error = null;
    this.notice = null;
  }

  private async run<T>(step: ForecastStep, job: () => Promise<T>): Promise<T | null> {
    this.step = step;
    this.error = null;
    try {
      return await job();
    } catch (err) {
      if (err instanceof JobCancelled) throw err;
      const notice = (err as { notice?: Notice }).notice;
      this.error = notice ?? { code: 'as-written', text: (err as Error).message, vars: {} };
      return null;
    } finally {
      this.step = null;
      this.progress.done++;
    }
  }

  /** Runs a sequence of steps; a Cancel ends it quietly with a notice. */
  private async sequence(total: number, body: () => Promise<void>) {
    this.progress = { done: 0, total };
    this.notice = null;
    try {
      await body();
    } catch (err) {
      if (!(err instanceof JobCancelled)) throw err;
      this.notice = 'cancelled';
    } finally {
      this.step = null;
      this.progress = { done: 0, total: 0 };
    }
  }

  /** Compare the three models one by one, preselect the one the data favour (lowest BIC), then forecast with it. */
  async start() {
    const id = this.datasetId;
    if (id === null) return;
    const settings = $state.snapshot(this.settings);
    await this.sequence(COMPARED.length + 1, async () => {
      const fits: ModelFit[] = [];
      for (const [index, model] of COMPARED.entries()) {
        const fit = await this.run({ kind: 'comparing', model, index, total: COMPARED.length }, () => runModelJob((api) => api.fitModel(id, settings, model)));
        if (fit) fits.push(fit);
      }
      if (!fits.length) return;
      this.comparison = { fits, timeUnit: settings.timeUnit, observationEnd: settings.observationEnd ?? null };
      const best = recommended(fits);
      if (best) this.settings.model = best.model as ModelName;
      await this.forecastStep();
    });
  }

  async fit() {
    await this.sequence(1, () => this.forecastStep());
  }

  private async forecastStep() {
    const id = this.datasetId;
    if (id === null) return;
    const settings = $state.snapshot(this.settings);
    const t0 = performance.now();
    const result = await this.run({ kind: 'fitting', model: settings.model }, () => runModelJob((api) => api.predictions(id, settings)));
    if (result) {
      this.result = result;
      this.detail = null;
      this.lastMs = performance.now() - t0;
    }
  }

  async check() {
    const id = this.datasetId;
    if (id === null || !this.calibrationEnd) return;
    const calibrationEnd = this.calibrationEnd;
    const unit = this.settings.timeUnit;
    await this.sequence(1, async () => {
      const report = await this.run({ kind: 'checking' }, () => runModelJob((api) => api.holdout(id, calibrationEnd, unit)));
      if (report) this.holdout = report;
    });
  }

  /** The purchase history and P(alive) path of one customer under the current forecast's model. */
  async showCustomer(customerId: string) {
    const id = this.datasetId;
    const r = this.result;
    if (id === null || !r) return;
    const fit = r.forecast.fit;
    const params = Object.values(fit.params);
    const settings = { timeUnit: r.settings.timeUnit, observationEnd: r.observationEnd };
    await this.sequence(1, async () => {
      this.detail = await this.run({ kind: 'detail' }, () => runModelJob((api) => api.customerDetail(id, customerId, fit.model as ModelName, params, settings)));
    });
  }

  /** sBG on the monthly cohorts, discounting at the forecast's rate. */
  async fitRetention() {
    const id = this.datasetId;
    if (id === null) return;
    const rate = monthlyRate(this.settings.discountRate, this.settings.discountPer);
    await this.sequence(1, async () => {
      const result = await this.run({ kind: 'retention' }, () => runModelJob((api) => api.retention(id, rate)));
      if (result) this.retention = result;
    });
  }

  /** BG/BB on whole periods, discounting at the forecast's rate converted to the period. */
  async fitOpportunities() {
    const id = this.datasetId;
    if (id === null) return;
    const period = this.opportunityPeriod;
    const horizon = Math.max(1, Math.round(this.opportunityHorizon));
    const months = period === 'year' ? 12 : period === 'quarter' ? 3 : 1;
    const rate = Math.pow(1 + monthlyRate(this.settings.discountRate, this.settings.discountPer), months) - 1;
    await this.sequence(1, async () => {
      const report = await this.run({ kind: 'opportunities' }, () => runModelJob((api) => api.opportunities(id, period, horizon, rate)));
      if (report) this.opportunities = report;
    });
  }

  closeCustomer() {
    this.detail = null;
  }

  /** Stop the running fit; `quiet` skips the notice (used when the dataset changes). */
  cancel(quiet = false) {
    if (!this.busy) return;
    cancelModelJobs();
    if (!quiet) this.notice = 'cancelled';
  }

  /** The models, forecast and their settings for the dataset's snapshot, from what was last fitted. */
  snapshotParts(): SnapshotModelParts {
    return this.result ? snapshotModelParts(this.result, this.comparison && { ...this.comparison, observationEnd: this.comparison.observationEnd ?? this.result.observationEnd }) : {};
  }
}

export { recommended } from '../core/forecast';

export const forecastState = new ForecastState();
