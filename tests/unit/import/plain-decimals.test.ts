/**
 * Plain decimal cells (`-?digits(.digits)?`, the form of most cells) take a one-pass reading; it must give what the
 * reading of every form gives, bit for bit, with the same cell extras, and what JavaScript's own correctly rounded
 * decimal parse gives.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/synthetic';
import { cellExtras, NumberFit, readAnyNumberCell, readNumberCell } from '../../../src/core/import/numbers';
import { charsOf } from '../../../src/core/import/chars';

function plainCells(n: number, seed: number): string[] {
  const u = mulberry32(seed);
  const digits = (k: number) => Array.from({ length: k }, () => String(Math.floor(u() * 10))).join('');
  const cells: string[] = ['0', '-0', '0.0', '-0.000', '00.000', '1.000', '999.999', '0.001', '123456789012345', '12345678901234.5', '1.23456789012345'];
  for (let i = 0; i < n; i++) {
    const before = 1 + Math.floor(u() * 8);
    const after = u() < 0.3 ? 0 : 1 + Math.floor(u() * 7);
    const lead = u() < 0.1 ? '0' : '';
    cells.push(`${u() < 0.2 ? '-' : ''}${lead}${digits(before)}${after ? '.' + digits(after) : ''}`);
  }
  return cells;
}

type Reading = [NumberFit, number, number, typeof cellExtras];

function read(how: typeof readNumberCell, text: string): Reading {
  const out = new Float64Array([7, 7]);
  // Both readers expect the extras reset, as readNumberCell does before either.
  Object.assign(cellExtras, { currency: null, percent: false, separator: 0, separators: 0, problem: 0 });
  const fit = how(charsOf(text), 0, text.length, out);
  return [fit, out[0], out[1], { ...cellExtras }];
}

describe('plain decimal cells', () => {
  const cells = plainCells(5_000, 16);

  it('read exactly as the reading of every form reads them (fit, both values with their signs of zero, extras)', () => {
    for (const text of cells) {
      const fast = read(readNumberCell, text);
      const general = read(readAnyNumberCell, text);
      expect(fast[0], text).toBe(general[0]);
      expect(Object.is(fast[1], general[1]) || (Number.isNaN(fast[1]) && Number.isNaN(general[1])), `${text} with '.'`).toBe(true);
      if (fast[0] !== NumberFit.DotOnly) expect(Object.is(fast[2], general[2]), `${text} with ','`).toBe(true);
      expect(fast[3], text).toEqual(general[3]);
    }
  });

  it('give the double JavaScript parses from the same decimal, and thousands groups only where they can be', () => {
    for (const text of cells) {
      const [fit, dot, comma] = read(readNumberCell, text);
      expect(dot, text).toBe(Number(text) || 0);
      const [whole, fraction = ''] = text.replace('-', '').split('.');
      const canGroup = fraction.length === 3 && whole.length <= 3 && whole !== '0';
      if (!text.includes('.')) expect(fit, text).toBe(NumberFit.Same);
      else if (!canGroup) expect(fit, text).toBe(NumberFit.DotOnly);
      else expect(comma, text).toBe(Number(text.replace('.', '')) || 0);
    }
  });
});
