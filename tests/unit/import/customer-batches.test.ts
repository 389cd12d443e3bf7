/**
 * Customers read as numbers are looked up a batch at a time (RowAcceptor.lookUpCustomers): every row must still get
 * its own customer, in the order customers first came, however the batches, the input's pieces, a value that is no
 * such number and rows rejected after their customer was read fall.
 */
import { describe, expect, it } from 'vitest';
import { createImporter, type ImportOptions } from '../../../src/core/import';
import { RowAcceptor } from '../../../src/core/import/accept-rows';
import { settleMapping } from '../../../src/core/import/import-options';
import { ids, importInChunks, mapping, rejectCounts, run, seeded, utf8 } from '../../fixtures/import/helpers';

const options: ImportOptions = {
  fileName: 'orders.csv', totalBytes: 0, encoding: 'utf-8', delimiter: ',', hasHeader: true, dateOrderFallback: 'DMY',
  mapping: mapping({ customer: 0, date: 1, amount: 2, orderId: 3 }),
};

/**
 * 12,000 rows of scattered zero-padded customers, an unreadable order id now and then, and a "walk-in" at row 9,000
 * if `walkIn` (the numbers read before it are looked up then; without it, only full batches and ends of input do).
 */
function orders(walkIn: boolean) {
  const u = seeded(7);
  const lines = ['customer,date,amount,order'];
  const accepted: string[] = [];
  const lookedUp: string[] = [];
  let rejected = 0;
  for (let i = 0; i < 12_000; i++) {
    const customer = walkIn && i === 9_000 ? 'walk-in' : `C${String(Math.floor(u() * 3_000)).padStart(5, '0')}`;
    // U+FFFD stands for bytes that were not text: the row is refused after its customer was read.
    const unreadable = i % 997 === 500;
    lines.push(`${customer},2024-01-${String(1 + (i % 28)).padStart(2, '0')},10,${unreadable ? `X\uFFFD${i}` : `O${i}`}`);
    lookedUp.push(customer);
    if (unreadable) rejected++;
    else accepted.push(customer);
  }
  return { text: lines.join('\n') + '\n', accepted, lookedUp, rejected };
}

describe('customers looked up a batch at a time', () => {
  for (const walkIn of [false, true]) {
    it(`gives every row its customer and keeps the order customers came in, read whole or in pieces${walkIn ? ', a walk-in among them' : ''}`, () => {
      const { text, accepted, lookedUp, rejected } = orders(walkIn);
      const u = seeded(11);
      // The whole file pushed at once fills many batches in one piece.
      const whole = createImporter(options);
      whole.push(utf8(text));
      const results = [whole.finish(), run(text, options), importInChunks(utf8(text), options, () => 1 + u() * 5_000), importInChunks(utf8(text), options, () => 1 + u() * 40)];
      for (const { table, report } of results) {
        expect(report.rowsRead).toBe(12_000);
        expect(rejectCounts(report)).toEqual({ 'undecodable-order': rejected });
        expect(ids(table)).toEqual(accepted);
        // A customer whose only row was refused for its order id was still counted in as it came.
        expect(table.customerIds).toEqual([...new Set(lookedUp)]);
      }
      if (walkIn) expect(results[0].table.customerIds.indexOf('walk-in')).toBe(new Set(lookedUp.slice(0, 9_000)).size);
      // The importer hands the reader 32 KB at most; given the whole text at once, the reader fills batches (4,096).
      const rows = new RowAcceptor(options, settleMapping(options.mapping));
      rows.reader.pushText(text);
      rows.reader.end();
      expect(rows.rows).toBe(accepted.length);
      expect(Array.from(rows.customer.data.subarray(0, rows.rows), (c) => rows.customers.values[c])).toEqual(accepted);
    });
  }
});
