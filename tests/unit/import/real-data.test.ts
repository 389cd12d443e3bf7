/**
 * The real files in /work/shared/data through the importer, with the counts of its README and figures computed
 * independently of this code: Python's csv module and Decimal over the same files (the script is quoted below), so
 * that a bug shared by the importer and a JavaScript check cannot hide.
 *
 *   import csv, gzip, io; from decimal import Decimal
 *   r = csv.reader(io.StringIO(gzip.open(path).read().decode('utf-8'), newline='')); next(r)
 *   for row in r:  # columns 3 = Quantity, 5 = UnitPrice / Price, 6 = CustomerID / Customer ID, 0 = invoice, 1 = StockCode
 *       if row[6].strip() == '': missing += 1 (first: r.line_num, row); continue
 *       v = Decimal(row[3]) * Decimal(row[5]); total += v; count v == 0, v > 0, invoices, stock codes, dates row[4][:10]
 *
 * CDNOW figures were counted the same way over the whitespace-split lines of the text files.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importBytes, ImportError } from '../../../src/core/import';
import { datasetFigures } from '../../../src/core/figures';
import { dayToIso } from '../../../src/core/figures/dates';
import type { TransactionTable } from '../../../src/core/types';
import { amounts, mapping } from '../../fixtures/import/helpers';

const data = (path: string) => {
  const raw = readFileSync(new URL(`../../../../shared/data/${path}`, import.meta.url));
  return new Uint8Array(path.endsWith('.gz') ? gunzipSync(raw) : raw);
};

/** Totals of a table; the sum with Kahan compensation, so that float rounding cannot move it by a cent. */
function facts(table: TransactionTable) {
  let sum = 0;
  let comp = 0;
  let lo = Infinity;
  let hi = -Infinity;
  let zero = 0;
  let positive = 0;
  const money = amounts(table);
  for (let i = 0; i < table.length; i++) {
    const y = money[i] - comp;
    const t = sum + y;
    comp = t - sum - y;
    sum = t;
    if (table.day[i] < lo) lo = table.day[i];
    if (table.day[i] > hi) hi = table.day[i];
    if (table.amount[i] === 0) zero++;
    if (table.amount[i] > 0) positive++;
  }
  return { rows: table.length, sum: Math.round(sum * 1000) / 1000, first: dayToIso(lo), last: dayToIso(hi), customers: table.customerIds.length, zero, positive };
}

describe('CDNOW', () => {
  it('master (fixed-width, header, CRLF): 69,659 rows, 23,570 customers, $2,500,315.63, 80 zero rows', () => {
    const { table, report, sniff } = importBytes(data('cdnow/CDNOW_master.txt'), 'CDNOW_master.txt');
    expect(sniff).toMatchObject({ encoding: 'utf-8', delimiter: 'whitespace', hasHeader: true, header: ['customer_id', 'date', 'number_of_cds', 'dollar_value'] });
    // Customer = customer_id, date = date, amount = dollar_value (not number_of_cds).
    expect(sniff.mapping).toEqual(mapping({ customer: 0, date: 1, amount: 3 }));
    expect(report).toMatchObject({ rowsRead: 69_659, rowsAccepted: 69_659, rowsRejected: 0, blankLines: 0, dateOrder: 'YMD', warnings: [], amountFormat: { decimal: '.', group: '' } });
    expect(facts(table)).toEqual({ rows: 69_659, sum: 2_500_315.63, first: '1997-01-01', last: '1998-06-30', customers: 23_570, zero: 80, positive: 69_579 });
    // First data line " 00001 19970101  1   11.77", last " 23570 19970326  2   42.96" (line 69,660).
    expect([table.customerIds[table.customer[0]], dayToIso(table.day[0]), amounts(table)[0], table.line[0]]).toEqual(['00001', '1997-01-01', 11.77, 2]);
    const last = table.length - 1;
    expect([table.customerIds[table.customer[last]], dayToIso(table.day[last]), amounts(table)[last], table.line[last]]).toEqual(['23570', '1997-03-26', 42.96, 69_660]);
  });

  it('sample (no header, 5 columns): 6,919 rows, 2,357 customers, $244,091.94, 8 zero rows', () => {
    const { table, report, sniff } = importBytes(data('cdnow/CDNOW_sample.txt'), 'CDNOW_sample.txt');
    expect(sniff).toMatchObject({ delimiter: 'whitespace', hasHeader: false });
    expect(sniff.mapping).toEqual(mapping({ customer: 0, date: 2, amount: 4 }));
    expect(report).toMatchObject({ rowsRead: 6_919, rowsAccepted: 6_919, rowsRejected: 0 });
    expect(facts(table)).toEqual({ rows: 6_919, sum: 244_091.94, first: '1997-01-01', last: '1998-06-30', customers: 2_357, zero: 8, positive: 6_911 });
  });

  it('the BTYD copy of the sample (comma-separated, header masterid,sampleid,date,cds,sales) gives the same', () => {
    const { table, sniff } = importBytes(data('cdnow/cdnowElog_BTYD.csv'), 'cdnowElog.csv');
    expect(sniff).toMatchObject({ delimiter: ',', hasHeader: true });
    expect(sniff.mapping).toMatchObject({ date: 2, amount: 4 });
    expect(facts(table)).toEqual({ rows: 6_919, sum: 244_091.94, first: '1997-01-01', last: '1998-06-30', customers: 2_357, zero: 8, positive: 6_911 });
  });
});

describe('UCI Online Retail', () => {
  it('541,909 read, 135,080 without a customer, 406,829 accepted, 4,372 customers, Σ 8,300,065.814', () => {
    const { table, report, sniff } = importBytes(data('online_retail/online_retail.csv.gz'), 'online_retail.csv');
    // No amount column: the row value is Quantity × UnitPrice.
    expect(sniff.mapping).toEqual(mapping({ orderId: 0, product: 1, quantity: 3, date: 4, unitPrice: 5, customer: 6 }));
    expect(report).toMatchObject({ rowsRead: 541_909, rowsAccepted: 406_829, rowsRejected: 135_080, blankLines: 0, dateOrder: 'YMD', warnings: [] });
    expect(report.rejected).toEqual([
      {
        code: 'missing-customer',
        reason: 'Customer id is empty (column "CustomerID")',
        vars: { column: 'CustomerID' },
        count: 135_080,
        examples: expect.arrayContaining([{ line: 624, text: '536414,22139,,56,2010-12-01 11:52:00,0,,United Kingdom' }]),
      },
    ]);
    expect(report.rejected[0].examples).toHaveLength(20);
    expect(report.rejected[0].examples[0].line).toBe(624);
    // Python/Decimal: Σ = 8,300,065.814 over 406,829 rows; 397,884 positive, 40 zero; 22,190 invoices, 3,684 stock codes.
    expect(facts(table)).toEqual({ rows: 406_829, sum: 8_300_065.814, first: '2010-12-01', last: '2011-12-09', customers: 4_372, zero: 40, positive: 397_884 });
    expect(table.orderCodes).toEqual({ count: 22_190, blank: -1 });
    expect(table.productNames).toHaveLength(3_684);
    // The contract's dataset figures on this table: purchases are the invoices (with a customer) holding the 397,884 positive and 40 free lines; refunds
    // are the 406,829 − 397,884 − 40 negative rows.
    expect(datasetFigures(table)).toMatchObject({ customers: 4_372, purchases: 18_536, lineItems: 397_924, refunds: 8_905, firstDate: '2010-12-01', lastDate: '2011-12-09' });
    expect(Math.round(datasetFigures(table).netRevenue * 100)).toBe(830_006_581);
  });

  it('Online Retail II 2009-2010: 525,461 read, 107,927 without a customer, 4,383 customers, Σ 8,348,208.574', () => {
    const { table, report, sniff } = importBytes(data('online_retail/online_retail_II_2009_2010.csv.gz'), 'online_retail_II.csv');
    expect(sniff.mapping).toEqual(mapping({ orderId: 0, product: 1, quantity: 3, date: 4, unitPrice: 5, customer: 6 }));
    expect(report).toMatchObject({ rowsRead: 525_461, rowsAccepted: 417_534, rowsRejected: 107_927, blankLines: 0, warnings: [] });
    expect(report.rejected.map((g) => [g.code, g.reason, g.count, g.examples[0]])).toEqual([
      ['missing-customer', 'Customer id is empty (column "Customer ID")', 107_927, { line: 265, text: '489464,21733,85123a mixed,-96,2009-12-01 10:52:00,0,,United Kingdom' }],
    ]);
    // Python/Decimal: Σ = 8,348,208.574; 407,664 positive, 31 zero; 23,587 invoices, 4,031 stock codes.
    expect(facts(table)).toEqual({ rows: 417_534, sum: 8_348_208.574, first: '2009-12-01', last: '2010-12-09', customers: 4_383, zero: 31, positive: 407_664 });
    expect(table.orderCodes).toEqual({ count: 23_587, blank: -1 });
    expect(table.productNames).toHaveLength(4_031);
  });
});

describe('a file without amounts', () => {
  it('the grocery log (cust,date) imports as a purchase log: every row a purchase, no amounts', () => {
    // Counted with Python's csv module: 10,483 rows, 1,525 customers, 2006-01-01 to 2007-12-30, no two rows of one
    // customer on one day.
    const { table, report, sniff } = importBytes(data('grocery/groceryElog.csv'), 'groceryElog.csv');
    expect(sniff.mapping).toEqual(mapping({ customer: 0, date: 1 }));
    expect(report).toMatchObject({ rowsRead: 10_483, rowsAccepted: 10_483, rowsRejected: 0, currency: null });
    expect(table.withoutAmounts).toBe(true);
    expect(table.customerIds).toHaveLength(1_525);
    expect(datasetFigures(table)).toMatchObject({ customers: 1_525, purchases: 10_483, refunds: 0, netRevenue: 0, firstDate: '2006-01-01', lastDate: '2007-12-30' });
  });
});
