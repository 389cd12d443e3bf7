import { describe, expect, it } from 'vitest';
import { datasetFigures } from '../../../src/core/figures';
import { NeumaierSum, preciseSum } from '../../../src/core/figures/sum';
import { tableFromRows } from '../../fixtures/figures/build-table';

describe('datasetFigures', () => {
  it('counts customers, purchases, refunds and the net by the contract definitions', () => {
    const table = tableFromRows([
      ['A', '2024-01-05', 100],
      ['A', '2024-01-05', -20],
      ['B', '2024-02-10', 50.5],
      ['C', '2023-12-31', 0], // a free order: a purchase that adds nothing (contract, 2026-12)
      ['B', '2024-03-01', -0.5],
    ]);
    // customers A, B, C = 3; purchases 100, 50.5 and 0 = 3; refunds −20 and −0.5 = 2;
    // net = 100 − 20 + 50.5 + 0 − 0.5 = 130; dates from 2023-12-31 to 2024-03-01.
    expect(datasetFigures(table)).toEqual({
      customers: 3,
      purchases: 3,
      refunds: 2,
      netRevenue: 130,
      firstDate: '2023-12-31',
      lastDate: '2024-03-01',
    });
  });

  it('gives zeros and null dates for an empty table', () => {
    expect(datasetFigures(tableFromRows([]))).toEqual({
      customers: 0,
      purchases: 0,
      refunds: 0,
      netRevenue: 0,
      firstDate: null,
      lastDate: null,
    });
  });

  it('sums money with compensation', () => {
    // Naively 1e16 + 1 = 1e16 (1 is below half an ulp), so the 1 would be lost: naive total 0, true total 1.
    expect(preciseSum([1e16, 1, -1e16])).toBe(1);
    const table = tableFromRows([
      ['A', '2024-01-01', 1e16],
      ['A', '2024-01-01', 1],
      ['A', '2024-01-01', -1e16],
    ]);
    expect(datasetFigures(table).netRevenue).toBe(1);
    // A million 0.1s: the naive sum drifts to 100000.00000133288; the compensated sum is the double nearest 1e5.
    const acc = new NeumaierSum();
    for (let i = 0; i < 1_000_000; i++) acc.add(0.1);
    expect(acc.value).toBe(100000);
  });
});
