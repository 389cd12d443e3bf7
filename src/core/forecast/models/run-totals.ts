/**
 * Accurate totals of the likelihoods' per-row terms, however many rows. A plain running sum of n terms carries a
 * rounding error that grows like √n·ε (n·ε at worst): over 300,000 rows, about 6e-14 of the mean log-likelihood,
 * several times what the optimiser's line search allows for rounding (1e-14 of it). Near the optimum the search then
 * halved its steps over noise, up to 40 times an iteration, and more often the more rows there were. The loops add
 * rows plainly within runs of RUN rows and hand each run's partial sums to these Neumaier-compensated totals, so the
 * error stays near √RUN·ε = 16ε whatever the number of rows.
 */

/** Rows summed plainly before their partial sum joins the compensated total; a power of two. */
export const RUN = 256;
/** `(i & RUN_END) === RUN_END` on the last row of a run. */
export const RUN_END = RUN - 1;

/** A few compensated totals side by side (the log-likelihood and its gradient's components). */
export class RunTotals {
  private readonly sum: Float64Array;
  private readonly compensation: Float64Array;

  constructor(count: number) {
    this.sum = new Float64Array(count);
    this.compensation = new Float64Array(count);
  }

  /** Add a run's partial sum to total k. */
  add(k: number, x: number): void {
    const s = this.sum[k];
    const t = s + x;
    // Whichever operand is larger in magnitude kept its low bits; recover the ones the smaller lost.
    this.compensation[k] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    this.sum[k] = t;
  }

  /** Total k, compensated. */
  value(k: number): number {
    return this.sum[k] + this.compensation[k];
  }
}
