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
  const text = utf16Text(packed.units);
  let from = 0;
  for (let i = 0; i < packed.ends.length; i++) {
    const to = packed.ends[i] - base;
    into.push(text.slice(from, to));
    from = to;
  }
  return into;
}
