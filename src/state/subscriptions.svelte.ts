/**
 * The Subscriptions tab of whatever is open: the billing export's figures with the LTV's averaging window. It follows
 * the session by itself (another dataset starts over); an answer that arrives after a newer request is dropped.
 */
import type { SubscriptionsView } from '../../workers/subscriptions.api';
import { DEFAULT_LTV_WINDOW } from '../core/subscriptions/ltv';
import { compute, type Compute } from './compute';
import { session, type Session } from './session.svelte';
import { errorText } from './error-text';

export class SubscriptionsStore {
  datasetId = $state<number | null>(null);
  /** Months the churn behind the LTV is averaged over. */
  ltvWindow = $state(DEFAULT_LTV_WINDOW);
  view = $state.raw<SubscriptionsView | null>(null);
  /** Asked and answered: the dataset holds no billing rows. */
  empty = $state(false);
  error = $state<string | null>(null);
  loading = $state(false);
  #request = 0;
  readonly #stop: () => void;

  constructor(
    readonly client: () => Compute,
    session: Session,
  ) {
    this.#stop = $effect.root(() => session.follow((dataset) => this.#follow(dataset?.id ?? null)));
  }

  destroy() {
    this.#stop();
  }

  #follow(id: number | null) {
    if (id === this.datasetId) return;
    this.datasetId = id;
    this.view = null;
    this.empty = false;
    this.error = null;
  }

  async refresh() {
    const id = this.datasetId;
    if (id === null) return;
    const request = ++this.#request;
    this.loading = true;
    this.error = null;
    try {
      const view = await this.client().subscriptions(id, { ltvWindow: this.ltvWindow });
      if (request !== this.#request || id !== this.datasetId) return;
      this.view = view;
      this.empty = view === null;
    } catch (err) {
      if (request === this.#request) this.error = errorText(err);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  setWindow(months: number) {
    this.ltvWindow = months;
    void this.refresh();
  }
}

export const subscriptionsState = new SubscriptionsStore(compute, session);
