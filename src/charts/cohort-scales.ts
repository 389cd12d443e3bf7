/** Pure layout for the cohort heatmap: D3 computes the scales, the component only draws. */
import { interpolateBlues, scaleBand, scaleSequential } from 'd3';
import type { Cohorts } from '../core/types';

export interface HeatCell {
  row: number;
  k: number;
  x: number;
  y: number;
  share: number;
  active: number;
  customers: number;
  revenue: number;
  fill: string;
  /** Text colour with enough contrast on the fill. */
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
  rowLabels: { y: number; label: string; customers: number }[];
  colLabels: { x: number; k: number }[];
}

export const CELL_W = 34;
export const CELL_H = 24;

export function cohortHeatLayout(cohorts: Cohorts, rowLabel: (c: string) => string, left = 92, top = 26): HeatLayout {
  const periods = cohorts.rows.reduce((m, r) => Math.max(m, r.active.length), 0);
  const x = scaleBand<number>().domain([...Array(periods).keys()]).range([left, left + periods * CELL_W]).padding(0.06);
  const y = scaleBand<number>().domain([...cohorts.rows.keys()]).range([top, top + cohorts.rows.length * CELL_H]).padding(0.06);
  // Period 0 is 100% by definition; the colour scale spreads over the later periods so they stay readable.
  let maxShare = 0;
  for (const r of cohorts.rows) for (let k = 1; k < r.active.length; k++) if (r.customers) maxShare = Math.max(maxShare, r.active[k] / r.customers);
  const colour = scaleSequential(interpolateBlues).domain([0, maxShare || 1]).clamp(true);
  const cells: HeatCell[] = [];
  cohorts.rows.forEach((r, row) => {
    r.active.forEach((active, k) => {
      const share = r.customers ? active / r.customers : 0;
      const level = k === 0 ? 1 : share / (maxShare || 1);
      cells.push({
        row, k, x: x(k)!, y: y(row)!, share, active, customers: r.customers, revenue: r.revenue[k] ?? 0,
        fill: colour(k === 0 ? maxShare || 1 : share), ink: level > 0.55 ? '#ffffff' : '#111827',
      });
    });
  });
  return {
    width: left + periods * CELL_W + 4,
    height: top + cohorts.rows.length * CELL_H + 4,
    cellW: x.bandwidth(),
    cellH: y.bandwidth(),
    left,
    top,
    periods,
    cells,
    rowLabels: cohorts.rows.map((r, row) => ({ y: y(row)! + y.bandwidth() / 2, label: rowLabel(r.cohort), customers: r.customers })),
    colLabels: [...Array(periods).keys()].map((k) => ({ x: x(k)! + x.bandwidth() / 2, k })),
  };
}
