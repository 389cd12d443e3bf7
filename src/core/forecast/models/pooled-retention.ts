/**
 * sBG fitted on many cohorts at once: each customer either cancelled after T periods (T ≥ 1, contributing P(T = t))
 * or is still active when observation ends after k renewals (right-censored, contributing S(k)). Cohorts of
 * different ages pool into two count series, churned[t] and censored[k], so the likelihood (in
 * shifted-beta-geometric.ts, which a single cohort uses too) costs O(longest tenure).
 */
import { notice } from '../../notice';
import { fitMaximumLikelihood } from './mle';
import { pooledRetentionLogLikelihood, SBG_PARAMS, type PooledSurvival, type RetentionFit } from './shifted-beta-geometric';

/** Counts from each customer's periods paid (tenure ≥ 1) and whether they were still active at the end. */
export function pooledSurvival(tenure: ArrayLike<number>, stillActive: ArrayLike<boolean>): PooledSurvival {
  let longest = 1;
  for (let i = 0; i < tenure.length; i++) longest = Math.max(longest, tenure[i]);
  const churned = new Float64Array(longest + 1);
  const censored = new Float64Array(longest + 1);
  for (let i = 0; i < tenure.length; i++) {
    const t = tenure[i];
    if (!(t >= 1)) continue;
    // Still active after t paid periods means t − 1 renewals so far, and more to come: S(t − 1)… plus the current one
    // paid, so the customer has survived to the start of period t: P(T > t − 1) = S(t − 1).
    if (stillActive[i]) censored[t - 1]++;
    else churned[t]++;
  }
  return { churned, censored };
}

const STARTS = [[0, 0], [-1, 1], [1, 2]];

export function fitPooledRetention(data: PooledSurvival): RetentionFit {
  let customers = 0, left = 0;
  for (const n of data.churned) (customers += n), (left += n);
  for (const n of data.censored) customers += n;
  const periods = data.churned.length - 1;
  const result = fitMaximumLikelihood({ names: SBG_PARAMS, logLikelihood: pooledRetentionLogLikelihood, data, scaledData: data, timeScale: 1, timeScaled: [false, false], totalWeight: Math.max(1, customers), starts: STARTS });
  if (left === 0) {
    result.identified = false;
    result.message = notice('no-cancellations', 'Nobody has cancelled yet, so the churn rate cannot be estimated.');
  }
  return { ...result, names: SBG_PARAMS, customers, periods };
}

/** The observed share still active at the start of each period 0..K (Kaplan–Meier over the pooled counts). */
export function observedSurvival(data: PooledSurvival): Float64Array {
  const K = data.churned.length - 1;
  let atRisk = 0;
  for (let t = 1; t <= K; t++) atRisk += data.churned[t];
  for (let k = 0; k <= K; k++) atRisk += data.censored[k];
  const out = new Float64Array(K + 1);
  out[0] = 1;
  let s = 1;
  for (let t = 1; t <= K; t++) {
    // Those censored after t − 1 renewals are not at risk of leaving at the end of period t… they were counted as
    // surviving to the start of period t − 1 only: remove them before period t.
    atRisk -= data.censored[t - 1];
    s *= atRisk > 0 ? 1 - data.churned[t] / atRisk : 1;
    atRisk -= data.churned[t];
    out[t] = s;
  }
  return out;
}
