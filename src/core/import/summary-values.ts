/**
 * Cells of a per-customer summary file, read as machines write them (warehouse query output): plain decimal numbers and
 * YYYY-MM-DD dates, read from offsets into the decoded text without cutting a string out when they can be.
 */
import { charsText, type Chars } from './chars';
import type { DayNumber } from '../types';
import { civilDay, NO_DAY } from './dates';

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * A number as a machine writes it ("-12", "3.5", "1e3"), NaN otherwise (also for an empty cell). Up to 15 digits
 * without an exponent are read by integer arithmetic and one division by a power of ten, both exact, so the result is
 * the correctly rounded value, as Number() gives; anything else goes through Number().
 */
export function readPlainNumber(text: Chars, start: number, end: number): number {
  while (start < end && text[start] === 32) start++;
  while (end > start && text[end - 1] === 32) end--;
  if (start === end) return NaN;
  let i = start;
  let negative = false;
  const c0 = text[i];
  if (c0 === 45 || c0 === 43) {
    negative = c0 === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let point = false;
  for (; i < end; i++) {
    const c = text[i];
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (point) decimals++;
    } else if (c === 46 && !point) point = true;
    else break;
  }
  if (i === end) {
    if (digits === 0) return NaN;
    if (digits <= 15) {
      const v = decimals ? mantissa / POW10[decimals] : mantissa;
      return negative ? -v : v;
    }
    // Plain decimal digits, too many for exact integer arithmetic (a double printed in full): Number() reads them.
    return Number(charsText(text, start, end));
  }
  const slice = charsText(text, start, end);
  // Number() also takes hex, binary, "Infinity" and the like: only decimal notation is a number here.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(slice)) return NaN;
  return Number(slice);
}

/** A date written YYYY-MM-DD (anything after the day, such as a time, ignored): its day number, or NO_DAY. */
export function readIsoDay(text: Chars, start: number, end: number): DayNumber {
  while (start < end && text[start] === 32) start++;
  if (end - start < 10 || text[start + 4] !== 45 || text[start + 7] !== 45) return NO_DAY;
  if (end - start > 10) {
    const next = text[start + 10];
    if (next !== 32 && next !== 84) return NO_DAY;
  }
  let y = 0, m = 0, d = 0;
  for (let k = 0; k < 10; k++) {
    if (k === 4 || k === 7) continue;
    const c = text[start + k] - 48;
    if (c < 0 || c > 9) return NO_DAY;
    if (k < 4) y = y * 10 + c;
    else if (k < 7) m = m * 10 + c;
    else d = d * 10 + c;
  }
  return civilDay(y, m, d);
}
