/**
 * The open dataset's segments report, shared by the segments API and the snapshot: computed once per (day, rules,
 * forecast) while the dataset stays open, with the owner's rule table and the open forecast's predictions.
 */
import { DEFAULT_LIST_RULES, DEFAULT_RULES, checkRules, joinPredictions, scoreSegments, type ListRules, type SegmentRule, type SegmentsReport } from '../src/core/segments';
import { isoToDay } from '../src/core/figures/dates';
import { tableDayRange } from '../src/core/figures';
import type { TransactionTable } from '../src/core/types';
import type { WorkerContext } from './context';
import { customerCountOf } from '../src/core/customer-ids';

const RULES_KEY = 'segment-rules';

/** The dataset's segment and list rules, read from IndexedDB once while it is open (only this worker changes them). */
export async function segmentRulesOf(context: WorkerContext, datasetId: number): Promise<{ rules: SegmentRule[]; edited: boolean; lists: ListRules }> {
  const read = context.tables.derived(datasetId, RULES_KEY, () => readRules(context, datasetId));
  // A failed read is not kept.
  return read.catch((err: unknown) => {
    context.tables.forget(datasetId, RULES_KEY);
    throw err;
  });
}

/** After the rules are saved: the next request reads them again. */
export function forgetRules(context: WorkerContext, datasetId: number): void {
  context.tables.forget(datasetId, RULES_KEY);
}

async function readRules(context: WorkerContext, datasetId: number): Promise<{ rules: SegmentRule[]; edited: boolean; lists: ListRules }> {
  const record = await context.recordOf(datasetId);
  if (!record) throw new Error(`Dataset ${datasetId} no longer exists.`);
  const stored = record.segmentRules ? checkRules(record.segmentRules) : null;
  return { rules: stored?.ok ? stored.rules : DEFAULT_RULES.map((r) => ({ ...r })), edited: stored?.ok ?? false, lists: { ...DEFAULT_LIST_RULES, ...record.listRules } };
}

/** The open forecast's predictions by customer code, or null before a forecast. */
export async function predictionsOf(context: WorkerContext, datasetId: number) {
  const table = await context.tables.table(datasetId);
  return context.forecasts.peek(datasetId)?.byCode(customerCountOf(table)) ?? null;
}

export interface SegmentsOf {
  report: SegmentsReport;
  table: TransactionTable;
  edited: boolean;
  lists: ListRules;
  predicted: boolean;
}

export async function segmentsOf(context: WorkerContext, datasetId: number, asOf: string | null): Promise<SegmentsOf> {
  const { tables, forecasts } = context;
  const table = await tables.table(datasetId);
  const { rules, edited, lists } = await segmentRulesOf(context, datasetId);
  const byCode = await predictionsOf(context, datasetId);
  // A summary dataset (docs/warehouse.md) is scored as of its own observation end, from its recency, x and revenue.
  const summary = await tables.summaryDataset(datasetId);
  const day = summary ? (summary.observationEnd ?? 0) : asOf ? isoToDay(asOf) : (tableDayRange(table)?.max ?? 0);
  // The scores and segments do not depend on the forecast: a new prediction only redoes the averages it adds.
  const scoredKey = `segments:${day}:${JSON.stringify(rules)}`;
  const scored = await tables.derived(datasetId, scoredKey, async () => {
    if (!summary) return scoreSegments(table, day, rules);
    const [{ summaryRfmInput }, { scoreRfmInput }] = await Promise.all([import('../src/core/segments/summary-rfm'), import('../src/core/segments/report')]);
    return scoreRfmInput(summaryRfmInput(summary), rules);
  });
  const key = `${scoredKey}:${forecasts.peek(datasetId)?.predictionKey ?? 'none'}`;
  const report = await tables.derived(datasetId, key, () => joinPredictions(scored, byCode));
  return { report, table, edited, lists, predicted: byCode !== null };
}
