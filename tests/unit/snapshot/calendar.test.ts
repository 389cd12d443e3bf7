/** The calendar checks restore uses agree with the engine's own dates and cohort labels. */
import { describe, expect, it } from 'vitest';
import { dayFromCivil, dayToIso, isoWeekLabel, monthLabel, quarterLabel } from '../../../src/core/figures/dates';
import { currencyOf } from '../../../src/core/import/numbers';
import { dayOfDate, isTimestamp, periodOfDay, periodOfLabel } from '../../../src/core/snapshot/calendar';
import { isCurrencyCode } from '../../../src/core/snapshot/currencies';

const LABEL = { month: monthLabel, quarter: quarterLabel, week: isoWeekLabel } as const;

describe('snapshot calendar', () => {
  it('reads every label the cohort table writes back to its period, for every week from 1900 to 2200', () => {
    const from = dayFromCivil(1900, 1, 8);
    const to = dayFromCivil(2200, 12, 24);
    for (const period of ['month', 'quarter', 'week'] as const) {
      const mismatches: string[] = [];
      for (let day = from; day <= to; day += 7) {
        const index = periodOfDay(period, day);
        const label = LABEL[period](index);
        if (periodOfLabel(period, label) !== index) mismatches.push(`${dayToIso(day)} ${label}`);
      }
      expect(mismatches, period).toEqual([]);
    }
  });

  it('refuses labels that are no real period, or of another kind', () => {
    for (const [period, label] of [['month', '2024-00'], ['month', '2024-13'], ['month', '2024-1'], ['quarter', '2024-Q5'], ['week', '2024-W00'], ['week', '2023-W53'], ['week', '2024-01'], ['month', '1899-12']] as const) {
      expect(periodOfLabel(period, label), label).toBeNull();
    }
    expect(periodOfLabel('week', '2020-W53')).not.toBeNull();
  });

  it('reads real dates only, and ISO timestamps with an offset', () => {
    expect(dayOfDate('2024-02-29')).toBe(dayFromCivil(2024, 2, 29));
    for (const bad of ['2023-02-29', '2100-02-29', '2024-04-31', '2024-2-01', '20240201', '2024-02-01T00:00', ' 2024-02-01', '2201-01-01']) expect(dayOfDate(bad), bad).toBeNull();
    for (const good of ['2026-11-22T10:00:00.000Z', '2026-11-22T10:00Z', '2026-11-22T23:59:59+07:00', '2000-02-29T00:00:00.123456789-05:30']) expect(isTimestamp(good), good).toBe(true);
    for (const bad of ['2026-11-22', '2026-11-22T10:00:00', '2026-11-22T24:00:00Z', '2026-11-22T10:60:00Z', '2026-02-30T10:00:00Z', '2026-11-22 10:00:00Z', 'Sun, 22 Nov 2026 10:00:00 GMT']) {
      expect(isTimestamp(bad), bad).toBe(false);
    }
  });

  it('accepts every currency the importer can recognise', () => {
    const codes = ['VND', 'THB', 'USD', 'GBP', 'EUR', 'SGD', 'MYR', 'IDR', 'PHP', 'JPY', 'CNY', 'KRW', 'INR', 'AUD', 'CAD', 'CHF'];
    for (const code of codes) {
      expect(currencyOf(code), code).toBe(code);
      expect(isCurrencyCode(code), code).toBe(true);
    }
    for (const code of ['XYZ', 'usd', 'US', 'XXX', 'XTS', '']) expect(isCurrencyCode(code), code).toBe(false);
  });
});
