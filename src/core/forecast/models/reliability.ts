/**
 * Whether a fit can be trusted, and if not why, in words an owner can act on. A fit is unreliable when the data
 * cannot pin down a parameter: it runs off to 0 or ∞, lies on a flat ridge, has no standard errors (a flat
 * likelihood), or its standard error exceeds its estimate (relative standard error above 1: the data cannot tell the
 * parameter within a factor of e either way). Too few repeat buyers, or a fit that did not converge, are unreliable
 * whatever the parameters say.
 *
 * Every parameter of these models matters: in BG/NBD, MBG/NBD and Pareto/NBD, r and α set how often customers buy
 * and the other two how soon they stop, and each enters P(alive), expected purchases and CLV; in Gamma-Gamma, p, q
 * and v together give every customer's expected spend. The reasons say which of those the data cannot tell, because
 * that decides which figures are affected and what would help.
 */
import { notice } from '../../notice';
import type { Notice } from '../../types';

/** Relative standard error (SE ÷ estimate) above which a parameter counts as not pinned down by the data. */
export const RELATIVE_SE_LIMIT = 1;

/**
 * Reason codes, most fundamental first. Purchase models: few-repeaters, not-converged, not-identified, rate-unknown
 * (how often customers buy), dropout-unknown (how soon they stop). Gamma-Gamma: spend-runaway, spend-unknown.
 */
export const RELIABILITY_CODES = ['few-repeaters', 'not-converged', 'not-identified', 'rate-unknown', 'dropout-unknown', 'spend-runaway', 'spend-unknown'] as const;
export type ReliabilityCode = (typeof RELIABILITY_CODES)[number];

export interface FitReliability {
  reliable: boolean;
  /** Why not, as notices (code, values, English text), most fundamental first; empty when reliable. */
  reasons: Notice[];
  /** The largest SE ÷ estimate over the parameters; null when there are no standard errors. */
  worstRelativeError: number | null;
}

/** What the assessment reads of a fit: the maximum-likelihood result with its parameter names. */
export interface FitEvidence {
  names: readonly string[];
  params: ArrayLike<number>;
  standardErrors: ArrayLike<number> | null;
  converged: boolean;
  runaway: readonly string[];
  ridge: readonly string[];
  message: Notice | null;
}

/** Purchase-model parameters that set how often customers buy; the others set how soon they stop. */
const RATE_PARAMETERS: ReadonlySet<string> = new Set(['r', 'alpha']);

/** Each parameter's SE ÷ estimate (NaN without standard errors). */
function relativeErrors(fit: FitEvidence): number[] {
  return fit.names.map((_, i) => (fit.standardErrors ? Math.abs(fit.standardErrors[i] / fit.params[i]) : NaN));
}

/** The parameters the data cannot pin down: run off, on a ridge, or with SE above the estimate (or not finite). */
function unpinned(fit: FitEvidence, relative: number[]): Set<string> {
  const out = new Set<string>([...fit.runaway, ...fit.ridge]);
  if (fit.standardErrors) fit.names.forEach((name, i) => !(relative[i] <= RELATIVE_SE_LIMIT) && out.add(name));
  return out;
}

function worst(relative: number[]): number | null {
  if (relative.some(Number.isNaN)) return null;
  return relative.reduce((a, b) => Math.max(a, b), 0);
}

const RATE_TEXT = 'Your data cannot tell how often customers buy, so the purchases and the value ahead could be far off. More customers who bought more than once, or a longer history, would help; another model may do better.';
const DROPOUT_TEXT = 'Your data cannot tell how quickly customers stop buying, so the share still active and the value ahead could be far off. A longer history helps most (customers who stopped need time to show it); another model may do better.';

/** A purchase model's fit (BG/NBD, MBG/NBD, Pareto/NBD). */
export function purchaseReliability(fit: FitEvidence): FitReliability {
  const relative = relativeErrors(fit);
  const worstRelativeError = worst(relative);
  const reasons: Notice[] = [];
  if (fit.message?.code === 'few-repeaters') {
    // The root cause: with so few repeat buyers nothing else can be learnt, whatever the parameters look like.
    const count = Number(fit.message.vars.count);
    reasons.push(notice('few-repeaters', `Only ${count} customer${count === 1 ? ' has' : 's have'} bought more than once: too few to tell how often customers buy and when they stop, so every figure here could be far off. Import a longer history, or fit again when more customers have come back.`, { count }));
    return { reliable: false, reasons, worstRelativeError };
  }
  if (!fit.converged) reasons.push(notice('not-converged', 'The calculation did not settle on an answer, so its figures could be off. Fit again, or choose another model.'));
  const names = unpinned(fit, relative);
  if (!fit.standardErrors && names.size === 0) {
    reasons.push(notice('not-identified', 'Your data cannot pin this model down, so all of its figures could be far off. Choose another model, or import a longer history.'));
  }
  const rate = fit.names.filter((n) => names.has(n) && RATE_PARAMETERS.has(n));
  const dropout = fit.names.filter((n) => names.has(n) && !RATE_PARAMETERS.has(n));
  if (rate.length) reasons.push(notice('rate-unknown', RATE_TEXT, { params: rate.join(', ') }));
  if (dropout.length) reasons.push(notice('dropout-unknown', DROPOUT_TEXT, { params: dropout.join(', ') }));
  return { reliable: reasons.length === 0, reasons, worstRelativeError };
}

/** Gamma-Gamma's fit: only the money figures (expected spend, CLV) depend on it. */
export function spendReliability(fit: FitEvidence): FitReliability {
  const relative = relativeErrors(fit);
  const worstRelativeError = worst(relative);
  const reasons: Notice[] = [];
  if (fit.runaway.length) {
    reasons.push(notice('spend-runaway', 'Spend per purchase does not vary the way the spend model expects (for example, every customer pays the same price each time, as with a subscription), so the money figures could be far off. For fixed-price subscriptions, use the subscription view (months kept × monthly revenue) instead.', { params: fit.runaway.join(', ') }));
  } else {
    const names = unpinned(fit, relative);
    if (names.size > 0 || !fit.standardErrors || !fit.converged) {
      reasons.push(notice('spend-unknown', 'Your data cannot tell how much customers will spend per purchase, so the money figures could be far off. Check the amounts for outliers (very large, test or wholesale orders), or import a longer history.', { params: fit.names.filter((n) => names.has(n)).join(', ') }));
    }
  }
  return { reliable: reasons.length === 0, reasons, worstRelativeError };
}
