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

/** Compensated sum of an array of numbers. */
export function preciseSum(values: ArrayLike<number>): number {
  const acc = new NeumaierSum();
  for (let i = 0; i < values.length; i++) acc.add(values[i]);
  return acc.value;
}
