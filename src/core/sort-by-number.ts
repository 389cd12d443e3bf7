/**
 * Positions ordered by a numeric key, in linear time: a least-significant-digit radix sort over the keys' bits.
 * A comparison sort of 3.3 million customers with a comparator took about 2 s on the page's thread; this takes a few
 * hundred ms. The order is that of the comparator it replaces: by key (−0 equal to 0), ties in the order given, and
 * NaN (an unknown value) last, in the order given, whichever the direction.
 */

import { LITTLE_ENDIAN } from './utf16-text';
import { release } from './release';

const DIGIT_BITS = 16;
const DIGITS = 1 << DIGIT_BITS;

/** A radix pass's digit counts made, in place, into where each digit's keys start. */
function countsToStarts(count: Uint32Array): void {
  let start = 0;
  for (let d = 0; d < count.length; d++) {
    const c = count[d];
    count[d] = start;
    start += c;
  }
}

/** `picked` (positions, in the order that breaks ties) sorted by `key[position]`. */
export function sortByNumber(picked: ArrayLike<number>, key: ArrayLike<number>, ascending: boolean): Uint32Array {
  const n = picked.length;
  let known = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(key[picked[i]])) known++;
  const out = new Uint32Array(n);
  // Each key as 64 bits that sort as unsigned integers the way the numbers do: a negative number's bits all flipped,
  // a positive one's sign bit set. A descending order sorts the negated keys, so that ties keep the given order.
  let hi = new Uint32Array(known);
  let lo = new Uint32Array(known);
  let pos = new Uint32Array(known);
  const number = new Float64Array(1);
  const bits = new Uint32Array(number.buffer);
  const [low, high] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
  let k = 0;
  let unknown = known;
  for (let i = 0; i < n; i++) {
    const p = picked[i];
    const v = key[p];
    if (Number.isNaN(v)) {
      out[unknown++] = p;
      continue;
    }
    number[0] = (ascending ? v : -v) + 0;
    const h = bits[high];
    const negative = h >>> 31 === 1;
    hi[k] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[k] = negative ? ~bits[low] >>> 0 : bits[low];
    pos[k] = p;
    k++;
  }
  let hiNext = new Uint32Array(known);
  let loNext = new Uint32Array(known);
  let posNext = new Uint32Array(known);
  const count = new Uint32Array(DIGITS);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? lo : hi;
    const shift = (pass % 2) * DIGIT_BITS;
    count.fill(0);
    for (let i = 0; i < known; i++) count[(word[i] >>> shift) & (DIGITS - 1)]++;
    // A digit every key shares moves nothing: skip the pass (small integers share all their low bits, for one).
    if (known === 0 || count[(word[0] >>> shift) & (DIGITS - 1)] === known) continue;
    countsToStarts(count);
    for (let i = 0; i < known; i++) {
      const j = count[(word[i] >>> shift) & (DIGITS - 1)]++;
      hiNext[j] = hi[i];
      loNext[j] = lo[i];
      posNext[j] = pos[i];
    }
    [hi, hiNext] = [hiNext, hi];
    [lo, loNext] = [loNext, lo];
    [pos, posNext] = [posNext, pos];
  }
  out.set(pos);
  // The passes' arrays, 24 bytes a value (80 MB for 3.3M customers), given back now rather than at a collection.
  release(hi, lo, pos, hiNext, loNext, posNext, count);
  return out;
}

/**
 * Finite `values` sorted ascending in place (−0 before 0, as a typed array's own sort puts them), by the same radix
 * sort as sortByNumber over the numbers themselves: no positions to carry, each number's two words moved together.
 */
export function sortFiniteInPlace(values: Float64Array): Float64Array {
  if (sortWholeStepsInPlace(values)) return values;
  const n = values.length;
  let src: Uint32Array = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let dst: Uint32Array = new Uint32Array(2 * n);
  const [lo, hi] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
  // The keys of sortByNumber, made in place (−0 stays apart from 0 here: its bits sort just below).
  for (let i = 0; i < 2 * n; i += 2) {
    const h = src[i + hi];
    if (h & 0x80000000) {
      src[i + hi] = ~h;
      src[i + lo] = ~src[i + lo];
    } else src[i + hi] = h | 0x80000000;
  }
  const count = new Uint32Array(DIGITS);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? lo : hi;
    const shift = (pass % 2) * DIGIT_BITS;
    count.fill(0);
    for (let i = 0; i < 2 * n; i += 2) count[(src[i + word] >>> shift) & (DIGITS - 1)]++;
    countsToStarts(count);
    for (let i = 0; i < 2 * n; i += 2) {
      const to = 2 * count[(src[i + word] >>> shift) & (DIGITS - 1)]++;
      dst[to] = src[i];
      dst[to + 1] = src[i + 1];
    }
    [src, dst] = [dst, src];
  }
  release(dst, count);
  // Four passes: the sorted keys are back in `values`' own buffer; made numbers again.
  for (let i = 0; i < 2 * n; i += 2) {
    const h = src[i + hi];
    if (h & 0x80000000) src[i + hi] = h & 0x7fffffff;
    else {
      src[i + hi] = ~h;
      src[i + lo] = ~src[i + lo];
    }
  }
  return values;
}

/**
 * Every position of `values`, largest value first (unknown last, ties in position order): a customer table's first
 * order, as sortByNumber gives it for all the customers.
 */
export function largestFirst(values: ArrayLike<number>): Uint32Array {
  const positions = new Uint32Array(values.length);
  for (let i = 0; i < positions.length; i++) positions[i] = i;
  return sortByNumber(positions, values, false);
}

/** Whether position `a` (value x) comes before position `b` (value y) in largestFirst's order. */
function ahead(x: number, a: number, y: number, b: number): boolean {
  if (Number.isNaN(x)) return Number.isNaN(y) && a < b;
  if (Number.isNaN(y)) return true;
  return x > y || (x === y && a < b);
}

/**
 * The first `count` positions of largestFirst(values), in its order, in one pass with a heap of `count` positions:
 * the customer table's first screen without sorting every customer (3.3 million took 0.4–0.7 s before the table
 * showed). The rest is sorted when someone scrolls that far.
 */
export function largestFirstTop(values: ArrayLike<number>, count: number): Uint32Array {
  const k = Math.max(0, Math.min(count, values.length));
  // heap[0] is the last of the positions kept (the one a better position replaces).
  const heap = new Uint32Array(k);
  let size = 0;
  const behind = (i: number, j: number) => ahead(values[heap[j]], heap[j], values[heap[i]], heap[i]);
  const down = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let last = i;
      if (l < size && behind(l, last)) last = l;
      if (r < size && behind(r, last)) last = r;
      if (last === i) return;
      const t = heap[i];
      heap[i] = heap[last];
      heap[last] = t;
      i = last;
    }
  };
  for (let p = 0; p < values.length && k > 0; p++) {
    if (size < k) {
      // Sift up: a parent is never behind its children.
      let i = size++;
      heap[i] = p;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!behind(i, parent)) break;
        const t = heap[i];
        heap[i] = heap[parent];
        heap[parent] = t;
        i = parent;
      }
    } else if (ahead(values[p], p, values[heap[0]], heap[0])) {
      heap[0] = p;
      down(0);
    }
  }
  // Take the last kept position out, k times: they come last to first.
  const out = new Uint32Array(k);
  for (let n = k - 1; n >= 0; n--) {
    out[n] = heap[0];
    heap[0] = heap[--size];
    down(0);
  }
  return out;
}

/**
 * Money per customer is most often whole units or whole cents: such values are integers once scaled, and when their
 * range fits 32 bits they sort as unsigned integers in two or three passes of small digits (cache-friendly), where
 * the general sort makes four passes over 64-bit keys with 16-bit digits. The keys and the passes' second array are
 * the two halves of the values' own buffer, so nothing is allocated. Each value must come back exactly as it was
 * (k / scale === value), else this declines and leaves the values as they were.
 */
const STEPS_PER_UNIT = [1, 100];
const SMALL_DIGIT_BITS = 11;

function sortWholeStepsInPlace(values: Float64Array): boolean {
  const n = values.length;
  for (const scale of STEPS_PER_UNIT) {
    let min = Infinity;
    let max = -Infinity;
    let exact = true;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const k = Math.round(v * scale);
      // −0 would come back as 0: left to the general sort, which puts it before 0.
      if (k / scale !== v || (v === 0 && 1 / v < 0)) {
        exact = false;
        break;
      }
      if (k < min) min = k;
      if (k > max) max = k;
    }
    if (!exact || !(max - min < 2 ** 32)) continue;
    const low = new Uint32Array(values.buffer, values.byteOffset, n);
    const high = new Uint32Array(values.buffer, values.byteOffset + 4 * n, n);
    // Key i goes to bytes 4i–4i+3, which belong to value ⌊i/2⌋, read already.
    for (let i = 0; i < n; i++) low[i] = Math.round(values[i] * scale) - min;
    const sorted = sortUint32(low, high, max - min);
    // Value i takes bytes 8i–8i+7: in the low half those hold keys 2i and 2i + 1, not read yet going up, so it
    // goes down; in the high half they hold keys 2i − n and 2i − n + 1, read already going up.
    if (sorted === low) for (let i = n - 1; i >= 0; i--) values[i] = (low[i] + min) / scale;
    else for (let i = 0; i < n; i++) values[i] = (high[i] + min) / scale;
    return true;
  }
  return false;
}

/**
 * `keys` (each at most `largest`) sorted ascending by LSD radix with 11-bit digits, as many passes as `largest`
 * needs, moving between `keys` and `spare`; returns the one that holds the result.
 */
function sortUint32(keys: Uint32Array, spare: Uint32Array, largest: number): Uint32Array {
  const n = keys.length;
  let src = keys;
  let dst = spare;
  const digits = 1 << SMALL_DIGIT_BITS;
  const mask = digits - 1;
  const count = new Uint32Array(digits);
  for (let shift = 0; shift < 32 && largest >>> shift > 0; shift += SMALL_DIGIT_BITS) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i] >>> shift) & mask]++;
    countsToStarts(count);
    for (let i = 0; i < n; i++) {
      const key = src[i];
      dst[count[(key >>> shift) & mask]++] = key;
    }
    [src, dst] = [dst, src];
  }
  return src;
}
