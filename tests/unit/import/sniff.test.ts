/**
 * `sniff`, the first look at a file: delimiter, header, preview, column kinds, the date order and number format its
 * head shows, or one sentence saying why the file cannot be read.
 */
import { describe, expect, it } from 'vitest';
import { ImportError, sniff } from '../../../src/core/import';
import { detectDelimiter } from '../../../src/core/import/delimiter';
import { amounts, mapping, run, utf8 } from '../../fixtures/import/helpers';

const look = (text: string, totalBytes = utf8(text).length) => sniff(utf8(text), 'x.csv', totalBytes);

describe('delimiter', () => {
  it.each([
    [',', 'customer,date,amount\nA,2024-01-05,10\nB,2024-01-06,20\n'],
    [';', 'customer;date;amount\nA;2024-01-05;10\nB;2024-01-06;20\n'],
    ['\t', 'customer\tdate\tamount\nA\t2024-01-05\t10\nB\t2024-01-06\t20\n'],
    ['|', 'customer|date|amount\nA|2024-01-05|10\nB|2024-01-06|20\n'],
    ['whitespace', '  customer   date        amount\n  A          2024-01-05  10\n  B          2024-01-06  20\n'],
    // Decimal commas inside a semicolon file: the semicolons split steadily, the commas do not.
    [';', 'customer;date;amount\nA;2024-01-05;10,5\nB;2024-01-06;20\nC;2024-01-07;1,25\n'],
    // Quoted decimal commas inside a comma file.
    [',', 'customer,date,amount\nA,2024-01-05,"10,5"\nB,2024-01-06,"20,25"\n'],
    // A comma inside a tab file's names does not make it a comma file.
    ['\t', 'customer\tdate\tamount\nLe, An\t2024-01-05\t10\nTran, Binh\t2024-01-06\t20\n'],
  ] as const)('%j', (delimiter, text) => {
    expect(detectDelimiter(text).delimiter).toBe(delimiter);
    const s = look(text);
    expect(s.delimiter).toBe(delimiter);
    expect(s.mapping).toEqual(mapping({ customer: 0, date: 1, amount: 2 }));
    expect(s.problem).toBeNull();
  });

  it('every delimiter gives the same table', () => {
    for (const d of [',', ';', '\t', '|']) {
      const { table, report } = run(['customer', 'date', 'amount'].join(d) + '\n' + ['A', '2024-01-05', '10'].join(d) + '\n' + ['B', '2024-01-06', '20.5'].join(d));
      expect(report.delimiter).toBe(d);
      expect(table.customerIds).toEqual(['A', 'B']);
      expect(amounts(table)).toEqual([10, 20.5]);
    }
  });
});

describe('header, preview and column kinds', () => {
  it('shows the header, the first 20 data rows and what each column holds', () => {
    const lines = ['Customer,Date,Amount,Note,Empty'];
    for (let i = 0; i < 30; i++) lines.push(`K${i % 4},2024-01-${String(i + 1).padStart(2, '0')},${i}.50,note ${i},`);
    const s = look(lines.join('\r\n') + '\r\n');
    expect(s.hasHeader).toBe(true);
    expect(s.header).toEqual(['Customer', 'Date', 'Amount', 'Note', 'Empty']);
    expect(s.preview).toHaveLength(20);
    expect(s.preview[0]).toEqual(['K0', '2024-01-01', '0.50', 'note 0', '']);
    expect(s.preview[19]).toEqual(['K3', '2024-01-20', '19.50', 'note 19', '']);
    expect(s.columns.map((c) => c.kind)).toEqual(['id', 'date', 'number', 'text', 'empty']);
    expect(s).toMatchObject({ dateOrder: 'YMD', dateOrderAmbiguous: false, amountFormat: { decimal: '.', group: '' }, currency: null, encoding: 'utf-8' });
  });

  it('a first row with a date or a number in it is data, not a header', () => {
    const s = look('K1,2024-01-05,10.5\nK2,2024-01-06,3.5\nK1,2024-01-07,2\n');
    expect(s.hasHeader).toBe(false);
    expect(s.preview).toHaveLength(3);
  });

  it('a first row of text over typed columns is a header even with unknown names', () => {
    expect(look('foo,bar,baz\nK1,2024-01-05,10.5\nK2,2024-01-06,3.5\n').hasHeader).toBe(true);
  });

  it('the date order and number format the head proves, and when it proves none', () => {
    expect(look('customer;date;amount\nA;25/01/2024;1.250,50\nB;02/02/2024;3\n')).toMatchObject({ dateOrder: 'DMY', dateOrderAmbiguous: false, amountFormat: { decimal: ',', group: '.' } });
    expect(look('customer,date,amount\nA,01/25/2024,"1,250.50"\n')).toMatchObject({ dateOrder: 'MDY', amountFormat: { decimal: '.', group: ',' } });
    expect(look('customer,date,amount\nA,01/02/2024,1\nB,03/04/2024,2\n')).toMatchObject({ dateOrder: null, dateOrderAmbiguous: true });
  });

  it('a head cut in the middle of a line uses whole lines only', () => {
    const text = 'customer,date,amount\nA,2024-01-05,10.5\nB,2024-01-06,20.5\nC,2024-01';
    // The file is longer than the head: the cut line "C,2024-01" is not judged (it would be a bad date).
    const s = look(text, text.length + 100);
    expect(s.preview).toEqual([
      ['A', '2024-01-05', '10.5'],
      ['B', '2024-01-06', '20.5'],
    ]);
    expect(s.columns[1].kind).toBe('date');
  });
});

describe('files that cannot be read', () => {
  it.each([
    ['an empty file', 'empty', '', 'The file is empty.'],
    ['only line breaks and spaces', 'no-rows', '\r\n \n\n', 'The file is empty: it has no rows to read.'],
    ['a header line only', 'header-only', 'customer,date,amount\r\n', 'The file has a header line but no data rows.'],
    ['a header and blank lines', 'header-only', 'customer,date,amount\n\n\n', 'The file has a header line but no data rows.'],
    ['one column', 'one-column', 'customer\nA\nB\n', 'Only one column was found. An orders file needs at least a customer, a date and an amount column, separated by commas, semicolons or tabs.'],
    ['no dates', 'no-dates', 'customer,amount\nA,10\nB,20\n', 'No column of this file holds dates, so purchases cannot be placed in time. An orders export needs an order date column.'],
  ])('%s', (_, code, text, problem) => {
    expect(look(text).problem).toBe(problem);
    expect(look(text).problemCode).toBe(code);
    expect(() => run(text)).toThrow(new ImportError(code, problem));
  });

  it('a file with dates but no amount can be sniffed and imported as a purchase log', () => {
    const s = look('cust,date\n1,2006-01-01\n2,2006-01-01\n2,2006-12-19\n');
    expect(s.problem).toBeNull();
    expect(s.mapping).toEqual(mapping({ customer: 0, date: 1 }));
    const { table, report } = run('cust,date\n1,2006-01-01\n2,2006-01-01\n2,2006-12-19\n');
    expect(report.rowsAccepted).toBe(3);
    expect(Array.from(table.amount)).toEqual([0, 0, 0]);
    expect(table.withoutAmounts).toBe(true);
  });
});
