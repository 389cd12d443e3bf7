/**
 * A number cell is kept as one value and a code until its column's decimal mark is decided (StoredFit); both readings
 * must come back from them exactly as readNumberCell gave them, for every form a cell takes.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/synthetic';
import { commaReading, NumberFit, pointReading, readNumberCell, storedFit, storedValue } from '../../../src/core/import/numbers';
import { charsOf } from '../../../src/core/import/chars';

const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

function cells(): string[] {
  const u = mulberry32(3);
  const pick = <T,>(xs: T[]) => xs[Math.floor(u() * xs.length)];
  const digits = (k: number) => Array.from({ length: k }, () => String(Math.floor(u() * 10))).join('');
  const out = ['', ' ', 'abc', '1.250', '1,250', '-1.250', '-1,250', '$1,250', '1.250 ₫', '(1.000)', '999.999', '999,999', '0,500', '0.500',
    '1.250.000', '1,250,000', '1 234,56', "1'234.50", '12,5', '2.55', '−3,75', '1.000', '100.000.000', '7', '-0', '0.000', '12-', '45%', '.5', ',5'];
  for (let i = 0; i < 4000; i++) {
    const lead = digits(1 + Math.floor(u() * 3));
    const sep = pick(['.', ',', ' ', "'", '']);
    const tail = sep ? digits(pick([1, 2, 3, 3, 3, 4])) : '';
    const sign = pick(['', '', '-', '(']);
    const cell = `${sign}${pick(['', '', '$', '₫'])}${lead}${sep}${tail}${sign === '(' ? ')' : ''}${pick(['', '', ' VND', '%'])}`;
    out.push(cell);
  }
  return out;
}

describe('number cells kept as one value and a code', () => {
  it("give back both readings bit for bit, over 4,000 cells of every form (groups, one separator before three digits, signs, currencies)", () => {
    let either = 0;
    for (const text of cells()) {
      const out = new Float64Array(2);
      const fit = readNumberCell(charsOf(text), 0, text.length, out);
      if (fit === NumberFit.Either) either++;
      const kept = storedFit(fit);
      const value = storedValue(fit, out);
      const dot = fit <= NumberFit.Invalid ? NaN : out[0];
      const comma = fit <= NumberFit.Invalid ? NaN : out[1];
      expect(same(pointReading(kept, value), dot), `${text} with '.'`).toBe(true);
      expect(same(commaReading(kept, value), comma), `${text} with ','`).toBe(true);
    }
    expect(either).toBeGreaterThan(300);
  });
});
