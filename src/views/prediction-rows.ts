/** Sorting the prediction table on its typed arrays (NaN last in either direction). */
export type PredictionColumn = 'id' | 'frequency' | 'recency' | 'T' | 'pAlive' | 'expected' | 'clv' | 'next';

export function sortedOrder(n: number, key: ArrayLike<number> | null, ids: string[], ascending: boolean, query: string): Uint32Array {
  const q = query.trim().toLowerCase();
  const picked: number[] = [];
  for (let i = 0; i < n; i++) if (!q || ids[i].toLowerCase().includes(q)) picked.push(i);
  const sign = ascending ? 1 : -1;
  if (key) {
    picked.sort((a, b) => {
      const x = key[a];
      const y = key[b];
      if (Number.isNaN(x)) return Number.isNaN(y) ? a - b : 1;
      if (Number.isNaN(y)) return -1;
      return (x - y) * sign || a - b;
    });
  } else {
    const collator = new Intl.Collator(undefined, { numeric: true });
    picked.sort((a, b) => collator.compare(ids[a], ids[b]) * sign || a - b);
  }
  return Uint32Array.from(picked);
}
