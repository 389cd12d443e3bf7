import { describe, expect, it } from 'vitest';
import { drawableCohorts, missingParts, segmentRows, suppressionK } from '../../../src/views/shared/shared-parts';
import type { SnapshotV1 } from '../../../src/core/snapshot';
import { analyze, copy, DON_HANG } from './fixtures';
import { periodProgress } from '../../../src/core/figures/periods';
import { weightedAverageRow } from '../../../src/charts/cohort-metrics';
import { isoToDay } from '../../../src/core/figures/dates';

describe('what the read-only view reads from a shared snapshot', () => {
  it('a full snapshot: every cohort drawable, segments in rule order, nothing suppressed', async () => {
    const s = copy(await analyze(DON_HANG, '--segments'));
    expect(suppressionK(s)).toBeNull();
    const { cohorts, suppressed } = drawableCohorts(s.cohorts);
    expect(suppressed).toBe(0);
    expect(cohorts.rows.map((r) => [r.cohort, r.customers])).toEqual([['2024-01', 2], ['2024-02', 1]]);
    const rows = segmentRows(s);
    expect(rows.reduce((n, r) => n + (r.customers ?? 0), 0)).toBe(3);
    expect(missingParts(s)).toEqual(['nps']);
  });

  it('an aggregate-only snapshot: suppressed cohorts left out and counted, suppressed segments null, k read', async () => {
    const s = copy(await analyze(DON_HANG, '--segments')) as SnapshotV1 & { dataset: { aggregateOnly?: boolean; k?: number } };
    s.dataset.aggregateOnly = true;
    s.dataset.k = 5;
    (s.cohorts.rows as unknown[])[1] = { cohort: '2024-02', customers: null, active: null, revenue: null, suppressed: true };
    const first = Object.keys(s.segments!.counts)[0] as keyof NonNullable<SnapshotV1['segments']>['counts'];
    (s.segments!.counts as Record<string, unknown>)[first] = { customers: null, revenue: null, suppressed: true };
    expect(suppressionK(s)).toBe(5);
    const { cohorts, suppressed } = drawableCohorts(s.cohorts);
    expect(suppressed).toBe(1);
    expect(cohorts.rows.map((r) => r.cohort)).toEqual(['2024-01']);
    expect(segmentRows(s).find((r) => r.segment === first)).toEqual({ segment: first, customers: null, revenue: null });
  });

  it('marks the period the data ends in as in progress, as the dashboard does (hand-counted days)', async () => {
    const s = copy(await analyze(DON_HANG, '--segments'));
    expect(drawableCohorts(s.cohorts).cohorts.lastPeriod).toBeUndefined();
    // 10 February 2024: the 10th of 29 days of a leap-year February.
    expect(drawableCohorts(s.cohorts, '2024-02-10').cohorts.lastPeriod).toEqual({ days: 10, length: 29 });
    expect(drawableCohorts(s.cohorts, 'not a date').cohorts.lastPeriod).toBeUndefined();
    // Tuesday 1 December 2026 is the 2nd day of the ISO week from Monday 30 November; 10 February 2024 the 41st of
    // the 91 days of 2024's first quarter (31 + 29 + 31).
    expect(periodProgress('week', isoToDay('2026-12-01'))).toEqual({ days: 2, length: 7 });
    expect(periodProgress('quarter', isoToDay('2024-02-10'))).toEqual({ days: 41, length: 91 });
  });

  it('a cohort with suppressed revenue cells is drawn: those cells unknown, left out of the average', () => {
    const { cohorts, suppressed, suppressedCells } = drawableCohorts({
      period: 'month',
      rows: [
        { cohort: '2024-01', customers: 10, active: [10, 5, 1], revenue: [1000, 400, null] },
        { cohort: '2024-02', customers: 6, active: [6, 1], revenue: [600, null] },
        { cohort: '2024-03', customers: 4, active: [4], revenue: [300] },
      ],
    });
    expect([suppressed, suppressedCells]).toEqual([0, 2]);
    expect(cohorts.rows[0].revenue).toEqual([1000, 400, NaN]);
    // Revenue per customer in month 1: only January's 400 / 10 is known; February's cell sits out of the average.
    const average = weightedAverageRow(cohorts.rows, 'revenuePerCustomer');
    expect(average.map((a) => [a.value, a.cohorts, a.customers])).toEqual([[(1000 + 600 + 300) / 20, 3, 20], [40, 1, 10], [0, 0, 0]]);
    // Counts are all known: February's 1 buyer in month 1 counts.
    expect(weightedAverageRow(cohorts.rows, 'active')[1]).toMatchObject({ value: (5 + 1) / 2, cohorts: 2 });
  });

  it('says which parts the sender left out', async () => {
    const s = copy(await analyze(DON_HANG, '--segments'));
    delete s.historical;
    delete s.segments;
    s.cohorts.rows = [];
    expect(missingParts(s)).toEqual(['historical', 'cohorts', 'segments', 'nps']);
  });
});
