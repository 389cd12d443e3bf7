/** The mapping screen draws a bounded number of columns of a wide file, and finds any other by name. */
import { describe, expect, it } from 'vitest';
import { listedColumns, previewedColumns } from '../../../src/views/mapping-columns';

const header = Array.from({ length: 100_000 }, (_, i) => `col_${i}`);
header[5] = 'Mã khách hàng';
header[90_000] = 'Refund total';

describe('mapping columns of a wide file', () => {
  it('lists the chosen columns and the first ones, up to the limit', () => {
    const { columns, matching } = listedColumns(header, [0, null, 90_000, 0], '', 4);
    expect(columns).toEqual([0, 1, 2, 3, 4, 90_000]);
    expect(matching).toBe(100_000);
  });

  it('a search lists the matching columns (case and accents ignored), keeping the chosen ones', () => {
    expect(listedColumns(header, [1], 'REFUND')).toEqual({ columns: [1, 90_000], matching: 1 });
    expect(listedColumns(header, [], 'khach hang')).toEqual({ columns: [5], matching: 1 });
    expect(listedColumns(header, [], 'col_9999', 3)).toEqual({ columns: [9999, 99_990, 99_991], matching: 11 });
  });

  it('a narrow file lists every column', () => {
    expect(listedColumns(['a', 'b', 'c'], [], '')).toEqual({ columns: [0, 1, 2], matching: 3 });
  });

  it('previews the chosen columns and the first, the limit in all', () => {
    expect(previewedColumns(100_000, [90_000, 2, null], 4)).toEqual([0, 1, 2, 90_000]);
    expect(previewedColumns(3, [], 30)).toEqual([0, 1, 2]);
  });
});
