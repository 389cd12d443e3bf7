/**
 * Money columns in storage: 32-bit whole numbers of units or of cents when every value of a stored chunk is exactly
 * one of those, as amounts read from a shop's export nearly always are (whole đồng or baht, or two decimals). Half
 * the bytes of a 64-bit float: 40 MB less to write and to keep for 10M rows. A chunk holding any other value (a
 * quantity × price product with a binary tail, NaN for an unknown amount, −0) stays 64-bit.
 *
 * In memory a table's amount and refunded columns are kept the same way, as one column each at one scale for the
 * whole table (TransactionTable.moneyScale): a reader divides by moneyUnit(table). Cost stays 64-bit (it is often a
 * share of the amount, with a binary tail).
 */

/** Units per stored integer's step: 1 (whole units) or 100 (cents). */
export type MoneyScale = 1 | 100;

/** A chunk's money column as stored: the values as they are, or whole numbers of 1/scale. */
export interface StoredMoney {
  values: Float64Array | Int32Array;
  /** Present exactly when `values` is an Int32Array. */
  scale?: MoneyScale;
}

/** A table's amount or refunded column: money, or whole numbers of 1/moneyScale (see TransactionTable.moneyScale). */
export type MoneyValues = Float64Array | Int32Array;

/** What a table's amounts and refunds are divided by to read as money: its moneyScale, else 1. */
export function moneyUnit(table: { moneyScale?: MoneyScale }): number {
  return table.moneyScale ?? 1;
}

/** A money column read as money, one number per row (a copy: for display and tests, not for a hot loop). */
export function readMoney(values: MoneyValues, unit: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] / unit;
  return out;
}

/**
 * The amount and refunded columns of a new table in 32 bits at the one scale every value of both fits (whole units
 * first), or as they are when none does. The 64-bit columns are not changed (the caller gives them back).
 */
export function narrowTableMoney(amount: Float64Array, refunded: Float64Array | null, spare: ArrayBufferLike | null = null): { amount: MoneyValues; refunded: MoneyValues | null; moneyScale?: MoneyScale } {
  const scale = refunded ? commonScale(amount, refunded) : commonScale(amount);
  if (scale === null) return { amount, refunded };
  return { amount: toScale(amount, scale, spare), refunded: refunded ? toScale(refunded, scale) : null, moneyScale: scale };
}

/** `values` × scale in 32 bits, written into `into` (memory nothing else reads, at least 4 bytes a value) if given. */
function toScale(values: Float64Array, scale: MoneyScale, into: ArrayBufferLike | null = null): Int32Array {
  const whole = into && into.byteLength >= 4 * values.length ? new Int32Array(into, 0, values.length) : new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) whole[i] = Math.round(values[i] * scale);
  return whole;
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
  return commonScale(values);
}

/**
 * Bytes `values` take once stored in chunks of `chunkRows` (each chunk 4 or 8 bytes a value, as narrowMoney picks; a
 * column already in 32 bits stays so).
 */
export function storedMoneyBytes(values: MoneyValues, chunkRows: number): number {
  if (values instanceof Int32Array) return values.byteLength;
  let bytes = 0;
  for (let from = 0; from < values.length; from += chunkRows) {
    const chunk = values.subarray(from, from + chunkRows);
    bytes += chunk.length * (scaleOf(chunk) === null ? 8 : 4);
  }
  return bytes;
}

/**
 * The values in their narrowest exact stored form (a copy either way: a stored view would keep its whole buffer). A
 * table's column already in 32 bits is stored as it is, at the table's `scale`.
 */
export function narrowMoney(values: MoneyValues, scale?: MoneyScale): StoredMoney {
  if (values instanceof Int32Array) {
    if (scale === undefined) throw new Error('A 32-bit money column needs its scale.');
    return { values: values.slice(), scale };
  }
  const fit = scaleOf(values);
  if (fit === null) return { values: values.slice() };
  return { values: toScale(values, fit), scale: fit };
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

/**
 * A stored table's amount and refunded chunks as the table's columns: in 32 bits when every chunk of both was stored
 * at one scale (as a table held in 32 bits is), else as 64-bit money (chunks of older saves, narrowed one by one).
 */
export function joinTableMoney(amount: readonly StoredMoney[], refunded: readonly StoredMoney[] | null, length: number): { amount: MoneyValues; refunded: MoneyValues | null; moneyScale?: MoneyScale } {
  const scale = amount[0]?.scale;
  const all = refunded ? [...amount, ...refunded] : amount;
  if (scale !== undefined && all.every((p) => p.scale === scale)) {
    const join = (parts: readonly StoredMoney[]) => {
      const out = new Int32Array(length);
      let at = 0;
      for (const { values } of parts) {
        out.set(values, at);
        at += values.length;
      }
      return out;
    };
    return { amount: join(amount), refunded: refunded ? join(refunded) : null, moneyScale: scale };
  }
  return { amount: joinMoney(amount, length), refunded: refunded ? joinMoney(refunded, length) : null };
}
