/**
 * What the Forecast tab says first, in plain words: which customers drive the forecast. (The other headline figures,
 * the customers likely still buying and the totals with their ranges, are the forecast's totals.)
 */

/** The top share of customers by a value, and the part of the total they hold. */
export interface TopShare {
  /** The value ranked on: predicted CLV, or expected purchases when there is no CLV. */
  basis: 'clv' | 'purchases';
  /** The fraction of customers at the top (0.1 for the top 10%). */
  fraction: number;
  /** How many customers that is: ⌈fraction × customers⌉, at least one. */
  count: number;
  /** Their values' sum ÷ everyone's (0..1); NaN when the total is not positive. */
  share: number;
}

/**
 * The top `fraction` of customers by `values` and their share of the sum. Values that are not finite are left out
 * (the count is of the customers with a value).
 */
export function topShare(values: ArrayLike<number>, fraction: number, basis: TopShare['basis']): TopShare | null {
  const finite = new Float64Array(values.length);
  let n = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      finite[n++] = v;
      total += v;
    }
  }
  if (n === 0) return null;
  const count = Math.max(1, Math.ceil(fraction * n - 1e-9));
  const sorted = finite.subarray(0, n).sort();
  let top = 0;
  for (let i = n - count; i < n; i++) top += sorted[i];
  return { basis, fraction, count, share: total > 0 ? top / total : NaN };
}

/** The top 10% by predicted CLV, else by expected purchases when CLV cannot be given. */
export function topCustomers(clv: ArrayLike<number>, expectedPurchases: ArrayLike<number>): TopShare | null {
  let anyClv = false;
  for (let i = 0; i < clv.length && !anyClv; i++) anyClv = Number.isFinite(clv[i]);
  return anyClv ? topShare(clv, 0.1, 'clv') : topShare(expectedPurchases, 0.1, 'purchases');
}
