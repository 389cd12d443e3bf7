/**
 * Ids that are numbers after one prefix (DenseIds inside CodeDictionary): found at their number's place in an array,
 * with the codes a Map gives, the very texts given back, and the table taken over as soon as one value does not fit.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mapCodes } from '../../fixtures/import/helpers';
import { mulberry32 } from '../../bench/synthetic';
import { CodeDictionary } from '../../../src/core/import/code-dictionary';
import { ABSENT, DenseIds, MISFIT, numberedText } from '../../../src/core/import/dense-ids';
import { unpackValues } from '../../../src/core/customer-ids';
import { charsOf } from '../../../src/core/import/chars';

/** Codes of `values` through idOf on one text (as the importer reads cells), the lookup mode after each. */
function codesOf(dict: CodeDictionary, values: string[]): { codes: number[]; modes: string[] } {
  const text = charsOf(values.join(','));
  const codes: number[] = [];
  const modes: string[] = [];
  let at = 0;
  for (const v of values) {
    codes.push(dict.idOf(text, at, at + v.length));
    modes.push(dict.lookup);
    at += v.length + 1;
  }
  return { codes, modes };
}

/**
 * Codes of `values` as the row acceptor looks customers up: numbers read (numberOf) and looked up in batches of at
 * most `batch` (codeOfNumber), and a value that is no such number through idOf once the batch before it is looked up.
 */
function batchedCodesOf(dict: CodeDictionary, values: string[], batch: number): number[] {
  const text = charsOf(values.join(','));
  const codes: number[] = [];
  const later: { index: number; n: number }[] = [];
  const lookUp = () => {
    for (const { index, n } of later) codes[index] = dict.codeOfNumber(n);
    later.length = 0;
  };
  let at = 0;
  values.forEach((v, index) => {
    const n = dict.numberOf(text, at, at + v.length);
    if (n >= 0) {
      if (later.length === batch) lookUp();
      later.push({ index, n });
    } else {
      lookUp();
      codes[index] = dict.idOf(text, at, at + v.length);
    }
    at += v.length + 1;
  });
  lookUp();
  return codes;
}

function stringsOf(dict: CodeDictionary): string[] {
  const strings: string[] = [];
  dict.appendStrings(strings);
  return strings;
}

/** Zero-padded customer numbers in a scattered order, each seen one to three times, as in a shop's orders. */
function paddedCustomers(count: number, seed: number): string[] {
  const u = mulberry32(seed);
  const values: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `C${String(Math.floor(u() * 50_000)).padStart(7, '0')}`;
    for (let k = 0, n = 1 + Math.floor(u() * 3); k < n; k++) values.push(id);
  }
  return values;
}

describe('ids that are numbers after a prefix', () => {
  it('gives a Map\'s codes and the very texts back, zero-padded or plain, whichever way the numbers come', () => {
    const cases = [
      paddedCustomers(20_000, 1),
      // Plain numbers of any length (no leading zeros), as UCI Online Retail's CustomerID: 12346 … 18287, and "0".
      Array.from({ length: 20_000 }, (_, i) => String((i * 7919) % 9_000 === 0 ? 0 : 100 + ((i * 7919) % 9_000))),
      // Counting down and up around the first (the array grows both ways), then some again (out of order).
      [...Array.from({ length: 10_000 }, (_, i) => `KH-${i % 2 ? 500_000 + i * 13 : 500_000 - i * 11}`), 'KH-500000', 'KH-500013', 'KH-499978'],
      // Thai prefix (characters beyond U+00FF).
      Array.from({ length: 3_000 }, (_, i) => `ลูกค้า${(i * 37) % 1_000}`),
    ];
    for (const values of cases) {
      const dict = new CodeDictionary();
      const { codes, modes } = codesOf(dict, values);
      expect(codes).toEqual(mapCodes(values));
      // Once the values stop coming in order the numbers are used, never the table.
      expect(modes.at(-1)).toBe('dense');
      expect(modes).not.toContain('table');
      expect(stringsOf(dict)).toEqual([...new Set(values)]);
      expect(dict.size).toBe(new Set(values).size);
    }
  });

  it('holds the numbers in an array of 4–8 bytes a number spanned, under a quarter of a table', () => {
    const values = paddedCustomers(40_000, 2);
    const dense = new CodeDictionary();
    codesOf(dense, values);
    const table = new CodeDictionary();
    // The same values with one letter changed are no numbers: the table holds them.
    codesOf(table, values.map((v) => `X${v.slice(1, 4)}Z${v.slice(4)}`));
    expect([dense.lookup, table.lookup]).toEqual(['dense', 'table']);
    // Up to 50,000 numbers spanned: the array's span, 4 bytes a number (its room around them untouched), plus the
    // staging characters (1 KB).
    const spanned = Math.max(...values.map((v) => Number(v.slice(1)))) - Math.min(...values.map((v) => Number(v.slice(1)))) + 1;
    expect(dense.heldBytes).toBeGreaterThanOrEqual(4 * spanned + 1024);
    expect(dense.heldBytes).toBeLessThanOrEqual(8 * spanned + 1024);
    expect(table.heldBytes).toBeGreaterThan(4 * dense.heldBytes);
  });

  it('touches little more memory than the numbers finally span, however many times the array outgrows itself', () => {
    // Customers numbered in turn joining as the file goes on (older ones coming back, a very old one now and then),
    // looked up in a process of its own, which counts the pages it touched the first time. Each array outgrown was a
    // fresh one written over the whole span: 5.3× the final span at 1M customers, 6.3× at 4M (the last arrays all the
    // limit's size); with the room at the limit all on one side, 2.9× at 4M (a very old customer moved it back).
    for (const [count, most] of [[1_000_000, 4], [4_000_000, 2]]) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../support/dense-first-touch.ts', import.meta.url)), String(count)], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const { lookup, touchedBytes, spanBytes } = JSON.parse(run.stdout) as { lookup: string; touchedBytes: number; spanBytes: number };
      expect(lookup).toBe('dense');
      expect(spanBytes).toBeGreaterThan(0.99 * 4 * count);
      expect(touchedBytes / spanBytes).toBeLessThan(most);
    }
  });

  it('goes over to the table at the first value that is not such a number, and keeps every code', () => {
    const base = paddedCustomers(3_000, 3);
    const misfits = [
      'D0000001', // another prefix
      'C12345678', // more digits than the others (zero-padded: one width)
      'C', // no digits
      'C000001x', // a letter among the digits
      '', // blank
      'C00\uFFFD0001', // an undecodable byte
      'C0000001 ', // a space inside (trimmed: same as C0000001)
      'Nguyễn', // wide characters
      'C9999999999999999', // beyond 15 digits
    ];
    for (const misfit of misfits) {
      const values = [...base, misfit, ...base.slice(0, 500), misfit, 'C0049999'];
      const dict = new CodeDictionary();
      const { codes, modes } = codesOf(dict, values);
      const expected = values.map((v) => v.trim());
      expect(codes, misfit).toEqual(mapCodes(expected));
      expect(stringsOf(dict), misfit).toEqual([...new Set(expected)]);
      const fits = misfit.trim() === 'C0000001';
      expect(modes.at(-1), misfit).toBe(fits ? 'dense' : 'table');
      if (!fits) expect(dict.blank, misfit).toBe(misfit === '' ? mapCodes(expected)[base.length] : -1);
      if (misfit.includes('\uFFFD')) expect([...(dict.undecodable ?? [])]).toEqual([mapCodes(expected)[base.length]]);
    }
  });

  it('tells "C01" from "C1": one way of writing a number at a time (by hand)', () => {
    // Both two digits: one width, and "C01" starts with a zero, so from then on only that width fits; "C1" is then a
    // misfit and goes to the table.
    const dict = new CodeDictionary();
    expect(codesOf(dict, ['C10', 'C05', 'C10', 'C01']).codes).toEqual([0, 1, 0, 2]);
    expect(dict.lookup).toBe('dense');
    expect(codesOf(dict, ['C1', 'C01', 'C1']).codes).toEqual([3, 2, 3]);
    expect(dict.lookup).toBe('table');
    expect(stringsOf(dict)).toEqual(['C10', 'C05', 'C01', 'C1']);
    // Plain numbers of several lengths: no leading zero may come, and "007" is a misfit.
    const plain = new CodeDictionary();
    expect(codesOf(plain, ['5', '12', '7', '12', '100']).codes).toEqual([0, 1, 2, 1, 3]);
    expect(plain.lookup).toBe('dense');
    expect(codesOf(plain, ['007', '7']).codes).toEqual([4, 2]);
    expect(plain.lookup).toBe('table');
  });

  it('goes over to the table when the numbers would span more than the limit', () => {
    const dict = new CodeDictionary();
    // Few ids far apart (Shopify's 13-digit customer ids): an array over their span would be all holes.
    const values = ['7123456789012', '7100000000000', '7123456789012', '7200000000000', '7100000000000'];
    expect(codesOf(dict, values).codes).toEqual([0, 1, 0, 2, 1]);
    expect(dict.lookup).toBe('table');
    // Within the limit, set from the rows the importer expects, the array spans as far as it must.
    const wide = new CodeDictionary();
    wide.expectRows(10_000_000);
    const spread = ['5', '9000000', '12', '9000000', '5'];
    expect(codesOf(wide, spread).codes).toEqual([0, 1, 2, 1, 0]);
    expect(wide.lookup).toBe('dense');
    expect(codesOf(wide, ['10000006']).codes).toEqual([3]);
    expect(wide.lookup).toBe('table');
  });

  it('joins a part handed over as its numbers by the numbers while both are numbers after one prefix, as one pass would', () => {
    // [first part, later part, how the first looks up after]: same writing; padded after plain and plain after padded
    // (C007 is not C7); another prefix; a later part that reaches past the span the first may cover.
    const scattered = (make: (n: number) => string, count: number, seed: number) => {
      const u = mulberry32(seed);
      return Array.from({ length: count }, () => make(Math.floor(u() * 900)));
    };
    const padded = (n: number) => `C${String(n).padStart(3, '0')}`;
    const plain = (n: number) => `C${n}`;
    const cases: [string[], string[], string][] = [
      [scattered(padded, 500, 1), scattered(padded, 500, 2), 'dense'],
      [scattered(plain, 500, 3), scattered(plain, 500, 4), 'dense'],
      [scattered(plain, 500, 5), scattered(padded, 500, 6), 'table'],
      [scattered(padded, 500, 7), scattered(plain, 500, 8), 'table'],
      [scattered(plain, 500, 9), scattered((n) => `K${n}`, 500, 10), 'table'],
      [scattered(plain, 500, 11), scattered((n) => `C${5_000_000 + n}`, 500, 12), 'table'],
    ];
    for (const [first, later, mode] of cases) {
      const part = new CodeDictionary();
      codesOf(part, later);
      part.seal(true);
      const handed = part.numbered()!;
      expect(handed, `${later[0]} after ${first[0]}`).not.toBeNull();
      const kept = new CodeDictionary();
      const firstCodes = codesOf(kept, first).codes;
      expect(kept.lookup).toBe('dense');
      const remap = kept.absorb(structuredClone(handed));
      const all = [...first, ...later];
      expect([...firstCodes, ...mapCodes(later).map((c) => remap[c])], `${later[0]} after ${first[0]}`).toEqual(mapCodes(all));
      expect([kept.size, kept.lookup], `${later[0]} after ${first[0]}`).toEqual([new Set(all).size, mode]);
      expect(stringsOf(kept)).toEqual([...new Set(all)]);
    }
  });

  it("joins a later part's ids, kept or only counted, as one pass would", () => {
    const values = paddedCustomers(8_000, 4);
    const cut = 9_000;
    const part = new CodeDictionary();
    codesOf(part, values.slice(cut));
    expect(part.lookup).toBe('dense');
    const packed = structuredClone(part.packed());
    // The part's values written out for the join; the part itself still looks up by number.
    expect(part.lookup).toBe('dense');
    const kept = new CodeDictionary();
    const counted = new CodeDictionary();
    const firstCodes = codesOf(kept, values.slice(0, cut)).codes;
    codesOf(counted, values.slice(0, cut));
    const remap = kept.absorb(packed);
    const partCodes = mapCodes(values.slice(cut));
    const joined = [...firstCodes, ...partCodes.map((c) => remap[c])];
    expect(joined).toEqual(mapCodes(values));
    expect(Array.from(counted.absorbCodes(packed))).toEqual(Array.from(remap));
    expect(kept.lookup).toBe('dense');
    kept.seal(true);
    expect(stringsOf(kept)).toEqual([...new Set(values)]);
  });

  it('finds, adds and refuses values on its own (by hand)', () => {
    const chars = Uint8Array.from('A07A10A03A3', (c) => c.charCodeAt(0));
    const ends = Int32Array.from([3, 6]);
    const dense = DenseIds.of(chars, ends, 2)!;
    expect(dense.size).toBe(2);
    expect(dense.find(chars, 0, 3)).toBe(0);
    expect(dense.find(chars, 3, 3)).toBe(1);
    expect(dense.find(chars, 6, 3)).toBe(ABSENT);
    expect(dense.add()).toBe(2);
    expect(dense.find(chars, 6, 3)).toBe(2);
    // "A3": one digit where every value has two, and the zero-padding rules out plain numbers.
    expect(dense.find(chars, 9, 2)).toBe(MISFIT);
    const { chars: out, ends: outEnds } = dense.writeOut(false, 0, 0);
    expect(String.fromCharCode(...out)).toBe('A07A10A03');
    expect(Array.from(outEnds)).toEqual([3, 6, 9]);
    // A prefix holding U+FFFD is refused: such ids are told apart by the importer, not merged.
    expect(DenseIds.of(Uint16Array.from([0xfffd, 49]), Int32Array.from([2]), 1)).toBeNull();
  });

  it('gives a Map\'s codes and texts over 600 random streams of ids near the rules\' edges, in one pass and joined at a random cut', () => {
    const u = mulberry32(99);
    const pick = <T,>(xs: T[]) => xs[Math.floor(u() * xs.length)];
    // Generators of ids that fit, and of the ones that break each rule: other prefixes, widths, leading zeros, 15 and
    // 16 digits, spans past the limit, blanks, spaces, U+FFFD, wide characters, a prefix that is itself digits-free.
    const makers: ((n: number) => string)[] = [
      (n) => `C${String(n).padStart(6, '0')}`,
      (n) => `C${n}`,
      (n) => String(n),
      (n) => `0${n}`,
      (n) => `KH-${n}`,
      (n) => `C${String(n).padStart(6, '0')}x`,
      (n) => `${n}`.padStart(15, '9'),
      (n) => `${n}`.padStart(16, '9'),
      (n) => String(n * 1_000_003),
      () => '',
      (n) => ` C${n} `,
      (n) => `C\uFFFD${n}`,
      (n) => `ลูกค้า${n}`,
      () => 'C',
    ];
    let numberedParts = 0;
    for (let trial = 0; trial < 600; trial++) {
      // Mostly one kind (so the dense ids get going), now and then another.
      const main = pick(makers.slice(0, 5));
      const values: string[] = [];
      const length = 5 + Math.floor(u() * 400);
      // A third of the streams count up or down (order numbers: ordered mode, front-coded, the join's unread path).
      const counting = trial % 3 === 0 ? (u() < 0.5 ? 1 : -1) : 0;
      for (let i = 0; i < length; i++) {
        const n = counting !== 0 ? 5_000 + counting * i : Math.floor(u() * (u() < 0.5 ? 50 : 5_000));
        values.push((u() < 0.03 ? pick(makers) : main)(n));
      }
      const expected = values.map((v) => v.trim());
      const one = new CodeDictionary();
      const { codes } = codesOf(one, values);
      expect(codes, `trial ${trial}`).toEqual(mapCodes(expected));
      expect(stringsOf(one), `trial ${trial}`).toEqual([...new Set(expected)]);
      // Read as the row acceptor reads customers: numbers looked up a batch at a time.
      const batched = new CodeDictionary();
      const batch = 1 + Math.floor(u() * 60);
      expect(batchedCodesOf(batched, values, batch), `trial ${trial} in batches of ${batch}`).toEqual(mapCodes(expected));
      expect(stringsOf(batched), `trial ${trial} in batches of ${batch}`).toEqual([...new Set(expected)]);
      // Cut in two: the part's values joined, kept (customers) or counted (order ids).
      const cut = Math.floor(u() * values.length);
      const part = new CodeDictionary();
      const partCodes = codesOf(part, values.slice(cut)).codes;
      const kept = new CodeDictionary();
      const counted = new CodeDictionary();
      const firstCodes = codesOf(kept, values.slice(0, cut)).codes;
      codesOf(counted, values.slice(0, cut));
      const remap = kept.absorb(structuredClone(part.packed()));
      expect([...firstCodes, ...partCodes.map((c) => remap[c])], `trial ${trial} cut ${cut}`).toEqual(mapCodes(expected));
      expect(Array.from(counted.absorbCodes(structuredClone(part.packed()))), `trial ${trial} cut ${cut}`).toEqual(Array.from(remap));
      expect([kept.blank, [...(kept.undecodable ?? [])]]).toEqual([one.blank, [...(one.undecodable ?? [])]]);
      // The part's customers as the importer hands them over: sealed, as their numbers when they were dense ids.
      part.seal(true);
      const handed = part.numbered() ?? part.packed();
      if ('numbers' in handed) numberedParts++;
      const keptAgain = new CodeDictionary();
      codesOf(keptAgain, values.slice(0, cut));
      expect(Array.from(keptAgain.absorb(structuredClone(handed))), `trial ${trial} cut ${cut} handed over`).toEqual(Array.from(remap));
      // The part as the importer hands it over (front-coded while still in order), counted.
      const ordered = new CodeDictionary();
      codesOf(ordered, values.slice(cut));
      const alsoCounted = new CodeDictionary();
      codesOf(alsoCounted, values.slice(0, cut));
      expect(Array.from(alsoCounted.absorbCodes(structuredClone(ordered.exported()))), `trial ${trial} cut ${cut} exported`).toEqual(Array.from(remap));
      expect([alsoCounted.size, alsoCounted.blank], `trial ${trial}`).toEqual([one.size, one.blank]);
    }
    // The numbers' path was taken often enough to count.
    expect(numberedParts).toBeGreaterThan(40);
  });
});

describe('dense ids kept as their numbers once sealed', () => {
  const sealedNumbers = (values: string[]) => {
    const dict = new CodeDictionary();
    const { modes } = codesOf(dict, values);
    dict.seal(true);
    return { dict, mode: modes.at(-1) };
  };

  it('zero-padded, plain, Thai-prefixed and past 2^31: the numbers in code order, the texts back exactly', () => {
    const cases: [string[], string, number, string][] = [
      // Each with a value between earlier ones of its length: looked up by number from then on.
      [['C0000171', 'C0000042', 'C0999999', 'C0000100', 'C0000171'], 'C', 7, 'Int32Array'],
      [['17850', '12347', '9', '13047', '17850'], '', 0, 'Int32Array'],
      [['ลูกค้า12', 'ลูกค้า3', 'ลูกค้า10', 'ลูกค้า12'], 'ลูกค้า', 0, 'Int32Array'],
      [['900000000012', '900000000003', '900000000007'], '', 12, 'Float64Array'],
    ];
    for (const [values, prefix, width, kind] of cases) {
      const { dict, mode } = sealedNumbers(values);
      expect(mode).toBe('dense');
      const numbered = dict.numbered()!;
      const distinct = [...new Set(values)];
      expect([numbered.prefix, numbered.width, numbered.numbers.constructor.name]).toEqual([prefix, width, kind]);
      expect(Array.from(numbered.numbers)).toEqual(distinct.map((v) => Number(v.slice(prefix.length))));
      expect(stringsOf(dict)).toEqual(distinct);
      expect(distinct.map((_, i) => numberedText(numbered, i))).toEqual(distinct);
      expect(unpackValues(numbered)).toEqual(distinct);
    }
  });

  it('once the values are made into strings the dictionary lets the numbers go, still whole for a table holding them', () => {
    const { dict } = sealedNumbers(['C3', 'C1', 'C2', 'C3']);
    const held = dict.numbered()!;
    expect(stringsOf(dict)).toEqual(['C3', 'C1', 'C2']);
    dict.seal(false);
    expect(dict.numbered()).toBeNull();
    expect(Array.from(held.numbers)).toEqual([3, 1, 2]);
  });

  it('values that were not dense ids when sealed are not numbered', () => {
    expect(sealedNumbers(['KH01', 'Đào', 'KH01']).dict.numbered()).toBeNull();
    // Dense, then C01 beside C1 (two ways of writing one number): the table from then on.
    const { dict, mode } = sealedNumbers(['C3', 'C1', 'C2', 'C01']);
    expect([mode, dict.numbered()]).toEqual(['table', null]);
    expect(stringsOf(dict)).toEqual(['C3', 'C1', 'C2', 'C01']);
  });
});
