/**
 * Compensated (Neumaier) summation. Adding half a million amounts naively loses cents; carrying the rounding error
 * of each addition in a second number keeps the total exact to the last bit that matters.
 */

/** A running compensated sum. */
export class NeumaierSum {
  private sum = 0;
  private compensation = 0;

  /** Add one value. */
  add(x: number): void {
    const t = this.sum + x;
    // Whichever operand is larger in magnitude kept its low bits; recover the ones the smaller lost.
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  /** The compensated total. */
  get value(): number {
    return this.sum + this.compensation;
  }
}

/**
 * Many compensated sums side by side (e.g. one per cohort cell), stored flat in two typed arrays so the hot loop
 * allocates nothing.
 */
export class NeumaierSums {
  readonly sums: Float64Array;
  private readonly compensations: Float64Array;

  constructor(size: number) {
    this.sums = new Float64Array(size);
    this.compensations = new Float64Array(size);
  }

  /** Add x to sum number i. */
  add(i: number, x: number): void {
    const s = this.sums[i];
    const t = s + x;
    if (Math.abs(s) >= Math.abs(x)) this.compensations[i] += s - t + x;
    else this.compensations[i] += x - t + s;
    this.sums[i] = t;
  }

  /** Compensated value of sum number i. */
  value(i: number): number {
    return this.sums[i] + this.compensations[i];
  }

  /** All compensated values. */
  values(): Float64Array {
    const out = new Float64Array(this.sums.length);
    for (let i = 0; i < out.length; i++) out[i] = this.sums[i] + this.compensations[i];
    return out;
  }
}

/** Compensated sum of an array of numbers. */
export function preciseSum(values: ArrayLike<number>): number {
  const acc = new NeumaierSum();
  for (let i = 0; i < values.length; i++) acc.add(values[i]);
  return acc.value;
}
