/** UTF-16 code units to text in bulk: for ids kept packed in typed arrays rather than as strings. */

/** Whether this machine stores a Uint16Array's numbers low byte first, as UTF-16LE text is (every browser's does). */
export const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
let utf16le: TextDecoder | null = null;

/**
 * UTF-16 code units as text, by a native decode. The units must hold no lone surrogate (a decoder would replace it):
 * text that came from a decoder never does.
 */
export function utf16Text(units: Uint16Array): string {
  if (LITTLE_ENDIAN) return (utf16le ??= new TextDecoder('utf-16le')).decode(units);
  let text = '';
  for (let at = 0; at < units.length; at += 8192) text += String.fromCharCode(...units.subarray(at, at + 8192));
  return text;
}

/** Strings packed as code units with each one's end, as typed arrays a worker can transfer rather than copy. */
export interface PackedStrings {
  units: Uint16Array;
  ends: Int32Array;
}

/**
 * Packed strings as strings, appended to `into`: one decode, then a cut per string. `base` is where `units` start in
 * the array their `ends` count in.
 */
export function unpackStrings(packed: PackedStrings, into: string[] = [], base = 0): string[] {
  return cutStrings(utf16Text(packed.units), packed.ends, into, base);
}

/** `text` cut at `ends` (counted from `base`), the pieces appended to `into`. */
export function cutStrings(text: string, ends: Int32Array, into: string[], base = 0): string[] {
  let from = 0;
  for (let i = 0; i < ends.length; i++) {
    const to = ends[i] - base;
    into.push(text.slice(from, to));
    from = to;
  }
  return into;
}

let ascii: TextDecoder | null = null;

/** Bytes as UTF-16 code units (a native copy; `Uint16Array.from` goes value by value). */
export function widened(bytes: Uint8Array): Uint16Array {
  const units = new Uint16Array(bytes.length);
  units.set(bytes);
  return units;
}

/**
 * Characters of one byte each (U+0000–U+00FF) as text. ASCII is decoded as it is, into a one-byte string; a byte from
 * 0x80 is widened to 16 bits first, since no decoder reads bytes as Latin-1 (the label "latin1" means windows-1252,
 * where 0x80 is €). At 3.3M customer ids, widening all of them took 0.34 s and a two-byte text twice their size.
 */
export function latin1Text(bytes: Uint8Array): string {
  if (isAscii(bytes)) return (ascii ??= new TextDecoder('utf-8')).decode(bytes);
  return utf16Text(widened(bytes));
}

/** Whether every byte of `bytes` is below 0x80, four at a time where they are aligned. */
export function isAscii(bytes: Uint8Array): boolean {
  let high = 0;
  let i = 0;
  if (bytes.byteOffset % 4 === 0) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
    for (let w = 0; w < words.length; w++) high |= words[w];
    i = words.length << 2;
  }
  for (; i < bytes.length; i++) high |= bytes[i];
  return (high & 0x80808080) === 0;
}

/**
 * Characters `from` to `to` of packed values (one byte a character, or two once one is beyond U+00FF: see
 * CodeDictionary) as text.
 */
export function packedText(chars: Uint8Array | Uint16Array, from = 0, to = chars.length): string {
  return chars instanceof Uint16Array ? utf16Text(chars.subarray(from, to)) : latin1Text(chars.subarray(from, to));
}
