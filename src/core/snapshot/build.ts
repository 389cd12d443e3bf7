/**
 * Assembling a snapshot from what the engine computed. The app's worker and `npm run analyze` both call this, so
 * the app's export and the CLI's output are the same document.
 */
import type { Cohorts, DatasetFigures, ImportReport, RejectedGroup } from '../types';
import {
  MAX_EXAMPLES,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotCustomer,
  type SnapshotDataset,
  type SnapshotForecast,
  type SnapshotNps,
  type SnapshotSubscriptions,
  type SnapshotScenario,
  type SnapshotSegments,
  type SnapshotHistorical,
  type SnapshotModels,
  type SnapshotSettings,
  type SnapshotV1,
} from './schema';

function rejectedForSnapshot(groups: RejectedGroup[]): SnapshotDataset['rejected'] {
  return groups.map((g) => ({
    reason: g.reason,
    count: g.count,
    examples: g.examples.slice(0, MAX_EXAMPLES).map((e) => ({ line: e.line, text: e.text })),
  }));
}

export interface BuildSnapshotInput {
  /** "<package name>@<version>". */
  app: string;
  report: ImportReport;
  figures: DatasetFigures;
  cohorts: Cohorts;
  /** observationEnd defaults to the last date, timeUnit to "day". */
  settings?: Partial<SnapshotSettings>;
  historical?: SnapshotHistorical;
  models?: SnapshotModels;
  forecast?: SnapshotForecast;
  segments?: SnapshotSegments;
  nps?: SnapshotNps;
  subscriptions?: SnapshotSubscriptions;
  scenario?: SnapshotScenario;
  scenarios?: SnapshotScenario[];
  /** The per-customer list; left out when not given (aggregates only). */
  customers?: SnapshotCustomer[];
  createdAt?: Date;
}

/** Assemble a version-1 snapshot from an import report and the computed figures, its parts in the contract's order. */
export function buildSnapshot(input: BuildSnapshotInput): SnapshotV1 {
  const { report, figures } = input;
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    createdAt: (input.createdAt ?? new Date()).toISOString(),
    app: input.app,
    dataset: {
      name: report.fileName,
      currency: report.currency,
      rowsRead: report.rowsRead,
      rowsAccepted: report.rowsAccepted,
      rowsRejected: report.rowsRejected,
      rejected: rejectedForSnapshot(report.rejected),
      customers: figures.customers,
      purchases: figures.purchases,
      // Added in 2026-12: the orders when the file has an order id, and the rows left out for their status when it
      // has a status column (an empty list: none was).
      ...(figures.orders === undefined ? {} : { orders: figures.orders }),
      ...(figures.lineItems === undefined ? {} : { lineItems: figures.lineItems }),
      refunds: figures.refunds,
      ...(report.statuses ? { excluded: (report.excluded ?? []).map((e) => ({ status: e.status, count: e.count })) } : {}),
      netRevenue: figures.netRevenue,
      ...(figures.withoutAmounts ? { withoutAmounts: true } : {}),
      firstDate: figures.firstDate,
      lastDate: figures.lastDate,
    },
    settings: {
      observationEnd: input.settings?.observationEnd ?? figures.lastDate,
      timeUnit: input.settings?.timeUnit ?? 'day',
    },
    // The contract's order: historical figures before cohorts.
    ...(input.historical ? { historical: input.historical } : {}),
    // The contract's cohort fields only: what the app adds for its views (lastPeriod, omitted) the schema does not hold.
    cohorts: { period: input.cohorts.period, rows: input.cohorts.rows },
    ...(input.models ? { models: input.models } : {}),
    ...(input.forecast ? { forecast: input.forecast } : {}),
    ...(input.segments ? { segments: input.segments } : {}),
    ...(input.nps ? { nps: input.nps } : {}),
    ...(input.subscriptions ? { subscriptions: input.subscriptions } : {}),
    ...(input.scenario ? { scenario: input.scenario } : {}),
    ...(input.scenarios?.length ? { scenarios: input.scenarios } : {}),
    ...(input.customers ? { customers: input.customers } : {}),
  };
}
