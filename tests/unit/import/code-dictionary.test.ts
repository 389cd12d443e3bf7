/**
 * Order ids as codes only (CodeDictionary): equal texts share a code in first-seen order, as a Map would give them,
 * without keeping a string per value; joining a later part renumbers its codes; compaction keeps first-use order.
 */
import { describe, expect, it } from 'vitest';
import { CodeDictionary, compactCodes } from '../../../src/core/import/code-dictionary';

/** Codes of `values` from a Map, the plain way: the reference. */
function mapCodes(values: string[]): number[] {
  const seen = new Map<string, number>();
  return values.map((v) => {
    let c = seen.get(v);
    if (c === undefined) seen.set(v, (c = seen.size));
    return c;
  });
}

function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('order ids as codes', () => {
  it('gives the codes a Map gives, over 20,000 ids with repeats, near-duplicates, non-Latin text and blanks', () => {
    const u = seeded(7);
    const pool = ['', '#1', '#10', '#01', 'ĐH-001', 'คำสั่ง-9', '1', '1 ', 'A'.repeat(300)];
    const values: string[] = [];
    for (let i = 0; i < 20_000; i++) values.push(u() < 0.2 ? pool[Math.floor(u() * pool.length)].trim() : `#${Math.floor(u() * 8_000)}`);
    const text = values.map((v) => `,${v},`).join('\n');
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

  it('trims spaces around a cell, as the ids of the other columns are', () => {
    const dict = new CodeDictionary();
    const text = 'x,  O1 ,O1,O2\t,';
    expect([dict.idOf(text, 2, 7), dict.idOf(text, 8, 10), dict.idOf(text, 11, 14)]).toEqual([0, 0, 1]);
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
