/**
 * The Forecast tab of whatever is open: the reader's settings, and the worker's fits, forecasts and checks. It follows
 * the session by itself: another dataset starts from the defaults (and stops any running fit); a new margin, horizon
 * or discount rate predicts again from the fitted parameters at once. Long work shows which step it is on and can be
 * cancelled; an answer that arrives after a newer request is dropped.
 */
import { untrack } from 'svelte';
import type { Notice } from '../core/types';
import type { ModelFit, ModelName } from '../core/forecast/models';
import type { CustomerDetail, ForecastRequest, ForecastView, HoldoutReport, OpportunityPeriod, OpportunityReport, SubscriptionRetention } from '../core/forecast';
// Not the forecast index: these modules bring no model code into the page.
import { DEFAULT_PREDICTION_SETTINGS, recommended } from '../core/forecast/settings';
import { defaultCalibrationEnd, defaultOpportunityPeriod } from '../core/forecast/defaults';
import { resolveAnswer } from '../core/forecast/view';
import { compute, isCancelled, type Compute } from './compute';
import { session, type Session } from './session.svelte';
import { errorText } from './error-text';

export type ForecastStep =
  | { kind: 'comparing'; model: ModelName; index: number; total: number }
  | { kind: 'fitting'; model: ModelName }
  | { kind: 'checking' } | { kind: 'detail' } | { kind: 'retention' } | { kind: 'opportunities' };

const COMPARED: ModelName[] = ['bgnbd', 'mbgnbd', 'paretoNbd'];

const defaultRequest = (): ForecastRequest => {
  const { margin: _margin, ...rest } = DEFAULT_PREDICTION_SETTINGS;
  return { ...rest };
};

export class ForecastStore {
  datasetId = $state<number | null>(null);
  settings = $state<ForecastRequest>(defaultRequest());
  result = $state.raw<ForecastView | null>(null);
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
  /**
   * New results from something the reader asked for (a fit, a holdout check), numbered: the view moves keyboard focus
   * to them. A prediction that follows a setting (horizon, discount, margin) is not one: focus stays where it is.
   */
  arrived = $state<{ kind: 'forecast' | 'holdout'; count: number } | null>(null);
  #arrivals = 0;

  readonly client: () => Compute;
  readonly session: Session;
  #jobId: string | null = null;
  /** The job the user stopped: an answer of it that arrives later is not shown. */
  #stoppedJob: string | null = null;
  #forecastRequest = 0;
  #margin: number | null = null;
  readonly #stop: () => void;

  constructor(client: () => Compute, session: Session) {
    this.client = client;
    this.session = session;
    this.#stop = $effect.root(() => {
      session.follow((dataset) => this.#follow(dataset?.id ?? null, dataset?.settings.marginPercent ?? null, dataset?.figures.firstDate ?? null, dataset?.figures.lastDate ?? null));
      $effect(() => {
        // A forecast on screen follows its horizon and discount rate at once: no fit is needed for those.
        const { horizonMonths, discountRate, discountPer } = this.settings;
        void [horizonMonths, discountRate, discountPer];
        untrack(() => {
          const r = this.result;
          if (r && (r.settings.horizonMonths !== horizonMonths || r.settings.discountRate !== discountRate || r.settings.discountPer !== discountPer)) void this.repredict();
        });
      });
    });
  }

  destroy() {
    this.#stop();
  }

  get busy(): boolean {
    return this.step !== null;
  }

  #follow(id: number | null, margin: number | null, firstDate: string | null, lastDate: string | null) {
    if (id === this.datasetId) {
      if (margin !== this.#margin) {
        this.#margin = margin;
        if (this.result) void this.repredict();
      }
      return;
    }
    this.cancel(true);
    this.datasetId = id;
    this.#margin = margin;
    this.settings = defaultRequest();
    this.result = null;
    this.comparison = null;
    this.holdout = null;
    this.detail = null;
    this.retention = null;
    this.opportunities = null;
    this.opportunityPeriod = defaultOpportunityPeriod(firstDate, lastDate);
    this.calibrationEnd = defaultCalibrationEnd(firstDate, lastDate);
    this.error = null;
    this.notice = null;
    this.arrived = null;
  }

  #arrive(kind: 'forecast' | 'holdout') {
    this.arrived = { kind, count: ++this.#arrivals };
  }

  private async run<T>(step: ForecastStep, job: (jobId: string) => Promise<T>): Promise<T | null> {
    this.step = step;
    this.error = null;
    const jobId = this.#jobId!;
    try {
      const answer = await job(jobId);
      // Stop was pressed while the answer was on its way (the worker had finished before it heard): drop it, as a
      // cancelled step, so that nothing of a stopped job is shown.
      if (this.#stoppedJob === jobId) throw Object.assign(new Error('Cancelled.'), { name: 'FitCancelled' });
      return answer;
    } catch (err) {
      if (isCancelled(err)) throw err;
      const notice = (err as { notice?: Notice }).notice;
      this.error = notice ?? { code: 'as-written', text: errorText(err), vars: {} };
      return null;
    } finally {
      this.step = null;
      this.progress.done++;
    }
  }

  /** Runs a sequence of steps as one job; a Cancel ends it quietly with a notice. False when it was cancelled. */
  private async sequence(total: number, body: () => Promise<void>): Promise<boolean> {
    const datasetId = this.datasetId;
    this.#jobId = crypto.randomUUID();
    this.progress = { done: 0, total };
    this.notice = null;
    try {
      await body();
      return true;
    } catch (err) {
      if (!isCancelled(err)) throw err;
      // Cancelled because another dataset was opened: nothing to say about it there.
      if (datasetId === this.datasetId) this.notice = 'cancelled';
      return false;
    } finally {
      this.step = null;
      this.progress = { done: 0, total: 0 };
      this.#jobId = null;
    }
  }

  /** Compare the three models one by one, preselect the one the data favour (lowest BIC), then forecast with it. */
  async start() {
    const id = this.datasetId;
    if (id === null) return;
    const settings = $state.snapshot(this.settings);
    const before = this.comparison;
    const finished = await this.sequence(COMPARED.length + 1, async () => {
      const fits: ModelFit[] = [];
      for (const [index, model] of COMPARED.entries()) {
        const fit = await this.run({ kind: 'comparing', model, index, total: COMPARED.length }, (job) => this.client().compareModel(id, settings, model, job));
        if (fit) fits.push(fit);
      }
      if (!fits.length || id !== this.datasetId) return;
      this.comparison = { fits, timeUnit: settings.timeUnit, observationEnd: settings.observationEnd ?? null };
      // Only a model the data can support is preselected; when none can be, the reader's choice stays and the tab
      // says that none can be trusted.
      const best = recommended(fits);
      if (best) this.settings.model = best.model as ModelName;
      if (await this.forecastStep()) this.#arrive('forecast');
    });
    // Stopped during the forecast that follows the comparison: the job is one, and nothing of a stopped job is shown.
    if (!finished && id === this.datasetId) this.comparison = before;
  }

  /** Forecast with the chosen model (fitting it when the model, time unit or observation end changed). */
  async fit() {
    await this.sequence(1, async () => {
      if (await this.forecastStep()) this.#arrive('forecast');
    });
  }

  /** True when a new forecast was shown. */
  private async forecastStep(): Promise<boolean> {
    const id = this.datasetId;
    if (id === null) return false;
    const request = ++this.#forecastRequest;
    const settings = $state.snapshot(this.settings);
    const t0 = performance.now();
    const known = this.result;
    const answer = await this.run({ kind: 'fitting', model: settings.model }, (job) => this.client().forecast(id, settings, job, known?.baseId ?? null));
    if (answer && request === this.#forecastRequest && id === this.datasetId) {
      this.result = resolveAnswer(answer, known);
      this.detail = null;
      this.lastMs = performance.now() - t0;
      // The horizon or discount changed while the model was being fitted: follow them now.
      const s = this.settings;
      if (s.horizonMonths !== settings.horizonMonths || s.discountRate !== settings.discountRate || s.discountPer !== settings.discountPer) queueMicrotask(() => void this.repredict());
      return true;
    }
    return false;
  }

  /**
   * Predict again at the current horizon, discount and margin, from the model already fitted (no progress bar: it
   * takes a moment). A newer change overtakes an older one.
   */
  async repredict() {
    const id = this.datasetId;
    const current = this.result;
    if (id === null || !current || this.busy) return;
    const request = ++this.#forecastRequest;
    const settings = { ...$state.snapshot(this.settings), model: current.settings.model, timeUnit: current.settings.timeUnit, observationEnd: current.settings.observationEnd };
    const t0 = performance.now();
    try {
      const answer = await this.client().forecast(id, settings, `predict-${request}`, current.baseId);
      if (request !== this.#forecastRequest || id !== this.datasetId) return;
      this.result = resolveAnswer(answer, this.result);
      this.lastMs = performance.now() - t0;
      performance.measure?.('clv:repredict', { start: t0, detail: { predictMs: answer.timings.predictMs } });
    } catch (err) {
      if (request !== this.#forecastRequest) return;
      const notice = (err as { notice?: Notice }).notice;
      this.error = notice ?? { code: 'as-written', text: errorText(err), vars: {} };
    }
  }

  async check() {
    const id = this.datasetId;
    if (id === null || !this.calibrationEnd) return;
    const calibrationEnd = this.calibrationEnd;
    const unit = this.settings.timeUnit;
    await this.sequence(1, async () => {
      const report = await this.run({ kind: 'checking' }, (job) => this.client().holdout(id, calibrationEnd, unit, job));
      if (report && id === this.datasetId) {
        this.holdout = report;
        this.#arrive('holdout');
      }
    });
  }

  /** The purchase history and P(alive) path of one customer under the current forecast's model. */
  async showCustomer(customerId: string) {
    const id = this.datasetId;
    if (id === null || !this.result) return;
    await this.sequence(1, async () => {
      const detail = await this.run({ kind: 'detail' }, () => this.client().customerDetail(id, customerId));
      if (id === this.datasetId) this.detail = detail;
    });
  }

  /** sBG on the monthly cohorts, discounting at the forecast's rate. */
  async fitRetention() {
    const id = this.datasetId;
    if (id === null) return;
    const discount = { discountRate: this.settings.discountRate, discountPer: this.settings.discountPer };
    await this.sequence(1, async () => {
      const result = await this.run({ kind: 'retention' }, (job) => this.client().retention(id, discount, job));
      if (result && id === this.datasetId) this.retention = result;
    });
  }

  /** BG/BB on whole periods, discounting at the forecast's rate converted to the period. */
  async fitOpportunities() {
    const id = this.datasetId;
    if (id === null) return;
    const period = this.opportunityPeriod;
    const horizon = this.opportunityHorizon;
    const discount = { discountRate: this.settings.discountRate, discountPer: this.settings.discountPer };
    await this.sequence(1, async () => {
      const report = await this.run({ kind: 'opportunities' }, (job) => this.client().opportunities(id, period, horizon, discount, job));
      if (report && id === this.datasetId) this.opportunities = report;
    });
  }

  closeCustomer() {
    this.detail = null;
  }

  /** Stop the running fit; `quiet` skips the notice (used when the dataset changes). */
  cancel(quiet = false) {
    if (!this.busy || !this.#jobId) return;
    this.#stoppedJob = this.#jobId;
    void this.client().cancelJob(this.#jobId);
    if (!quiet) this.notice = 'cancelled';
  }
}

export { recommended } from '../core/forecast/settings';

export const forecastState = new ForecastStore(compute, session);
