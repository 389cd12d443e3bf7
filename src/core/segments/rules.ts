/**
 * Named segments from RFM scores by a rule table: rules apply in order, the first that a customer's scores fit wins,
 * and the last rule takes everyone left. So every customer is in exactly one segment, and no gap between score
 * ranges can leave anyone out. The table is shown to the owner, editable and resettable; each segment has one rule.
 */
import { notice } from '../notice';
import type { Notice } from '../types';
import type { RfmScores } from './scores';

export const SEGMENTS = ['champions', 'loyal', 'potentialLoyalists', 'new', 'promising', 'needAttention', 'aboutToSleep', 'atRisk', 'cantLose', 'hibernating', 'lost'] as const;
export type SegmentId = (typeof SEGMENTS)[number];

/** Inclusive range of a score, 1..5. */
export type ScoreRange = readonly [min: number, max: number];

export interface SegmentRule {
  segment: SegmentId;
  r: ScoreRange;
  f: ScoreRange;
  m: ScoreRange;
}

const ANY: ScoreRange = [1, 5];

/**
 * The default table, on the recency × frequency grid (monetary open): recent and frequent buyers first, lapsed ones
 * last. Its 25 R × F cells each fall to exactly one named rule before the last; the last (Lost) is the low corner
 * and catches anything an edited table leaves over.
 */
export const DEFAULT_RULES: readonly SegmentRule[] = [
  { segment: 'champions', r: [5, 5], f: [4, 5], m: ANY },
  { segment: 'loyal', r: [3, 5], f: [4, 5], m: ANY },
  { segment: 'potentialLoyalists', r: [4, 5], f: [2, 3], m: ANY },
  { segment: 'new', r: [5, 5], f: [1, 1], m: ANY },
  { segment: 'promising', r: [4, 4], f: [1, 1], m: ANY },
  { segment: 'needAttention', r: [3, 3], f: [3, 3], m: ANY },
  { segment: 'aboutToSleep', r: [3, 3], f: [1, 2], m: ANY },
  { segment: 'cantLose', r: [1, 2], f: [5, 5], m: ANY },
  { segment: 'atRisk', r: [1, 2], f: [3, 4], m: ANY },
  { segment: 'hibernating', r: [2, 2], f: [1, 2], m: ANY },
  { segment: 'lost', r: ANY, f: ANY, m: ANY },
];

const isRange = (v: unknown): v is ScoreRange =>
  Array.isArray(v) && v.length === 2 && v.every((x) => Number.isInteger(x) && x >= 1 && x <= 5) && v[0] <= v[1];

/**
 * A rule table from untrusted input (an edit, a stored or shared table): each rule a known segment with ranges of
 * whole scores 1–5, each segment once, and the last rule open on every score so that it catches the rest.
 */
export function checkRules(value: unknown): { ok: true; rules: SegmentRule[] } | { ok: false; problem: Notice } {
  if (!Array.isArray(value) || value.length === 0) return { ok: false, problem: notice('rules-empty', 'The segment rules are empty.') };
  const seen = new Set<string>();
  const rules: SegmentRule[] = [];
  for (const [i, raw] of value.entries()) {
    const rule = raw as Partial<Record<keyof SegmentRule, unknown>> | null;
    const segment = rule && typeof rule === 'object' ? rule.segment : undefined;
    if (typeof segment !== 'string' || !(SEGMENTS as readonly string[]).includes(segment)) {
      return { ok: false, problem: notice('rules-unknown-segment', `Rule ${i + 1} names no known segment.`, { rule: i + 1 }) };
    }
    if (seen.has(segment)) return { ok: false, problem: notice('rules-twice', `Rule ${i + 1}: the segment has a rule already.`, { rule: i + 1, segment }) };
    seen.add(segment);
    for (const score of ['r', 'f', 'm'] as const) {
      if (!isRange(rule![score])) return { ok: false, problem: notice('rules-range', `Rule ${i + 1}: the ${score.toUpperCase()} range must be whole scores from 1 to 5, lowest first.`, { rule: i + 1, score: score.toUpperCase() }) };
    }
    rules.push({ segment: segment as SegmentId, r: [...(rule!.r as ScoreRange)], f: [...(rule!.f as ScoreRange)], m: [...(rule!.m as ScoreRange)] } as SegmentRule);
  }
  const last = rules[rules.length - 1];
  if (![last.r, last.f, last.m].every((range) => range[0] === 1 && range[1] === 5)) {
    return { ok: false, problem: notice('rules-no-catch-all', 'The last rule must take every score from 1 to 5, so that it catches every customer the others leave.') };
  }
  return { ok: true, rules };
}

const fits = (range: ScoreRange, score: number) => score >= range[0] && score <= range[1];

/** The rule (index into `rules`) of each customer: the first whose ranges hold all three scores. */
export function assignSegments(scores: RfmScores, rules: readonly SegmentRule[]): Uint8Array {
  // A lookup over the 125 score combinations, so each customer costs one table read.
  const cell = new Uint8Array(125);
  for (let r = 1; r <= 5; r++) {
    for (let f = 1; f <= 5; f++) {
      for (let m = 1; m <= 5; m++) {
        const at = rules.findIndex((rule) => fits(rule.r, r) && fits(rule.f, f) && fits(rule.m, m));
        cell[(r - 1) * 25 + (f - 1) * 5 + (m - 1)] = at < 0 ? rules.length - 1 : at;
      }
    }
  }
  const n = scores.r.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = cell[(scores.r[i] - 1) * 25 + (scores.f[i] - 1) * 5 + (scores.m[i] - 1)];
  return out;
}

/** Rules that no score combination reaches, because earlier rules take all their cells (shown, so edits make sense). */
export function unreachableRules(rules: readonly SegmentRule[]): SegmentId[] {
  const reached = new Set<number>();
  for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) {
    reached.add(rules.findIndex((rule) => fits(rule.r, r) && fits(rule.f, f) && fits(rule.m, m)));
  }
  return rules.filter((_, i) => !reached.has(i)).map((rule) => rule.segment);
}
