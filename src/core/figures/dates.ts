/**
 * Calendar arithmetic on day numbers (whole days since 1970-01-01 UTC). Pure integer maths: no Date objects in
 * the hot paths, so mapping half a million rows to months or weeks costs next to nothing.
 */
import type { DayNumber } from '../types';

/** A calendar date split into parts; month is 1-12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Days in a 400-year Gregorian era; the calendar repeats with this period. */
const DAYS_PER_ERA = 146097;
/** Day number of 0000-03-01: counting years from March puts the leap day last, which keeps the maths simple. */
const MARCH_1_YEAR_0 = -719468;

/** The calendar date of a day number (proleptic Gregorian, UTC). */
export function civilFromDay(dayNumber: DayNumber): CivilDate {
  const z = dayNumber - MARCH_1_YEAR_0;
  const era = Math.floor(z / DAYS_PER_ERA);
  const dayOfEra = z - era * DAYS_PER_ERA;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/**
 * The day number of a calendar date (month 1-12, day 1-31), the inverse of {@link civilFromDay}. Plain arithmetic
 * rather than Date.UTC, which reads years 0-99 as 1900-1999.
 */
export function dayFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_ERA + dayOfEra + MARCH_1_YEAR_0;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Four digits for ordinary years; other years are written as they are (negative years keep their sign). */
const yearText = (y: number) => (y >= 0 && y < 10000 ? String(y).padStart(4, '0') : String(y));

/** `YYYY-MM-DD` for a day number. */
export function dayToIso(dayNumber: DayNumber): string {
  const { year, month, day } = civilFromDay(dayNumber);
  return `${yearText(year)}-${pad2(month)}-${pad2(day)}`;
}

/** Day number of a `YYYY-MM-DD` string; throws on anything else, because a silent NaN would poison every figure. */
export function isoToDay(iso: string): DayNumber {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`Not a YYYY-MM-DD date: "${iso}"`);
  return dayFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Months since year 0: year·12 + (month − 1). Consecutive months have consecutive indices. */
export function monthIndex(dayNumber: DayNumber): number {
  const { year, month } = civilFromDay(dayNumber);
  return year * 12 + month - 1;
}

/** Quarters since year 0: year·4 + (quarter − 1). */
export function quarterIndex(dayNumber: DayNumber): number {
  const { year, month } = civilFromDay(dayNumber);
  return year * 4 + Math.floor((month - 1) / 3);
}

/**
 * Monday-based week count: week 0 starts on Monday 1969-12-29 (1970-01-01 was a Thursday, 3 days later).
 * Consecutive ISO weeks have consecutive indices.
 */
export function weekIndex(dayNumber: DayNumber): number {
  return Math.floor((dayNumber + 3) / 7);
}

/** The Monday that starts a week index. */
export function weekStartDay(week: number): DayNumber {
  return week * 7 - 3;
}

/** "YYYY-MM" label of a month index. */
export function monthLabel(index: number): string {
  const year = Math.floor(index / 12);
  return `${yearText(year)}-${pad2(index - year * 12 + 1)}`;
}

/** "YYYY-Qn" label of a quarter index. */
export function quarterLabel(index: number): string {
  const year = Math.floor(index / 4);
  return `${yearText(year)}-Q${index - year * 4 + 1}`;
}

/**
 * ISO 8601 "YYYY-Www" label of a week index. The ISO year is the year of the week's Thursday, and week 1 is the
 * week holding the year's first Thursday, so the week number is (Thursday's day of year − 1) div 7 + 1.
 */
export function isoWeekLabel(week: number): string {
  const thursday = weekStartDay(week) + 3;
  const isoYear = civilFromDay(thursday).year;
  const weekNumber = Math.floor((thursday - dayFromCivil(isoYear, 1, 1)) / 7) + 1;
  return `${yearText(isoYear)}-W${pad2(weekNumber)}`;
}

/** First day of a month index. */
export function monthStartDay(index: number): DayNumber {
  const year = Math.floor(index / 12);
  return dayFromCivil(year, index - year * 12 + 1, 1);
}

/** First day of a quarter index. */
export function quarterStartDay(index: number): DayNumber {
  const year = Math.floor(index / 4);
  return dayFromCivil(year, (index - year * 4) * 3 + 1, 1);
}
