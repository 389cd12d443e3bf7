/**
 * A dataset as the page sees it: what it is, what its import found, and the owner's settings for it. Views take
 * these values, not database rows, so that anything able to supply them (a stored dataset now, an opened snapshot
 * next) can be shown.
 */
import type { DatasetFigures, ImportReport } from '../types';

/** The owner's choices for one dataset, kept with it. */
export interface DatasetSettings {
  /** ISO 4217 code the amounts are in, or null when unknown. */
  currency: string | null;
  /**
   * Gross margin in percent (0–100): profit per unit of revenue where the file gives no cost, and the margin of
   * predicted CLV. Null when the owner has not given one.
   */
  marginPercent: number | null;
}

export interface DatasetEntry {
  id: number;
  name: string;
  createdAt: number;
  updatedAt: number;
  rows: number;
  figures: DatasetFigures;
  report: ImportReport;
  settings: DatasetSettings;
  /** Milliseconds per import stage. */
  timings: Record<string, number>;
  /** A billing export (payments or a subscription list), shown with the Subscriptions tab; null for orders. */
  billing: 'payments' | 'subscriptions' | null;
  /** 'summary': a per-customer summary file (docs/warehouse.md), no orders; absent for an orders dataset. */
  kind?: 'summary';
  /** Shown while its import's save is still writing it to this device (not yet kept if the tab closed now). */
  saving?: true;
}

/** A margin in percent, or null when it is not a number from 0 to 100. */
export function checkedMarginPercent(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value.trim().replace(',', '.')) : value;
  if (typeof n !== 'number' || (typeof value === 'string' && value.trim() === '')) return null;
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
}
