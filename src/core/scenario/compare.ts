/** Base beside scenario, and the difference: what the What-if tab and the snapshot's `scenario` part show. */
import type { Notice } from '../types';
import type { ScenarioBase } from './base';
import { ZERO_LEVERS, type ScenarioLevers } from './levers';
import { evaluateSide, type ScenarioSide } from './project';
import { OUTPUT_FIELDS, type OutputValues } from './fields';

export { OUTPUT_FIELDS, type OutputField, type OutputValues } from './fields';

export interface ScenarioComparison {
  levers: ScenarioLevers;
  base: ScenarioSide;
  scenario: ScenarioSide;
  difference: OutputValues;
}

/** The base side: the levers at zero, with the acquisition inputs the scenario uses (both sides share them). */
export function baseLevers(levers: ScenarioLevers): ScenarioLevers {
  return { ...ZERO_LEVERS, cacPerCustomer: levers.cacPerCustomer, marketingSpendPerMonth: levers.marketingSpendPerMonth };
}

export function outputValues(side: ScenarioSide): OutputValues {
  const out = {} as OutputValues;
  for (const k of OUTPUT_FIELDS) out[k] = side[k];
  return out;
}

export function difference(base: OutputValues, scenario: OutputValues): OutputValues {
  const out = {} as OutputValues;
  for (const k of OUTPUT_FIELDS) {
    const a = base[k], b = scenario[k];
    out[k] = a === null || b === null ? null : b - a;
  }
  return out;
}

/** Evaluate base and scenario; `baseSide` when the caller kept the base side of the same acquisition inputs. */
export function compareScenario(base: ScenarioBase, levers: ScenarioLevers, baseSide?: ScenarioSide): ScenarioComparison {
  const b = baseSide ?? evaluateSide(base, baseLevers(levers));
  const s = evaluateSide(base, levers);
  return { levers, base: b, scenario: s, difference: difference(outputValues(b), outputValues(s)) };
}

/** Why outputs are null, once each (both sides' notes). */
export function comparisonNotes(c: ScenarioComparison): Notice[] {
  const seen = new Set<string>();
  return [...c.base.notes, ...c.scenario.notes].filter((n) => !seen.has(n.code) && (seen.add(n.code), true));
}
