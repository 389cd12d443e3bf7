/**
 * `npm run analyze -- <file> [--customer COL] [--date COL] [--amount COL] [--order COL] [--status COL] [--refunded COL]
 *   [--out FILE] [--observation-end YYYY-MM-DD] [--time-unit day|week] [--horizon-days N] [--model bgnbd|mbgnbd|paretoNbd]`
 * Statuses count as the app's defaults say (paid, completed, delivered … count; cancelled, refunded, pending … do not).
 * The app's engine, headless in Node: same sniffing, same importer, same figures, same snapshot.
 */
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { basename } from 'node:path';
import { sniff, ImportError, type ImportOptions } from '../core/import';
import { streamImport } from '../core/import/run';
import { analyzeDataset } from '../core/figures';
import { buildSnapshot } from '../core/snapshot';
import { dashboardData, historicalForSnapshot } from '../core/figures';
import { DEFAULT_PREDICTION_SETTINGS, modelComparison, predictCustomers, snapshotModelParts, type PredictionSettings } from '../core/forecast';
import { unitsPerMonth, type ModelName } from '../core/forecast/models';
import type { FieldRole, TimeUnit } from '../core/types';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

export interface AnalyzeArgs {
  file: string;
  columns: Partial<Record<FieldRole, string>>;
  out: string | null;
  observationEnd: string | null;
  timeUnit: TimeUnit;
  horizonDays: number | null;
  model: string | null;
}

export class UsageError extends Error {}

/** Column flags and the role each names. A Map: the flags are user text, and an object would know `toString`. */
const FLAG_ROLE: ReadonlyMap<string, FieldRole> = new Map([
  ['--customer', 'customer'], ['--date', 'date'], ['--amount', 'amount'], ['--order', 'orderId'], ['--status', 'status'], ['--refunded', 'refunded'],
]);

export function parseArgs(argv: string[]): AnalyzeArgs {
  const args: AnalyzeArgs = { file: '', columns: {}, out: null, observationEnd: null, timeUnit: 'day', horizonDays: null, model: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    const role = FLAG_ROLE.get(a);
    if (role) args.columns[role] = next();
    else if (a === '--out') args.out = next();
    else if (a === '--observation-end') {
      args.observationEnd = next();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(args.observationEnd)) throw new UsageError('--observation-end must be YYYY-MM-DD');
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
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (!args.file) args.file = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (!args.file) throw new UsageError('usage: npm run analyze -- <file> [--customer COLUMN] [--date COLUMN] [--amount COLUMN] [--order COLUMN] [--status COLUMN] [--refunded COLUMN] [--out FILE]');
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

function openBytes(file: string): NodeJS.ReadableStream {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  return /\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw;
}

async function readHead(file: string, limit = 1 << 20): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of openBytes(file)) {
    parts.push(chunk as Buffer);
    n += (chunk as Buffer).length;
    if (n >= limit) break;
  }
  return new Uint8Array(Buffer.concat(parts).subarray(0, limit));
}

/** Run the whole analysis and return the snapshot object. */
export async function analyzeFile(args: AnalyzeArgs) {
  const totalBytes = statSync(args.file).size;
  const head = await readHead(args.file);
  const guess = sniff(head, basename(args.file), totalBytes);
  if (guess.problem) throw new ImportError(guess.problemCode ?? 'unreadable', guess.problem);
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
  const chunks = (async function* () {
    for await (const c of openBytes(args.file)) yield new Uint8Array(c as Buffer);
  })();
  const { table, report } = await streamImport(options, chunks);
  const analysis = analyzeDataset(table);
  const observationEnd = args.observationEnd ?? analysis.figures.lastDate;
  return buildSnapshot({
    ...modelParts(table, args, observationEnd),
    app: `${pkg.name}@${pkg.version}`,
    report,
    figures: analysis.figures,
    cohorts: analysis.cohorts,
    historical: historicalForSnapshot(dashboardData(table).historical),
    settings: { observationEnd, timeUnit: args.timeUnit },
  });
}

/**
 * The `models` and `forecast` parts: the three purchase models fitted for comparison, and the forecast of the chosen
 * one with Gamma-Gamma, as the app's forecast tab computes them. Left out (with a note on stderr) when the data
 * cannot be fitted, so the rest of the snapshot is still written.
 */
function modelParts(table: Parameters<typeof predictCustomers>[0], args: AnalyzeArgs, observationEnd: string | null) {
  const daysPerUnit = args.timeUnit === 'week' ? 7 : 1;
  const settings: PredictionSettings = {
    ...DEFAULT_PREDICTION_SETTINGS,
    model: (args.model ?? 'bgnbd') as ModelName,
    timeUnit: args.timeUnit,
    // Twelve of the models' months unless a horizon in days is given.
    horizonMonths: args.horizonDays ? args.horizonDays / (unitsPerMonth(args.timeUnit) * daysPerUnit) : 12,
    observationEnd,
  };
  try {
    const predictions = predictCustomers(table, settings);
    const fits = modelComparison(table, settings.timeUnit, observationEnd);
    const { models, forecast } = snapshotModelParts(predictions, { fits, timeUnit: settings.timeUnit, observationEnd: predictions.observationEnd });
    return { models, forecast };
  } catch (err) {
    process.stderr.write(`analyze: no models: ${(err as Error).message.split('\n')[0]}\n`);
    return {};
  }
}

async function main() {
  try {
    const args = parseArgs(process.argv.slice(2));
    const snapshot = await analyzeFile(args);
    const json = `${JSON.stringify(snapshot, null, 2)}\n`;
    if (args.out) writeFileSync(args.out, json);
    else process.stdout.write(json);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? `file not found: ${e.path}` : e.message;
    process.stderr.write(`analyze: ${reason.split('\n')[0]}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) void main();
