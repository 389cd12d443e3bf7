/** Sorting the prediction table on its typed arrays (NaN last in either direction). */
import { dayToIso, isoToDay } from '../core/figures/dates';
import { sortPositions } from '../core/figures/customer-table';

export type PredictionColumn = 'id' | 'frequency' | 'recency' | 'T' | 'pAlive' | 'expected' | 'clv' | 'next';

export function sortedOrder(n: number, key: ArrayLike<number> | null, ids: string[], ascending: boolean, query: string): Uint32Array {
  const q = query.trim().toLowerCase();
  const picked: number[] = [];
  for (let i = 0; i < n; i++) if (!q || ids[i].toLowerCase().includes(q)) picked.push(i);
  return sortPositions(picked, key, (i) => ids[i], ascending);
}

/** The ISO date a wait (in the model's time unit) after the observation end falls on. */
export function dateAfter(observationEnd: string, wait: number, unit: 'day' | 'week'): string {
  return dayToIso(isoToDay(observationEnd) + Math.round(wait * (unit === 'week' ? 7 : 1)));
}
