/**
 * The calendar checks of a snapshot: real `YYYY-MM-DD` dates, ISO timestamps, and cohort labels (months, ISO weeks,
 * quarters) as consecutive period numbers, with the same numbering the cohort table is built with.
 */
import { dayFromCivil, isoWeekLabel, monthIndex, quarterIndex, weekIndex } from '../figures/dates';
import type { DayNumber } from '../types';
import { MAX_YEAR, MIN_YEAR, type SnapshotCohortPeriod } from './schema';

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const yearInRange = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;

/** The day number of a real calendar date written `YYYY-MM-DD` in the years MIN_YEAR–MAX_YEAR, else null. */
export function dayOfDate(text: string): DayNumber | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!yearInRange(year) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayFromCivil(year, month, day);
}

/** An ISO 8601 timestamp with date, time to the minute at least, and an offset (`Z` or `±hh:mm`), at a real instant. */
export function isTimestamp(text: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(text);
  if (!m || dayOfDate(m[1]) === null) return false;
  const [hours, minutes, seconds, offsetHours, offsetMinutes] = [m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  return hours <= 23 && minutes <= 59 && seconds <= 59 && offsetHours <= 23 && offsetMinutes <= 59;
}

/** The period number of a day: consecutive periods have consecutive numbers. */
export function periodOfDay(period: SnapshotCohortPeriod, day: DayNumber): number {
  return period === 'month' ? monthIndex(day) : period === 'quarter' ? quarterIndex(day) : weekIndex(day);
}

/** How a cohort label is written for each period, for messages. */
export const COHORT_LABEL_FORMS: Record<SnapshotCohortPeriod, string> = {
  month: 'a month written YYYY-MM',
  week: 'an ISO week written YYYY-Www',
  quarter: 'a quarter written YYYY-Qn',
};

/**
 * The period number of a cohort label ("YYYY-MM", ISO week "YYYY-Www", "YYYY-Qn"), or null when the label is not a
 * real period of that kind (month 13, week 53 of a year with 52 weeks) or its year is out of range.
 */
export function periodOfLabel(period: SnapshotCohortPeriod, label: string): number | null {
  if (period === 'month') {
    const m = /^(\d{4})-(\d{2})$/.exec(label);
    if (!m || !yearInRange(Number(m[1])) || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
    return Number(m[1]) * 12 + Number(m[2]) - 1;
  }
  if (period === 'quarter') {
    const m = /^(\d{4})-Q([1-4])$/.exec(label);
    if (!m || !yearInRange(Number(m[1]))) return null;
    return Number(m[1]) * 4 + Number(m[2]) - 1;
  }
  const m = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!m || !yearInRange(Number(m[1])) || Number(m[2]) < 1) return null;
  // 4 January is always in week 1 of its ISO year; the label must come back the same (no week 53 in a 52-week year).
  const index = weekIndex(dayFromCivil(Number(m[1]), 1, 4)) + Number(m[2]) - 1;
  return isoWeekLabel(index) === label ? index : null;
}
