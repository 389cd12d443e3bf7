/**
 * The importer's accounting: every data row is accepted or rejected for one stated reason, with counts, line
 * numbers and the original text of up to 20 examples per reason; blank lines are counted apart; broken files fail
 * with an ImportError, never a TypeError.
 */
import { describe, expect, it } from 'vitest';
import { createImporter, ImportError, type ImportOptions } from '../../../src/core/import';
import type { ImportReport } from '../../../src/core/types';
import { ids, mapping, rejectCounts, rowsOf, run, utf8 } from '../../fixtures/import/helpers';

const balanced = (r: ImportReport) => expect(r.rowsRead).toBe(r.rowsAccepted + r.rowsRejected);

const options = (overrides: Partial<ImportOptions> = {}): ImportOptions => ({
  fileName: 'x.csv', totalBytes: 0, encoding: 'utf-8', delimiter: ',', hasHeader: true, mapping: mapping({ customer: 0, date: 1, amount: 2 }), ...overrides,
});

describe('the report', () => {
  it('says how the file was read and what was kept', () => {
    const text = 'Customer;Date;Amount\nA;05/01/2024;12,50\nB;17/01/2024;7\n';
    const { report } = run(text, {}, 'orders.csv');
    expect(report).toEqual({
      fileName: 'orders.csv',
      bytes: utf8(text).length,
      encoding: 'utf-8',
      delimiter: ';',
      hasHeader: true,
      header: ['Customer', 'Date', 'Amount'],
      mapping: mapping({ customer: 0, date: 1, amount: 2 }),
      dateOrder: 'DMY',
      amountFormat: { decimal: ',', group: '' },
      currency: null,
      rowsRead: 2,
      rowsAccepted: 2,
      rowsRejected: 0,
      blankLines: 0,
      rejected: [],
      warnings: [],
      // No order id, no status column: nothing excluded, no reading of order totals.
      excluded: [],
      statuses: null,
      excludedOnlyCustomers: 0,
      orderAmounts: null,
    });
  });

  it('progress counters move while bytes are pushed', () => {
    const importer = createImporter(options());
    importer.push(utf8('customer,date,amount\nA,2024-01-05,1\nB,2024-01-0'));
    expect(importer.rowsRead).toBe(1);
    expect(importer.bytesRead).toBe(47);
    importer.push(utf8('6,2\n'));
    expect(importer.rowsRead).toBe(2);
    expect(importer.finish().report.rowsAccepted).toBe(2);
  });
});

describe('customers', () => {
  it('are trimmed and dictionary-encoded in order of first appearance', () => {
    const { table } = run('customer,date,amount\n B ,2024-01-05,1\nA,2024-01-06,2\nB,2024-01-07,3\n"A",2024-01-08,4\n"say ""x""",2024-01-09,5\n');
    expect(table.customerIds).toEqual(['B', 'A', 'say "x"']);
    expect(Array.from(table.customer)).toEqual([0, 1, 0, 1, 2]);
  });

  it('an empty customer id rejects the row, whatever else is wrong with it', () => {
    const { table, report } = run('CustomerID,InvoiceDate,Amount\n,2024-01-05,1\n  ,2024-01-06,2\n"",2024-01-07,3\n,bad,bad\nA,2024-01-08,4\n');
    expect(ids(table)).toEqual(['A']);
    expect(report.rejected).toEqual([
      {
        code: 'missing-customer',
        reason: 'Customer id is empty (column "CustomerID")',
        vars: { column: 'CustomerID' },
        count: 4,
        examples: [
          { line: 2, text: ',2024-01-05,1' },
          { line: 3, text: '  ,2024-01-06,2' },
          { line: 4, text: '"",2024-01-07,3' },
          { line: 5, text: ',bad,bad' },
        ],
      },
    ]);
    balanced(report);
  });
});

describe('broken rows', () => {
  it('an unbalanced quote rejects its line; the lines after it are read and numbered', () => {
    const { table, report } = run('customer,date,amount\nA,2024-01-05,10\n"B,2024-01-06,20\nC,2024-01-07,30\nD,"2024-01-08",40\n');
    expect(rowsOf(table)).toEqual([
      ['A', '2024-01-05', 10, 2],
      ['C', '2024-01-07', 30, 4],
      ['D', '2024-01-08', 40, 5],
    ]);
    expect(report.rejected).toEqual([
      { code: 'unclosed-quote', reason: 'A quote (") opened on this line is never closed', count: 1, examples: [{ line: 3, text: '"B,2024-01-06,20' }] },
    ]);
    expect(report).toMatchObject({ rowsRead: 4, rowsAccepted: 3, rowsRejected: 1 });
  });

  it('short rows are rejected; long rows are accepted with one warning naming the first', () => {
    const { table, report } = run('customer,date,amount\nA,2024-01-05\nB,2024-01-06,20,extra\nC\nD,2024-01-07,30,x,y\nE,2024-01-08,40\n');
    expect(ids(table)).toEqual(['B', 'D', 'E']);
    expect(report.rejected).toEqual([
      {
        code: 'too-few-fields',
        reason: 'Row has fewer fields than the 3 the chosen columns need',
        vars: { needed: 3 },
        count: 2,
        examples: [
          { line: 2, text: 'A,2024-01-05' },
          { line: 4, text: 'C' },
        ],
      },
    ]);
    expect(report.warnings.map((w) => w.text)).toEqual(['Some rows have more fields than the header (first on line 3); the extra fields were ignored.']);
    balanced(report);
  });

  it('a row shorter than the header is fine when it has every mapped column', () => {
    const { table, report } = run('customer,date,amount,note\nA,2024-01-05,10\nB,2024-01-06,20,ok\n');
    expect(ids(table)).toEqual(['A', 'B']);
    expect(report.warnings).toEqual([]);
  });

  it('exact counts per reason in a file with every kind of problem; rowsRead = accepted + rejected', () => {
    const text = [
      'customer,date,amount', // 1
      'A,2024-01-05,10', // 2 ok
      ',2024-01-05,10', // 3 missing-customer
      'B,2024-02-30,10', // 4 bad-date
      'C,,10', // 5 missing-date
      'D,2024-01-05,ten', // 6 bad-amount
      'E,2024-01-05,', // 7 missing-amount
      '', // 8 blank
      'F,2024-01-05', // 9 too-few-fields
      'G,2024-01-05,-3', // 10 ok (refund)
      ',,', // 11 blank (only delimiters)
      'H,"2024-01-05,1', // 12 unclosed-quote
      'I,2024-01-06,0', // 13 ok (zero)
    ].join('\n');
    const { table, report } = run(text);
    expect(ids(table)).toEqual(['A', 'G', 'I']);
    expect(rejectCounts(report)).toEqual({ 'missing-customer': 1, 'bad-date': 1, 'missing-date': 1, 'bad-amount': 1, 'missing-amount': 1, 'too-few-fields': 1, 'unclosed-quote': 1 });
    expect(report).toMatchObject({ rowsRead: 10, rowsAccepted: 3, rowsRejected: 7, blankLines: 2 });
    // Groups: largest first, then by code.
    expect(report.rejected.map((g) => g.code)).toEqual(['bad-amount', 'bad-date', 'missing-amount', 'missing-customer', 'missing-date', 'too-few-fields', 'unclosed-quote']);
    expect(report.rejected.map((g) => g.examples[0].line)).toEqual([6, 4, 7, 3, 5, 9, 12]);
  });

  it('keeps 20 examples per reason, in file order, with the text as written (up to 200 characters)', () => {
    const lines = ['customer,date,amount'];
    for (let i = 0; i < 45; i++) lines.push(i % 3 === 0 ? `K${i},2024-01-05,x${i}` : `,2024-01-05,${i}`);
    lines.push(`L,2024-01-05,${'9'.repeat(10)}${'z'.repeat(250)}`);
    const { report } = run(lines.join('\n'));
    expect(rejectCounts(report)).toEqual({ 'missing-customer': 30, 'bad-amount': 16 });
    const missing = report.rejected[0];
    expect(missing.examples).toHaveLength(20);
    expect(missing.examples[0]).toEqual({ line: 3, text: ',2024-01-05,1' });
    expect(missing.examples[19]).toEqual({ line: 31, text: ',2024-01-05,29' });
    const bad = report.rejected[1];
    expect(bad.examples).toHaveLength(16);
    expect(bad.examples[15].line).toBe(47);
    expect(bad.examples[15].text).toBe(`L,2024-01-05,${'9'.repeat(10)}${'z'.repeat(200 - 23)}…`);
    balanced(report);
  });

  it('examples and accepted rows keep the line where a multi-line record starts', () => {
    const { table, report } = run('customer,date,amount,note\nA,2024-01-05,1,"line one\nline two"\n,2024-01-06,2,"x\r\ny"\nB,2024-01-07,3,z\n');
    expect(Array.from(table.line)).toEqual([2, 6]);
    expect(report.rejected[0].examples).toEqual([{ line: 4, text: ',2024-01-06,2,"x\r\ny"' }]);
  });
});

describe('blank lines', () => {
  it('are counted apart, before the header too, and are not rows', () => {
    const { table, report } = run('\n\r\ncustomer,date,amount\n\nA,2024-01-05,1\n   \n,,\n\t\nB,2024-01-06,2\n\n');
    expect(rowsOf(table)).toEqual([
      ['A', '2024-01-05', 1, 5],
      ['B', '2024-01-06', 2, 9],
    ]);
    expect(report).toMatchObject({ rowsRead: 2, blankLines: 7, header: ['customer', 'date', 'amount'] });
  });
});

describe('files with nothing to import', () => {
  it('finish() throws an ImportError for an empty file and for a header without rows', () => {
    const empty = createImporter(options());
    expect(() => empty.finish()).toThrow(new ImportError('no-rows', 'The file is empty: it has no rows to read.'));
    const blanks = createImporter(options());
    blanks.push(utf8('\n \n'));
    expect(() => blanks.finish()).toThrow(new ImportError('no-rows', 'The file is empty: it has no rows to read.'));
    const headerOnly = createImporter(options());
    headerOnly.push(utf8('customer,date,amount\n\n'));
    expect(() => headerOnly.finish()).toThrow(new ImportError('header-only', 'The file has a header line but no data rows.'));
    // The code, for the message in the user's language.
    let code = '';
    try {
      createImporter(options()).finish();
    } catch (err) {
      code = (err as ImportError).code;
    }
    expect(code).toBe('no-rows');
  });

  it('a file whose rows are all rejected gives an empty table and a full report', () => {
    const { table, report } = run('customer,date,amount\n,2024-01-05,1\n,2024-01-06,2\n');
    expect(table.length).toBe(0);
    expect(table.customerIds).toEqual([]);
    expect(report).toMatchObject({ rowsRead: 2, rowsAccepted: 0, rowsRejected: 2 });
  });

  it('customers whose only rows are rejected at the end do not stay in the table', () => {
    // B's only row contradicts the column's day/month order, found only when the file ends.
    const { table } = run('customer,date,amount\nA,25/01/2024,1\nB,01/26/2024,2\nC,27/01/2024,3\n');
    expect(table.customerIds).toEqual(['A', 'C']);
    expect(Array.from(table.customer)).toEqual([0, 1]);
  });
});

describe('the user says there is no header', () => {
  it('then the first line is a data row like any other', () => {
    const { table, report } = run('customer,date,amount\nA,2024-01-05,1\n', { hasHeader: false });
    expect(report.header).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(ids(table)).toEqual(['A']);
    expect(report.rejected).toEqual([{ code: 'bad-date', reason: 'Date not recognised (column "Column 2")', vars: { column: 'Column 2' }, count: 1, examples: [{ line: 1, text: 'customer,date,amount' }] }]);
  });
});
