import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/core/export/csv';

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });
  it('keeps numbers numeric (a negative amount is not a formula) and quotes what needs quoting', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell('Nguyễn, Văn A')).toBe('"Nguyễn, Văn A"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
  });
  it('writes a BOM and CRLF rows', () => {
    expect(toCsv(['a', 'b'], [[1, 'x'], [2, '=y']])).toBe("\uFEFFa,b\r\n1,x\r\n2,'=y\r\n");
  });
});
