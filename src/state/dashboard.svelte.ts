/** The historical dashboard of the open dataset: figures fetched from the worker, and the reader's choices. */
import type { DashboardData } from '../core/figures';
import type { CohortPeriod, Cohorts } from '../core/types';
import type { CohortMetric } from '../charts/cohort-metrics';
import { compute } from './compute';
import { db } from './db';

class DashboardState {
  datasetId = $state<number | null>(null);
  data = $state.raw<DashboardData | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Margin % entered by the user when the file has no cost column; null = none. */
  marginPercent = $state<number | null>(null);
  cohortPeriod = $state<CohortPeriod>('month');
  cohortMetric = $state<CohortMetric>('retention');
  cohorts = $state.raw<Cohorts | null>(null);
  /** Customers of the cohort cell the reader clicked. */
  members = $state.raw<{ cohort: string; k: number; ids: string[] } | null>(null);
  logScale = $state(false);
  /** Time from asking to having the figures, for the benchmark and the footer. */
  lastLoadMs = $state(0);
  #request = 0;

  /** Load (or reload) everything for a dataset. Stale answers from an earlier request are dropped. */
  async open(datasetId: number, storedMargin: number | null = null) {
    const request = ++this.#request;
    if (this.datasetId !== datasetId) {
      this.datasetId = datasetId;
      this.data = null;
      this.cohorts = null;
      this.members = null;
      this.marginPercent = storedMargin;
    }
    this.loading = true;
    this.error = null;
    const t0 = performance.now();
    try {
      const [data, cohorts] = await Promise.all([
        compute().dashboard(datasetId, { marginPercent: this.marginPercent ?? undefined }),
        compute().cohorts(datasetId, this.cohortPeriod),
      ]);
      if (request !== this.#request) return;
      this.data = data;
      this.cohorts = cohorts;
      this.lastLoadMs = performance.now() - t0;
      // For the benchmark: the page-side wait and the worker's own compute time.
      performance.measure('clv:dashboard-data', { start: t0, detail: { workerMs: data.timings.figuresMs } });
    } catch (err) {
      if (request === this.#request) this.error = (err as Error).message;
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  async setMargin(percent: number | null) {
    if (this.datasetId === null) return;
    this.marginPercent = percent;
    await db.datasets.update(this.datasetId, { marginPercent: percent, updatedAt: Date.now() });
    await this.open(this.datasetId);
  }

  async setPeriod(period: CohortPeriod) {
    if (this.datasetId === null) return;
    this.cohortPeriod = period;
    this.members = null;
    const request = ++this.#request;
    const cohorts = await compute().cohorts(this.datasetId, period);
    if (request === this.#request) this.cohorts = cohorts;
  }

  async showMembers(cohort: string, k: number) {
    if (this.datasetId === null) return;
    const ids = await compute().cohortMembers(this.datasetId, this.cohortPeriod, cohort, k);
    this.members = { cohort, k, ids };
  }

  async setCurrency(currency: string | null) {
    if (this.datasetId === null) return;
    await db.datasets.update(this.datasetId, { currency, updatedAt: Date.now() });
  }
}

export const dashboard = new DashboardState();
