/**
 * Run as a process of its own (page faults are counted per process): looks up `count` customer ids "C0000000"… as a
 * shop's file lists them (new customers, numbered in turn, join as the file goes on; older ones come back, and now and
 * then one of the very first, below every number seen so far), and prints
 * how many bytes of memory the lookups touched for the first time beside the bytes the numbers finally span (4 a
 * number). Used by tests/unit/import/dense-ids.test.ts.
 */
import { CodeDictionary } from '../../src/core/import/code-dictionary';
import { charsOf } from '../../src/core/import/chars';
import { mulberry32 } from '../bench/synthetic';

const count = Number(process.argv[2] ?? 1_000_000);
const random = mulberry32(16);
const dict = new CodeDictionary();
dict.expectRows(count);
// The text the importer would hold: ids are read in place from one array of characters per 4,096 rows.
let least = Infinity;
let greatest = -Infinity;
const faults = () => process.resourceUsage().minorPageFault;
let touched = 0;
for (let row = 0; row < count; ) {
  const numbers: number[] = [];
  for (let k = 0; k < 4096 && row < count; k++, row++) numbers.push(random() < 1e-5 ? Math.floor(random() * 200) : 200 + Math.floor(random() * (row + 1)));
  const chars = charsOf(numbers.map((n) => `C${String(n).padStart(7, '0')}`).join(','));
  const before = faults();
  for (let k = 0, at = 0; k < numbers.length; k++, at += 9) dict.idOf(chars, at, at + 8);
  touched += faults() - before;
  for (const n of numbers) {
    least = Math.min(least, n);
    greatest = Math.max(greatest, n);
  }
}
console.log(JSON.stringify({ lookup: dict.lookup, touchedBytes: touched * 4096, spanBytes: 4 * (greatest - least + 1) }));
