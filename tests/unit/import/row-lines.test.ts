/**
 * Source lines of the kept rows (ImportState.line): no column while each row starts on the line after the one before,
 * the same lines as a column once a row says otherwise, and a table whose lines are made only when read.
 */
import { describe, expect, it } from 'vitest';
import { RowAcceptor } from '../../../src/core/import/accept-rows';
import { settleMapping } from '../../../src/core/import/import-options';
import { withoutLines } from '../../../src/core/import/dataset-table';
import { mapping, rejectCounts, run } from '../../fixtures/import/helpers';

const options = { mapping: mapping({ customer: 0, date: 1, amount: 2, status: 3 }) };
const lines = (...rows: string[]) => rows.join('\n') + '\n';
const head = 'Customer,Date,Amount,Status';

function parsed(text: string) {
  const state = new RowAcceptor({ fileName: 'l.csv', totalBytes: 0, encoding: 'utf-8', delimiter: ',', hasHeader: true, ...options }, settleMapping(options.mapping));
  state.reader.pushText(text);
  state.reader.end();
  return state;
}

describe('the kept rows’ source lines', () => {
  it('need no column in a clean export, and the table makes them only when they are read', () => {
    const text = lines(head, 'ann,2024-01-01,10,paid', 'bob,2024-01-02,20,paid', 'cat,2024-01-03,30,paid');
    const state = parsed(text);
    expect([state.line, state.firstLine, state.lineOf(2)]).toEqual([null, 2, 4]);
    const { table } = run(text, options);
    expect(typeof Object.getOwnPropertyDescriptor(table, 'line')!.get).toBe('function');
    expect(Array.from(table.line)).toEqual([2, 3, 4]);
    // Dropped for a dataset without being made.
    const other = run(text, options);
    const { table: dataset } = withoutLines(other);
    expect(Object.getOwnPropertyDescriptor(dataset, 'line')).toBeUndefined();
  });

  it('become a column from the first row that does not follow on, with the rows before as they were', () => {
    const state = parsed(lines(head, 'ann,2024-01-01,10,paid', 'bob,2024-01-02,20,paid', '', ',2024-01-03,5,paid', '"c\nat",2024-01-03,30,paid', 'dan,2024-01-04,40,paid'));
    expect(Array.from(state.line!.data.subarray(0, state.rows))).toEqual([2, 3, 6, 8]);
  });

  it('of rows dropped at the end are gone from the table, and the rows after keep theirs', () => {
    // The voided row and the row whose date only reads month-first (the rest read day-first) go at the end.
    const text = lines(head, 'ann,13/01/2024,10,paid', 'bob,14/01/2024,20,voided', 'cat,01/15/2024,30,paid', 'dan,16/01/2024,40,paid', 'eve,17/01/2024,50,paid');
    expect(parsed(text).line).toBeNull();
    const { table, report } = run(text, options);
    expect(rejectCounts(report)).toEqual({ 'date-order-mismatch': 1 });
    expect(report.rejected[0].examples.map((e) => e.line)).toEqual([4]);
    expect(Array.from(table.line)).toEqual([2, 5, 6]);
  });
});
