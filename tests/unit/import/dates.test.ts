/**
 * Date cells (every form the importer accepts, and what it refuses) and the per-column decision of day/month
 * order, which uses every value of the column, not only the first ones, and asks the user only when no value
 * tells.
 */
import { describe, expect, it } from 'vitest';
import { sniff } from '../../../src/core/import';
import { DateFit, NO_DAY, readDateCell } from '../../../src/core/import/dates';
import { dayToIso } from '../../../src/core/figures/dates';
import { createImporter } from '../../../src/core/import';
import { isoDates, mapping, rejectCounts, rowsOf, run, utf8 } from '../../fixtures/import/helpers';
import { charsOf } from '../../../src/core/import/chars';

/** [fit, day-first reading, month-first reading] of one cell, readings as ISO dates or null. */
function cell(text: string): [DateFit, string | null, string | null] {
  const out = new Int32Array(2);
  const fit = readDateCell(charsOf(text), 0, text.length, out);
  const iso = (d: number) => (fit === DateFit.Invalid || d === NO_DAY ? null : dayToIso(d));
  return [fit, iso(out[0]), iso(out[1])];
}

describe('date cells', () => {
  it.each([
    // ISO, with a time, with T and Z or an offset (floored to the day as written, no time-zone shift).
    ['2023-04-05', '2023-04-05'],
    ['2023-4-5', '2023-04-05'],
    ['2023-04-05 14:30:00', '2023-04-05'],
    ['2023-04-05 14:30', '2023-04-05'],
    ['2023-04-05T14:30:00Z', '2023-04-05'],
    ['2023-04-05T23:59:59.999+07:00', '2023-04-05'],
    ['2023-04-05t00:00:00', '2023-04-05'],
    ['2023/04/05', '2023-04-05'],
    ['2023.04.05', '2023-04-05'],
    // YYYYMMDD (CDNOW), also with a time after it.
    ['20230405', '2023-04-05'],
    ['19970101', '1997-01-01'],
    ['20230405 14:30', '2023-04-05'],
    // English month names, any case, short or long, with commas.
    ['05 Jan 2024', '2024-01-05'],
    ['5 January 2024', '2024-01-05'],
    ['Jan 5 2024', '2024-01-05'],
    ['Jan 5, 2024', '2024-01-05'],
    ['DECEMBER 31, 2023', '2023-12-31'],
    ['05-Feb-2024', '2024-02-05'],
    ['05-feb-24', '2024-02-05'],
    ['2024-Mar-05', '2024-03-05'],
    ['9 Sept 2023 10:00', '2023-09-09'],
    // Buddhist-era years (Thailand): 543 ahead.
    ['2566-12-25', '2023-12-25'],
    ['25661225', '2023-12-25'],
    ['25 Dec 2566', '2023-12-25'],
    // Same day either way round.
    ['04/04/2024', '2024-04-04'],
    // Spaces around the value, also no-break spaces.
    ['  2023-04-05\u00a0', '2023-04-05'],
  ])('%j is %s whatever the column order', (text, iso) => {
    expect(cell(text)).toEqual([DateFit.Fixed, iso, iso]);
  });

  it.each([
    // Both readings possible.
    ['05/04/2023', DateFit.Either, '2023-04-05', '2023-05-04'],
    ['5/4/2023', DateFit.Either, '2023-04-05', '2023-05-04'],
    ['05-04-2023', DateFit.Either, '2023-04-05', '2023-05-04'],
    ['05.04.2023', DateFit.Either, '2023-04-05', '2023-05-04'],
    ['1/2/2024 2:30 PM', DateFit.Either, '2024-02-01', '2024-01-02'],
    ['01/02/24', DateFit.Either, '2024-02-01', '2024-01-02'],
    // Only day-first: the first part is above 12.
    ['25/12/2023', DateFit.DayFirstOnly, '2023-12-25', null],
    ['25.12.2023', DateFit.DayFirstOnly, '2023-12-25', null],
    ['25-12-23', DateFit.DayFirstOnly, '2023-12-25', null],
    ['31/12/99', DateFit.DayFirstOnly, '1999-12-31', null],
    ['31/12/69', DateFit.DayFirstOnly, '2069-12-31', null],
    ['01/13/70', DateFit.MonthFirstOnly, null, '1970-01-13'],
    ['25/12/2566', DateFit.DayFirstOnly, '2023-12-25', null],
    ['29/02/2024 23:59:59', DateFit.DayFirstOnly, '2024-02-29', null],
    // Only month-first: the second part is above 12.
    ['12/25/2023', DateFit.MonthFirstOnly, null, '2023-12-25'],
    ['2/29/2000', DateFit.MonthFirstOnly, null, '2000-02-29'],
    // 31/04 is no date, but 04/31 neither: 30/04 vs 04/30.
    ['30/04/2024', DateFit.DayFirstOnly, '2024-04-30', null],
    ['04/30/2024', DateFit.MonthFirstOnly, null, '2024-04-30'],
  ] as const)('%j reads %s: day-first %s, month-first %s', (text, fit, dayFirst, monthFirst) => {
    expect(cell(text)).toEqual([fit, dayFirst, monthFirst]);
  });

  it.each([
    '31/02/2024', // no 31 February, and no month 31
    '13/13/2024', // no month 13 either way
    '29/02/2023', // not a leap year
    '29/02/2100', // divisible by 100, not by 400
    '2023-02-29',
    '2024-02-30',
    '2023-13-01',
    '00/01/2024',
    '2024-00-10',
    '1899-12-31', // before the range any order export uses
    '2300-01-01', // after it, and too early to be a Buddhist-era year
    '',
    '   ',
    'soon',
    '2023-04',
    '2023',
    '230405', // six digits: no YYYYMMDD
    '2023-04-05x',
    '2023-04-05 abc',
    '2023-04-05T',
    '123/04/2023',
    '05/04/123',
    'Ja 5 2024',
    'Foo 5 2024',
    '5 Jan',
    '45000', // a spreadsheet serial number is not taken for a date
  ])('%j is not a date', (text) => {
    expect(cell(text)[0]).toBe(DateFit.Invalid);
  });

  it('reads a cell inside a longer text without copying it', () => {
    const out = new Int32Array(2);
    const line = 'K1;25/12/2023;100';
    expect(readDateCell(charsOf(line), 3, 13, out)).toBe(DateFit.DayFirstOnly);
    expect(dayToIso(out[0])).toBe('2023-12-25');
  });
});

describe('day/month order per column', () => {
  it('one day above 12, even on the last row, decides day-first for every row', () => {
    const { table, report } = run('customer,date,amount\nA,01/02/2024,1\nB,03/04/2024,1\nC,25/04/2024,1\n');
    expect(report.dateOrder).toBe('DMY');
    expect(isoDates(table)).toEqual(['2024-02-01', '2024-04-03', '2024-04-25']);
    expect(report.warnings).toEqual([]);
  });

  it('one second part above 12 decides month-first', () => {
    const { table, report } = run('customer,date,amount\nA,01/02/2024,1\nB,03/04/2024,1\nC,04/25/2024,1\n');
    expect(report.dateOrder).toBe('MDY');
    expect(isoDates(table)).toEqual(['2024-01-02', '2024-03-04', '2024-04-25']);
  });

  it('uses rows the sniffed head never saw', () => {
    // 2,500 ambiguous rows, then one that proves month-first. Sniffing profiles 2,000 rows and cannot tell; the
    // importer, which sees every row, can, and overrides the day-first fallback it was given.
    const lines = ['customer,date,amount'];
    for (let i = 0; i < 2500; i++) lines.push(`C${i % 50},0${1 + (i % 9)}/0${1 + (i % 7)}/2024,1`);
    lines.push('Z,12/31/2024,1');
    const bytes = utf8(lines.join('\n') + '\n');
    const guess = sniff(bytes, 'x.csv', bytes.length);
    expect(guess).toMatchObject({ dateOrder: null, dateOrderAmbiguous: true });
    const { table, report } = run(bytes, { dateOrderFallback: 'DMY' });
    expect(report.dateOrder).toBe('MDY');
    expect(report.warnings).toEqual([]);
    expect(isoDates(table).slice(0, 2)).toEqual(['2024-01-01', '2024-02-02']);
    expect(isoDates(table)[2500]).toBe('2024-12-31');
  });

  it('when every value is ambiguous, uses the chosen order and says so', () => {
    const text = 'customer,date,amount\nA,01/02/2024,1\nB,03/04/2024,1\nC,05/05/2024,1\n';
    expect(sniff(utf8(text), 'x.csv', text.length)).toMatchObject({ dateOrder: null, dateOrderAmbiguous: true });
    const mdy = run(text, { dateOrderFallback: 'MDY' });
    expect(mdy.report.dateOrder).toBe('MDY');
    expect(isoDates(mdy.table)).toEqual(['2024-01-02', '2024-03-04', '2024-05-05']);
    expect(mdy.report.warnings.map((w) => w.text)).toEqual(['Every date in column "date" could be read as day/month or month/day; they were read as MM/DD/YYYY.']);
    const dmy = run(text, { dateOrderFallback: 'DMY' });
    expect(isoDates(dmy.table)).toEqual(['2024-02-01', '2024-04-03', '2024-05-05']);
    expect(dmy.report.warnings.map((w) => w.text)).toEqual(['Every date in column "date" could be read as day/month or month/day; they were read as DD/MM/YYYY.']);
  });

  it('without a fallback, ambiguous dates are read day-first (as most of the world writes them)', () => {
    const text = 'customer,date,amount\nA,01/02/2024,1\n';
    const guess = sniff(utf8(text), 'x.csv', text.length);
    const importer = createImporter({ fileName: 'x.csv', totalBytes: text.length, encoding: 'utf-8', delimiter: ',', hasHeader: true, mapping: guess.mapping });
    importer.push(utf8(text));
    const { table, report } = importer.finish();
    expect(report.dateOrder).toBe('DMY');
    expect(isoDates(table)).toEqual(['2024-02-01']);
  });

  it('ISO and named-month dates need no order and may share a column with either', () => {
    const { table, report } = run('customer,date,amount\nA,2024-02-01,1\nB,5 Mar 2024,1\nC,01/02/2024,1\nD,13/02/2024,1\n');
    expect(report.dateOrder).toBe('DMY');
    expect(isoDates(table)).toEqual(['2024-02-01', '2024-03-05', '2024-02-01', '2024-02-13']);
    const iso = run('customer,date,amount\nA,2024-02-01,1\nB,20240302,1\n');
    expect(iso.report).toMatchObject({ dateOrder: 'YMD', warnings: [] });
  });

  it('rejects the values that contradict the column, with their line and text', () => {
    const { table, report } = run('customer,date,amount\nA,25/01/2024,1\nB,26/01/2024,2\nC,01/27/2024,3\nD,02/03/2024,4\nE,12/31/2024,5\n');
    expect(report.dateOrder).toBe('DMY');
    expect(rowsOf(table)).toEqual([
      ['A', '2024-01-25', 1, 2],
      ['B', '2024-01-26', 2, 3],
      ['D', '2024-03-02', 4, 5],
    ]);
    expect(report.rejected).toEqual([
      {
        code: 'date-order-mismatch',
        reason: 'Date does not fit the day/month order of the rest of column "date"',
        vars: { column: 'date', variant: 'DMY' },
        count: 2,
        examples: [
          { line: 4, text: 'C,01/27/2024,3' },
          { line: 6, text: 'E,12/31/2024,5' },
        ],
      },
    ]);
    expect(report.rowsRead).toBe(report.rowsAccepted + report.rowsRejected);
  });

  it('a month-first majority rejects the day-first values', () => {
    const { table, report } = run('customer,date,amount\nA,01/25/2024,1\nB,01/26/2024,1\nC,27/01/2024,1\n');
    expect(report.dateOrder).toBe('MDY');
    expect(isoDates(table)).toEqual(['2024-01-25', '2024-01-26']);
    expect(report.rejected[0]).toMatchObject({ code: 'date-order-mismatch', reason: 'Date does not fit the month/day order of the rest of column "date"', examples: [{ line: 4, text: 'C,27/01/2024,1' }] });
  });

  it('an even split between proofs goes to the chosen order', () => {
    const text = 'customer,date,amount\nA,25/01/2024,1\nB,01/26/2024,1\n';
    expect(isoDates(run(text, { dateOrderFallback: 'MDY' }).table)).toEqual(['2024-01-26']);
    expect(isoDates(run(text, { dateOrderFallback: 'DMY' }).table)).toEqual(['2024-01-25']);
  });

  it('keeps at most 20 examples of mismatched dates but counts them all', () => {
    const lines = ['customer,date,amount'];
    for (let i = 0; i < 40; i++) lines.push(`A${i},${13 + (i % 15)}/01/2024,1`);
    for (let i = 0; i < 25; i++) lines.push(`B${i},01/${13 + (i % 15)}/2024,1`);
    const { report } = run(lines.join('\n'));
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0].count).toBe(25);
    expect(report.rejected[0].examples).toHaveLength(20);
    expect(report.rejected[0].examples[0]).toEqual({ line: 42, text: 'B0,01/13/2024,1' });
    expect(report.rejected[0].examples[19]).toEqual({ line: 61, text: 'B19,01/17/2024,1' });
  });
});

describe('dates that cannot be read', () => {
  it('are rejected as bad-date or missing-date, naming the column', () => {
    const text = 'Customer;Order date;Total\nA;31/02/2024;1\nB;13/13/2024;1\nC;soon;1\nD;;1\nE; ;1\nF;29/02/2024;1\nG;2023-02-29;1\n';
    const { table, report } = run(text);
    expect(isoDates(table)).toEqual(['2024-02-29']);
    expect(rejectCounts(report)).toEqual({ 'bad-date': 4, 'missing-date': 2 });
    const bad = report.rejected.find((g) => g.code === 'bad-date')!;
    expect(bad.reason).toBe('Date not recognised (column "Order date")');
    expect(bad.examples.map((e) => e.line)).toEqual([2, 3, 4, 8]);
    expect(report.rejected.find((g) => g.code === 'missing-date')).toEqual({
      code: 'missing-date',
      reason: 'Date is empty (column "Order date")',
      vars: { column: 'Order date' },
      count: 2,
      examples: [
        { line: 5, text: 'D;;1' },
        { line: 6, text: 'E; ;1' },
      ],
    });
    expect(report.rowsRead).toBe(7);
    expect(report.rowsAccepted + report.rowsRejected).toBe(7);
  });

  it('a date column chosen by the user that holds no dates rejects every row', () => {
    const { report } = run('customer,date,amount\nA,2024-01-05,1\nB,2024-01-06,2\n', { mapping: mapping({ customer: 0, date: 2, amount: 2 }) });
    expect(report).toMatchObject({ rowsRead: 2, rowsAccepted: 0, rowsRejected: 2 });
    expect(rejectCounts(report)).toEqual({ 'bad-date': 2 });
  });
});
