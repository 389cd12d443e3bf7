import { describe, expect, it } from 'vitest';
import { datasetFigures, historicalFigures } from '../../../src/core/figures';
import { NeumaierSum, preciseSum } from '../../../src/core/figures/sum';
import { tableFromRows } from '../../fixtures/figures/build-table';

describe('datasetFigures', () => {
  it('counts only the customers with a row, whatever the id list holds', () => {
    // The id list can hold a customer whose rows were all left out (the importer keeps the list when nothing is
    // dropped late): B here. A has a purchase, C only a refund.
    const table = tableFromRows([
      ['A', '2024-01-05', 100],
      ['B', '2024-01-06', 10],
      ['C', '2024-01-07', -5],
    ]);
    const withoutB = { ...table, length: 2, customer: Uint32Array.from([0, 2]), day: table.day.filter((_, i) => i !== 1), amount: Float64Array.from([100, -5]), line: Uint32Array.from([1, 3]) };
    expect(withoutB.customerIds).toEqual(['A', 'B', 'C']);
    expect(datasetFigures(withoutB).customers).toBe(2);
    // The dashboard: A alone buys; A and C have rows.
    const history = historicalFigures(withoutB);
    expect([history.customers, history.customersWithRows]).toEqual([1, 2]);
  });

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
      lineItems: 3,
      refunds: 2,
      grossRevenue: 150.5,
      refundTotal: 20.5,
      netRevenue: 130,
      firstDate: '2023-12-31',
      lastDate: '2024-03-01',
    });
  });

  it('with an order id, counts orders once and refunds written on them', () => {
    const table = tableFromRows([
      ['A', '2024-01-05', 50, '#1', undefined, 15], // an order total on its first line, 15 refunded
      ['A', '2024-01-05', 0, '#1', undefined, 0], //  its item line
      ['B', '2024-01-06', 20, '#2', undefined, 0],
      ['B', '2024-01-06', -5, 'R9', undefined, 0], // a refund row
      ['C', '2024-01-07', 10, '#2', undefined, 0], // the same order id under another customer: another order
    ]);
    // Orders: (A,#1), (B,#2), (C,#2) = 3; lines 4; refunds: #1's 15 and R9's 5 = 2 refunds, 20 money;
    // gross 80, net 80 − 20 = 60.
    expect(datasetFigures(table)).toEqual({
      customers: 3, purchases: 3, orders: 3, lineItems: 4, refunds: 2, grossRevenue: 80, refundTotal: 20, netRevenue: 60,
      firstDate: '2024-01-05', lastDate: '2024-01-07',
    });
  });

  it('gives zeros and null dates for an empty table', () => {
    expect(datasetFigures(tableFromRows([]))).toEqual({
      customers: 0,
      purchases: 0,
      lineItems: 0,
      refunds: 0,
      grossRevenue: 0,
      refundTotal: 0,
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
