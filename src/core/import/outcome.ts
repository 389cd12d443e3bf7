/** What the app's import use case answers: the file's first look, and how an import ended. */
import type { ImportReport, NoticeVars } from '../types';
import type { ImportOptions } from './importer';
import type { SniffResult } from './sniff';

export interface SniffOutcome {
  sniff: SniffResult;
  /** Column choices remembered from an earlier file with the same header, when there was one. */
  remembered: Partial<ImportOptions> | null;
}

export type ImportOutcome =
  | { ok: true; datasetId: number; report: ImportReport; timings: Record<string, number> }
  | { ok: false; reason: 'cancelled' | 'unreadable' | 'nothing-accepted'; message: string; code?: string; vars?: NoticeVars; report?: ImportReport };
