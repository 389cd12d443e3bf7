/** Predictive CLV of the open dataset: the reader's settings, and the worker's fits, forecasts and checks. */
import type { ModelFit } from '../core/models';
import { DEFAULT_PREDICTION_SETTINGS, type HoldoutReport, type PredictionSettings } from '../core/predict';
import type { PredictionView } from '../../workers/compute.api';
import { compute } from './compute';

type Busy = 'fitting' | 'comparing' | 'checking' | null;

class ForecastState {
  datasetId = $state<number | null>(null);
  settings = $state<PredictionSettings>({ ...DEFAULT_PREDICTION_SETTINGS });
  result = $state.raw<PredictionView | null>(null);
  comparison = $state.raw<ModelFit[] | null>(null);
  holdout = $state.raw<HoldoutReport | null>(null);
  calibrationEnd = $state('');
  busy = $state<Busy>(null);
  error = $state<string | null>(null);
  /** Milliseconds of the last fit as seen by the page. */
  lastMs = $state(0);

  /** A new dataset starts from the defaults (its margin from the dashboard when entered there). */
  reset(datasetId: number, margin: number | null, calibrationDefault: string) {
    if (this.datasetId === datasetId) return;
    this.datasetId = datasetId;
    this.settings = { ...DEFAULT_PREDICTION_SETTINGS, margin: margin ?? 1 };
    this.result = null;
    this.comparison = null;
    this.holdout = null;
    this.calibrationEnd = calibrationDefault;
    this.error = null;
  }

  private async run<T>(busy: Busy, job: () => Promise<T>): Promise<T | null> {
    this.busy = busy;
    this.error = null;
    try {
      return await job();
    } catch (err) {
      this.error = (err as Error).message;
      return null;
    } finally {
      this.busy = null;
    }
  }

  /** Compare the three models, preselect the one the data favour (lowest BIC among converged fits), then forecast. */
  async start() {
    if (this.datasetId === null) return;
    const id = this.datasetId;
    const fits = await this.run('comparing', () => compute().compareModels(id, $state.snapshot(this.settings)));
    if (fits) {
      this.comparison = fits;
      const best = recommended(fits);
      if (best) this.settings.model = best.model as PredictionSettings['model'];
    }
    await this.fit();
  }

  async fit() {
    if (this.datasetId === null) return;
    const id = this.datasetId;
    const t0 = performance.now();
    const result = await this.run('fitting', () => compute().predictions(id, $state.snapshot(this.settings)));
    if (result) {
      this.result = result;
      this.lastMs = performance.now() - t0;
    }
  }

  async check() {
    if (this.datasetId === null || !this.calibrationEnd) return;
    const id = this.datasetId;
    const report = await this.run('checking', () => compute().holdout(id, this.calibrationEnd, this.settings.timeUnit));
    if (report) this.holdout = report;
  }
}

/** The converged purchase model with the lowest BIC, or null. */
export function recommended(fits: ModelFit[]): ModelFit | null {
  let best: ModelFit | null = null;
  for (const f of fits) if (f.converged && (!best || f.bic < best.bic)) best = f;
  return best;
}

export const forecastState = new ForecastState();
