/**
 * How customers moved between segments from one as-of day to a later one: counts[from][to], with a last "from" row
 * for customers who had not bought yet at the earlier day. Scores are quintiles of each day's own customers, so a
 * customer can move without buying (others overtook them) as well as by buying or by going quiet.
 */
import type { DayNumber, TransactionTable } from '../types';
import { rfmInput } from './rfm-input';
import { assignSegments, type SegmentId, type SegmentRule } from './rules';
import { rfmScores } from './scores';
import { customerCountOf } from '../customer-ids';

export interface SegmentMovement {
  from: DayNumber;
  to: DayNumber;
  segments: SegmentId[];
  /** counts[i][j]: customers in segment i at `from` and j at `to`; i = segments.length is "not a customer yet". */
  counts: number[][];
}

export function segmentMovement(table: TransactionTable, rules: readonly SegmentRule[], from: DayNumber, to: DayNumber): SegmentMovement {
  if (from > to) throw new Error('The earlier day must come first.');
  const before = rfmInput(table, from), after = rfmInput(table, to);
  const segBefore = assignSegments(rfmScores(before), rules), segAfter = assignSegments(rfmScores(after), rules);
  const k = rules.length;
  const earlier = new Int16Array(customerCountOf(table)).fill(k);
  for (let i = 0; i < before.customer.length; i++) earlier[before.customer[i]] = segBefore[i];
  const counts = Array.from({ length: k + 1 }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < after.customer.length; i++) counts[earlier[after.customer[i]]][segAfter[i]]++;
  return { from, to, segments: rules.map((r) => r.segment), counts };
}
