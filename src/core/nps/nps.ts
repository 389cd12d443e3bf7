/**
 * Net Promoter Score joined to value. Each customer's latest answer counts. NPS = % promoters (9–10) − % detractors
 * (0–6), in points from −100 to 100, with its 95% margin of error: the score is a difference of two shares of one
 * sample, whose variance is (p + d − (p − d)²) / n, so the margin is 1.96 × 100 × √((p + d − (p − d)²) / n).
 * Answers whose customer id matches no customer of the dataset are counted and listed, not dropped.
 */
import { monthIndex, monthLabel } from '../figures/dates';
import type { DayNumber } from '../types';
import type { NpsAnswer } from './read-answers';

export type NpsGroup = 'promoter' | 'passive' | 'detractor';
export const NPS_GROUPS: readonly NpsGroup[] = ['promoter', 'passive', 'detractor'];

export const npsGroup = (score: number): NpsGroup => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

export interface NpsScore {
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Points, −100..100; NaN without answers. */
  score: number;
  /** Half-width of the 95% interval, in points. */
  marginOfError: number;
}

/** NPS and its margin of error from the three counts. */
export function npsScore(promoters: number, passives: number, detractors: number): NpsScore {
  const n = promoters + passives + detractors;
  const p = n ? promoters / n : NaN, d = n ? detractors / n : NaN;
  return { answers: n, promoters, passives, detractors, score: 100 * (p - d), marginOfError: n ? 196 * Math.sqrt((p + d - (p - d) ** 2) / n) : NaN };
}

/** What is known of each customer of the dataset, by customer code. */
export interface CustomerValues {
  /** Customer id → code. */
  codeOf: ReadonlyMap<string, number>;
  /** Net revenue so far, purchase days, and (when a model is fitted) predicted CLV and P(alive); NaN where unknown. */
  revenue: ArrayLike<number>;
  purchases: ArrayLike<number>;
  predictedClv: ArrayLike<number> | null;
  pAlive: ArrayLike<number> | null;
}

export interface NpsGroupFigures {
  customers: number;
  revenue: number;
  averageHistoricalClv: number;
  /** Share of the group's customers with two purchases or more. */
  repeatRate: number;
  averagePredictedClv: number | null;
  averagePAlive: number | null;
}

export interface NpsReport extends NpsScore {
  /** All rows accepted as answers, and customers answering (their latest answer counts). */
  answerRows: number;
  matched: number;
  unmatched: number;
  /** Ids of the customers with no match in the dataset (first 200). */
  unmatchedIds: string[];
  byGroup: Record<NpsGroup, NpsGroupFigures>;
  /** By month of the answers (every answer of the month, its customer's latest in that month). */
  trend: ({ month: string } & NpsScore)[];
  /** Latest answer of each matched customer, by code. */
  latest: Map<number, { score: number; day: DayNumber; comment: string | null }>;
}

const mean = (sum: number, n: number) => (n ? sum / n : NaN);

export function npsReport(answers: readonly NpsAnswer[], values: CustomerValues): NpsReport {
  // The latest answer per customer (a later line wins a tie on the day).
  const latestById = new Map<string, NpsAnswer>();
  for (const a of answers) {
    const before = latestById.get(a.customerId);
    if (!before || a.day > before.day || (a.day === before.day && a.line > before.line)) latestById.set(a.customerId, a);
  }
  const counts = { promoter: 0, passive: 0, detractor: 0 };
  const sums = Object.fromEntries(NPS_GROUPS.map((g) => [g, { customers: 0, revenue: 0, repeat: 0, clv: 0, clvN: 0, alive: 0, aliveN: 0 }])) as Record<NpsGroup, { customers: number; revenue: number; repeat: number; clv: number; clvN: number; alive: number; aliveN: number }>;
  const latest = new Map<number, { score: number; day: DayNumber; comment: string | null }>();
  const unmatchedIds: string[] = [];
  let unmatched = 0;
  for (const [id, a] of latestById) {
    const group = npsGroup(a.score);
    counts[group]++;
    const code = values.codeOf.get(id);
    if (code === undefined) {
      unmatched++;
      if (unmatchedIds.length < 200) unmatchedIds.push(id);
      continue;
    }
    latest.set(code, { score: a.score, day: a.day, comment: a.comment });
    const s = sums[group];
    s.customers++;
    s.revenue += values.revenue[code];
    if (values.purchases[code] >= 2) s.repeat++;
    const clv = values.predictedClv?.[code] ?? NaN, alive = values.pAlive?.[code] ?? NaN;
    if (Number.isFinite(clv)) (s.clv += clv), s.clvN++;
    if (Number.isFinite(alive)) (s.alive += alive), s.aliveN++;
  }
  const byGroup = Object.fromEntries(NPS_GROUPS.map((g): [NpsGroup, NpsGroupFigures] => {
    const s = sums[g];
    return [g, {
      customers: s.customers, revenue: s.revenue, averageHistoricalClv: mean(s.revenue, s.customers), repeatRate: mean(s.repeat, s.customers),
      averagePredictedClv: values.predictedClv ? mean(s.clv, s.clvN) : null, averagePAlive: values.pAlive ? mean(s.alive, s.aliveN) : null,
    }];
  })) as Record<NpsGroup, NpsGroupFigures>;

  const byMonth = new Map<string, Map<string, NpsAnswer>>();
  for (const a of answers) {
    const month = monthLabel(monthIndex(a.day));
    const inMonth = byMonth.get(month) ?? new Map<string, NpsAnswer>();
    const before = inMonth.get(a.customerId);
    if (!before || a.day > before.day || (a.day === before.day && a.line > before.line)) inMonth.set(a.customerId, a);
    byMonth.set(month, inMonth);
  }
  const trend = [...byMonth.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, inMonth]) => {
    const c = { promoter: 0, passive: 0, detractor: 0 };
    for (const a of inMonth.values()) c[npsGroup(a.score)]++;
    return { month, ...npsScore(c.promoter, c.passive, c.detractor) };
  });
  return { ...npsScore(counts.promoter, counts.passive, counts.detractor), answerRows: answers.length, matched: latestById.size - unmatched, unmatched, unmatchedIds, byGroup, trend, latest };
}

/** Detractors worth calling first: matched detractors ranked by the value at stake (predicted CLV, else revenue). */
export function detractorsToCall(report: NpsReport, values: CustomerValues): { customer: number; score: number; day: DayNumber; comment: string | null; value: number }[] {
  const out: { customer: number; score: number; day: DayNumber; comment: string | null; value: number }[] = [];
  for (const [code, a] of report.latest) {
    if (npsGroup(a.score) !== 'detractor') continue;
    const clv = values.predictedClv?.[code] ?? NaN;
    out.push({ customer: code, ...a, value: Number.isFinite(clv) ? clv : values.revenue[code] });
  }
  return out.sort((a, b) => b.value - a.value || a.customer - b.customer);
}
