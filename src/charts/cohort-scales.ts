/**
 * Pure layout for the cohort heatmap and curves: which cohorts and periods are drawn (a bounded window), the cells'
 * positions and colours (D3 computes the scales, the component only draws), and the texts that fit in a cell.
 */
import { interpolateBlues, scaleBand, scaleSequential } from 'd3';
import type { CohortPeriod, CohortRow, Cohorts } from '../core/types';
import { cohortValue, weightedAverageRow, type AveragePoint, type CohortMetric } from './cohort-metrics';
import { textWidth } from './axes';

/** Most cohorts (rows) and periods after joining (columns) a heatmap draws: 60 × 60 cells at most. */
export const VIEW_MAX_COHORTS = 60;
export const VIEW_MAX_PERIODS = 60;

/** The cohorts a view draws: the most recent ones, each cut to its first periods, and what is left out. */
export interface CohortView {
  period: CohortPeriod;
  rows: CohortRow[];
  /** Whether row i's last entry is the period still in progress. */
  partialLast: boolean[];
  /** The last period when it is still in progress (the data ends before it does), else null. */
  partial: { days: number; length: number } | null;
  /** Every cohort, drawn or not. */
  totalCohorts: number;
  /** Older cohorts not drawn (beyond the view's or the engine's limit) and their customers. */
  hiddenCohorts: number;
  hiddenCustomers: number;
  /** Periods after the first `maxPeriods` of some cohort are not drawn. */
  periodsCut: boolean;
  maxPeriods: number;
}

export function cohortView(cohorts: Cohorts, maxCohorts = VIEW_MAX_COHORTS, maxPeriods = VIEW_MAX_PERIODS): CohortView {
  const all = cohorts.rows;
  const start = Math.max(0, all.length - maxCohorts);
  let hiddenCustomers = cohorts.omitted?.customers ?? 0;
  for (let i = 0; i < start; i++) hiddenCustomers += all[i].customers;
  const last = cohorts.lastPeriod;
  const partial = last && last.days < last.length ? last : null;
  let periodsCut = false;
  const rows: CohortRow[] = [];
  const partialLast: boolean[] = [];
  for (const r of all.slice(start)) {
    if (r.active.length > maxPeriods) {
      periodsCut = true;
      rows.push({ ...r, active: r.active.slice(0, maxPeriods), revenue: r.revenue.slice(0, maxPeriods) });
      partialLast.push(false);
    } else {
      rows.push(r);
      partialLast.push(partial !== null);
    }
  }
  const omitted = cohorts.omitted?.cohorts ?? 0;
  return {
    period: cohorts.period,
    rows,
    partialLast,
    partial,
    totalCohorts: all.length + omitted,
    hiddenCohorts: start + omitted,
    hiddenCustomers,
    periodsCut,
    maxPeriods,
  };
}

const formats = new Map<string, Intl.NumberFormat>();
function compact(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale}|${digits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, { notation: 'compact', maximumSignificantDigits: digits })));
  return f;
}

/**
 * What a cell says: whole percent for retention, the count for customers buying (compact from 10,000), and for
 * money the fewest significant digits (2 to 4) at which no two neighbouring cells of a row whose values differ by
 * more than 0.5% read the same: cumulative revenue of 1,050 and 1,120 per customer reads 1.05K and 1.12K, not 1K.
 */
export function cellTextOf(rows: CohortRow[], metric: CohortMetric, locale: string): (v: number) => string {
  const text = shortText(rows, metric, locale);
  return (v) => (Number.isNaN(v) ? '–' : text(v));
}

function shortText(rows: CohortRow[], metric: CohortMetric, locale: string): (v: number) => string {
  if (metric === 'retention') return (v) => String(Math.round(v * 100));
  if (metric === 'active') return (v) => (v >= 10_000 ? compact(locale, 3).format(v) : String(v));
  const values = rows.map((r) => r.active.map((_, k) => cohortValue(r, k, metric)));
  for (const digits of [2, 3]) {
    const f = compact(locale, digits);
    const collides = values.some((row) =>
      row.some((v, k) => k > 0 && Math.abs(v - row[k - 1]) > 0.005 * Math.max(Math.abs(v), Math.abs(row[k - 1])) && f.format(v) === f.format(row[k - 1])),
    );
    if (!collides) return (v) => f.format(v);
  }
  const f = compact(locale, 4);
  return (v) => f.format(v);
}

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
  /** The period is still in progress. */
  partial: boolean;
  fill: string;
  /** Text colour with enough contrast on the fill. */
  ink: string;
}

export interface AverageCell extends AveragePoint {
  k: number;
  x: number;
  fill: string;
  ink: string;
}

export interface HeatLayout {
  /** Size of the cells' drawing (column labels on top, then the rows, then the average row). */
  width: number;
  height: number;
  cellW: number;
  cellH: number;
  top: number;
  periods: number;
  cells: HeatCell[];
  /** Index in `cells` of each row's first cell (cells are in row order); one extra entry at the end. */
  rowStart: number[];
  average: AverageCell[];
  averageY: number;
  /** Centre line of each row, for its labels. */
  rowY: number[];
  colLabels: { x: number; k: number }[];
  /** The colour scale: its domain, and the colour of a value. */
  domain: [number, number];
  colour: (v: number) => string;
  /** Period 0 is off the colour scale (it holds the whole cohort) and takes its darkest colour. */
  firstOffScale: boolean;
}

export const CELL_H = 26;
/** Narrowest cell: three digits at the chart's font size with room around them. */
export const CELL_MIN_W = 34;

/** Cell width that holds every text a cell will show. */
export function cellWidth(texts: string[]): number {
  return Math.max(CELL_MIN_W, Math.ceil(Math.max(0, ...texts.map((s) => textWidth(s))) + 10));
}

export function cohortHeatLayout(view: CohortView, metric: CohortMetric = 'retention', cellW = CELL_MIN_W, top = 22): HeatLayout {
  const { rows, partialLast } = view;
  const periods = rows.reduce((m, r) => Math.max(m, r.active.length), 0);
  const rowsWithAverage = rows.length + 1;
  const x = scaleBand<number>().domain([...Array(periods).keys()]).range([0, periods * cellW]).padding(0.06);
  const y = scaleBand<number>().domain([...Array(rowsWithAverage).keys()]).range([top, top + rowsWithAverage * CELL_H]).padding(0.06);
  // Period 0 is 100% by definition for retention (and usually the largest count): the colour scale spreads over
  // the later periods so they stay readable; cumulative revenue grows with age, so it uses every period.
  const skipFirst = metric === 'retention' || metric === 'active';
  let maxValue = 0;
  let minValue = 0;
  for (const r of rows) {
    for (let k = skipFirst ? 1 : 0; k < r.active.length; k++) {
      const v = cohortValue(r, k, metric);
      if (Number.isNaN(v)) continue;
      maxValue = Math.max(maxValue, v);
      minValue = Math.min(minValue, v);
    }
  }
  const top1 = maxValue > minValue ? maxValue : minValue + 1;
  const scale = scaleSequential(interpolateBlues).domain([minValue, top1]).clamp(true);
  // An unknown value (suppressed in a shared snapshot) is drawn as an empty cell with a dash.
  const colour = (v: number) => (Number.isNaN(v) ? 'transparent' : scale(v));
  const ink = (v: number) => (Number.isNaN(v) ? 'currentColor' : (Math.min(v, top1) - minValue) / (top1 - minValue) > 0.55 ? '#ffffff' : '#111827');
  const cells: HeatCell[] = [];
  const rowStart: number[] = [];
  rows.forEach((r, row) => {
    rowStart.push(cells.length);
    r.active.forEach((active, k) => {
      const value = cohortValue(r, k, metric);
      cells.push({
        row, k, x: x(k)!, y: y(row)!, value, share: r.customers ? active / r.customers : 0, active, customers: r.customers,
        revenue: r.revenue[k] ?? 0, partial: partialLast[row] && k === r.active.length - 1, fill: colour(value), ink: ink(value),
      });
    });
  });
  rowStart.push(cells.length);
  const averageY = y(rows.length)!;
  const average = weightedAverageRow(rows, metric, partialLast).map((a, k) => ({ k, x: x(k)!, ...a, fill: colour(a.value), ink: ink(a.value) }));
  return {
    width: periods * cellW + 2,
    height: top + rowsWithAverage * CELL_H + 2,
    cellW: x.bandwidth(),
    cellH: y.bandwidth(),
    top,
    periods,
    cells,
    rowStart,
    average,
    averageY,
    rowY: [...rows.keys(), rows.length].map((row) => y(row)! + y.bandwidth() / 2),
    colLabels: [...Array(periods).keys()].map((k) => ({ x: x(k)! + x.bandwidth() / 2, k })),
    domain: [minValue, top1],
    colour,
    firstOffScale: skipFirst,
  };
}
