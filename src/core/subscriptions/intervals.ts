/**
 * Plan intervals. A payment pays for one interval (a week, a month, a quarter, a year, or a count of them); its
 * monthly recurring revenue is its amount ÷ the interval in months (a year's $990 is $82.50 a month, a week's $10
 * is $10 × 52 ÷ 12). The interval is read from a column, from the period a payment covers, or inferred from the
 * spacing of a subscription's payments.
 */
import { civilFromDay, dayFromCivil } from '../figures/dates';
import type { DayNumber } from '../types';

export type IntervalUnit = 'day' | 'week' | 'month' | 'year';

export interface Interval {
  unit: IntervalUnit;
  count: number;
}

/** The name shown for an interval: the usual ones, else "other". */
export const INTERVAL_NAMES = ['week', 'month', 'quarter', 'half-year', 'year', 'other'] as const;
export type IntervalName = (typeof INTERVAL_NAMES)[number];

export const MONTH: Interval = { unit: 'month', count: 1 };

/** The interval's length in months (a week is 12/52 of a month, a day 12/365). */
export function intervalMonths(i: Interval): number {
  switch (i.unit) {
    case 'day': return (i.count * 12) / 365;
    case 'week': return (i.count * 12) / 52;
    case 'month': return i.count;
    case 'year': return i.count * 12;
  }
}

export function intervalName(i: Interval): IntervalName {
  const m = intervalMonths(i);
  if (i.unit === 'week' && i.count === 1) return 'week';
  if (m === 1) return 'month';
  if (m === 3) return 'quarter';
  if (m === 6) return 'half-year';
  if (m === 12) return 'year';
  return 'other';
}

/** A stable key grouping equal intervals ("1 year" and "12 months" are one). */
export const intervalKey = (i: Interval): string => (i.unit === 'year' ? `month:${i.count * 12}` : `${i.unit}:${i.count}`);

const UNIT_WORDS: [RegExp, Interval][] = [
  [/^(p1d|d|day|days|daily|ngay|วัน|รายวัน)$/, { unit: 'day', count: 1 }],
  [/^(p1w|w|wk|week|weeks|weekly|tuan|hang tuan|สัปดาห์|รายสัปดาห์)$/, { unit: 'week', count: 1 }],
  [/^(p2w|biweekly|fortnightly)$/, { unit: 'week', count: 2 }],
  [/^(p1m|m|mo|month|months|monthly|thang|hang thang|เดือน|รายเดือน)$/, { unit: 'month', count: 1 }],
  [/^(p3m|quarter|quarters|quarterly|quy|hang quy|ไตรมาส|รายไตรมาส)$/, { unit: 'month', count: 3 }],
  [/^(p6m|half year|semiannual|semi annual|biannual|semiannually)$/, { unit: 'month', count: 6 }],
  [/^(p1y|y|yr|year|years|yearly|annual|annually|nam|hang nam|ปี|รายปี)$/, { unit: 'year', count: 1 }],
];

/**
 * An interval cell: a unit word ("month", "Yearly", "P1Y", "7 Days", "tháng", "รายปี"), optionally with a count ("3 months",
 * "every 2 weeks"); `count` is a separate count column's cell. Null when the cell says nothing usable.
 */
export function parseInterval(cell: string, count = ''): Interval | null {
  const folded = cell
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/every|per|each|mỗi|moi|ทุก/g, ' ')
    .trim();
  const m = /^(\d+)?\s*(.*)$/.exec(folded)!;
  let n = m[1] ? Number(m[1]) : 1;
  const word = m[2].replace(/[^a-z0-9\u0e00-\u0e7f]+/g, ' ').trim();
  const iso = /^p(\d+)([dwmy])$/.exec(word);
  if (iso) return { unit: ({ d: 'day', w: 'week', m: 'month', y: 'year' } as const)[iso[2] as 'd'], count: Number(iso[1]) * n };
  const c = Number(count.trim());
  if (Number.isInteger(c) && c >= 1 && c <= 60) n *= c;
  for (const [pattern, base] of UNIT_WORDS) {
    if (!pattern.test(word)) continue;
    const count = base.count * n;
    // "7 Days" (App Store) is a week; "12 months" a year.
    if (base.unit === 'day' && count % 7 === 0) return { unit: 'week', count: count / 7 };
    return { unit: base.unit, count };
  }
  return null;
}

/** The day `months` calendar months after `day`, on the same day of the month or the month's last day. */
export function addMonths(day: DayNumber, months: number): DayNumber {
  const { year, month, day: d } = civilFromDay(day);
  const index = year * 12 + month - 1 + months;
  const y = Math.floor(index / 12);
  const mo = index - y * 12 + 1;
  const last = dayFromCivil(mo === 12 ? y + 1 : y, mo === 12 ? 1 : mo + 1, 1) - 1;
  return Math.min(dayFromCivil(y, mo, 1) + d - 1, last);
}

/** The end (exclusive) of the period a payment starting on `start` pays for. */
export function periodEnd(start: DayNumber, i: Interval): DayNumber {
  switch (i.unit) {
    case 'day': return start + i.count;
    case 'week': return start + 7 * i.count;
    case 'month': return addMonths(start, i.count);
    case 'year': return addMonths(start, 12 * i.count);
  }
}

/** The interval a period from `start` to `end` (exclusive) covers, in whole weeks below 3 weeks, else whole months. */
export function intervalOfPeriod(start: DayNumber, end: DayNumber): Interval | null {
  const days = end - start;
  if (!(days > 0)) return null;
  if (days < 21) return { unit: 'week', count: Math.max(1, Math.round(days / 7)) };
  const months = Math.max(1, Math.round(days / 30.4375));
  return months % 12 === 0 ? { unit: 'year', count: months / 12 } : { unit: 'month', count: months };
}

/**
 * The interval the spacing of a subscription's paid payments shows: the median gap in days, read as a week (up to
 * 10 days), a month (up to 45), a quarter (up to 135), half a year (up to 270) or a year. Null with fewer than two.
 */
export function inferInterval(days: readonly number[]): Interval | null {
  if (days.length < 2) return null;
  const sorted = [...days].sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) if (sorted[i] > sorted[i - 1]) gaps.push(sorted[i] - sorted[i - 1]);
  if (!gaps.length) return null;
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  const median = gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
  if (median <= 10) return { unit: 'week', count: 1 };
  if (median <= 45) return { unit: 'month', count: 1 };
  if (median <= 135) return { unit: 'month', count: 3 };
  if (median <= 270) return { unit: 'month', count: 6 };
  return { unit: 'year', count: 1 };
}
