/**
 * The snapshot file (contract: shared/contracts/snapshot-v1.md): one versioned JSON envelope that the app
 * exports, opens again read-only, and that `npm run analyze` writes. Names here are a public contract.
 */
import type { Cohorts, DatasetFigures, ImportReport, RejectedGroup, TimeUnit } from '../types';

export const SNAPSHOT_FORMAT = 'clv-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotDataset extends DatasetFigures {
  name: string;
  currency: string | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rejected: { reason: string; count: number; examples: { line: number; text: string }[] }[];
}

export interface SnapshotSettings {
  observationEnd: string | null;
  timeUnit: TimeUnit;
}

export interface SnapshotV1 {
  format: typeof SNAPSHOT_FORMAT;
  version: 1;
  createdAt: string;
  app: string;
  dataset: SnapshotDataset;
  settings: SnapshotSettings;
  historical?: Record<string, unknown>;
  cohorts: Cohorts;
  models?: Record<string, unknown>;
  forecast?: Record<string, unknown>;
  customers?: unknown[];
}

/** Contract: at most 20 examples per rejection reason. */
const MAX_EXAMPLES = 20;

function rejectedForSnapshot(groups: RejectedGroup[]): SnapshotDataset['rejected'] {
  return groups.map((g) => ({
    reason: g.reason,
    count: g.count,
    examples: g.examples.slice(0, MAX_EXAMPLES).map((e) => ({ line: e.line, text: e.text })),
  }));
}

export interface BuildSnapshotInput {
  app: string;
  report: ImportReport;
  figures: DatasetFigures;
  cohorts: Cohorts;
  settings?: Partial<SnapshotSettings>;
  historical?: Record<string, unknown>;
  models?: Record<string, unknown>;
  forecast?: Record<string, unknown>;
  createdAt?: Date;
}

/** Assemble a version-1 snapshot from an import report and the computed figures. */
export function buildSnapshot(input: BuildSnapshotInput): SnapshotV1 {
  const { report, figures } = input;
  const snapshot: SnapshotV1 = {
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
      refunds: figures.refunds,
      netRevenue: figures.netRevenue,
      firstDate: figures.firstDate,
      lastDate: figures.lastDate,
    },
    settings: {
      observationEnd: input.settings?.observationEnd ?? figures.lastDate,
      timeUnit: input.settings?.timeUnit ?? 'day',
    },
    // The contract's order: historical figures before cohorts.
    ...(input.historical ? { historical: input.historical } : {}),
    cohorts: input.cohorts,
    ...(input.models ? { models: input.models } : {}),
    ...(input.forecast ? { forecast: input.forecast } : {}),
  };
  return snapshot;
}
