/** Front-coded values (front-coded.ts), and the order ids kept so while they count up or down (CodeDictionary). */
import { describe, expect, it } from 'vitest';
import { FrontCoded } from '../../../src/core/import/front-coded';
import { CodeDictionary } from '../../../src/core/import/code-dictionary';
import { unpackValues } from '../../../src/core/customer-ids';
import { mapCodes } from '../../fixtures/import/helpers';

const bytesOf = (v: string) => Uint8Array.from(v, (c) => c.charCodeAt(0));

describe('front-coded values', () => {
  it('read back as written: empty values, nothing shared, long shared starts and rests past 127 characters', () => {
    const values = ['', '#100', '#100', '#1001', '#101', '', 'x'.repeat(300), 'x'.repeat(200) + 'y'.repeat(150), 'abc', 'ab', '\u00ff\u0080'];
    const coded = new FrontCoded();
    for (const v of values) coded.append(bytesOf(v), 0, v.length);
    expect([coded.count, coded.chars]).toEqual([values.length, values.join('').length]);
    const chars = new Uint8Array(coded.chars);
    const ends = new Int32Array(coded.count);
    coded.decodeInto(chars, ends);
    expect(unpackValues({ chars, ends })).toEqual(values);
    // Read once: nothing is held after.
    expect([coded.count, coded.heldBytes]).toEqual([0, 0]);
  });

  it('take about 3 bytes an id for order numbers counting up, 13 packed', () => {
    const coded = new FrontCoded();
    for (let i = 0; i < 100_000; i++) {
      const v = `#${10_000_000 + i}`;
      coded.append(bytesOf(v), 0, v.length);
    }
    // 9 bytes for the first, then 3 for most (one digit changes), 4 or 5 where digits carry.
    expect(coded.usedBytes / 100_000).toBeLessThan(3.2);
    const chars = new Uint8Array(coded.chars);
    const ends = new Int32Array(coded.count);
    coded.decodeInto(chars, ends);
    expect(unpackValues({ chars, ends }).slice(-2)).toEqual(['#10099998', '#10099999']);
  });
});

describe('order ids kept front-coded while they come in order', () => {
  it('give a Map’s codes and values whichever way the order ends: an id again, one between, a wide character, a look at the values', () => {
    const counting = Array.from({ length: 3_000 }, (_, i) => `SO-${String(50_000 + i).padStart(7, '0')}`);
    const endings: [string, string | null][] = [
      ['an id again', counting[17]],
      // Between SO-0050019 and SO-0050020 ('A' sorts after the digits), and new.
      ['an id between', 'SO-005001A'],
      ['a wide character', 'SO-ĐH00001'],
      ['the values asked for', null],
    ];
    for (const [name, ending] of endings) {
      const dict = new CodeDictionary();
      const values = [...counting];
      const codes = counting.map((v) => dict.id(v));
      expect(dict.ordered, name).toBe(true);
      if (ending === null) dict.packed();
      else (values.push(ending), codes.push(dict.id(ending)));
      // Then ids of every kind, old and new, in a scrambled order.
      const after = [counting[2_999], 'SO-9', counting[0], 'SO-ĐH00001', counting[1_500], 'x', counting[1_500]];
      for (const v of after) (values.push(v), codes.push(dict.id(v)));
      expect(codes, name).toEqual(mapCodes(values));
      expect(dict.ordered, name).toBe(false);
      expect(unpackValues(dict.packed()), name).toEqual([...new Set(values)]);
    }
  });

  it('go to the importer of the part before front-coded, and give the codes their packed form gives', () => {
    const first = Array.from({ length: 500 }, (_, i) => `#${1000 + i}`);
    const parts = [
      Array.from({ length: 500 }, (_, i) => `#${1500 + i}`), // all beyond the first part's
      Array.from({ length: 500 }, (_, i) => `#${1200 + 2 * i}`), // half of them seen in the first part
      ['#0999', '', '#1000', '#99999'], // below, blank, seen, another length
      ['#2001', '#2003', '#2002', '#1001'], // not in order within the part: packed
    ];
    for (const [k, later] of parts.entries()) {
      const codes = (exported: (d: CodeDictionary) => ReturnType<CodeDictionary['exported']>) => {
        const before = new CodeDictionary();
        for (const v of first) before.id(v);
        const part = new CodeDictionary();
        for (const v of later) part.id(v);
        const values = exported(part);
        return { front: 'front' in values, codes: Array.from(before.absorbCodes(values)), size: before.size, blank: before.blank };
      };
      const front = codes((d) => d.exported());
      const packed = codes((d) => d.packed());
      expect([front.front, packed.front]).toEqual([k < 3, false]);
      expect(front).toEqual({ ...packed, front: front.front });
      expect(front.codes).toEqual(mapCodes([...first, ...later]).slice(first.length));
    }
  });

  it('give all-new codes without reading the part when its values lie beyond the first part\'s in every length, and not otherwise', () => {
    const first = [...Array.from({ length: 300 }, (_, i) => `#${1000 + i}`), ...Array.from({ length: 50 }, (_, i) => `C${50_000 + i}`), 'L'.repeat(40) + '0'];
    const parts: [string, string[], boolean][] = [
      // Counting on in one length, counting down in another, a longer group beyond too, a blank new to both: disjoint.
      ['beyond', [...Array.from({ length: 300 }, (_, i) => `#${1300 + i}`), 'C49999', 'C40000', '', 'L'.repeat(40) + '1'], true],
      // The first part's last id again (an order cut in two between the halves): its span touches the first part's.
      ['touching', ['#1299', '#1300', '#1301'], false],
      // One id between the first part's in one length group, the rest beyond.
      ['between', ['#1300', '#1301', 'C50020'], false],
      // A longer id between the first part's in the shared group of 32 characters and more.
      ['long between', ['#1300', 'L'.repeat(40) + '0'], false],
    ];
    for (const [name, later, disjoint] of parts) {
      const before = new CodeDictionary();
      for (const v of first) before.id(v);
      const part = new CodeDictionary();
      for (const v of later) part.id(v);
      const values = part.exported();
      expect('front' in values, name).toBe(true);
      // A part whose bytes cannot be read still gets its codes when it need not be read.
      const unread = { ...values, front: 'front' in values ? new Uint8Array(values.front.length).fill(0xff) : new Uint8Array(0) };
      const codes = Array.from(before.absorbCodes(disjoint ? unread : values));
      expect(codes, name).toEqual(mapCodes([...first, ...later]).slice(first.length));
      expect(before.size, name).toBe(new Set([...first, ...later]).size);
      expect(before.blank, name).toBe(later.includes('') ? first.length + later.indexOf('') : -1);
    }
  });
});
