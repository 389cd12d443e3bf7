/** UTF-16 code units to text, and back, in bulk: for ids kept or sent packed in typed arrays rather than as strings. */

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
 * `strings` packed, or null when one holds a surrogate (an emoji, say): a lone one would not survive the decode, and
 * such ids are rare enough to be sent as they are.
 */
export function packStrings(strings: readonly string[]): PackedStrings | null {
  let total = 0;
  for (let i = 0; i < strings.length; i++) total += strings[i].length;
  const units = new Uint16Array(total);
  const ends = new Int32Array(strings.length);
  let at = 0;
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i];
    for (let j = 0; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c >= 0xd800 && c <= 0xdfff) return null;
      units[at++] = c;
    }
    ends[i] = at;
  }
  return { units, ends };
}

/**
 * The strings of packStrings, back, appended to `into`: one decode, then a cut per string. `base` is where `units`
 * start in the array their `ends` count in (0 for packStrings' own).
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

/** Ids as the worker sent them, packed (packStrings) or as strings when they could not be, as strings. */
export function stringsOf(ids: string[] | PackedStrings): string[] {
  return Array.isArray(ids) ? ids : unpackStrings(ids);
}
