/** What-if scenarios: the owner's base, the levers, base beside scenario, sensitivity and acquisition cost. */
export { ACTIVE_DAYS, COHORT_AGES, DEFAULT_CALCULATOR, calculatorBase, dataBase, type CalculatorInput, type DataBaseInput, type PredictedBase, type ScenarioBase } from './base';
export { LEVER_RANGES, ZERO_LEVERS, checkLevers, isBaseLevers, type LeversCheck, type NumericLever, type PriceAppliesTo, type ScenarioLevers } from './levers';
export { MIN_CHURN, PAYBACK_LIMIT, PROJECTION_MONTHS, evaluateSide, type ScenarioSide, type ScenarioTerms } from './project';
export { OUTPUT_FIELDS, baseLevers, compareScenario, comparisonNotes, difference, outputValues, type OutputField, type OutputValues, type ScenarioComparison } from './compare';
export { TORNADO_LEVERS, tornado, type Tornado, type TornadoBar } from './tornado';
export { cacFromSpend, readSpendCsv, type MonthCac, type SpendCac, type SpendRow } from './spend';
export { predictedBase, type Predicts } from './predicted';
export { scenarioPart, type ScenarioAssumptions, type ScenarioNullReason, type ScenarioPart } from './snapshot-part';
export { failedPaymentsOfData, failedPaymentsPerMonth, isFailedPayment, unrecoveredPerMonth } from './failed-payments';
export { annualFromData, type AnnualFromData } from './annual-from-data';
