/** Pure layout for the cohort heatmap: D3 computes the scales, the component only draws. */
import { interpolateBlues, scaleBand, scaleSequential } from 'd3';
import type { Cohorts } from '../core/types';
import { cohortValue, weightedAverageRow, type CohortMetric } from './cohort-metrics';

export interface HeatCell {
  row: number;
  k: number;
  x: number;
  y: number;
  /** The metric's value (a share for retention, a count, or money per customer). */
  value: number;
  share: number;
  active: number;
  customers: number;
  revenue: number;
  fill: string;
  /** Text colour with enough contrast on the fill. */
  ink: string;
}

export interface AverageCell {
  k: number;
  x: number;
  value: number;
  customers: number;
  cohorts: number;
  fill: string;
  ink: string;
}

export interface HeatLayout {
  width: number;
  height: number;
  cellW: number;
  cellH: number;
  left: number;
  top: number;
  periods: number;
  cells: HeatCell[];
  /** Index in `cells` of each row's first cell (cells are in row order); one extra entry at the end. */
  rowStart: number[];
  average: AverageCell[];
  averageY: number;
  rowLabels: { y: number; label: string; customers: number }[];
  colLabels: { x: number; k: number }[];
}

export const CELL_W = 34;
export const CELL_H = 24;

export function cohortHeatLayout(cohorts: Cohorts, rowLabel: (c: string) => string, metric: CohortMetric = 'retention', left = 96, top = 26): HeatLayout {
  const periods = cohorts.rows.reduce((m, r) => Math.max(m, r.active.length), 0);
  const rowsWithAverage = cohorts.rows.length + 1;
  const x = scaleBand<number>().domain([...Array(periods).keys()]).range([left, left + periods * CELL_W]).padding(0.06);
  const y = scaleBand<number>().domain([...Array(rowsWithAverage).keys()]).range([top, top + rowsWithAverage * CELL_H]).padding(0.06);
  // Period 0 is 100% by definition for retention (and usually the largest count): the colour scale spreads over
  // the later periods so they stay readable; cumulative revenue grows with age, so it uses every period.
  const skipFirst = metric === 'retention' || metric === 'active';
  let maxValue = 0;
  for (const r of cohorts.rows) for (let k = skipFirst ? 1 : 0; k < r.active.length; k++) maxValue = Math.max(maxValue, cohortValue(r, k, metric));
  const top1 = maxValue || 1;
  const colour = scaleSequential(interpolateBlues).domain([0, top1]).clamp(true);
  const ink = (v: number) => (Math.min(v, top1) / top1 > 0.55 ? '#ffffff' : '#111827');
  const cells: HeatCell[] = [];
  const rowStart: number[] = [];
  cohorts.rows.forEach((r, row) => {
    rowStart.push(cells.length);
    r.active.forEach((active, k) => {
      const value = cohortValue(r, k, metric);
      cells.push({
        row, k, x: x(k)!, y: y(row)!, value, share: r.customers ? active / r.customers : 0, active, customers: r.customers,
        revenue: r.revenue[k] ?? 0, fill: colour(value), ink: ink(value),
      });
    });
  });
  rowStart.push(cells.length);
  const averageY = y(cohorts.rows.length)!;
  const average = weightedAverageRow(cohorts.rows, metric).map((a, k) => ({ k, x: x(k)!, ...a, fill: colour(a.value), ink: ink(a.value) }));
  return {
    width: left + periods * CELL_W + 4,
    height: top + rowsWithAverage * CELL_H + 4,
    cellW: x.bandwidth(),
    cellH: y.bandwidth(),
    left,
    top,
    periods,
    cells,
    rowStart,
    average,
    averageY,
    rowLabels: cohorts.rows.map((r, row) => ({ y: y(row)! + y.bandwidth() / 2, label: rowLabel(r.cohort), customers: r.customers })),
    colLabels: [...Array(periods).keys()].map((k) => ({ x: x(k)! + x.bandwidth() / 2, k })),
  };
}
