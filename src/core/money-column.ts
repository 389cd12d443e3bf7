/**
 * Money columns in storage: 32-bit whole numbers of units or of cents when every value of a stored chunk is exactly
 * one of those, as amounts read from a shop's export nearly always are (whole đồng or baht, or two decimals). Half
 * the bytes of a 64-bit float: 40 MB less to write and to keep for 10M rows. A chunk holding any other value (a
 * quantity × price product with a binary tail, NaN for an unknown amount, −0) stays 64-bit. In memory the columns
 * stay Float64Array: readers never see the stored form.
 */

/** Units per stored integer's step: 1 (whole units) or 100 (cents). */
export type MoneyScale = 1 | 100;

/** A chunk's money column as stored: the values as they are, or whole numbers of 1/scale. */
export interface StoredMoney {
  values: Float64Array | Int32Array;
  /** Present exactly when `values` is an Int32Array. */
  scale?: MoneyScale;
}

/** The largest magnitude a 32-bit integer of money holds (its negative too). */
export const LARGEST_I32 = 0x7fffffff;

/** Whether every value is n / scale for a 32-bit n, giving back exactly the value (−0 and NaN are not). */
function fitsScale(values: Float64Array, scale: MoneyScale): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const n = Math.round(v * scale);
    // n | 0 is what a 32-bit array keeps (−0 becomes 0, which is not −0 back).
    if (!(Math.abs(n) <= LARGEST_I32) || !Object.is((n | 0) / scale, v)) return false;
  }
  return true;
}

/** The one scale every value of each column fits (whole units first), or null: see scaleOf. */
export function commonScale(...columns: Float64Array[]): MoneyScale | null {
  for (const scale of [1, 100] as const) if (columns.every((values) => fitsScale(values, scale))) return scale;
  return null;
}

/** The scale a chunk's values are stored at in 32 bits (whole units first, for the wider range), or null for 64. */
export function scaleOf(values: Float64Array): MoneyScale | null {
  return fitsScale(values, 1) ? 1 : fitsScale(values, 100) ? 100 : null;
}

/** Bytes `values` take once stored in chunks of `chunkRows` (each chunk 4 or 8 bytes a value, as narrowMoney picks). */
export function storedMoneyBytes(values: Float64Array, chunkRows: number): number {
  let bytes = 0;
  for (let from = 0; from < values.length; from += chunkRows) {
    const chunk = values.subarray(from, from + chunkRows);
    bytes += chunk.length * (scaleOf(chunk) === null ? 8 : 4);
  }
  return bytes;
}

/** The values in their narrowest exact stored form (a copy either way: a stored view would keep its whole buffer). */
export function narrowMoney(values: Float64Array): StoredMoney {
  const scale = scaleOf(values);
  if (scale === null) return { values: values.slice() };
  const whole = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) whole[i] = Math.round(values[i] * scale);
  return { values: whole, scale };
}

/** Stored chunks' money as one Float64Array of `length` values, each exactly as it was before it was stored. */
export function joinMoney(parts: readonly StoredMoney[], length: number): Float64Array {
  const out = new Float64Array(length);
  let at = 0;
  for (const { values, scale } of parts) {
    if (scale === undefined || scale === 1) out.set(values, at);
    else for (let i = 0; i < values.length; i++) out[at + i] = values[i] / scale;
    at += values.length;
  }
  return out;
}
