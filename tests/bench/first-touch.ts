/**
 * What memory touched for the first time costs on this machine. On the VM the bench runs on, a page fault takes
 * 11–17 µs (a fresh 64 MB array written: 170–190 ms, the same array written again: 5–10 ms), twenty times a
 * desktop's, and a 10M-line import touches several hundred megabytes after the click: printed beside the Chromium
 * figures, it says how much of their time is the machine's paging rather than the app's work.
 */
import { readFileSync } from 'node:fs';
import { browserTree } from './browser-memory';

const PROBE_BYTES = 64 << 20;

/** Writing a fresh 64 MB array, and writing the same array again, in ms (the least of three each). */
export function firstTouchCost(): { freshMs: number; againMs: number } {
  let freshMs = Infinity;
  let againMs = Infinity;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    const bytes = new Uint8Array(PROBE_BYTES);
    bytes.fill(1);
    const t1 = performance.now();
    bytes.fill(2);
    const t2 = performance.now();
    freshMs = Math.min(freshMs, t1 - t0);
    againMs = Math.min(againMs, t2 - t1);
  }
  return { freshMs, againMs };
}

/** ms a 100 MB of first-touched memory costs over memory written again, from firstTouchCost. */
export const msPer100Mb = (cost: { freshMs: number; againMs: number }) => ((cost.freshMs - cost.againMs) * 100 * 2 ** 20) / PROBE_BYTES;

/**
 * Pages first touched so far by one browser's processes (the minor faults of the browser process and its
 * descendants, /proc/<pid>/stat field 10), in bytes. A process that has ended takes its count with it.
 */
export function browserFirstTouched(rootPid: number): number {
  let faults = 0;
  for (const pid of browserTree(rootPid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      faults += Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[7]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return faults * 4096;
}
