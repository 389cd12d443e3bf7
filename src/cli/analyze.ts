/**
 * `npm run analyze -- <file> [--customer COL] [--date COL] [--amount COL] [--order COL] [--status COL] [--refunded COL]
 *   [--out FILE] [--observation-end YYYY-MM-DD] [--time-unit day|week] [--horizon-days N] [--model bgnbd|mbgnbd|paretoNbd]
 *   [--segments] [--segments-as-of YYYY-MM-DD] [--nps FILE [--nps-customer COL] [--nps-score COL] [--nps-date COL] [--nps-comment COL]]
 *   [--aggregate-only [--k N]] [--scenario scenario.json]`
 * The app's engine, headless in Node: same sniffing, same importer, same figures, same snapshot. Statuses count as the
 * app's defaults say (paid, completed, delivered … count; cancelled, refunded, pending … do not). --segments adds the
 * RFM segments (default rules, at the data's last day unless --segments-as-of, which implies it, says otherwise, with
 * the forecast's predictions when the models ran), and --nps FILE the NPS part.
 * --aggregate-only writes the snapshot for sharing (src/core/snapshot/aggregate-only.ts; k = 5 unless --k says).
 * A billing export (invoices, charges or a subscription list: src/core/subscriptions/columns.ts) adds the
 * `subscriptions` part: the monthly MRR bridge, NRR, GRR, ARPA, annual share and dunning.
 * --scenario FILE adds the what-if part: the file's levers (src/core/scenario/levers.ts) applied to the data's base and,
 * when the models ran, to the forecast model's predictions (predicted again from its parameters, not fitted again).
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { createGunzip } from 'node:zlib';
import { basename } from 'node:path';
import { sniff, ImportError, type ImportOptions } from '../core/import';
import { declaredInflatedSize, GZIP_BROKEN, GZIP_BROKEN_TEXT, GzipMeter, inflatedLimit, isGzipMagic } from '../core/import/gzip';
import { needsLongerHead } from '../core/import/sniff';
import { HEADER_SCAN_BYTES, sniffLongHead } from '../core/import/long-head';
import { importNotes, NothingAccepted } from './import-messages';
import { streamImport } from '../core/import/run';
import { withoutLines } from '../core/import/dataset-table';
import { analyzeDataset } from '../core/figures';
import { aggregateOnlySnapshot, buildSnapshot, DEFAULT_K, MAX_K, MIN_K } from '../core/snapshot';
import { dashboardData, historicalForSnapshot } from '../core/figures';
import { modelComparison, predictCustomers, snapshotModelParts, toPredictSettings } from '../core/forecast';
import { DEFAULT_RULES, predictionsByCustomerCode, segmentsForSnapshot, segmentsReport, type CustomerPredictionsByCode } from '../core/segments';
import { customerValues, npsForSnapshot, npsReport, readNpsFile, type NpsMapping } from '../core/nps';
import { isoToDay } from '../core/figures/dates';
import { ForecastPredictor } from '../core/forecast/models';
import { forecastMargin } from '../core/forecast/margin';
import { atRiskList, DEFAULT_LIST_RULES } from '../core/segments';
import { checkLevers, compareScenario, dataBase, failedPaymentsOfData, predictedBase, scenarioPart, type PredictedBase, type ScenarioLevers } from '../core/scenario';
import { tableDayRange } from '../core/figures';
import { isBillingHeader, readBillingFile, subscriptionsForSnapshot, subscriptionsReport, skippedText } from '../core/subscriptions';
import type { Dunning } from '../core/subscriptions/dunning';
import type { FieldRole, TimeUnit } from '../core/types';
import { sniffSummary, type SummarySniff } from '../core/import/summary-file';
import { analyzeSummaryFile, predictionSettingsOf } from './analyze-summary';
import { customerCountOf } from '../core/customer-ids';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

export interface AnalyzeArgs {
  file: string;
  columns: Partial<Record<FieldRole, string>>;
  out: string | null;
  observationEnd: string | null;
  timeUnit: TimeUnit;
  horizonDays: number | null;
  model: string | null;
  /** Add the segments part. */
  segments: boolean;
  /** The day the RFM segments are scored at (default: the data's last day). */
  segmentsAsOf: string | null;
  /** A survey export (customer, score 0–10, date, optional comment) to join to the customers' value. */
  nps: string | null;
  npsColumns: Partial<Record<keyof NpsMapping, string>>;
  /** --aggregate-only [--k N]: the snapshot for sharing (no customer ids, groups under k suppressed); null: full. */
  aggregateOnly: { k: number } | null;
  /** A JSON file of what-if levers: adds the `scenario` part. */
  scenario: string | null;
  /** A summary file's cohort table (docs/warehouse.md): fills the `cohorts` part a summary cannot give by itself. */
  cohortTable: string | null;
}

export class UsageError extends Error {}

/** Column flags and the role each names. Maps: the flags are user text, and an object would know `toString`. */
const FLAG_ROLE: ReadonlyMap<string, FieldRole> = new Map([
  ['--customer', 'customer'], ['--date', 'date'], ['--amount', 'amount'], ['--order', 'orderId'], ['--status', 'status'], ['--refunded', 'refunded'],
]);
const NPS_FLAG_ROLE: ReadonlyMap<string, keyof NpsMapping> = new Map([['--nps-customer', 'customer'], ['--nps-score', 'score'], ['--nps-date', 'date'], ['--nps-comment', 'comment']]);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseArgs(argv: string[]): AnalyzeArgs {
  const args: AnalyzeArgs = { file: '', columns: {}, out: null, observationEnd: null, timeUnit: 'day', horizonDays: null, model: null, segments: false, segmentsAsOf: null, nps: null, npsColumns: {}, aggregateOnly: null, scenario: null, cohortTable: null };
  let k: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    const role = FLAG_ROLE.get(a), npsRole = NPS_FLAG_ROLE.get(a);
    if (role) args.columns[role] = next();
    else if (npsRole) args.npsColumns[npsRole] = next();
    else if (a === '--nps') args.nps = next();
    else if (a === '--segments') args.segments = true;
    else if (a === '--scenario') args.scenario = next();
    else if (a === '--cohort-table') args.cohortTable = next();
    else if (a === '--out') args.out = next();
    else if (a === '--segments-as-of') {
      args.segmentsAsOf = next();
      args.segments = true;
      if (!ISO_DAY.test(args.segmentsAsOf)) throw new UsageError('--segments-as-of must be YYYY-MM-DD');
    } else if (a === '--observation-end') {
      args.observationEnd = next();
      if (!ISO_DAY.test(args.observationEnd)) throw new UsageError('--observation-end must be YYYY-MM-DD');
    } else if (a === '--time-unit') {
      const v = next();
      if (v !== 'day' && v !== 'week') throw new UsageError('--time-unit must be day or week');
      args.timeUnit = v;
    } else if (a === '--horizon-days') {
      args.horizonDays = Number(next());
      if (!Number.isInteger(args.horizonDays) || args.horizonDays <= 0) throw new UsageError('--horizon-days must be a positive whole number');
    } else if (a === '--model') {
      args.model = next();
      if (!['bgnbd', 'mbgnbd', 'paretoNbd'].includes(args.model)) throw new UsageError('--model must be bgnbd, mbgnbd or paretoNbd');
    } else if (a === '--aggregate-only') args.aggregateOnly = { k: DEFAULT_K };
    else if (a === '--k') {
      k = Number(next());
      if (!Number.isInteger(k) || k < MIN_K || k > MAX_K) throw new UsageError(`--k must be a whole number from ${MIN_K} to ${MAX_K}`);
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (!args.file) args.file = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (!args.file) throw new UsageError('usage: npm run analyze -- <file> [--customer COLUMN] [--date COLUMN] [--amount COLUMN] [--order COLUMN] [--status COLUMN] [--refunded COLUMN] [--out FILE] [--scenario scenario.json]');
  if (k !== null) {
    if (!args.aggregateOnly) throw new UsageError('--k needs --aggregate-only');
    args.aggregateOnly.k = k;
  }
  if (!args.nps && Object.keys(args.npsColumns).length) throw new UsageError('--nps-customer, --nps-score, --nps-date and --nps-comment need --nps FILE');
  return args;
}

/** A column named on the command line: its header name (any case) or its 1-based position. */
function resolveColumn(header: string[], wanted: string): number {
  const exact = header.findIndex((h) => h === wanted);
  if (exact >= 0) return exact;
  const loose = header.findIndex((h) => h.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (loose >= 0) return loose;
  if (/^\d+$/.test(wanted) && Number(wanted) >= 1 && Number(wanted) <= header.length) return Number(wanted) - 1;
  throw new UsageError(`no column "${wanted}" in the file (columns: ${header.join(', ')})`);
}

/** The first and last `n` bytes of a file: gzip is told by its magic bytes (not its name), its size by its trailer. */
function fileEnds(file: string, n: number): { head: Uint8Array; tail: Uint8Array } {
  const fd = openSync(file, 'r');
  try {
    const size = statSync(file).size;
    const head = new Uint8Array(Math.min(n, size));
    readSync(fd, head, 0, head.length, 0);
    const tail = new Uint8Array(Math.min(n, size));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    return { head, tail };
  } finally {
    closeSync(fd);
  }
}

/** The device's memory in GiB, for the inflated-size cap (as the app uses navigator.deviceMemory). */
const MACHINE_GIB = totalmem() / 2 ** 30;

/**
 * A file's text as chunks: gunzipped when its first bytes say gzip (whatever its name), stopped past the inflated-size
 * cap, and a damaged gzip said in the app's sentence rather than zlib's.
 */
async function* textChunks(file: string): AsyncGenerator<Uint8Array> {
  const { head, tail } = fileEnds(file, 4);
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  if (!isGzipMagic(head)) {
    for await (const c of raw) yield new Uint8Array(c as Buffer);
    return;
  }
  const meter = new GzipMeter(statSync(file).size, declaredInflatedSize(tail), inflatedLimit(MACHINE_GIB));
  const gunzip = raw.pipe(createGunzip());
  try {
    const chunks = gunzip[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = (await chunks.next()) as IteratorResult<Buffer>;
      } catch (err) {
        throw new ImportError(GZIP_BROKEN, GZIP_BROKEN_TEXT, { detail: (err as Error).message });
      }
      if (next.done) return;
      meter.add(next.value.length);
      yield new Uint8Array(next.value);
    }
  } finally {
    gunzip.destroy();
    raw.destroy();
  }
}

async function readHead(file: string, limit = 1 << 20): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const chunk of textChunks(file)) {
    parts.push(chunk);
    n += chunk.length;
    if (n >= limit) break;
  }
  return new Uint8Array(Buffer.concat(parts).subarray(0, limit));
}

/** A whole file's text bytes (inflated when it is gzip). */
async function wholeFile(file: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of textChunks(file)) parts.push(chunk);
  return new Uint8Array(Buffer.concat(parts));
}

/** Run the whole analysis and return the snapshot object. */
export async function analyzeFile(args: AnalyzeArgs) {
  const totalBytes = statSync(args.file).size;
  const head = await readHead(args.file);
  // A per-customer summary (docs/warehouse.md) is told by its header names; it is read by its own path.
  const summary = sniffSummary(head, totalBytes);
  if (summary) return analyzeSummary(args, summary);
  if (args.cohortTable) throw new UsageError('--cohort-table: only for a per-customer summary file (orders give their own cohorts)');
  let guess = sniff(head, basename(args.file), totalBytes);
  // A header line that fills the first MiB: read further, as the app does, to read it or say how long it is.
  if (needsLongerHead(guess, head)) guess = sniffLongHead(await readHead(args.file, HEADER_SCAN_BYTES), basename(args.file), totalBytes).sniff;
  if (guess.problem) throw new ImportError(guess.problemCode ?? 'unreadable', guess.problem, guess.problemVars);
  const mapping = { ...guess.mapping };
  for (const [role, col] of Object.entries(args.columns) as [FieldRole, string][]) {
    mapping[role] = resolveColumn(guess.header, col);
    // An explicit amount column replaces a guessed quantity × price.
    if (role === 'amount') mapping.quantity = mapping.unitPrice = null;
  }
  const options: ImportOptions = {
    fileName: basename(args.file),
    totalBytes,
    encoding: guess.encoding,
    delimiter: guess.delimiter,
    hasHeader: guess.hasHeader,
    mapping,
    dateOrderFallback: guess.dateOrder ?? 'DMY',
  };
  // The levers are checked before the (long) import, so a bad file fails at once.
  const levers = args.scenario ? readLevers(args.scenario) : null;
  const { table, report } = withoutLines(await streamImport(options, textChunks(args.file)));
  // As the app: a file none of whose rows could be used is refused; the rows it could not use and its warnings
  // (characters that could not be decoded, …) are listed (the snapshot's dataset.rejected has them too).
  if (report.rowsAccepted === 0) throw new NothingAccepted(report);
  for (const line of importNotes(report)) process.stderr.write(`analyze: ${args.file}: ${line}\n`);
  const analysis = analyzeDataset(table);
  const observationEnd = args.observationEnd ?? analysis.figures.lastDate;
  const { predictions, predicted, ...models } = modelParts(table, args, observationEnd);
  const lastDay = tableDayRange(table)?.max ?? 0;
  const segmentsDay = args.segmentsAsOf ? isoToDay(args.segmentsAsOf) : lastDay;
  const billing = isBillingHeader(guess.header) ? await billingReport(args.file) : null;
  const subscriptions = billing ? subscriptionsForSnapshot(billing) : null;
  const snapshot = buildSnapshot({
    ...models,
    ...(subscriptions ? { subscriptions } : {}),
    ...(args.segments ? { segments: segmentsForSnapshot(segmentsReport(table, segmentsDay, DEFAULT_RULES, predictions)) } : {}),
    ...(args.nps ? { nps: npsPart(args, table, lastDay, predictions) } : {}),
    ...(levers ? { scenario: scenarioForTable(table, analysis.cohorts, lastDay, levers, predictions, predicted ?? null, report.excluded, billing?.dunning ?? null) } : {}),
    app: `${pkg.name}@${pkg.version}`,
    report,
    figures: analysis.figures,
    cohorts: analysis.cohorts,
    historical: historicalForSnapshot(dashboardData(table).historical),
    settings: { observationEnd, timeUnit: args.timeUnit },
  });
  return args.aggregateOnly ? aggregateOnlySnapshot(snapshot, args.aggregateOnly) : snapshot;
}

/** A summary file: the parts a summary allows (src/cli/analyze-summary.ts); the options that need dated orders are refused. */
async function analyzeSummary(args: AnalyzeArgs, guess: SummarySniff) {
  const needOrders = [Object.keys(args.columns).length ? '--customer/--date/--amount/--order/--status/--refunded' : '', args.segments ? '--segments' : '', args.nps ? '--nps' : '', args.scenario ? '--scenario' : ''].filter(Boolean);
  if (needOrders.length) throw new UsageError(`${needOrders.join(', ')}: not available for a per-customer summary file (they need the dated orders)`);
  if (args.observationEnd) throw new UsageError('--observation-end: a summary file is summarised at its own observation end');
  const cohortTableFile = args.cohortTable ? { name: basename(args.cohortTable), bytes: await wholeFile(args.cohortTable) } : null;
  const snapshot = await analyzeSummaryFile(basename(args.file), guess, textChunks(args.file), { ...args, cohortTableFile }, `${pkg.name}@${pkg.version}`);
  return args.aggregateOnly ? aggregateOnlySnapshot(snapshot, args.aggregateOnly) : snapshot;
}

/**
 * The `models` and `forecast` parts: the three purchase models fitted for comparison, and the forecast of the chosen
 * one with Gamma-Gamma, as the app's forecast tab computes them. Left out (with a note on stderr) when the data
 * cannot be fitted, so the rest of the snapshot is still written.
 */
function modelParts(table: Parameters<typeof predictCustomers>[0], args: AnalyzeArgs, observationEnd: string | null) {
  const settings = predictionSettingsOf(args, observationEnd);
  try {
    const predictions = predictCustomers(table, settings);
    const { message, reliability } = predictions.forecast.fit;
    // Nobody bought twice: nothing pins the purchase models down, and their "parameters" would be the fit's starting
    // values. The app says the fit is not reliable; the snapshot gets no parameters.
    if (message?.code === 'few-repeaters' && message.vars?.count === 0) {
      process.stderr.write(`analyze: no models: ${message.text}\n`);
      return { predictions: null, predicted: null };
    }
    // As the app: a fit it calls unreliable is said so, in its words.
    for (const reason of reliability.reasons) process.stderr.write(`analyze: the forecast is not reliable: ${reason.text}\n`);
    const fits = modelComparison(table, settings.timeUnit, observationEnd);
    const { models, forecast } = snapshotModelParts(predictions, { fits, timeUnit: settings.timeUnit, observationEnd: predictions.observationEnd });
    const byCode = predictionsByCustomerCode(predictions.summary.customer, predictions.forecast.customers.pAlive, predictions.forecast.customers.clv, customerCountOf(table));
    // The what-if's predicted value: the forecast model's fitted parameters predicted again month by month (no refit).
    const { fit, spend, spendWarning } = predictions.forecast;
    const predicted = args.scenario ? predictedBase(new ForecastPredictor(predictions.summary, { fit, spend, spendWarning }), settings.timeUnit, toPredictSettings(settings).monthlyDiscountRate) : null;
    return { models, forecast, predictions: byCode, predicted };
  } catch (err) {
    process.stderr.write(`analyze: no models: ${(err as Error).message.split('\n')[0]}\n`);
    return { predictions: null, predicted: null };
  }
}

/** The subscriptions report of a billing export (its snapshot part, its dunning); rows it could not use go to stderr. */
async function billingReport(file: string) {
  const parts: Uint8Array[] = [];
  for await (const chunk of textChunks(file)) parts.push(chunk);
  const billing = readBillingFile(new Uint8Array(Buffer.concat(parts)), basename(file));
  for (const s of billing.skipped) process.stderr.write(`analyze: ${file}: ${skippedText(s)}\n`);
  return subscriptionsReport(billing);
}

/** Largest scenario file read: a few levers take a few hundred bytes. */
const MAX_SCENARIO_BYTES = 64 * 1024;

/** The levers of a scenario file, or a UsageError saying in one sentence what is wrong with it. */
export function readLevers(file: string): ScenarioLevers {
  if (statSync(file).size > MAX_SCENARIO_BYTES) throw new UsageError(`${file}: a scenario file is at most 64 KB`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UsageError(`${file}: the scenario is not valid JSON`);
  }
  const checked = checkLevers(value);
  if (!checked.ok) throw new UsageError(`${file}: ${checked.problem.text}`);
  return checked.levers;
}

/**
 * The `scenario` part: the levers applied to the data's base (the file's own margin when it has costs, else none),
 * with the at-risk list's value for win-back, the orders left out as failed payments for dunning and, when the models
 * ran, their predictions.
 */
function scenarioForTable(table: Parameters<typeof predictCustomers>[0], cohorts: Parameters<typeof dataBase>[0]['cohorts'], lastDay: number, levers: ScenarioLevers, predictions: CustomerPredictionsByCode | null, predicted: PredictedBase | null, excluded: Parameters<typeof failedPaymentsOfData>[0], billing: Dunning | null) {
  const historical = dashboardData(table).historical;
  const report = segmentsReport(table, lastDay, DEFAULT_RULES, predictions);
  const atRisk = atRiskList(report, DEFAULT_LIST_RULES.atRisk, predictions);
  let value = 0;
  for (const e of atRisk.entries) value += e.value;
  const base = dataBase({ historical, cohorts, margin: forecastMargin(null, historical.margin.rate), atRisk: { value, customers: atRisk.total }, predicted, failedPaymentsPerMonth: failedPaymentsOfData(excluded, historical.averageOrderValue, historical.dataYears * 12, billing) });
  return scenarioPart(base, compareScenario(base, levers));
}

/** Survey files are small: one larger than this is refused, as in the app. */
const MAX_NPS_BYTES = 50 << 20;

/**
 * The `nps` part: the survey file read as the app reads it (columns guessed, or named with --nps-*), joined to the
 * customers' value at the data's last day. Rejected answers are reported on stderr with their lines, as the app
 * lists them.
 */
function npsPart(args: AnalyzeArgs, table: Parameters<typeof predictCustomers>[0], lastDay: number, predictions: CustomerPredictionsByCode | null) {
  const file = args.nps!;
  if (statSync(file).size > MAX_NPS_BYTES) throw new UsageError(`${file}: survey files up to 50 MB can be read`);
  const bytes = new Uint8Array(readFileSync(file));
  let chosen: Partial<NpsMapping> | undefined;
  if (Object.keys(args.npsColumns).length) {
    const header = sniff(bytes.subarray(0, 1 << 20), basename(file), bytes.length).header;
    chosen = {};
    for (const [role, name] of Object.entries(args.npsColumns) as [keyof NpsMapping, string][]) chosen[role] = resolveColumn(header, name);
  }
  const read = readNpsFile(bytes, basename(file), chosen);
  for (const g of read.rejected) process.stderr.write(`analyze: ${file}: ${g.count} answer${g.count === 1 ? '' : 's'} not read: ${g.reason} (first at line ${g.examples[0]?.line ?? '?'})\n`);
  const { latest: _latest, ...report } = npsReport(read.answers, customerValues(table, lastDay, predictions));
  return npsForSnapshot(report);
}

/**
 * The command: writes the snapshot (to `--out` or stdout) and returns the exit code: 0, 1 with one line on stderr
 * for a file that cannot be used (the app's sentence; for a file none of whose rows could be used, the reasons
 * follow), 2 for a usage error.
 */
export async function runAnalyze(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    const snapshot = await analyzeFile(args);
    const json = `${JSON.stringify(snapshot, null, 2)}\n`;
    if (args.out) writeFileSync(args.out, json);
    else process.stdout.write(json);
    return 0;
  } catch (err) {
    if (err instanceof NothingAccepted) {
      process.stderr.write(`analyze: ${err.message}\n`);
      for (const line of importNotes(err.report)) process.stderr.write(`analyze: ${line}\n`);
      return 1;
    }
    const e = err as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? `file not found: ${e.path}` : e.message;
    process.stderr.write(`analyze: ${reason.split('\n')[0]}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) void runAnalyze(process.argv.slice(2)).then((code) => (process.exitCode = code));
