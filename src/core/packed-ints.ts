/**
 * Whole numbers stored as offsets from their least value, in 1, 2 or 3 bytes each (little-endian): a stored chunk's
 * integer column (customer codes, days, amounts in cents, label codes) when that takes fewer bytes than its array.
 * A 10M-line file of orders stores 7 bytes a row instead of 10 (customers and cents in 3 bytes, a chunk's days, a few
 * apart in a file in date order, in 1), and the browser holds a save's writes in memory until it commits.
 */
export interface PackedInts {
  /** The least value; each stored number is added to it. */
  base: number;
  width: 1 | 2 | 3;
  /** width bytes a value. */
  bytes: Uint8Array;
}

export type IntColumn = Uint32Array | Int32Array | Uint16Array | Int16Array | Uint8Array;

/** Whether a stored column is packed (rather than an array as it was held). */
export function isPacked(column: unknown): column is PackedInts {
  return typeof column === 'object' && column !== null && !ArrayBuffer.isView(column) && 'width' in column && 'bytes' in column;
}

/** How many values a stored column holds, packed or not. */
export function storedLength(column: PackedInts | ArrayLike<number>): number {
  return isPacked(column) ? column.bytes.length / column.width : column.length;
}

/** The base and width values[from, to) would be packed at; null when packing would not take fewer bytes. */
export function packedForm(values: IntColumn, from: number, to: number): { base: number; width: 1 | 2 | 3 } | null {
  if (to <= from) return null;
  let min = values[from];
  let max = min;
  for (let i = from + 1; i < to; i++) {
    const v = values[i];
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  const range = max - min;
  const width = range < 0x100 ? 1 : range < 0x10000 ? 2 : range < 0x1000000 ? 3 : 4;
  return width < values.BYTES_PER_ELEMENT ? { base: min, width: width as 1 | 2 | 3 } : null;
}

/**
 * values[from, to) packed, into bytes from `bytesOf` (a save reuses its arrays from chunk to chunk); null when packing
 * would not take fewer bytes.
 */
export function packInts(values: IntColumn, from: number, to: number, bytesOf: (length: number) => Uint8Array = (n) => new Uint8Array(n)): PackedInts | null {
  const form = packedForm(values, from, to);
  if (!form) return null;
  const { base, width } = form;
  const bytes = bytesOf((to - from) * width);
  if (width === 1) for (let i = from, j = 0; i < to; i++, j++) bytes[j] = values[i] - base;
  else if (width === 2) {
    for (let i = from, j = 0; i < to; i++, j += 2) {
      const v = values[i] - base;
      bytes[j] = v;
      bytes[j + 1] = v >>> 8;
    }
  } else {
    for (let i = from, j = 0; i < to; i++, j += 3) {
      const v = values[i] - base;
      bytes[j] = v;
      bytes[j + 1] = v >>> 8;
      bytes[j + 2] = v >>> 16;
    }
  }
  return { base, width, bytes };
}

/** Write a packed column's values into out[at, at + length). */
export function unpackInts(packed: PackedInts, out: IntColumn, at: number): void {
  const { base, width, bytes } = packed;
  const n = bytes.length / width;
  if (width === 1) for (let k = 0; k < n; k++) out[at + k] = base + bytes[k];
  else if (width === 2) for (let k = 0, j = 0; k < n; k++, j += 2) out[at + k] = base + (bytes[j] | (bytes[j + 1] << 8));
  else for (let k = 0, j = 0; k < n; k++, j += 3) out[at + k] = base + (bytes[j] | (bytes[j + 1] << 8) | (bytes[j + 2] << 16));
}
