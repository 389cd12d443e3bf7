/** Sorting the prediction table on its typed arrays (NaN last in either direction). */
import { sortPositions } from './customer-rows';

export type PredictionColumn = 'id' | 'frequency' | 'recency' | 'T' | 'pAlive' | 'expected' | 'clv' | 'next';

export function sortedOrder(n: number, key: ArrayLike<number> | null, ids: string[], ascending: boolean, query: string): Uint32Array {
  const q = query.trim().toLowerCase();
  const picked: number[] = [];
  for (let i = 0; i < n; i++) if (!q || ids[i].toLowerCase().includes(q)) picked.push(i);
  return sortPositions(picked, key, (i) => ids[i], ascending);
}
