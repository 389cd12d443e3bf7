/**
 * Calendar periods (month, ISO week, quarter) as consecutive integer indices, with labels, plus a lookup table
 * that maps every day of a range to its period in one array read.
 */
import type { CohortPeriod, DayNumber } from '../types';
import {
  isoWeekLabel,
  monthIndex,
  monthLabel,
  monthStartDay,
  quarterIndex,
  quarterLabel,
  quarterStartDay,
  weekIndex,
  weekStartDay,
} from './dates';

/** How one kind of period is numbered, named and located. */
export interface PeriodScheme {
  period: CohortPeriod;
  /** Period index of a day; consecutive periods have consecutive indices. */
  indexOf(day: DayNumber): number;
  /** "YYYY-MM", "YYYY-Www" or "YYYY-Qn". */
  label(index: number): string;
  /** First day of the period. */
  startDay(index: number): DayNumber;
}

const SCHEMES: Record<CohortPeriod, PeriodScheme> = {
  month: { period: 'month', indexOf: monthIndex, label: monthLabel, startDay: monthStartDay },
  week: { period: 'week', indexOf: weekIndex, label: isoWeekLabel, startDay: weekStartDay },
  quarter: { period: 'quarter', indexOf: quarterIndex, label: quarterLabel, startDay: quarterStartDay },
};

/** The numbering of a period kind. */
export function periodScheme(period: CohortPeriod): PeriodScheme {
  const scheme = SCHEMES[period];
  if (!scheme) throw new Error(`Unknown period "${String(period)}"`);
  return scheme;
}

/** Period index per day of [firstDay, lastDay]: `table[day − firstDay]`. */
export interface PeriodLookup {
  firstDay: DayNumber;
  table: Int32Array;
}

/**
 * Period index for every day in a range. Days are small integers and a dataset spans a few thousand of them at most,
 * so one table read per row replaces the calendar arithmetic.
 */
export function periodLookup(scheme: PeriodScheme, firstDay: DayNumber, lastDay: DayNumber): PeriodLookup {
  const length = Math.max(0, lastDay - firstDay + 1);
  const table = new Int32Array(length);
  // Walk the range period by period rather than converting each day: a period boundary is the only place the
  // value changes.
  let day = firstDay;
  while (day <= lastDay) {
    const index = scheme.indexOf(day);
    const nextStart = Math.min(scheme.startDay(index + 1), lastDay + 1);
    table.fill(index, day - firstDay, nextStart - firstDay);
    day = nextStart;
  }
  return { firstDay, table };
}

/** How far the data's last day is into its period: `days` of the period's `length` have data. */
export function periodProgress(period: CohortPeriod, lastDay: DayNumber): { days: number; length: number } {
  const scheme = periodScheme(period);
  const index = scheme.indexOf(lastDay);
  const start = scheme.startDay(index);
  return { days: lastDay - start + 1, length: scheme.startDay(index + 1) - start };
}
