/**
 * The History tab of whatever is open: the dashboard figures and the cohorts, reloaded by themselves when another
 * dataset is opened or its margin changes, with the reader's choices (cohort period and metric, log scale). An answer
 * that arrives after a newer request is dropped.
 */
import type { CohortPeriod, Cohorts } from '../core/types';
import type { CohortMetric } from '../charts/cohort-metrics';
import { compute, type Compute } from './compute';
import { session, type Session } from './session.svelte';
import { errorText } from './error-text';
import { onFirstScreen, takeFirstScreen } from './first-screen';
import type { DashboardPage, FirstScreen } from '../../workers/dashboard-page';

export class HistoryStore {
  /** The dashboard's figures (the customer table's rows stay with the worker: CustomerTable asks for those in sight). */
  data = $state.raw<DashboardPage | null>(null);
  cohorts = $state.raw<Cohorts | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  cohortPeriod = $state<CohortPeriod>('month');
  cohortMetric = $state<CohortMetric>('retention');
  /** Customers of the cohort cell the reader clicked. */
  members = $state.raw<{ cohort: string; k: number; ids: string[] } | null>(null);
  logScale = $state(false);
  /** Time from asking to having the figures, for the benchmark. */
  lastLoadMs = $state(0);
  /** The dataset the figures above belong to. */
  datasetId = $state<number | null>(null);

  /** The margin the figures were last asked at (they follow the dataset's margin). */
  #margin: number | null = null;
  #figuresRequest = 0;
  #cohortsRequest = 0;
  readonly #stop: () => void;
  readonly client: () => Compute;
  readonly session: Session;

  constructor(client: () => Compute, session: Session) {
    this.client = client;
    this.session = session;
    const stopFollowing = $effect.root(() => session.follow((dataset) => this.#follow(dataset?.id ?? null, dataset?.settings.marginPercent ?? null)));
    // A first screen offered after the store opened its dataset (and asked the worker) still takes the place of the
    // answers, which would be the same figures later.
    const stopHearing = onFirstScreen((id, first) => {
      if (id === this.datasetId && takeFirstScreen(id)) this.#seed(first);
    });
    this.#stop = () => {
      stopFollowing();
      stopHearing();
    };
  }

  /** Stop following the session (tests). */
  destroy() {
    this.#stop();
  }

  #follow(id: number | null, margin: number | null) {
    if (id !== this.datasetId) {
      this.datasetId = id;
      this.data = null;
      this.cohorts = null;
      this.members = null;
      this.#margin = margin;
      if (id !== null) {
        const first = takeFirstScreen(id);
        if (!first || !this.#seed(first)) void this.#loadFigures(id);
        if (this.cohorts === null) void this.#loadCohorts(id);
      }
    } else if (id !== null && margin !== this.#margin) {
      this.#margin = margin;
      void this.#loadFigures(id);
    }
  }

  /**
   * Show an import's first screen (see first-screen.ts) while the dataset has no margin, which it was made without:
   * requests under way are overtaken. Whether the figures were taken.
   */
  #seed(first: FirstScreen): boolean {
    if (this.#margin !== null) return false;
    ++this.#figuresRequest;
    this.data = first.dashboard;
    this.loading = false;
    this.error = null;
    if (first.cohorts.period === this.cohortPeriod) {
      ++this.#cohortsRequest;
      this.cohorts = first.cohorts;
    }
    return true;
  }

  async #loadFigures(id: number) {
    const request = ++this.#figuresRequest;
    this.loading = true;
    this.error = null;
    const t0 = performance.now();
    try {
      const data = await this.client().dashboard(id);
      if (request !== this.#figuresRequest) return;
      this.data = data;
      this.lastLoadMs = performance.now() - t0;
      // For the benchmark: the page-side wait and the worker's own compute time.
      performance.measure?.('clv:dashboard-data', { start: t0, detail: { workerMs: data.timings.figuresMs } });
    } catch (err) {
      if (request === this.#figuresRequest) this.error = errorText(err);
    } finally {
      if (request === this.#figuresRequest) this.loading = false;
    }
  }

  async #loadCohorts(id: number) {
    const request = ++this.#cohortsRequest;
    const period = this.cohortPeriod;
    try {
      const cohorts = await this.client().cohorts(id, period);
      if (request === this.#cohortsRequest) this.cohorts = cohorts;
    } catch (err) {
      if (request === this.#cohortsRequest) this.error = errorText(err);
    }
  }

  /** Ask for the cohorts again: they changed in the worker (a summary's cohort table added or removed). */
  reloadCohorts() {
    if (this.datasetId !== null) void this.#loadCohorts(this.datasetId);
  }

  setPeriod(period: CohortPeriod) {
    this.cohortPeriod = period;
    this.members = null;
    if (this.datasetId !== null) void this.#loadCohorts(this.datasetId);
  }

  async showMembers(cohort: string, k: number) {
    const id = this.datasetId;
    if (id === null) return;
    const ids = await this.client().cohortMembers(id, this.cohortPeriod, cohort, k);
    if (id === this.datasetId) this.members = { cohort, k, ids };
  }

  closeMembers() {
    this.members = null;
  }
}

export const history = new HistoryStore(compute, session);
