/**
 * The snapshot's `scenario` part (and each saved scenario in `scenarios`): the levers, the base's assumptions, base,
 * scenario and difference, and for every output left null the reason in plain words.
 */
import type { ScenarioBase } from './base';
import { comparisonNotes, type ScenarioComparison } from './compare';
import { OUTPUT_FIELDS, type OutputField, type OutputValues } from './fields';
import type { ScenarioLevers } from './levers';
import type { ScenarioSide } from './project';

export interface ScenarioAssumptions {
  activeCustomers: number;
  newCustomersPerMonth: number;
  monthlyRetention: number;
  purchasesPerMonth: number;
  revenuePerPurchase: number;
  margin: number;
  marginSource: ScenarioBase['marginSource'];
  atRiskValue: number | null;
  /** Customers on the at-risk list (aggregate-only snapshots leave its value out when they are fewer than k). */
  atRiskCustomers: number | null;
  /** Failed payments a month (money) the dunning lever recovers a share of; null when the file shows none. */
  failedPaymentsPerMonth: number | null;
  predictedModel: string | null;
  predictedMonths: number | null;
}

export interface ScenarioNullReason {
  side: 'base' | 'scenario';
  field: OutputField;
  code: string;
  reason: string;
}

export interface ScenarioPart {
  /** The owner's name for a saved scenario; absent in `npm run analyze`'s. */
  name?: string;
  levers: ScenarioLevers;
  assumptions: ScenarioAssumptions;
  base: OutputValues;
  scenario: OutputValues;
  difference: OutputValues;
  reasons: ScenarioNullReason[];
  /** Levers that had no effect for want of data (win-back without an at-risk list, dunning without failed payments). */
  notes: { code: string; reason: string }[];
}

/** Notes about levers, as opposed to the reasons for null outputs. */
const LEVER_NOTES: ReadonlySet<string> = new Set(['no-at-risk', 'no-failed-payments', 'no-new-customers']);

const round = (v: number | null) => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(6)));

function values(side: ScenarioSide): OutputValues {
  const out = {} as OutputValues;
  for (const k of OUTPUT_FIELDS) out[k] = round(side[k]);
  return out;
}

/** Why a field is null on a side. */
function reason(base: ScenarioBase, side: ScenarioSide, field: OutputField): { code: string; reason: string } {
  const note = (code: string) => side.notes.find((n) => n.code === code);
  const from = (code: string, fallback: string) => ({ code, reason: note(code)?.text ?? fallback });
  switch (field) {
    case 'clvPredicted':
      return base.predicted ? from('no-predicted-spend', 'The fitted spend model gives no mean spend.') : { code: 'no-model', reason: 'No purchase model was fitted to this data.' };
    case 'clvPerCustomer':
      return { code: 'no-churn', reason: 'Without churn the lifetime value has no finite value.' };
    case 'paybackCohortMonths':
      return side.terms.cac === null ? from('no-cac', 'No acquisition cost was given.') : from('never-pays-back', 'A new customer never pays back the acquisition cost.');
    case 'paybackDataMonths':
      return side.terms.cac === null
        ? from('no-cac', 'No acquisition cost was given.')
        : { code: 'cohorts-short', reason: 'The cohorts\' gross profit per customer does not reach the acquisition cost within the months the data covers.' };
    case 'paybackMonths':
      return side.terms.cac === null ? from('no-cac', 'No acquisition cost was given.') : { code: 'no-monthly-profit', reason: 'A new customer brings no gross profit a month.' };
    case 'ltvToCac':
      return side.terms.cac === null ? from('no-cac', 'No acquisition cost was given.') : from('zero-cac', 'An acquisition cost of 0 gives no ratio.');
    default:
      return { code: 'no-data', reason: 'The data does not give this figure.' };
  }
}

export function scenarioPart(base: ScenarioBase, c: ScenarioComparison, name?: string): ScenarioPart {
  const reasons: ScenarioNullReason[] = [];
  for (const [sideName, side] of [['base', c.base], ['scenario', c.scenario]] as const) {
    for (const field of OUTPUT_FIELDS) if (side[field] === null || !Number.isFinite(side[field])) reasons.push({ side: sideName, field, ...reason(base, side, field) });
  }
  const diff = {} as OutputValues;
  for (const k of OUTPUT_FIELDS) diff[k] = round(c.difference[k]);
  return {
    ...(name === undefined ? {} : { name }),
    levers: { ...c.levers },
    assumptions: {
      activeCustomers: base.activeCustomers,
      newCustomersPerMonth: round(base.newCustomersPerMonth)!,
      monthlyRetention: round(base.monthlyRetention)!,
      purchasesPerMonth: round(base.purchasesPerMonth)!,
      revenuePerPurchase: round(base.revenuePerPurchase)!,
      margin: round(base.margin)!,
      marginSource: base.marginSource,
      atRiskValue: round(base.atRiskValue),
      atRiskCustomers: base.atRiskCustomers,
      failedPaymentsPerMonth: round(base.failedPaymentsPerMonth),
      predictedModel: base.predicted?.model ?? null,
      predictedMonths: base.predicted?.monthlyPurchases.length ?? null,
    },
    base: values(c.base),
    scenario: values(c.scenario),
    difference: diff,
    reasons,
    notes: comparisonNotes(c).filter((n) => LEVER_NOTES.has(n.code)).map((n) => ({ code: n.code, reason: n.text })),
  };
}
