/**
 * The real files in ../shared/data through the importer, with the counts of ../shared/data/README.md and sums
 * computed independently (Python's csv module and Decimal over the same files:
 * Σ Quantity × UnitPrice over rows with a customer id; see the comments).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../../../src/core/import';
import { dayToIso } from '../../../src/core/figures/dates';
import type { TransactionTable } from '../../../src/core/types';

const data = (path: string) => {
  const raw = readFileSync(new URL(`../../../../shared/data/${path}`, import.meta.url));
  return new Uint8Array(path.endsWith('.gz') ? gunzipSync(raw) : raw);
};

function facts(table: TransactionTable) {
  let sum = 0;
  let comp = 0;
  let lo = Infinity;
  let hi = -Infinity;
  let refunds = 0;
  for (let i = 0; i < table.length; i++) {
    // Kahan summation, so that the total is exact to the cent for comparison.
    const y = table.amount[i] - comp;
    const t = sum + y;
    comp = t - sum - y;
    sum = t;
    if (table.day[i] < lo) lo = table.day[i];
    if (table.day[i] > hi) hi = table.day[i];
    if (table.amount[i] < 0) refunds++;
  }
  return { sum: Math.round(sum * 1000) / 1000, first: dayToIso(lo), last: dayToIso(hi), customers: table.customerIds.length, refunds };
}

describe('real data', () => {
  it('CDNOW master (fixed-width with a header): 69,659 rows, 23,570 customers, $2,500,315.63', () => {
    const { table, report, sniff } = importBytes(data('cdnow/CDNOW_master.txt'), 'CDNOW_master.txt');
    expect(sniff).toMatchObject({ delimiter: 'whitespace', hasHeader: true, mapping: { customer: 0, date: 1, amount: 3 } });
    expect(report).toMatchObject({ rowsRead: 69659, rowsAccepted: 69659, rowsRejected: 0 });
    expect(facts(table)).toEqual({ sum: 2500315.63, first: '1997-01-01', last: '1998-06-30', customers: 23570, refunds: 0 });
  });

  it('CDNOW sample (no header): 6,919 rows, 2,357 customers, $244,091.94', () => {
    const { table, report, sniff } = importBytes(data('cdnow/CDNOW_sample.txt'), 'CDNOW_sample.txt');
    expect(sniff).toMatchObject({ delimiter: 'whitespace', hasHeader: false, mapping: { customer: 0, date: 2, amount: 4 } });
    expect(report).toMatchObject({ rowsRead: 6919, rowsAccepted: 6919 });
    expect(facts(table)).toMatchObject({ sum: 244091.94, customers: 2357 });
  });

  it('UCI Online Retail: 541,909 read, 135,080 without a customer, 406,829 used, 4,372 customers', () => {
    const { table, report } = importBytes(data('online_retail/online_retail.csv.gz'), 'online_retail.csv');
    expect(report).toMatchObject({ rowsRead: 541909, rowsAccepted: 406829, rowsRejected: 135080 });
    expect(report.rejected.map((g) => [g.code, g.count])).toEqual([['missing-customer', 135080]]);
    // Python: sum(Decimal(Quantity) * Decimal(UnitPrice)) over rows with a CustomerID = 8300065.814; 8,905 negative.
    expect(facts(table)).toEqual({ sum: 8300065.814, first: '2010-12-01', last: '2011-12-09', customers: 4372, refunds: 8905 });
  });

  it('Online Retail II 2009-2010: 525,461 read, 107,927 without a customer, 4,383 customers', () => {
    const { table, report } = importBytes(data('online_retail/online_retail_II_2009_2010.csv.gz'), 'online_retail_II.csv');
    expect(report).toMatchObject({ rowsRead: 525461, rowsAccepted: 417534, rowsRejected: 107927 });
    // Python, as above with Price and "Customer ID": 8348208.574; 9,839 negative.
    expect(facts(table)).toMatchObject({ sum: 8348208.574, customers: 4383, refunds: 9839 });
  });
});
