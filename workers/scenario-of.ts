/**
 * The open dataset's what-if base, built once per (margin, forecast, at-risk list) while the dataset stays open: the
 * history's figures at the dataset's margin, its monthly cohorts, the at-risk list's value (with the open forecast's
 * predictions when there is one) and, when a model is fitted, its expected purchases month by month from the fitted
 * parameters (never a refit). A slider move then costs only the scenario's monthly sums. Loaded on first use: the
 * scenario code is not in the worker's first chunk.
 */
import { forecastMargin } from '../src/core/forecast/margin';
import { monthlyRate } from '../src/core/forecast/settings';
import { atRiskList } from '../src/core/segments/lists';
import { annualFromData, dataBase, failedPaymentsOfData, predictedBase, type ScenarioBase } from '../src/core/scenario';
import type { WorkerContext } from './context';
import { cohortsOf, dashboardOf } from './derived';
import { segmentsOf } from './segments-of';
import { customerCountOf } from '../src/core/customer-ids';

export async function scenarioBaseOf(context: WorkerContext, datasetId: number): Promise<ScenarioBase> {
  const { db, tables, forecasts } = context;
  const record = await context.recordOf(datasetId);
  if (!record) throw new Error(`Dataset ${datasetId} no longer exists.`);
  const marginPercent = record.marginPercent ?? null;
  const excluded = record.report.excluded;
  // A billing export says which payments failed, for how much and which were paid in the end, and its months and plan
  // lifetimes what annual billing already does there. Its rows are read and its report made once per open dataset,
  // not on every slider move.
  const billingReport = record.billing
    ? await tables.derived(datasetId, 'scenario-billing', async () => {
        const file = (await db.billing.get(datasetId))?.file;
        return file ? (await import('../src/core/subscriptions/report')).subscriptionsReport(file) : null;
      })
    : null;
  const billingDunning = billingReport?.dunning ?? null;
  const session = forecasts.peek(datasetId);
  const key = `scenario-base:${marginPercent ?? 'none'}:${session?.predictionKey ?? 'none'}`;
  const [dashboard, cohorts, segments] = await Promise.all([dashboardOf(tables, datasetId, marginPercent), cohortsOf(tables, datasetId, 'month'), segmentsOf(context, datasetId, null)]);
  const byCode = session?.byCode(customerCountOf(await tables.table(datasetId))) ?? null;
  return tables.derived(datasetId, `${key}:${JSON.stringify(segments.lists.atRisk)}`, () => {
    const historical = dashboard.historical;
    const atRisk = atRiskList(segments.report, segments.lists.atRisk, byCode);
    let value = 0;
    for (const e of atRisk.entries) value += e.value;
    const fitted = session?.fitted, prediction = session?.prediction;
    const predicted = fitted && prediction ? predictedBase(fitted.predictor, prediction.settings.timeUnit, monthlyRate(prediction.settings.discountRate, prediction.settings.discountPer)) : null;
    return dataBase({
      historical,
      cohorts,
      margin: forecastMargin(marginPercent, historical.margin.rate),
      atRisk: historical.hasAmounts ? { value, customers: atRisk.total } : null,
      predicted,
      failedPaymentsPerMonth: failedPaymentsOfData(excluded, historical.averageOrderValue, historical.dataYears * 12, billingDunning),
      annualFromData: billingReport ? annualFromData(billingReport.months, billingReport.lifetimes) : null,
    });
  });
}
