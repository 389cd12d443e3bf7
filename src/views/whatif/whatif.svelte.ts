/**
 * The What-if tab's state: the levers, the answer for them (base, scenario, difference, tornado), the saved scenarios
 * compared side by side, and the calculator's typed inputs. Every slider move asks the worker; while an answer is on
 * its way only the newest levers are sent next, so a fast drag never queues up work.
 */
import { ZERO_LEVERS, type ScenarioLevers } from '../../core/scenario/levers';
import type { CalculatorInput } from '../../core/scenario/base';
import type { SaveScenarioOutcome, SavedComparison, WhatIfAnswer } from '../../../workers/scenario.api';
import type { Notice } from '../../core/types';
import { compute, type Compute } from '../../state/compute';
import { errorText } from '../../state/error-text';

export class WhatIfStore {
  levers = $state<ScenarioLevers>({ ...ZERO_LEVERS });
  answer = $state.raw<WhatIfAnswer | null>(null);
  saved = $state.raw<SavedComparison[]>([]);
  problem = $state<Notice | null>(null);
  error = $state<string | null>(null);
  #busy = false;
  #again = false;
  readonly client: () => Compute;
  /** The dataset, or the calculator's typed inputs. */
  readonly source: { datasetId: number } | { calculator: () => CalculatorInput };

  constructor(source: WhatIfStore['source'], client: () => Compute = compute) {
    this.source = source;
    this.client = client;
  }

  /** Ask for the current levers; called on every change. */
  async update(): Promise<void> {
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = true;
    try {
      do {
        this.#again = false;
        const levers = $state.snapshot(this.levers);
        const api = this.client();
        this.answer = 'datasetId' in this.source ? await api.whatIf(this.source.datasetId, levers) : await api.calculator(this.source.calculator(), levers);
        this.error = null;
      } while (this.#again);
    } catch (err) {
      this.error = errorText(err);
    } finally {
      this.#busy = false;
    }
  }

  reset(): void {
    this.levers = { ...ZERO_LEVERS, cacPerCustomer: this.levers.cacPerCustomer, marketingSpendPerMonth: this.levers.marketingSpendPerMonth };
    void this.update();
  }

  async loadSaved(): Promise<void> {
    if (!('datasetId' in this.source)) return;
    this.saved = await this.client().compareSaved(this.source.datasetId);
  }

  async save(name: string): Promise<SaveScenarioOutcome | null> {
    if (!('datasetId' in this.source)) return null;
    const outcome = await this.client().saveScenario(this.source.datasetId, name, $state.snapshot(this.levers));
    this.problem = outcome.ok ? null : outcome.problem;
    if (outcome.ok) await this.loadSaved();
    return outcome;
  }

  async remove(id: number): Promise<void> {
    await this.client().deleteScenario(id);
    await this.loadSaved();
  }

  /** Put a saved scenario's levers on the sliders. */
  use(levers: ScenarioLevers): void {
    this.levers = { ...levers };
    void this.update();
  }
}

/** One store per dataset while the page lives, so that the levers stay where they were when the tab is shown again. */
const stores = new Map<number, WhatIfStore>();
export function whatIfFor(datasetId: number): WhatIfStore {
  let store = stores.get(datasetId);
  if (!store) stores.set(datasetId, (store = new WhatIfStore({ datasetId })));
  return store;
}
