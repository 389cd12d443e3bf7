import { describe, expect, it } from 'vitest';
import { withoutLines } from '../../../src/core/import/dataset-table';
import { run } from '../../fixtures/import/helpers';

describe('what a dataset keeps of an import', () => {
  it('every column but the rows\' source lines, the same arrays, and the rest of the result untouched', () => {
    const imported = run('customer,date,amount\nA,2024-01-05,10\n\nB,2024-01-06,20\n');
    expect(Array.from(imported.table.line)).toEqual([2, 4]);
    const kept = withoutLines(imported);
    expect('line' in kept.table).toBe(false);
    expect(kept.report).toBe(imported.report);
    expect(kept.table.customer).toBe(imported.table.customer);
    expect(kept.table.day).toBe(imported.table.day);
    expect(kept.table.amount).toBe(imported.table.amount);
    expect(kept.table.customerIds).toEqual(['A', 'B']);
    expect(Object.keys(kept.table).sort()).toEqual(Object.keys(imported.table).filter((k) => k !== 'line').sort());
  });
});
