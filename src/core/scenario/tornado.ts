/**
 * Sensitivity: each lever moved by the same step up and down from the scenario, and its effect on gross profit over
 * 24 months; ranked by the larger of the two effects.
 */
import type { ScenarioBase } from './base';
import { LEVER_RANGES, type NumericLever, type ScenarioLevers } from './levers';
import { evaluateSide } from './project';

/** Levers in the chart and the direction that helps (churn down helps). Annual churn is left out: without uptake it does nothing. */
export const TORNADO_LEVERS: readonly NumericLever[] = [
  'retentionPoints', 'churnPercent', 'pricePercent', 'orderValuePercent', 'frequencyPercent', 'marginPoints',
  'annualUptakePercent', 'winBackPercent', 'dunningPercent',
];

export interface TornadoBar {
  lever: NumericLever;
  /** Lever values moved down and up (kept inside the lever's range). */
  low: number;
  high: number;
  /** Gross profit over 24 months at each, minus the scenario's. */
  lowEffect: number;
  highEffect: number;
}

export interface Tornado {
  step: number;
  /** The scenario's 24-month gross profit every effect is measured from. */
  reference: number;
  bars: TornadoBar[];
}

export function tornado(base: ScenarioBase, levers: ScenarioLevers, step = 5): Tornado {
  const reference = evaluateSide(base, levers).grossProfit24;
  const at = (lever: NumericLever, value: number) => evaluateSide(base, { ...levers, [lever]: value }).grossProfit24 - reference;
  const bars: TornadoBar[] = [];
  for (const lever of TORNADO_LEVERS) {
    const [min, max] = LEVER_RANGES.get(lever)!;
    const low = Math.max(min, levers[lever] - step), high = Math.min(max, levers[lever] + step);
    bars.push({ lever, low, high, lowEffect: at(lever, low), highEffect: at(lever, high) });
  }
  const size = (b: TornadoBar) => Math.max(Math.abs(b.lowEffect), Math.abs(b.highEffect));
  bars.sort((a, b) => size(b) - size(a) || TORNADO_LEVERS.indexOf(a.lever) - TORNADO_LEVERS.indexOf(b.lever));
  return { step, reference, bars };
}
