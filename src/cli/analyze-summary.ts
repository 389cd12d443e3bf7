/**
 * `npm run analyze` on a per-customer summary file (docs/warehouse.md): the same snapshot parts an orders file gives,
 * as far as a summary allows. `dataset` (with `source: "summary"`; refunds are not known and written 0; the dates are
 * the earliest first purchase and the observation end), `settings`, `historical` from the per-customer totals (no owner
 * formulas: they need months of activity), empty `cohorts`, and `models` and `forecast` fitted on x, tₓ, T and monetary
 * exactly as from orders. A file without dates (x, tₓ, T only) has no observation end: its snapshot holds the models
 * but no forecast part. Segments, NPS and what-if need the dated orders and are refused for a summary.
 */
import { summaryInUnit } from '../core/figures/summary-dataset';
import { summaryHistory, type SummaryHistory } from '../core/figures/summary-history';
import { summaryHistoricalForSnapshot } from '../core/snapshot/summary-historical';
import { dayToIso } from '../core/figures/dates';
import { SummaryReader, type SummaryReport, type SummarySniff } from '../core/import/summary-file';
import { DEFAULT_PREDICTION_SETTINGS, modelsForSnapshot, snapshotModelParts, toPredictSettings, type PredictionSettings } from '../core/forecast';
import { compareModels, forecast, unitsPerMonth, type ModelName } from '../core/forecast/models';
import { buildSnapshot } from '../core/snapshot';
import { emptyMapping } from '../core/import/detect-columns';
import type { Cohorts, DatasetFigures, ImportReport, SummaryDataset, TimeUnit } from '../core/types';
import { readCohortTable } from '../core/import/cohort-table';

export interface SummaryAnalyzeArgs {
  timeUnit: TimeUnit;
  horizonDays: number | null;
  model: string | null;
  /** The warehouse's cohort table for the summary (docs/warehouse.md), read as the app reads it. */
  cohortTableFile?: { name: string; bytes: Uint8Array } | null;
}

/** The forecast settings `analyze` uses for orders and summaries alike: twelve of the models' months unless a horizon in days is given. */
export function predictionSettingsOf(args: SummaryAnalyzeArgs, observationEnd: string | null): PredictionSettings {
  const daysPerUnit = args.timeUnit === 'week' ? 7 : 1;
  return {
    ...DEFAULT_PREDICTION_SETTINGS,
    model: (args.model ?? 'bgnbd') as ModelName,
    timeUnit: args.timeUnit,
    horizonMonths: args.horizonDays ? args.horizonDays / (unitsPerMonth(args.timeUnit) * daysPerUnit) : 12,
    observationEnd,
  };
}

/** The summary's reading as an import report (the snapshot's `dataset` counts and rejected rows). */
function importReportOf(r: SummaryReport): ImportReport {
  const mapping = emptyMapping();
  mapping.customer = r.mapping.customer;
  return {
    fileName: r.fileName, bytes: r.bytes, encoding: r.encoding, delimiter: r.delimiter, hasHeader: true, header: r.header, mapping,
    dateOrder: 'YMD', amountFormat: { decimal: '.', group: '' }, currency: null, rowsRead: r.rowsRead, rowsAccepted: r.rowsAccepted,
    rowsRejected: r.rowsRejected, blankLines: r.blankLines, rejected: r.rejected, warnings: r.warnings,
  };
}

const iso = (day: number | null) => (day === null ? null : dayToIso(day));
/** As the orders path rounds its `historical` part (src/core/figures/dashboard.ts). */
const round = (v: number, digits = 6) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

function figuresOf(data: SummaryDataset, h: SummaryHistory): DatasetFigures {
  return {
    customers: h.customers,
    purchases: h.purchases,
    refunds: 0,
    grossRevenue: data.revenue ? h.revenue : 0,
    refundTotal: 0,
    netRevenue: data.revenue ? h.revenue : 0,
    ...(data.revenue ? {} : { withoutAmounts: true }),
    firstDate: iso(h.firstPurchaseDay),
    lastDate: iso(data.observationEnd),
  };
}

export { summaryHistoricalForSnapshot } from '../core/snapshot/summary-historical';

/** Read the summary file, fit the models and build the snapshot. */
export async function analyzeSummaryFile(fileName: string, guess: SummarySniff, chunks: AsyncIterable<Uint8Array>, args: SummaryAnalyzeArgs, app: string) {
  const reader = new SummaryReader({ fileName, encoding: guess.encoding, delimiter: guess.delimiter, header: guess.header, mapping: guess.mapping });
  for await (const chunk of chunks) reader.push(chunk);
  const { dataset, report } = reader.finish();
  if (report.rowsAccepted === 0) throw new Error(`${fileName}: no row of this summary could be read (${report.rowsRejected} rejected)`);
  const history = summaryHistory(dataset);
  const observationEnd = iso(dataset.observationEnd);
  const snapshot = buildSnapshot({
    ...modelParts(dataset, args, observationEnd),
    app,
    report: importReportOf(report),
    figures: figuresOf(dataset, history),
    cohorts: args.cohortTableFile ? cohortsOfTable(args.cohortTableFile, dataset) : { period: 'month', rows: [] },
    historical: summaryHistoricalForSnapshot(history),
    settings: { observationEnd, timeUnit: args.timeUnit },
  });
  return { ...snapshot, dataset: { ...snapshot.dataset, source: 'summary' as const } };
}

/** The cohort table's monthly cohorts, up to the summary's observation end; its rejected rows said on stderr. */
function cohortsOfTable(file: { name: string; bytes: Uint8Array }, dataset: SummaryDataset): Cohorts {
  const { cohorts, customers, report } = readCohortTable(file.bytes, file.name, dataset.observationEnd);
  for (const g of report.rejected) process.stderr.write(`analyze: ${file.name}: ${g.count} row(s) rejected: ${g.reason} (first on line ${g.examples[0]?.line ?? '?'})\n`);
  if (customers !== dataset.customerIds.length) process.stderr.write(`analyze: ${file.name} counts ${customers} customers; the summary has ${dataset.customerIds.length}\n`);
  return cohorts;
}

function modelParts(dataset: SummaryDataset, args: SummaryAnalyzeArgs, observationEnd: string | null) {
  const settings = predictionSettingsOf(args, observationEnd);
  try {
    const summary = summaryInUnit(dataset, args.timeUnit);
    const fits = compareModels(summary);
    const result = forecast(summary, { model: settings.model, ...toPredictSettings(settings) });
    if (observationEnd === null) return { models: modelsForSnapshot(fits, dataset.hasMonetary ? result.spend : null) };
    const predictions = { settings, observationEnd, forecast: dataset.hasMonetary ? result : { ...result, spend: null } };
    return snapshotModelParts(predictions, { fits, timeUnit: settings.timeUnit, observationEnd });
  } catch (err) {
    process.stderr.write(`analyze: no models: ${(err as Error).message.split('\n')[0]}\n`);
    return {};
  }
}
