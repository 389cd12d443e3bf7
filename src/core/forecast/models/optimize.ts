/**
 * Quasi-Newton minimisation (BFGS with a backtracking Armijo line search) for the small, smooth problems of model
 * fitting: 2 to 4 log-parameters, an objective with its analytic gradient. Deterministic; a non-finite value at a
 * trial point counts as "too far" and the step is shortened instead of failing.
 */

/** Fills `grad` and returns the objective at `x`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface MinimizeOptions {
  /** Stop when every gradient component is below this in absolute value. */
  gradientTolerance?: number;
  maxIterations?: number;
  /** Longest step in any coordinate (log-parameters: e^5 ≈ 150× per iteration at most). */
  maxStep?: number;
  /** Stop once any coordinate's magnitude exceeds this (a parameter running off to 0 or ∞ on a flat ridge). */
  bound?: number;
  /** A first inverse-Hessian approximation (row-major), e.g. from a run on a subsample of the same data. */
  inverseHessian?: Float64Array;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** Why it stopped, in words. */
  reason: string;
  /** The final inverse-Hessian approximation. */
  inverseHessian: Float64Array;
}

/** Over this many iterations, a total relative gain below RIDGE_GAIN ends the search. */
const RIDGE_WINDOW = 10;
const RIDGE_GAIN = 1e-11;

/** Relative rounding allowed in the objective. */
const ROUNDING = 1e-14;

const maxAbs = (v: Float64Array) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

export function minimize(objective: Objective, start: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  const gtol = options.gradientTolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 1000;
  const maxStep = options.maxStep ?? 5;
  const n = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let f = objective(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f) || !g.every(Number.isFinite)) {
    return { x, value: f, gradient: g, iterations: 0, evaluations, converged: false, reason: 'The likelihood cannot be evaluated at the starting point.', inverseHessian: new Float64Array(n * n) };
  }
  // Inverse Hessian approximation, row-major.
  const H = new Float64Array(n * n);
  if (options.inverseHessian) H.set(options.inverseHessian);
  else for (let i = 0; i < n; i++) H[i * n + i] = 1;
  const direction = new Float64Array(n);
  const trial = new Float64Array(n);
  const trialGrad = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  let stalled = 0;
  const recent = new Float64Array(RIDGE_WINDOW);

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (maxAbs(g) < gtol) return { x, value: f, gradient: g, iterations: iteration - 1, evaluations, converged: true, reason: 'Gradient below tolerance.', inverseHessian: H };
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let j = 0; j < n; j++) d -= H[i * n + j] * g[j];
      direction[i] = d;
      slope += d * g[i];
    }
    if (!(slope < 0)) {
      // Not a descent direction (the approximation lost its way): restart from steepest descent.
      H.fill(0);
      for (let i = 0; i < n; i++) {
        H[i * n + i] = 1;
        direction[i] = -g[i];
      }
      slope = -g.reduce((acc, v) => acc + v * v, 0);
    }
    const longest = maxAbs(direction);
    let step = longest > maxStep ? maxStep / longest : 1;
    let fTrial = Infinity;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) trial[i] = x[i] + step * direction[i];
      fTrial = objective(trial, trialGrad);
      evaluations++;
      // Armijo's sufficient decrease, allowing for rounding in f near the optimum (else the search halves the step
      // dozens of times over differences below the last bit).
      if (Number.isFinite(fTrial) && trialGrad.every(Number.isFinite) && fTrial <= f + 1e-4 * step * slope + ROUNDING * Math.abs(f)) {
        accepted = true;
        break;
      }
      step *= Number.isFinite(fTrial) ? 0.5 : 0.1;
    }
    if (!accepted) {
      const converged = maxAbs(g) < Math.sqrt(gtol);
      return { x, value: f, gradient: g, iterations: iteration, evaluations, converged, reason: converged ? 'Converged to the precision the likelihood allows.' : 'The line search could not improve the likelihood.', inverseHessian: H };
    }
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = trial[i] - x[i];
      y[i] = trialGrad[i] - g[i];
      sy += s[i] * y[i];
    }
    const improvement = f - fTrial;
    x = Float64Array.from(trial);
    g = Float64Array.from(trialGrad);
    f = fTrial;
    if (options.bound !== undefined && maxAbs(x) > options.bound) {
      return { x, value: f, gradient: g, iterations: iteration, evaluations, converged: true, reason: 'A parameter runs off towards 0 or infinity.', inverseHessian: H };
    }
    stalled = improvement <= 1e-16 * Math.abs(f) ? stalled + 1 : 0;
    // Crawling along a flat ridge (a parameter drifting to 0 or ∞ with no real gain) is also the end.
    recent[iteration % RIDGE_WINDOW] = improvement;
    const crawling = iteration >= RIDGE_WINDOW && recent.reduce((a, v) => a + v, 0) <= RIDGE_GAIN * Math.abs(f);
    if (stalled >= 3 || crawling) {
      const converged = maxAbs(g) < Math.sqrt(gtol);
      return { x, value: f, gradient: g, iterations: iteration, evaluations, converged, reason: converged ? 'Converged to the precision the likelihood allows.' : 'The likelihood stopped improving.', inverseHessian: H };
    }
    if (sy > 1e-12 * Math.sqrt(s.reduce((a, v) => a + v * v, 0) * y.reduce((a, v) => a + v * v, 0))) {
      if (iteration === 1 && !options.inverseHessian) {
        // Scale the first guess of the inverse Hessian to the curvature just seen.
        const yy = y.reduce((a, v) => a + v * v, 0);
        for (let i = 0; i < n * n; i++) H[i] *= sy / yy;
      }
      let yHy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j] * y[j];
        Hy[i] = v;
        yHy += y[i] * v;
      }
      // H ← H − (H y sᵀ + s yᵀ H)/sy + (1 + yᵀHy/sy) s sᵀ/sy
      const factor = (1 + yHy / sy) / sy;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += factor * s[i] * s[j] - (Hy[i] * s[j] + s[i] * Hy[j]) / sy;
        }
      }
    }
  }
  return { x, value: f, gradient: g, iterations: maxIterations, evaluations, converged: maxAbs(g) < Math.sqrt(gtol), reason: 'The iteration limit was reached.', inverseHessian: H };
}
