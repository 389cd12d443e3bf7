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

/**
 * Over a table's amounts: the purchase rows (amount ≥ 0) and their sum, the refund rows (the others) and the sum of
 * their magnitudes, each compensated, given as sum and compensation so that a caller can go on adding. Written out
 * inline: it runs once per row, often before the JIT would have inlined NeumaierSum's method. Sums are in the column's
 * own unit (whole numbers of 1/moneyScale for a column held so: exact, with no compensation).
 */
export function signedSums(amount: Float64Array | Int32Array, length: number): SignedSums {
  // The dataset's figures and its dashboard both start from these (10M rows: 60–90 ms a pass); a table's columns
  // are never written once it is made, so the first pass serves the second.
  const known = sumsOfColumn.get(amount);
  if (known && known.length === length) return { ...known.sums };
  const sums = sumSigned(amount, length);
  sumsOfColumn.set(amount, { length, sums });
  return { ...sums };
}

export interface SignedSums {
  purchases: number;
  gross: number;
  grossC: number;
  refunds: number;
  back: number;
  backC: number;
}

/** signedSums of amount columns already summed, by the column (held weakly: it goes with its table). */
const sumsOfColumn = new WeakMap<Float64Array | Int32Array, { length: number; sums: SignedSums }>();

function sumSigned(amount: Float64Array | Int32Array, length: number): SignedSums {
  let purchases = 0;
  let gross = 0;
  let grossC = 0;
  let refunds = 0;
  let back = 0;
  let backC = 0;
  for (let i = 0; i < length; i++) {
    const a = amount[i];
    if (a >= 0) {
      purchases++;
      const t = gross + a;
      grossC += gross >= a ? gross - t + a : a - t + gross;
      gross = t;
    } else {
      refunds++;
      const t = back - a;
      backC += back >= -a ? back - t - a : -a - t + back;
      back = t;
    }
  }
  return { purchases, gross, grossC, refunds, back, backC };
}
