/**
 * Memory written already that nothing reads any more, handed to the next large array instead of given back. A page
 * the process touches for the first time costs a page fault (11–17 µs a 4 KB page on the machine the bench runs on,
 * 0.3 s for 100 MB), and an import's end gives back the very memory its first figures then ask for afresh: the amounts
 * as read (8 bytes a row) go once they are held in 32 bits, and the grouping by customer that follows needs 8 bytes a
 * row too.
 *
 * One spare at a time. Whoever takes it owns the whole buffer (views of it may be released together: see release.ts);
 * one not taken by the next grouping is given back (dropSpare), so that it never outlives the step it was offered in.
 */
import { release } from './release';

let spare: ArrayBuffer | null = null;

/** Offer `buffer`, which nothing will read again, to the next array made; an earlier spare is given back. */
export function offerSpare(buffer: ArrayBuffer): void {
  dropSpare();
  spare = buffer;
}

/** The spare, if it holds at least `bytes`: the caller owns it from now on (its contents are not zeros). */
export function takeSpare(bytes: number): ArrayBuffer | null {
  if (spare === null || spare.byteLength < bytes) return null;
  const taken = spare;
  spare = null;
  return taken;
}

/** Give the spare back now, if nobody took it. */
export function dropSpare(): void {
  if (spare !== null) release(new Uint8Array(spare));
  spare = null;
}
