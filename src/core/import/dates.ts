/**
 * Date cells as people write them: ISO, DD/MM/YYYY, MM/DD/YYYY, YYYYMMDD, English month names, with or without a
 * time, two-digit years and Thai Buddhist-era years. Day-versus-month order is not decided per cell: a cell reports
 * which orders it fits and the column decides from all its cells (see {@link DateColumnEvidence}).
 */
import { charsText, type Chars } from './chars';
import { dayFromCivil } from '../figures/dates';
import type { DateOrder } from '../types';

/** How a cell reads: it fits no order, any order (the same day), only day-first, only month-first, or both. */
export const enum DateFit {
  Invalid = 0,
  Fixed = 1,
  DayFirstOnly = 2,
  MonthFirstOnly = 3,
  Either = 4,
}

/** Marks a missing day number in the typed arrays that hold both readings of a cell. */
export const NO_DAY = -2147483648;

/** Buddhist-era years run 543 ahead of the Gregorian calendar; no order export dates from before 2400 BE. */
const BUDDHIST_ERA_START = 2400;
const BUDDHIST_OFFSET = 543;
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** A local binding: some module loaders make every use of an import a getter call. */
const daysFromCivil = dayFromCivil;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSpace = (c: number) => c === 32 || c === 9 || c === 0xa0 || c === 0x202f;

function fullYear(y: number, digits: number): number {
  if (digits <= 2) return y < 70 ? 2000 + y : 1900 + y;
  return y >= BUDDHIST_ERA_START ? y - BUDDHIST_OFFSET : y;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The day number of a date, or NO_DAY when it is not a real calendar date in the range we accept. */
export function civilDay(year: number, month: number, day: number): number {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NO_DAY;
  return daysFromCivil(year, month, day);
}

// Scratch space for the parts of one cell: reused so that parsing a cell allocates nothing.
const partValue = new Int32Array(4);
const partDigits = new Int32Array(4);
const partIsMonthName = new Uint8Array(4);

/**
 * Read the date cell `text[start, end)`. Writes the day-first reading to `out[0]` and the month-first reading to
 * `out[1]` (equal when the order does not matter; NO_DAY where a reading is impossible) and says which fit.
 */
export function readDateCell(text: Chars, start: number, end: number, out: Int32Array): DateFit {
  const iso = isoDay(text, start, end);
  if (iso !== NO_DAY) {
    out[0] = out[1] = iso;
    return DateFit.Fixed;
  }
  let i = start;
  while (i < end && isSpace(text[i])) i++;
  while (end > i && isSpace(text[end - 1])) end--;
  let parts = 0;
  // Up to three parts, separated by - / . , or spaces; a time (after T or a space, starting with a digit) ends the date.
  while (i < end && parts < 3) {
    const c = text[i];
    if (isDigit(c)) {
      let v = 0;
      let n = 0;
      while (i < end && isDigit(text[i])) {
        if (n < 9) v = v * 10 + (text[i] - 48);
        n++;
        i++;
      }
      partValue[parts] = v;
      partDigits[parts] = n;
      partIsMonthName[parts] = 0;
      parts++;
    } else if (isLetter(c)) {
      const from = i;
      while (i < end && isLetter(text[i])) i++;
      const month = MONTHS.indexOf(charsText(text, from, Math.min(from + 3, i)).toLowerCase());
      if (month < 0 || i - from < 3) return DateFit.Invalid;
      partValue[parts] = month + 1;
      partDigits[parts] = 0;
      partIsMonthName[parts] = 1;
      parts++;
    } else return DateFit.Invalid;
    if (i >= end || parts === 3) break;
    // Anything after a YYYYMMDD value must be a time.
    if (parts === 1 && partDigits[0] === 8) break;
    // Separator(s) between parts.
    const sep = text[i];
    if (sep === 45 || sep === 47 || sep === 46 || isSpace(sep) || sep === 44) {
      i++;
      while (i < end && (isSpace(text[i]) || text[i] === 44)) i++;
    } else return DateFit.Invalid;
  }
  // Whatever follows the date must be a time: " 14:30", "T14:30:00Z", " 2:30 PM".
  if (i < end) {
    const c = text[i];
    if (!(c === 84 || c === 116 || isSpace(c))) return DateFit.Invalid;
    let j = i + 1;
    while (j < end && isSpace(text[j])) j++;
    if (j >= end || !isDigit(text[j])) return DateFit.Invalid;
  }
  return interpret(parts, out);
}

const digitAt = (text: Chars, i: number) => text[i] - 48;

/**
 * The common `YYYY-MM-DD` (optionally followed by a time) read at fixed positions, or NO_DAY when the cell is
 * anything else; the general reader then looks at it. Most exports write dates so, one per row.
 */
function isoDay(text: Chars, start: number, end: number): number {
  if (end - start < 10 || text[start + 4] !== 45 || text[start + 7] !== 45) return NO_DAY;
  const y0 = digitAt(text, start), y1 = digitAt(text, start + 1), y2 = digitAt(text, start + 2), y3 = digitAt(text, start + 3);
  const m0 = digitAt(text, start + 5), m1 = digitAt(text, start + 6), d0 = digitAt(text, start + 8), d1 = digitAt(text, start + 9);
  // (x >>> 0) > 9 is true for anything but a digit, including the negative results of characters below '0'.
  if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (m0 >>> 0) > 9 || (m1 >>> 0) > 9 || (d0 >>> 0) > 9 || (d1 >>> 0) > 9) return NO_DAY;
  if (end - start > 10) {
    // Only a time may follow: "T" or a space, then a digit.
    const sep = text[start + 10];
    if (!(sep === 84 || sep === 116 || sep === 32) || end - start < 12 || !isDigit(text[start + 11])) return NO_DAY;
  }
  return civilDay(fullYear(y0 * 1000 + y1 * 100 + y2 * 10 + y3, 4), m0 * 10 + m1, d0 * 10 + d1);
}

function interpret(parts: number, out: Int32Array): DateFit {
  if (parts === 1) {
    if (partDigits[0] !== 8) return DateFit.Invalid;
    const v = partValue[0];
    const day = civilDay(fullYear(Math.floor(v / 10000), 4), Math.floor(v / 100) % 100, v % 100);
    out[0] = out[1] = day;
    return day === NO_DAY ? DateFit.Invalid : DateFit.Fixed;
  }
  if (parts !== 3) return DateFit.Invalid;
  const [a, b, c] = [partValue[0], partValue[1], partValue[2]];
  const [da, db, dc] = [partDigits[0], partDigits[1], partDigits[2]];
  let day: number;
  if (partIsMonthName[1]) {
    // 05 Jan 2024 or 2024 Jan 05
    day = da === 4 ? civilDay(fullYear(a, 4), b, c) : dc >= 2 && da <= 2 ? civilDay(fullYear(c, dc), b, a) : NO_DAY;
  } else if (partIsMonthName[0]) {
    // Jan 5 2024
    day = db <= 2 && (dc === 4 || dc === 2) ? civilDay(fullYear(c, dc), a, b) : NO_DAY;
  } else if (da === 4) {
    day = db <= 2 && dc <= 2 ? civilDay(fullYear(a, 4), b, c) : NO_DAY;
  } else {
    if (da > 2 || db > 2 || !(dc === 4 || dc === 2)) return DateFit.Invalid;
    const year = fullYear(c, dc);
    const dayFirst = civilDay(year, b, a);
    const monthFirst = civilDay(year, a, b);
    out[0] = dayFirst;
    out[1] = monthFirst;
    if (dayFirst === NO_DAY) return monthFirst === NO_DAY ? DateFit.Invalid : DateFit.MonthFirstOnly;
    if (monthFirst === NO_DAY) return DateFit.DayFirstOnly;
    return dayFirst === monthFirst ? DateFit.Fixed : DateFit.Either;
  }
  out[0] = out[1] = day;
  return day === NO_DAY ? DateFit.Invalid : DateFit.Fixed;
}

export interface DateCounts {
  fixed: number;
  dayFirstOnly: number;
  monthFirstOnly: number;
  either: number;
}

/** What a date column's cells say about its day/month order, gathered while streaming. */
export class DateColumnEvidence {
  fixed = 0;
  dayFirstOnly = 0;
  monthFirstOnly = 0;
  either = 0;

  add(fit: DateFit): void {
    if (fit === DateFit.Fixed) this.fixed++;
    else if (fit === DateFit.DayFirstOnly) this.dayFirstOnly++;
    else if (fit === DateFit.MonthFirstOnly) this.monthFirstOnly++;
    else if (fit === DateFit.Either) this.either++;
  }

  /** Add the counts of a later part of the same column. */
  absorb(other: DateCounts): void {
    this.fixed += other.fixed;
    this.dayFirstOnly += other.dayFirstOnly;
    this.monthFirstOnly += other.monthFirstOnly;
    this.either += other.either;
  }

  counts(): DateCounts {
    return { fixed: this.fixed, dayFirstOnly: this.dayFirstOnly, monthFirstOnly: this.monthFirstOnly, either: this.either };
  }

  /** True when no cell told day from month but some cells could be read both ways: the user must choose. */
  get ambiguous(): boolean {
    return this.dayFirstOnly === 0 && this.monthFirstOnly === 0 && this.either > 0;
  }

  /**
   * The order the column's own values prove, or null when they do not: all ambiguous, or as many values proving one
   * order as the other (then the user's choice decides which half is rejected). 'YMD' when no value needs an order.
   */
  get provenOrder(): DateOrder | null {
    if (this.dayFirstOnly === 0 && this.monthFirstOnly === 0) return this.either > 0 ? null : 'YMD';
    if (this.dayFirstOnly === this.monthFirstOnly) return null;
    return this.dayFirstOnly > this.monthFirstOnly ? 'DMY' : 'MDY';
  }

  /** The order to use: proven by the values, else the user's choice. */
  decide(fallback: DateOrder): DateOrder {
    return this.provenOrder ?? (fallback === 'YMD' ? 'DMY' : fallback);
  }
}
