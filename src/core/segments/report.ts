/**
 * The Segments tab's figures at an as-of day: each customer's RFM scores and segment, the segment table (size, shares
 * of customers and revenue, average historical and, when a model is fitted, predicted CLV and P(alive)), and the 5 × 5
 * recency × frequency grid with customer counts and revenue shares.
 */
import type { DayNumber, TransactionTable } from '../types';
import { rfmInput, type RfmInput } from './rfm-input';
import { assignSegments, unreachableRules, type SegmentId, type SegmentRule } from './rules';
import { rfmScores, type RfmScores } from './scores';

/** Per-customer predictions by customer code (NaN where unknown), from a fitted model. */
export interface CustomerPredictionsByCode {
  pAlive: Float64Array;
  clv: Float64Array;
}

export interface SegmentRow {
  segment: SegmentId;
  customers: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
  /** Net revenue per customer so far. */
  averageHistoricalClv: number;
  /** Means over the segment's customers with a prediction; null without a model. */
  averagePredictedClv: number | null;
  averagePAlive: number | null;
}

export interface SegmentsReport {
  asOf: DayNumber;
  rules: SegmentRule[];
  /** Rules no score combination reaches (earlier rules take all their cells). */
  unreachable: SegmentId[];
  customers: number;
  revenue: number;
  rows: SegmentRow[];
  /** grid[r − 1][f − 1]: customers and their revenue with recency score r and frequency score f. */
  grid: { customers: number[][]; revenue: number[][] };
  input: RfmInput;
  scores: RfmScores;
  /** Rule index of each scored customer (aligned with input.customer). */
  segmentOf: Uint8Array;
}

export function segmentsReport(table: TransactionTable, asOf: DayNumber, rules: readonly SegmentRule[], predictions: CustomerPredictionsByCode | null = null): SegmentsReport {
  return joinPredictions(scoreSegments(table, asOf, rules), predictions);
}

/** Scores, segments, the segment table and the grid, without predictions (a new forecast reuses them). */
export function scoreSegments(table: TransactionTable, asOf: DayNumber, rules: readonly SegmentRule[]): SegmentsReport {
  return scoreRfmInput(rfmInput(table, asOf), rules);
}

/** The segments of customers whose recency, frequency and monetary value are given (by orders, or by a summary file). */
export function scoreRfmInput(input: RfmInput, rules: readonly SegmentRule[]): SegmentsReport {
  const asOf = input.asOf;
  const scores = rfmScores(input);
  const segmentOf = assignSegments(scores, rules);
  const k = rules.length;
  const count = new Float64Array(k), revenue = new Float64Array(k);
  const gridCustomers = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  const gridRevenue = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  let total = 0;
  const n = input.customer.length;
  for (let i = 0; i < n; i++) {
    const s = segmentOf[i];
    const value = input.monetary[i];
    count[s]++;
    revenue[s] += value;
    total += value;
    gridCustomers[scores.r[i] - 1][scores.f[i] - 1]++;
    gridRevenue[scores.r[i] - 1][scores.f[i] - 1] += value;
  }
  const rows = rules.map((rule, s): SegmentRow => ({
    segment: rule.segment,
    customers: count[s],
    customerShare: n ? count[s] / n : 0,
    revenue: revenue[s],
    revenueShare: total ? revenue[s] / total : 0,
    averageHistoricalClv: count[s] ? revenue[s] / count[s] : 0,
    averagePredictedClv: null,
    averagePAlive: null,
  }));
  return {
    asOf, rules: rules.map((r) => ({ ...r })), unreachable: unreachableRules(rules), customers: n, revenue: total, rows,
    grid: { customers: gridCustomers, revenue: gridRevenue }, input, scores, segmentOf,
  };
}

/** The report with each segment's average predicted CLV and P(alive) over its customers that have a prediction. */
export function joinPredictions(report: SegmentsReport, predictions: CustomerPredictionsByCode | null): SegmentsReport {
  const k = report.rules.length;
  const clvSum = new Float64Array(k), clvCount = new Float64Array(k), aliveSum = new Float64Array(k), aliveCount = new Float64Array(k);
  if (predictions) {
    const { customer } = report.input;
    for (let i = 0; i < customer.length; i++) {
      const s = report.segmentOf[i];
      const clv = predictions.clv[customer[i]], alive = predictions.pAlive[customer[i]];
      if (Number.isFinite(clv)) (clvSum[s] += clv), clvCount[s]++;
      if (Number.isFinite(alive)) (aliveSum[s] += alive), aliveCount[s]++;
    }
  }
  const rows = report.rows.map((row, s): SegmentRow => ({
    ...row,
    averagePredictedClv: predictions && clvCount[s] ? clvSum[s] / clvCount[s] : null,
    averagePAlive: predictions && aliveCount[s] ? aliveSum[s] / aliveCount[s] : null,
  }));
  return { ...report, rows };
}

/** The customers (codes) of a segment, or of a grid cell, most valuable first. */
export function segmentMembers(report: SegmentsReport, pick: { segment: SegmentId } | { r: number; f: number }): Uint32Array {
  const s = 'segment' in pick ? report.rules.findIndex((rule) => rule.segment === pick.segment) : -1;
  const chosen: number[] = [];
  for (let i = 0; i < report.input.customer.length; i++) {
    if ('segment' in pick ? report.segmentOf[i] === s : report.scores.r[i] === pick.r && report.scores.f[i] === pick.f) chosen.push(i);
  }
  chosen.sort((a, b) => report.input.monetary[b] - report.input.monetary[a]);
  return Uint32Array.from(chosen, (i) => report.input.customer[i]);
}
