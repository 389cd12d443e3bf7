import { describe, expect, it } from 'vitest';
import { signedSums } from '../../../src/core/figures/sum';

const total = (s: ReturnType<typeof signedSums>) => ({ purchases: s.purchases, gross: s.gross + s.grossC, refunds: s.refunds, back: s.back + s.backC });

describe('signed sums of an amount column', () => {
  it('counts and sums purchases and refunds apart, by hand', () => {
    // Purchases 10 + 0 + 2.5 (a zero counts as a purchase row), refunds 4 and 1.5.
    const amount = new Float64Array([10, -4, 0, 2.5, -1.5]);
    expect(total(signedSums(amount, 5))).toEqual({ purchases: 3, gross: 12.5, refunds: 2, back: 5.5 });
  });

  it('answers a column summed before with the same figures, and a shorter length with its own', () => {
    const amount = new Int32Array([1000, -250, 700, 300]);
    expect(total(signedSums(amount, 4))).toEqual({ purchases: 3, gross: 2000, refunds: 1, back: 250 });
    // Kept for the column: the same again, and a caller's changes to an answer do not reach the next.
    const again = signedSums(amount, 4);
    again.gross = -1;
    expect(total(signedSums(amount, 4))).toEqual({ purchases: 3, gross: 2000, refunds: 1, back: 250 });
    // The first two rows only: not the whole column's.
    expect(total(signedSums(amount, 2))).toEqual({ purchases: 1, gross: 1000, refunds: 1, back: 250 });
  });
});
