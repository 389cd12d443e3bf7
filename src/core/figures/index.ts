/**
 * Figures computed from a TransactionTable: dataset figures, cohorts, model input summaries, historical CLV.
 */
export { datasetFigures } from './dataset-figures';
export { cohorts, cohortMembers } from './cohorts';
export { customerSummary, summarizeCustomerDays, daysPerUnit, type SummaryOptions } from './customer-summary';
export { calibrationHoldout, type CalibrationHoldout, type HoldoutOptions } from './holdout';
export { purchaseDayCounts, type PurchaseDayCounts, type PurchaseDayCountOptions } from './purchase-day-counts';
export { groupCustomerDays, releaseGroupings, releaseCustomerFirstDays, customerFirstDays, tableDayRange, type CustomerDays, type PurchaseRowFilter } from './customer-days';
export { historicalFigures, DAYS_PER_YEAR, type HistoricalFigures, type HistoricalAggregates, type HistoricalOptions, type HistoricalRatios, type Ratio } from './historical';
export { customerAt, customerHistory, historyCustomers, historyLength, type CustomerHistory, type ProfitSource } from './customer-history';
export { monthlyActivity, type MonthlyActivity, type MonthChurn } from './monthly-activity';
export {
  clvFormulas,
  subscriptionClv,
  historicalClv,
  aovFrequencyLifespanClv,
  churnClv,
  MIN_CHURN_CUSTOMER_MONTHS,
  type ClvFormula,
  type ClvFormulaId,
  type FormulaFacts,
  type FormulaInput,
  type FormulaUnit,
} from './clv-formulas';
export { concentration, type Concentration, type ConcentrationOptions, type LorenzPoint, type TopShare } from './concentration';
export { histogram, type Histogram, type HistogramOptions } from './histogram';
export { median, mean } from './stats';
export { NeumaierSum, preciseSum } from './sum';
export { dayToIso, isoToDay, civilFromDay, dayFromCivil, monthLabel, quarterLabel, isoWeekLabel } from './dates';
export { periodScheme, type PeriodScheme } from './periods';
export { clvDistribution, dashboardData, historicalForSnapshot, type DashboardData, type DashboardOptions } from './dashboard';
export { analyzeDataset, type DatasetAnalysis } from './analyze';
