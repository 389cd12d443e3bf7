/**
 * Maximum likelihood for any of the models: optimise the log-parameters from several fixed starts on data whose
 * times are divided by the largest age (so that every start is sensible whatever the time unit), scale the
 * time-valued parameters back, and read standard errors off the Hessian at the optimum. Parameters that run to 0
 * or to infinity, or a likelihood that is flat in some direction, are reported in words: never NaN, never a
 * silently clamped parameter.
 */
import { invertSpd } from './matrix';
import { notice } from '../../notice';
import type { Notice } from '../../types';
import { minimize } from './optimize';

/** A model's weighted log-likelihood over its data, with the gradient with respect to its natural parameters. */
export type LogLikelihood<D> = (params: Float64Array, data: D, grad: Float64Array | null) => number;

export interface MleProblem<D> {
  names: readonly string[];
  logLikelihood: LogLikelihood<D>;
  data: D;
  /** The same data with its times divided by `timeScale`, for the optimiser. */
  scaledData: D;
  timeScale: number;
  /** For each parameter, whether it is measured in time units (a scale such as α or β) and so is scaled back. */
  timeScaled: readonly boolean[];
  totalWeight: number;
  /**
   * For large data, a subsample (time-scaled like scaledData) on which the starts are explored; the best optimum is
   * then polished on the whole data, beginning with the subsample's curvature, which takes a few iterations only.
   */
  subsample?: { scaledData: D; totalWeight: number };
  /** Starting log-parameters, tried in order; the best optimum wins. */
  starts: readonly (readonly number[])[];
}

export interface MleResult {
  params: Float64Array;
  logLikelihood: number;
  /** Covariance of the log-parameters (inverse observed information); null when the Hessian is not definite. */
  logCovariance: Float64Array | null;
  standardErrors: Float64Array | null;
  converged: boolean;
  identified: boolean;
  iterations: number;
  /** Parameters driven towards 0 or ∞ (their log beyond the bounds): the data cannot pin them down. */
  runaway: string[];
  /** Parameters two starts put at quite different values with the same likelihood (a flat ridge). */
  ridge: string[];
  /** Why the fit cannot be trusted, when it cannot (translated by the UI from its code). */
  message: Notice | null;
}

/** log-parameters beyond these (on time scaled to 0..1) mean the parameter runs to 0 or ∞. */
const LOG_BOUND = 12;

/** Two optima agree when their mean log-likelihoods differ by less than this, relatively. */
const AGREEMENT = 1e-8;

export function fitMaximumLikelihood<D>(problem: MleProblem<D>): MleResult {
  const { names, logLikelihood, scaledData, totalWeight } = problem;
  const k = names.length;
  const params = new Float64Array(k);
  const naturalGrad = new Float64Array(k);
  // The mean log-likelihood per customer, so that curvature is alike on a subsample and on the whole data.
  const objectiveOn = (data: D, weight: number) => (theta: Float64Array, grad: Float64Array) => {
    for (let i = 0; i < k; i++) params[i] = Math.exp(theta[i]);
    const ll = logLikelihood(params, data, naturalGrad);
    for (let i = 0; i < k; i++) grad[i] = (-naturalGrad[i] * params[i]) / weight;
    return -ll / weight;
  };
  const objective = problem.subsample ? objectiveOn(problem.subsample.scaledData, problem.subsample.totalWeight) : objectiveOn(scaledData, totalWeight);
  // Starts are tried in order until two of them reach the same optimum value (the second confirms the first was not
  // a local or a stalled one); a start that fails sends the search on to the next. On a flat ridge the two may agree
  // in value but not in parameters: that is reported as not identified.
  let best: ReturnType<typeof minimize> | null = null;
  let confirmedBy: ReturnType<typeof minimize> | null = null;
  for (const start of problem.starts) {
    // Later starts borrow the curvature the first one learnt: they still begin elsewhere, but need fewer steps.
    const result = minimize(objective, start, { gradientTolerance: 1e-10, bound: LOG_BOUND + 2, inverseHessian: best?.converged ? best.inverseHessian : undefined });
    if (!Number.isFinite(result.value) || !result.converged) {
      if (!best || (!best.converged && result.value < best.value)) best = result;
      continue;
    }
    if (best?.converged && Math.abs(result.value - best.value) <= AGREEMENT * Math.abs(best.value)) {
      confirmedBy = result;
      if (result.value < best.value) [best, confirmedBy] = [result, best];
    } else if (!best || !best.converged || result.value < best.value) {
      best = result;
      confirmedBy = null;
    }
    if (confirmedBy) break;
  }
  if (best && problem.subsample && Number.isFinite(best.value)) {
    const polished = minimize(objectiveOn(scaledData, totalWeight), best.x, { gradientTolerance: 1e-10, bound: LOG_BOUND + 2, inverseHessian: best.inverseHessian });
    if (Number.isFinite(polished.value)) best = polished;
  }
  if (!best) {
    return { params: new Float64Array(k).fill(NaN), logLikelihood: -Infinity, logCovariance: null, standardErrors: null, converged: false, identified: false, iterations: 0, runaway: [], ridge: [], message: notice('not-evaluable', 'The likelihood could not be evaluated on this data from any starting point.') };
  }
  const fitted = new Float64Array(k);
  for (let i = 0; i < k; i++) fitted[i] = Math.exp(best.x[i]) * (problem.timeScaled[i] ? problem.timeScale : 1);
  const ll = logLikelihood(fitted, problem.data, null);

  const runaway = names.filter((_, i) => Math.abs(best.x[i]) > LOG_BOUND);
  // Two starts at the same likelihood but different parameters: the likelihood is flat along a ridge.
  const ridge = confirmedBy ? names.filter((_, i) => Math.abs(confirmedBy.x[i] - best.x[i]) > 1e-2) : [];
  const logCovariance = runaway.length ? null : observedInformationInverse(problem, fitted);
  const standardErrors = logCovariance ? fitted.map((p, i) => p * Math.sqrt(logCovariance[i * k + i])) : null;
  let message: Notice | null = null;
  let identified = true;
  if (runaway.length) {
    identified = false;
    const limits = runaway.map((n) => (best.x[names.indexOf(n)] < 0 ? '0' : 'infinity'));
    message = notice(
      'runaway',
      `The data cannot pin down ${runaway.join(' and ')}: the best fit drives ${runaway.length === 1 ? 'it' : 'them'} towards ${limits.join(' and ')}, so the figures that depend on ${runaway.length === 1 ? 'it' : 'them'} are not reliable.`,
      { params: runaway.join(', '), limits: limits.map((l) => (l === '0' ? '0' : '∞')).join(', ') },
    );
  } else if (ridge.length) {
    identified = false;
    message = notice('ridge', `The data cannot pin down ${ridge.join(' and ')}: quite different values fit equally well, so the figures that depend on ${ridge.length === 1 ? 'it' : 'them'} are not reliable.`, { params: ridge.join(', ') });
  } else if (!logCovariance) {
    identified = false;
    message = notice('flat', 'The likelihood is flat in some direction at the best fit, so the parameters are not identified and no standard errors can be given.');
  } else if (!best.converged) {
    message = notice('not-converged', `The fit did not fully converge: ${best.reason}`);
  }
  return { params: fitted, logLikelihood: ll, logCovariance, standardErrors, converged: best.converged, identified, iterations: best.iterations, runaway, ridge, message };
}

/**
 * Inverse of the observed information in log-parameters: −∂²ℓ/∂θ∂θᵀ by central differences of the analytic
 * gradient (step 1e-5 in log space), symmetrised.
 */
function observedInformationInverse<D>(problem: MleProblem<D>, fitted: Float64Array): Float64Array | null {
  const k = fitted.length;
  const h = 1e-5;
  const info = new Float64Array(k * k);
  const plus = new Float64Array(k);
  const minus = new Float64Array(k);
  const p = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    p.set(fitted);
    p[j] = fitted[j] * Math.exp(h);
    problem.logLikelihood(p, problem.data, plus);
    p[j] = fitted[j] * Math.exp(-h);
    problem.logLikelihood(p, problem.data, minus);
    const up = fitted[j] * Math.exp(h);
    const down = fitted[j] * Math.exp(-h);
    for (let i = 0; i < k; i++) {
      // d/dθ_j of (∂ℓ/∂θ_i) where ∂ℓ/∂θ_i = p_i ∂ℓ/∂p_i; p_i itself moves only when i = j.
      const gUp = plus[i] * (i === j ? up : fitted[i]);
      const gDown = minus[i] * (i === j ? down : fitted[i]);
      info[i * k + j] = -(gUp - gDown) / (2 * h);
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const mean = (info[i * k + j] + info[j * k + i]) / 2;
      info[i * k + j] = info[j * k + i] = mean;
    }
  }
  return invertSpd(info, k);
}

/** AIC and BIC from a log-likelihood, the number of parameters and of observations. */
export function informationCriteria(logLikelihood: number, parameters: number, observations: number): { aic: number; bic: number } {
  return { aic: 2 * parameters - 2 * logLikelihood, bic: parameters * Math.log(observations) - 2 * logLikelihood };
}
