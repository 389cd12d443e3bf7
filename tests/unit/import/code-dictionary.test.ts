/**
 * Order ids as codes only (CodeDictionary): equal texts share a code in first-seen order, as a Map would give them,
 * without keeping a string per value; joining a later part renumbers its codes; compaction keeps first-use order.
 */
import { describe, expect, it } from 'vitest';
import { mapCodes } from '../../fixtures/import/helpers';
import { mulberry32 } from '../../bench/synthetic';
import { CodeDictionary, compactCodes } from '../../../src/core/import/code-dictionary';
import { Dictionary } from '../../../src/core/import/growable';
import { charsOf } from '../../../src/core/import/chars';

describe('order ids as codes', () => {
  it('gives the codes a Map gives, over 20,000 ids with repeats, near-duplicates, non-Latin text and blanks', () => {
    const u = mulberry32(7);
    const pool = ['', '#1', '#10', '#01', 'ĐH-001', 'คำสั่ง-9', '1', '1 ', 'A'.repeat(300)];
    const values: string[] = [];
    // Short values are held in the table's key (up to 8 Latin-1 characters, or up to 16 digits), longer ones hashed:
    // ids of each kind, and digit ids that differ only in their last digits or their leading zeros.
    const digits = (): string => `${'0'.repeat(Math.floor(u() * 3))}65432109876${Math.floor(u() * 50)}`.slice(0, 9 + Math.floor(u() * 8));
    for (let i = 0; i < 20_000; i++) {
      const r = u();
      values.push(r < 0.2 ? pool[Math.floor(u() * pool.length)].trim() : r < 0.4 ? digits() : r < 0.5 ? `customer-${Math.floor(u() * 500)}@shop.vn` : `#${Math.floor(u() * 8_000)}`);
    }
    const text = charsOf(values.map((v) => `,${v},`).join('\n'));
    const dict = new CodeDictionary();
    const codes: number[] = [];
    let at = 0;
    for (const v of values) {
      codes.push(dict.idOf(text, at + 1, at + 1 + v.length));
      at += v.length + 3;
    }
    expect(codes).toEqual(mapCodes(values));
    expect(dict.size).toBe(new Set(values).size);
    expect(dict.blank).toBe(mapCodes(values)[values.indexOf('')]);
  });

  it('needs no table while ids count up or down within each length, and gives a Map\'s codes when one comes back', () => {
    // Shopify's "#1001" counting up, cancellations "C536379" among them (their own length), ids counting down.
    const values: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      values.push(`#${1001 + i}`, `#${1001 + i}`);
      if (i % 7 === 0) values.push(`C${536_000 + i}`);
      values.push(`D${99_999 - i}`);
    }
    const dict = new CodeDictionary();
    const codes = values.map((v) => dict.id(v));
    expect(codes).toEqual(mapCodes(values));
    expect(dict.ordered).toBe(true);
    // An id seen before, not on the line before: a table from then on, holding every earlier value.
    const again = ['#1500', 'D99990', '#1001', 'C536007', '#9999', '#1500'];
    expect(again.map((v) => dict.id(v))).toEqual(mapCodes([...values, ...again]).slice(values.length));
    expect(dict.ordered).toBe(false);
    // A new value between two earlier ones ends ordered mode too, and still gets a code of its own.
    const between = new CodeDictionary();
    expect(['A10', 'A30', 'A20', 'A30', 'A10', 'A20'].map((v) => between.id(v))).toEqual([0, 1, 2, 1, 0, 2]);
    expect(between.ordered).toBe(false);
    // The smallest or the largest value seen again, another value between: the same code, not a new one.
    for (const values of [['B2', 'B1', 'B3', 'B1'], ['B1', 'B3', 'C', 'B3']]) {
      const d = new CodeDictionary();
      expect(values.map((v) => d.id(v))).toEqual(mapCodes(values));
    }
  });

  it('orders values longer than 32 characters by length first, in one group', () => {
    const long = (n: number, tail: string) => 'x'.repeat(n) + tail;
    const values = [long(40, 'b'), long(50, 'a'), long(40, 'c'), long(40, 'a'), long(50, 'a'), long(40, 'b')];
    const dict = new CodeDictionary();
    expect(values.map((v) => dict.id(v))).toEqual(mapCodes(values));
  });

  it('tells apart short ids whose hashes agree (found by search: the table holds short values themselves)', () => {
    // Pairs with the same 25-bit tag and the same first slot in a table of 2,048: digits sharing their first 8 or
    // their last 6, Latin-1 characters sharing their first 4 or their last 4.
    const values = ['1234567800385561', '1234567800513003', '00205667123456', '00285619123456', 'ABCD1NJ5', 'ABCDCBH6', '32K3WXYZ', 'NJZ6WXYZ'];
    const dict = new CodeDictionary();
    for (const v of ['x', 'z', 'y']) dict.id(v); // 'y' between two earlier values: the table from here on
    expect(dict.ordered).toBe(false);
    expect([...values, ...values].map((v) => dict.id(v))).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('gives the values back as strings when asked, in pieces, whatever their characters', () => {
    const dict = new Dictionary();
    const first = ['C0001', '', 'khách@shop.vn'];
    for (const v of first) dict.id(v);
    expect(dict.values).toEqual(first);
    // Characters beyond U+00FF from here on (the packed array widens to two bytes), a long value, a blank again.
    const more = ['Nguyễn Văn Ả', 'ลูกค้า 7', 'x'.repeat(5_000), '', 'C0001', '\u00ff\u0080'];
    for (const v of more) dict.id(v);
    expect(dict.values).toEqual([...first, 'Nguyễn Văn Ả', 'ลูกค้า 7', 'x'.repeat(5_000), '\u00ff\u0080']);
    expect(dict.blank).toBe(1);
    expect(dict.size).toBe(7);
  });

  it('once sealed keeps its counts (and its values when asked to) and refuses a new lookup', () => {
    const orders = new CodeDictionary();
    for (const v of ['#1', '#2', '', '#1', '#3\uFFFD']) orders.id(v);
    orders.seal(false);
    expect([orders.size, orders.blank, [...(orders.undecodable ?? [])]]).toEqual([4, 2, [3]]);
    expect(() => orders.id('#4')).toThrow(/sealed/);
    expect(() => orders.packed()).toThrow(/dropped/);
    // Customers: the values are made into strings once, after the seal, and stay.
    const customers = new Dictionary();
    for (const v of ['C1', 'C2', 'C1', 'Nguyễn']) customers.id(v);
    customers.seal();
    expect(() => customers.id('C9')).toThrow(/sealed/);
    expect(customers.values).toEqual(['C1', 'C2', 'Nguyễn']);
    expect(() => customers.packed()).toThrow(/dropped/);
    expect(customers.values).toEqual(['C1', 'C2', 'Nguyễn']);
    expect(customers.size).toBe(3);
  });

  it("gives a last part's codes without storing its ids, as absorbing them would", () => {
    const packedOf = (values: string[]) => {
      const part = new CodeDictionary();
      for (const v of values) part.id(v);
      return part.packed();
    };
    const cases: [string[], string[]][] = [
      // Ordered before, and the part beyond: no table is built.
      [['#100', '#101', '#102'], ['#103', '#104', '#99']],
      // An order cut in two (its id on both sides), an id falling between (the table is built), a blank, wide
      // characters, an undecodable id, and an id of the first part again.
      [Array.from({ length: 60 }, (_, i) => `#${100 + 2 * i}`), ['#218', '#150', '#151', '', 'đơn#1', '#1\uFFFD', '#100', '#300']],
      // A first part already with a table, a blank and an undecodable id on both sides.
      [['b', 'a', '', 'x\uFFFD'], ['x\uFFFD', 'c', '', 'a']],
      // Wide characters only in the part, one of them U+0141 (Ł), whose low byte is A's: the first part's bytes must be
      // widened, not the part's characters cut to bytes.
      [['AB', 'b'], ['\u0141B', 'b']],
    ];
    for (const [before, part] of cases) {
      const kept = new CodeDictionary();
      const counted = new CodeDictionary();
      for (const v of before) (kept.id(v), counted.id(v));
      const expected = Array.from(kept.absorb(packedOf(part)));
      expect(Array.from(counted.absorbCodes(packedOf(part))), part.join(' ')).toEqual(expected);
      expect([counted.size, counted.blank, [...(counted.undecodable ?? [])]]).toEqual([kept.size, kept.blank, [...(kept.undecodable ?? [])]]);
      expect(() => counted.id('#1')).toThrow(/sealed/);
    }
    // By hand for the second case: 60 ids before; #218 is the last of them (code 59), #150 the 26th (code 25), #100
    // the first; #151, '', 'đơn#1', '#1\uFFFD' and #300 are new (60 to 64).
    const counted = new CodeDictionary();
    for (let i = 0; i < 60; i++) counted.id(`#${100 + 2 * i}`);
    expect(Array.from(counted.absorbCodes(packedOf(cases[1][1])))).toEqual([59, 25, 60, 61, 62, 63, 0, 64]);
    expect([counted.blank, [...(counted.undecodable ?? [])]]).toEqual([61, [63]]);
    // By hand for the last case: ŁB is new (code 2), b is the first part's (code 1); kept, it reads back as it was.
    const wide = new CodeDictionary();
    for (const v of ['AB', 'b']) wide.id(v);
    expect(Array.from(wide.absorb(packedOf(['\u0141B', 'b'])))).toEqual([2, 1]);
    const strings: string[] = [];
    wide.appendStrings(strings);
    expect(strings).toEqual(['AB', 'b', '\u0141B']);
  });

  it("counts a later part's ids against a table whatever slot each new id's search ends on", () => {
    // A table's "not found" is −1 − the free slot: −2 for slot 1, which the dense ids' "misfit" also is. Taken for a
    // misfit, it crashed the join of a file whose first half's ids were in a table (by hand: 5,000 new ids in a
    // table of 2,048 slots, one of them ending on slot 1).
    const counted = new CodeDictionary();
    // 'c' falls between 'b' and 'd': the ids go into a table.
    for (const v of ['b', 'd', 'c']) counted.id(v);
    expect(counted.lookup).toBe('table');
    const part = new CodeDictionary();
    const later = Array.from({ length: 5_000 }, (_, i) => `x${(i * 7_919) % 5_000}`);
    for (const v of later) part.id(v);
    expect(Array.from(counted.absorbCodes(part.packed()))).toEqual(later.map((_, i) => 3 + i));
  });

  it('trims spaces around a cell, as the ids of the other columns are', () => {
    const dict = new CodeDictionary();
    const text = 'x,  O1 ,O1,O2\t,';
    expect([dict.idOf(charsOf(text), 2, 7), dict.idOf(charsOf(text), 8, 10), dict.idOf(charsOf(text), 11, 14)]).toEqual([0, 0, 1]);
    expect(dict.blank).toBe(-1);
  });

  it('notes ids holding U+FFFD (undecodable bytes)', () => {
    const dict = new CodeDictionary();
    dict.id('A');
    dict.id('B\uFFFD');
    expect([...(dict.undecodable ?? [])]).toEqual([1]);
  });

  it("renumbers a later part's codes into the first part's", () => {
    const first = new CodeDictionary();
    for (const v of ['O1', 'O2', 'ĐH3']) first.id(v);
    const later = new CodeDictionary();
    for (const v of ['ĐH3', 'O9', '', 'O1']) later.id(v);
    // Through plain data, as between workers.
    const packed = structuredClone(later.packed());
    expect(Array.from(first.absorb(packed))).toEqual([2, 3, 4, 0]);
    expect(first.size).toBe(5);
    expect(first.blank).toBe(4);
  });

  it('compaction keeps the codes in use, in first-use order, and follows the blank id', () => {
    const codes = Uint32Array.from([4, 4, 2, 0, 2, 4]);
    expect(compactCodes(codes, 6, 5, 2)).toEqual({ count: 3, blank: 1 });
    expect(Array.from(codes)).toEqual([0, 0, 1, 2, 1, 0]);
    expect(compactCodes(Uint32Array.from([1, 1]), 2, 3, 2)).toEqual({ count: 1, blank: -1 });
  });
});

describe('sizing the order ids ahead', () => {
  const id = (i: number) => `#${String(100_000 + i)}`;

  it('reserves room for the ids to come once, at the bytes of those so far, and the codes stay the same', () => {
    const sized = new CodeDictionary();
    const grown = new CodeDictionary();
    for (let i = 0; i < 10; i++) expect(sized.id(id(i))).toBe(grown.id(id(i)));
    // Counting up, the ids are front-coded: the first "#100000" 9 bytes (two lengths and 7 characters), each next one
    // 3 (6 characters shared, one more): 36 bytes for ten, so room for 100,000 is 3.6 × 100,000 × 1.02 = 367,200.
    const before = sized.heldBytes;
    sized.reserve(100_000);
    const reserved = sized.heldBytes;
    expect(reserved - before).toBe(367_200 - 4096);
    for (let i = 10; i < 100_000; i++) expect(sized.id(id(i))).toBe(grown.id(id(i)));
    // Nothing was grown again, and the ids took under 4 bytes each (13 as packed characters and an end).
    expect(sized.heldBytes).toBe(reserved);
    expect(sized.heldBytes / 100_000).toBeLessThan(4);
    // An id seen before still finds its code (the ids are written out for the table then); a reserve for fewer than
    // there are, or once sealed, reserves nothing.
    expect(sized.id(id(5))).toBe(5);
    expect(sized.ordered).toBe(false);
    const written = sized.heldBytes;
    sized.reserve(10);
    expect(sized.heldBytes).toBe(written);
    expect(Array.from(sized.packed().ends.subarray(0, 3))).toEqual([7, 14, 21]);
  });
});
