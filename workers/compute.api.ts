/**
 * The worker's API: thin adapters over src/core, grouped by domain. The page imports only its type.
 * Heavy work (parsing, figures, storage writes of whole datasets) happens here so the page never blocks.
 */
import { name as appName, version as appVersion } from '../package.json';
import { sniff, ImportError, type ImportOptions, type SniffResult } from '../src/core/import';
import { analyzeDataset } from '../src/core/figures';
import { ImportCancelled, SPLIT_MIN_BYTES, splitImport, streamImport, warmUpImporter, type ImportProgress, type StreamImportResult } from '../src/core/import/run';
import { fileSource, gunzipChunks, isGzip, readHead } from './file-bytes';
import { prepareSplitImport, runPartInWorker } from './run-part';
import { cohortMembers as findCohortMembers, cohorts as buildCohorts } from '../src/core/figures';
import { dashboardData, historicalForSnapshot, type DashboardData, type DashboardOptions } from '../src/core/figures';
import { histogram, type Histogram } from '../src/core/figures';
import {
  customerDetail, discreteOpportunities, fitModelOnTable, type OpportunityPeriod, type OpportunityReport, holdoutReport, predictCustomers, rfGrid, subscriptionRetention, type SubscriptionRetention,
  type CustomerDetail, type CustomerPredictions, type HoldoutReport, type PredictionSettings, type RfGrid, type SnapshotModelParts,
} from '../src/core/forecast';
import type { ModelFit, ModelName } from '../src/core/forecast/models';
import { generateSampleShop } from '../src/core/sample';
import { buildSnapshot, type SnapshotV1 } from '../src/core/snapshot';
import type { CohortPeriod, Cohorts, ImportReport, TransactionTable } from '../src/core/types';
import { ClvDatabase } from '../src/db/schema';
import { loadTable, recallMapping, rememberMapping, saveDataset } from '../src/db/repo';

let db: ClvDatabase | null = null;
const database = () => (db ??= new ClvDatabase());

const cancelled = new Set<string>();
/** The last loaded dataset stays in memory: switching views must not re-read IndexedDB. */
let cachedTable: { id: number; table: TransactionTable } | null = null;

export interface SniffOutcome {
  sniff: SniffResult;
  /** Column choices remembered from an earlier file with the same header, when there was one. */
  remembered: Partial<ImportOptions> | null;
}

export type ImportOutcome =
  | { ok: true; datasetId: number; report: ImportReport; timings: Record<string, number> }
  | { ok: false; reason: 'cancelled' | 'unreadable' | 'nothing-accepted'; message: string; code?: string; report?: ImportReport };

/** Import domain: look at a file, make the sample, run and cancel imports. */
const imports = {
  async sniffFile(file: File): Promise<SniffOutcome> {
    const head = await readHead(file);
    const result = sniff(head, file.name, file.size);
    if (!result.problem && !isGzip(file) && file.size >= SPLIT_MIN_BYTES) {
      // A large import will follow: start its second worker, and let both warm up on the head meanwhile.
      prepareSplitImport(head, result, file.name);
      setTimeout(() => warmUpImporter(head, result, file.name), 0);
    }
    const remembered = result.problem ? null : await recallMapping(database(), result.header);
    return { sniff: result, remembered: remembered as Partial<ImportOptions> | null };
  },

  /**
   * A realistic synthetic shop, generated from a seed, as CSV text the page wraps in a File so that it takes the
   * normal import path. (Plain data: a File's name does not survive structured cloning everywhere.)
   */
  sampleFile(seed: number): { name: string; csv: string } {
    return { name: 'sample-shop.csv', csv: generateSampleShop({ seed }) };
  },

  /** Parse, analyse and store a file. Stored whole or not at all. */
  async runImport(file: File, options: ImportOptions, jobId: string, onProgress?: (p: ImportProgress) => void): Promise<ImportOutcome> {
    cancelled.delete(jobId);
    const started = performance.now();
    try {
      const isCancelled = () => cancelled.has(jobId);
      let parsed: StreamImportResult;
      if (isGzip(file)) {
        const { chunks, consumed } = gunzipChunks(file);
        parsed = await streamImport(options, chunks, { onProgress, isCancelled, bytesConsumed: consumed });
      } else {
        // Two halves at once where workers can start workers (all current browsers); one pass elsewhere.
        const source = fileSource(file);
        const runPart = runPartInWorker(file);
        parsed = runPart ? await splitImport(options, source, runPart, { onProgress, isCancelled }) : await streamImport(options, source.chunks(0, file.size), { onProgress, isCancelled });
      }
      const { table, report } = parsed;
      if (report.rowsAccepted === 0) {
        return { ok: false, reason: 'nothing-accepted', message: 'No row of the file could be used.', report };
      }
      onProgress?.({ stage: 'analysing', bytesRead: file.size, totalBytes: file.size, rowsRead: report.rowsRead, rowsPerSecond: 0, elapsedMs: performance.now() - started });
      const analysis = analyzeDataset(table);
      if (cancelled.has(jobId)) throw new ImportCancelled();
      onProgress?.({ stage: 'saving', bytesRead: file.size, totalBytes: file.size, rowsRead: report.rowsRead, rowsPerSecond: 0, elapsedMs: performance.now() - started });
      const t0 = performance.now();
      const { parseMs, parts: parseParts, ...parseDetail } = parsed.timings;
      const timings = { parseMs, parseParts, ...parseDetail, figuresMs: analysis.timings.figuresMs, saveMs: 0, totalMs: 0 };
      const datasetId = await saveDataset(database(), table, {
        name: file.name,
        report,
        figures: analysis.figures,
        cohorts: analysis.cohorts,
        currency: report.currency,
        timeUnit: 'day',
        timings,
      });
      timings.saveMs = performance.now() - t0;
      timings.totalMs = performance.now() - started;
      await database().datasets.update(datasetId, { timings });
      if (report.hasHeader) {
        await rememberMapping(database(), report.header, {
          delimiter: options.delimiter,
          encoding: options.encoding,
          hasHeader: options.hasHeader,
          mapping: options.mapping,
          dateOrderFallback: options.dateOrderFallback,
        });
      }
      cachedTable = { id: datasetId, table };
      return { ok: true, datasetId, report, timings };
    } catch (err: unknown) {
      if (err instanceof ImportCancelled) return { ok: false, reason: 'cancelled', message: 'Import cancelled. Nothing was saved.' };
      if (err instanceof ImportError) return { ok: false, reason: 'unreadable', message: err.message, code: err.code };
      throw err;
    } finally {
      cancelled.delete(jobId);
    }
  },

  cancelImport(jobId: string): void {
    cancelled.add(jobId);
  },
};

async function tableFor(id: number): Promise<TransactionTable> {
  if (cachedTable?.id !== id) cachedTable = { id, table: await loadTable(database(), id) };
  return cachedTable.table;
}

/** Analysis domain: figures computed from a stored dataset. */
const analysis = {
  async cohorts(datasetId: number, period: CohortPeriod): Promise<Cohorts> {
    return buildCohorts(await tableFor(datasetId), period);
  },

  /** Every figure of the historical dashboard (historical CLV, formulas, concentration, distribution). */
  async dashboard(datasetId: number, options: DashboardOptions = {}): Promise<DashboardData> {
    return dashboardData(await tableFor(datasetId), options);
  },

  /** The ids of a cohort's customers, or of those among them who bought in period `k` after joining. */
  async cohortMembers(datasetId: number, period: CohortPeriod, cohort: string, k?: number): Promise<string[]> {
    const table = await tableFor(datasetId);
    return Array.from(findCohortMembers(table, period, cohort, k), (c) => table.customerIds[c]);
  },

  /** The dataset's snapshot, the same document `npm run analyze` writes for that file. */
  async snapshot(datasetId: number, options: DashboardOptions = {}, parts: SnapshotModelParts = {}): Promise<SnapshotV1> {
    const record = await database().datasets.get(datasetId);
    if (!record) throw new Error(`Dataset ${datasetId} no longer exists.`);
    const { historical } = dashboardData(await tableFor(datasetId), options);
    return buildSnapshot({
      app: `${appName}@${appVersion}`,
      report: record.report,
      figures: record.figures,
      cohorts: record.cohorts,
      historical: historicalForSnapshot(historical),
      ...parts,
    });
  },
};

export interface PredictionView extends CustomerPredictions {
  grids: { pAlive: RfGrid; expectedPurchases: RfGrid };
  clvDistribution: Histogram;
}

/** Prediction domain: buy-till-you-die models on a stored dataset. */
const prediction = {
  async predictions(datasetId: number, settings: PredictionSettings): Promise<PredictionView> {
    const p = predictCustomers(await tableFor(datasetId), settings);
    const c = p.forecast.customers;
    return {
      ...p,
      grids: { pAlive: rfGrid(p.summary, c.pAlive), expectedPurchases: rfGrid(p.summary, c.expectedPurchases) },
      clvDistribution: histogram(c.clv, { bins: 30, scale: 'linear' }),
    };
  },

  /** One purchase model on the dataset, for the comparison (the page fits them one by one to show progress). */
  async fitModel(datasetId: number, settings: Pick<PredictionSettings, 'timeUnit' | 'observationEnd'>, model: ModelName): Promise<ModelFit> {
    return fitModelOnTable(await tableFor(datasetId), model, settings.timeUnit, settings.observationEnd);
  },

  async holdout(datasetId: number, calibrationEnd: string, timeUnit: PredictionSettings['timeUnit']): Promise<HoldoutReport> {
    return holdoutReport(await tableFor(datasetId), calibrationEnd, timeUnit);
  },

  /** sBG over the monthly cohorts: retention curve, months kept and the value of a new customer. */
  async retention(datasetId: number, monthlyDiscountRate: number): Promise<SubscriptionRetention> {
    return subscriptionRetention(await tableFor(datasetId), monthlyDiscountRate);
  },

  /** BG/BB on whole years, quarters or months since each customer joined. */
  async opportunities(datasetId: number, period: OpportunityPeriod, horizon: number, discountPerPeriod: number): Promise<OpportunityReport> {
    return discreteOpportunities(await tableFor(datasetId), period, horizon, discountPerPeriod);
  },

  async customerDetail(datasetId: number, customerId: string, model: ModelName, params: number[], settings: Pick<PredictionSettings, 'timeUnit' | 'observationEnd'>): Promise<CustomerDetail | null> {
    return customerDetail(await tableFor(datasetId), customerId, model, params, settings.timeUnit, settings.observationEnd);
  },
};

/** Flat, because Comlink proxies functions, not nested objects; the domains above keep the code grouped. */
export const computeApi = { ...imports, ...analysis, ...prediction };
export type ComputeApi = typeof computeApi;
