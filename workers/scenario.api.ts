/**
 * What-if domain: a scenario of the open dataset (base beside scenario, with the sensitivity chart), the owner's saved
 * scenarios (written here only: the worker is the one writer of IndexedDB) compared side by side, acquisition cost
 * from a spend file, and the calculator for owners without data. The scenario code is a chunk of its own, imported
 * on first use (the worker's first chunk stays within its budget).
 */
import type { Notice } from '../src/core/types';
import type { CalculatorInput, ScenarioBase, ScenarioComparison, ScenarioLevers, SpendCac, Tornado } from '../src/core/scenario';
import type { SavedScenario } from '../src/db/scenarios';
import type { WorkerContext } from './context';

/** A scenario as the page shows it. */
export interface WhatIfAnswer {
  base: ScenarioBase;
  comparison: ScenarioComparison;
  tornado: Tornado;
  timings: { ms: number };
}

/** The saved scenarios, each compared with the base. */
export interface SavedComparison {
  saved: SavedScenario;
  comparison: ScenarioComparison;
}

export type SaveScenarioOutcome = { ok: true; id: number } | { ok: false; problem: Notice };

const core = () => import('../src/core/scenario');
const store = () => import('../src/db/scenarios');

export function scenarioApi(context: WorkerContext) {
  const { db } = context;
  const baseOf = async (datasetId: number) => (await import('./scenario-of')).scenarioBaseOf(context, datasetId);

  async function answer(base: ScenarioBase, levers: ScenarioLevers, step: number, started: number): Promise<WhatIfAnswer> {
    const { compareScenario, tornado } = await core();
    return { base, comparison: compareScenario(base, levers), tornado: tornado(base, levers, step), timings: { ms: performance.now() - started } };
  }

  return {
    /** Base beside the scenario of these levers, and each lever's effect on 24-month gross profit at ± step. */
    async whatIf(datasetId: number, levers: ScenarioLevers, step = 5): Promise<WhatIfAnswer> {
      const started = performance.now();
      return answer(await baseOf(datasetId), levers, step, started);
    },

    /** The calculator: the same levers on an owner's typed numbers (no dataset). */
    async calculator(input: CalculatorInput, levers: ScenarioLevers, step = 5): Promise<WhatIfAnswer> {
      const started = performance.now();
      return answer((await core()).calculatorBase(input), levers, step, started);
    },

    /** Save the levers under a name (one of the same name is replaced); the levers are checked first. */
    async saveScenario(datasetId: number, name: string, levers: ScenarioLevers): Promise<SaveScenarioOutcome> {
      const checked = (await core()).checkLevers(levers);
      if (!checked.ok) return checked;
      if (!name.trim()) return { ok: false, problem: { code: 'no-name', text: 'A scenario needs a name.', vars: {} } };
      return { ok: true, id: await (await store()).saveScenario(db, datasetId, name, checked.levers) };
    },

    async deleteScenario(id: number): Promise<void> {
      await (await store()).deleteScenario(db, id);
    },

    /** Every saved scenario of the dataset compared with the base, for the side-by-side table. */
    async compareSaved(datasetId: number): Promise<SavedComparison[]> {
      const [{ compareScenario }, { listScenarios }] = await Promise.all([core(), store()]);
      const saved = await listScenarios(db, datasetId);
      if (!saved.length) return [];
      const base = await baseOf(datasetId);
      return saved.map((s) => ({ saved: s, comparison: compareScenario(base, s.levers) }));
    },

    /** Acquisition cost from a marketing spend file (month, channel, spend) ÷ the dataset's new customers by month. */
    async spendCac(datasetId: number, text: string): Promise<{ ok: true; cac: SpendCac } | { ok: false; problem: string; line: number }> {
      const { readSpendCsv, cacFromSpend } = await core();
      if (text.length > 1 << 20) return { ok: false, problem: 'A spend file is at most 1 MB.', line: 0 };
      const read = readSpendCsv(text);
      if (!read.ok) return read;
      return { ok: true, cac: cacFromSpend(read.rows, (await baseOf(datasetId)).newCustomersByMonth) };
    },
  };
}
