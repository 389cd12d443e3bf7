/**
 * Sniffing a file whose header line (or first row) fills the first MiB: read on a longer head, or refused with the
 * header's length. Its own module: the worker loads it only for such a file.
 */
import { failedSniff, sniff, SNIFF_BYTES, needsLongerHead, type SniffResult } from './sniff';

/** How far a long header line is looked for: its length is told exactly up to here. */
export const HEADER_SCAN_BYTES = 17 << 20;
/** The longest header line read (tens of thousands of columns); beyond it the file is refused, with its length. */
export const MAX_HEADER_BYTES = 4 << 20;

/**
 * Sniff a file whose header line filled the first MiB, on `head`: its first HEADER_SCAN_BYTES (or all of it). A header
 * line up to MAX_HEADER_BYTES is read (the sniff then sees it and a MiB of rows); a longer one is refused with its
 * length in bytes, or "more than" when it does not end within `head`. Returns the sniff and the head it used.
 */
export function sniffLongHead(head: Uint8Array, fileName: string, totalBytes: number): { sniff: SniffResult; head: Uint8Array } {
  const whole = head.length < HEADER_SCAN_BYTES;
  let end = lineEnd(head, 0);
  if (end < 0 && whole) end = head.length; // the file is one line
  if (end >= 0 && end <= MAX_HEADER_BYTES) {
    // The first data row may be long too (a huge cell): take it whole, and a MiB of rows after it.
    const second = lineEnd(head, head[end] === 13 && head[end + 1] === 10 ? end + 2 : end + 1);
    const used = head.subarray(0, Math.min(head.length, Math.max(end, second) + SNIFF_BYTES));
    return { sniff: sniff(used, fileName, used.length < head.length || !whole ? Math.max(totalBytes, used.length + 1) : totalBytes), head: used };
  }
  const limit = `${MAX_HEADER_BYTES >> 20} MB`;
  if (end < 0) {
    const length = (HEADER_SCAN_BYTES >> 20) + ' MB';
    return { sniff: failedSniff('header-too-long-huge', `The first line (the header) is longer than ${length}, longer than the ${limit} a header may be: no orders export has one this long. Check that this is the right file and that its lines are separated by line breaks.`, { length, limit }), head };
  }
  const length = end.toLocaleString('en');
  return { sniff: failedSniff('header-too-long', `The first line (the header) is ${length} bytes long, longer than the ${limit} a header may be: no orders export has one this long. Check that this is the right file and that its lines are separated by line breaks.`, { length, limit }), head };
}

/** Index of the first line break at or after `from`, or -1. */
function lineEnd(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; i++) if (bytes[i] === 10 || bytes[i] === 13) return i;
  return -1;
}

/** Sniff a file held whole in memory: its first MiB, or more when its header line fills that (see sniffLongHead). */
export function sniffBytes(bytes: Uint8Array, fileName: string): { sniff: SniffResult; head: Uint8Array } {
  const head = bytes.subarray(0, SNIFF_BYTES);
  const first = sniff(head, fileName, bytes.length);
  return needsLongerHead(first, head) ? sniffLongHead(bytes.subarray(0, HEADER_SCAN_BYTES), fileName, bytes.length) : { sniff: first, head };
}

