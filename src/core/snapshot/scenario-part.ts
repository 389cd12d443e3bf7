/**
 * Reader of the `scenario` part (npm run analyze --scenario) and of `scenarios` (the app's saved scenarios): levers
 * as the scenario file's checks take them, the base's assumptions, the outputs as numbers or null, and the reasons.
 */
import { checkLevers } from '../scenario/levers';
import { OUTPUT_FIELDS, type OutputValues } from '../scenario/fields';
import type { ScenarioPart } from '../scenario/snapshot-part';
import { count, listOf, number, oneOf, orNull, problem, record, text, type Notes, type Reader } from './reader';
import { MAX_AMOUNT, MAX_LABEL_LENGTH, MAX_NAME_LENGTH } from './schema';

/** Most saved scenarios a snapshot carries. */
export const MAX_SCENARIOS = 100;

const amount = number(-MAX_AMOUNT, MAX_AMOUNT);
const nonNegative = number(0, MAX_AMOUNT);
const share = number(0, 1);

export function readScenario(notes: Notes): Reader<ScenarioPart> {
  const values: Reader<OutputValues> = (value, path) => {
    const f = record(notes)(value, path);
    const out = {} as OutputValues;
    for (const key of OUTPUT_FIELDS) out[key] = f.required(key, orNull(amount));
    f.done();
    return out;
  };
  const reason: Reader<ScenarioPart['reasons'][number]> = (value, path) => {
    const f = record(notes)(value, path);
    const out = { side: f.required('side', oneOf(['base', 'scenario'] as const)), field: f.required('field', oneOf(OUTPUT_FIELDS)), code: f.required('code', text(100, 1)), reason: f.required('reason', text(MAX_LABEL_LENGTH)) };
    f.done();
    return out;
  };
  const note: Reader<ScenarioPart['notes'][number]> = (value, path) => {
    const f = record(notes)(value, path);
    const out = { code: f.required('code', text(100, 1)), reason: f.required('reason', text(MAX_LABEL_LENGTH)) };
    f.done();
    return out;
  };
  const levers: Reader<ScenarioPart['levers']> = (value, path) => {
    const checked = checkLevers(value);
    if (!checked.ok) problem('bad-levers', `${path}: ${checked.problem.text}`, { path, why: checked.problem.text });
    return checked.levers;
  };
  const assumptions: Reader<ScenarioPart['assumptions']> = (value, path) => {
    const f = record(notes)(value, path);
    const out = {
      activeCustomers: f.required('activeCustomers', nonNegative),
      newCustomersPerMonth: f.required('newCustomersPerMonth', nonNegative),
      monthlyRetention: f.required('monthlyRetention', share),
      purchasesPerMonth: f.required('purchasesPerMonth', nonNegative),
      revenuePerPurchase: f.required('revenuePerPurchase', amount),
      margin: f.required('margin', number(-100, 1)),
      marginSource: f.required('marginSource', oneOf(['owner', 'file', 'none', 'typed'] as const)),
      atRiskValue: f.required('atRiskValue', orNull(amount)),
      atRiskCustomers: f.required('atRiskCustomers', orNull(count())),
      failedPaymentsPerMonth: f.required('failedPaymentsPerMonth', orNull(nonNegative)),
      predictedModel: f.required('predictedModel', orNull(oneOf(['bgnbd', 'mbgnbd', 'paretoNbd'] as const))),
      predictedMonths: f.required('predictedMonths', orNull(number(0, 1200))),
    };
    f.done();
    return out;
  };
  return (value, path) => {
    const f = record(notes)(value, path);
    const name = f.optional('name', text(MAX_NAME_LENGTH, 1));
    const out: ScenarioPart = {
      ...(name === undefined ? {} : { name }),
      levers: f.required('levers', levers),
      assumptions: f.required('assumptions', assumptions),
      base: f.required('base', values),
      scenario: f.required('scenario', values),
      difference: f.required('difference', values),
      reasons: f.required('reasons', listOf(OUTPUT_FIELDS.length * 3, reason)),
      notes: f.optional('notes', listOf(20, note)) ?? [],
    };
    f.done();
    return out;
  };
}

export function readScenarios(notes: Notes): Reader<ScenarioPart[]> {
  return listOf(MAX_SCENARIOS, readScenario(notes));
}
