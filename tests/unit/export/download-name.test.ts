/** Download names made from a dataset's name (CSV lists, snapshots): any script kept whole. */
import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../../src/lib/download';

describe('safeFileName', () => {
  it('keeps Thai vowel and tone marks (they are marks, not letters)', () => {
    expect(safeFileName('ลูกค้าที่ยังซื้อ.csv', '-customers.csv')).toBe('ลูกค้าที่ยังซื้อ-customers.csv');
  });

  it('keeps Vietnamese accents, composed or not', () => {
    expect(safeFileName('Đơn hàng tháng 1.csv', '.clv.json')).toBe('Đơn-hàng-tháng-1.clv.json');
    expect(safeFileName('Tha\u0301ng.csv', '.csv')).toBe('Tháng.csv');
  });

  it('never cuts a character in half at 80', () => {
    const name = safeFileName('𠀀'.repeat(100), '.csv');
    expect(name).toBe(`${'𠀀'.repeat(80)}.csv`);
    expect(name.isWellFormed()).toBe(true);
  });
});
