/** Reading a per-customer summary file: telling it from an orders export, its columns, and every rejected row. */
import { describe, expect, it } from 'vitest';
import { isSummaryHeader, guessSummaryMapping } from '../../../src/core/import/summary-columns';
import { readIsoDay, readPlainNumber, readSummaryFile, sniffSummary } from '../../../src/core/import/summary-file';
import { sniff } from '../../../src/core/import';
import { day } from '../../fixtures/figures/build-table';
import { en } from '../../../src/i18n/en';
import { charsOf } from '../../../src/core/import/chars';

const bytes = (text: string) => new TextEncoder().encode(text);
const read = (text: string) => readSummaryFile(bytes(text), 'summary.csv');

describe('telling a summary from an orders export', () => {
  it('knows the app’s own header, lifetimes’ names and a warehouse’s capitals', () => {
    expect(isSummaryHeader(['customer_id', 'first_purchase', 'last_purchase', 'observation_end', 'frequency', 'recency', 'T', 'purchases', 'revenue', 'monetary'])).toBe(true);
    expect(isSummaryHeader(['ID', 'frequency', 'recency', 'T'])).toBe(true);
    // Thousands of columns are no query's summary, and are not searched for its names (a 100,000-column file).
    expect(isSummaryHeader(['ID', 'frequency', 'recency', 'T', ...Array.from({ length: 1000 }, (_, i) => `x${i}`)])).toBe(false);
    expect(isSummaryHeader(['CUSTOMER_ID', 'FIRST_PURCHASE', 'LAST_PURCHASE', 'FREQUENCY'])).toBe(true);
    expect(isSummaryHeader(['Customer ID', 'x', 't_x', 'T', 'Mean repeat spend'])).toBe(true);
  });

  it('does not take an orders export, or a summary without the repeat count, for one', () => {
    expect(isSummaryHeader(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'])).toBe(false);
    expect(isSummaryHeader(['customer_id', 'order_date', 'amount'])).toBe(false);
    expect(isSummaryHeader(['customer_id', 'recency', 'T', 'revenue'])).toBe(false);
    expect(isSummaryHeader(['frequency', 'recency', 'T'])).toBe(false);
  });

  it('is refused by the orders sniff in one sentence (read as orders, each customer would become one order on its first purchase date)', () => {
    const dated = bytes('customer_id,first_purchase,last_purchase,observation_end,frequency,recency,T,purchases,revenue,monetary\nA,2024-01-01,2024-01-31,2024-03-01,2,30,60,4,100,30\n');
    const numbers = bytes('ID,x,t_x,T,zbar\n1,2,30.43,38.86,22.35\n');
    for (const file of [dated, numbers]) {
      const s = sniff(file, 'summary.csv', file.length);
      expect(s.problemCode).toBe('summary-file');
      expect(s.problem).toMatch(/per-customer summary/);
      expect(en['error.problem.summary-file']).toMatch(/^This file is a per-customer summary/);
    }
    // An orders export with a customer and a date is not refused.
    const orders = bytes('customer_id,order_date,amount\nA,2024-01-01,5\n');
    expect(sniff(orders, 'orders.csv', orders.length).problem).toBeNull();
  });

  it('maps each role to its column, whatever the order', () => {
    expect(guessSummaryMapping(['monetary_value', 'T', 'recency', 'frequency', 'Customer'])).toEqual({
      customer: 4, firstPurchase: null, lastPurchase: null, observationEnd: null, frequency: 3, recency: 2, T: 1, purchases: null, revenue: null, monetary: 0,
    });
    const sniffed = sniffSummary(bytes('customer_id;first_purchase;last_purchase;frequency\r\nA;2024-01-01;2024-01-05;1\r\n'), 60);
    expect(sniffed?.delimiter).toBe(';');
    expect(sniffed?.mapping).toMatchObject({ customer: 0, firstPurchase: 1, lastPurchase: 2, frequency: 3 });
    expect(sniffSummary(bytes('customer,date,amount\nA,2024-01-01,5\n'), 40)).toBeNull();
  });
});

describe('values as machines write them', () => {
  it('reads numbers exactly as Number() does, and nothing that is not one', () => {
    for (const s of ['0', '12', '-3', '+4', '0.1', '123456.789', '1e3', '-2.5E-2', '.5', '5.', '123456789012345678', '0.30000000000000004']) {
      expect(readPlainNumber(charsOf(s), 0, s.length)).toBe(Number(s));
    }
    for (const s of ['', ' ', 'abc', '1,5', '0x10', 'Infinity', '1.2.3', '-', '1e']) expect(readPlainNumber(charsOf(s), 0, s.length)).toBeNaN();
    expect(readPlainNumber(charsOf(' 7 '), 0, 3)).toBe(7);
  });

  it('reads YYYY-MM-DD dates with or without a time after them', () => {
    const at = (s: string) => readIsoDay(charsOf(s), 0, s.length);
    expect(at('2011-12-09')).toBe(day('2011-12-09'));
    expect(at('2011-12-09 00:00:00')).toBe(day('2011-12-09'));
    expect(at('2011-12-09T13:45:00Z')).toBe(day('2011-12-09'));
    expect([at('2011-02-30'), at('09/12/2011'), at('2011-12-9'), at('2011-12-09x')].every((d) => d < -1e9)).toBe(true);
  });
});

describe('reading a summary file', () => {
  it('turns dates into x, tₓ and T in days, with purchases, revenue and mean repeat spend', () => {
    const { dataset, report } = read(
      'customer_id,first_purchase,last_purchase,observation_end,frequency,purchases,revenue,monetary\n' +
        'A,2024-01-01,2024-01-31,2024-03-01,2,4,100,30\n' +
        'B,2024-02-10,2024-02-10,2024-03-01,0,1,25,0\n',
    );
    expect(report.rowsRead).toBe(2);
    expect(report.rowsRejected).toBe(0);
    expect(dataset.customerIds).toEqual(['A', 'B']);
    // A: 2024-01-01 → 01-31 is 30 days; → 03-01 is 31 + 29 (leap February) = 60 days. B: 02-10 → 03-01 is 20 days.
    expect(Array.from(dataset.summary.recency)).toEqual([30, 0]);
    expect(Array.from(dataset.summary.T)).toEqual([60, 20]);
    expect(Array.from(dataset.summary.frequency)).toEqual([2, 0]);
    expect(Array.from(dataset.summary.monetary)).toEqual([30, 0]);
    expect(Array.from(dataset.purchases!)).toEqual([4, 1]);
    expect(Array.from(dataset.revenue!)).toEqual([100, 25]);
    expect(Array.from(dataset.firstDay!)).toEqual([day('2024-01-01'), day('2024-02-10')]);
    expect(dataset.observationEnd).toBe(day('2024-03-01'));
    expect(report.warnings).toEqual([]);
  });

  it('takes the latest last purchase as the observation end when the file gives none, and says so', () => {
    const { dataset, report } = read('customer,first_purchase,last_purchase,frequency\nA,2024-01-01,2024-01-11,1\nB,2024-01-05,2024-01-21,3\n');
    expect(Array.from(dataset.summary.T)).toEqual([20, 16]);
    expect(dataset.observationEnd).toBe(day('2024-01-21'));
    expect(dataset.hasMonetary).toBe(false);
    expect(report.warnings.map((w) => w.code)).toEqual(['summary-end-assumed']);
  });

  it('reads x, tₓ and T as numbers when the file has no dates (lifetimes’ CDNOW summary)', () => {
    const { dataset, report } = read('ID,frequency,recency,T\n1,2,30.43,38.86\n2,1,1.71,38.86\n3,0,0.0,38.86\n');
    expect(report.rowsRejected).toBe(0);
    expect(Array.from(dataset.summary.recency)).toEqual([30.43, 1.71, 0]);
    expect(dataset.firstDay).toBeNull();
    expect(dataset.observationEnd).toBeNull();
  });

  it('rejects each bad row with its line and reason, and rows read = accepted + rejected', () => {
    const text = [
      'customer_id,first_purchase,last_purchase,observation_end,frequency,recency,T,purchases,revenue,monetary',
      'ok1,2024-01-01,2024-01-11,2024-02-01,1,10,31,2,50,20', // line 2: fine
      ',2024-01-01,2024-01-11,2024-02-01,1,10,31,2,50,20', // 3: missing customer
      'ok1,2024-01-01,2024-01-11,2024-02-01,1,10,31,2,50,20', // 4: duplicate id
      'neg,2024-01-01,2024-01-11,2024-02-01,-1,10,31,2,50,20', // 5: negative x
      'frac,2024-01-01,2024-01-11,2024-02-01,1.5,10,31,2,50,20', // 6: non-integer x
      'back,2024-01-11,2024-01-01,2024-02-01,1,-10,21,2,50,20', // 7: last before first
      'late,2024-01-01,2024-03-01,2024-02-01,1,60,31,2,50,20', // 8: tₓ > T (last purchase after the end)
      'nan,2024-01-01,2024-01-11,2024-02-01,one,10,31,2,50,20', // 9: not a number
      'date,01/01/2024,2024-01-11,2024-02-01,1,10,31,2,50,20', // 10: not a date
      'zero,2024-01-01,2024-01-11,2024-02-01,0,10,31,1,50,0', // 11: x = 0 with tₓ > 0
      'few,2024-01-01,2024-01-11,2024-02-01,2,10,31,2,50,20', // 12: 2 purchases for 3 purchase days
      'poor,2024-01-01,2024-01-11,2024-02-01,2,10,31,3,30,20', // 13: revenue 30 < 2 × 20
      'odd,2024-01-01,2024-01-11,2024-02-01,1,9,31,2,50,20', // 14: recency disagrees with the dates
      'ok2,2024-01-20,2024-01-20,2024-02-01,0,0,12,1,5,0', // 15: fine
    ].join('\n');
    const { dataset, report } = read(text);
    expect(report.rowsRead).toBe(14);
    expect(report.rowsAccepted).toBe(2);
    expect(report.rowsRejected).toBe(12);
    expect(report.rowsRead).toBe(report.rowsAccepted + report.rowsRejected);
    expect(dataset.customerIds).toEqual(['ok1', 'ok2']);
    const lines = new Map(report.rejected.map((g) => [g.code, g.examples.map((e) => e.line)]));
    expect(Object.fromEntries(lines)).toEqual({
      'missing-customer': [3],
      'summary-duplicate-customer': [4],
      'summary-negative-frequency': [5],
      'summary-fractional-frequency': [6],
      'summary-last-before-first': [7],
      'summary-recency-after-end': [8],
      'summary-bad-number': [9],
      'summary-bad-date': [10],
      'summary-frequency-recency': [11],
      'summary-purchases': [12],
      'summary-revenue-below-repeat': [13],
      'summary-disagrees': [14],
    });
    const byCode = new Map(report.rejected.map((g) => [g.code, g]));
    expect(byCode.get('missing-customer')!.vars).toEqual({ column: 'customer_id' });
    expect(byCode.get('summary-bad-number')!.vars).toEqual({ column: 'frequency' });
    expect(byCode.get('summary-bad-date')!.vars).toEqual({ column: 'first_purchase' });
    expect(byCode.get('summary-bad-date')!.examples[0].text).toBe('date,01/01/2024,2024-01-11,2024-02-01,1,10,31,2,50,20');
    // Every reason has its message, so the page says it in the user's language (the catalogue test checks vi and th).
    const catalogue: ReadonlyMap<string, string> = new Map(Object.entries(en));
    for (const g of report.rejected) expect(catalogue.has(`rejected.reason.${g.code}`), g.code).toBe(true);
    expect(catalogue.has('rejected.reason.summary-negative-money') && catalogue.has('warning.summary-end-assumed') && catalogue.has('error.problem.summary-columns')).toBe(true);
  });

  it('rejects tₓ > T and negative times in a file of numbers too', () => {
    const { report } = read('customer,x,t_x,T\na,1,40,30\nb,1,-2,30\nc,1,5,-1\nd,0,0,10\n');
    expect(report.rowsAccepted).toBe(1);
    expect(report.rejected.map((g) => [g.code, g.examples.map((e) => e.line)])).toEqual([
      ['summary-negative-time', [3, 4]],
      ['summary-recency-after-end', [2]],
    ]);
  });

  it('refuses a file that is not a summary, in one sentence', () => {
    expect(() => read('customer,date,amount\nA,2024-01-01,5\n')).toThrow(/not a per-customer summary/);
  });
});
