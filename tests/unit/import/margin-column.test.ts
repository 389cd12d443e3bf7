/**
 * A margin column can hold money (the row's profit) or a share of the amount, written as 40%, 40 or 0.4. Each reading
 * must give the same cost: here every row's margin is 40% of its amount, so cost = 60% of the amount.
 */
import { describe, expect, it } from 'vitest';
import { importBytes } from '../../../src/core/import';
import { historicalFigures } from '../../../src/core/figures';

const rows = [['A', '2024-01-05', 100], ['A', '2024-02-10', 50], ['B', '2024-01-20', 200]] as const;

function read(header: string, margin: (amount: number) => string) {
  const text = [`customer,date,amount,${header}`, ...rows.map(([c, d, a]) => `${c},${d},${a},${margin(a)}`)].join('\n');
  const { table, report } = importBytes(new TextEncoder().encode(text), 'm.csv');
  return { cost: Array.from(table.cost!), report, margin: historicalFigures(table).margin };
}

describe('a margin column', () => {
  it.each([
    ['as money (the profit of each row)', 'margin', (a: number) => String(a * 0.4)],
    ['as a percent with its sign', 'margin', (a: number) => `${(a * 0 + 40)}%`],
    ['as percent numbers under a % header', 'gross margin %', () => '40'],
    ['as fractions under a rate header', 'margin rate', () => '0.4'],
    ['as fractions with nothing else to say so (the values tell)', 'margin', () => '0.4'],
    ['as fractions under a Vietnamese header', 'tỷ lệ lãi gộp', () => '0.4'],
  ])('%s gives a cost of 60 percent of the amount', (_what, header, margin) => {
    const { cost, margin: m } = read(header, margin);
    expect(cost).toEqual([60, 30, 120]);
    expect(m.rate).toBeCloseTo(0.4, 12);
  });

  it('says so when only the values showed that 0.4 means 40%', () => {
    expect(read('margin', () => '0.4').report.warnings.map((w) => w.code)).toContain('margin-as-share');
    expect(read('margin rate', () => '0.4').report.warnings.map((w) => w.code)).not.toContain('margin-as-share');
  });

  it('small money margins on small sales stay money (a plausible shop: 30% margins of under 1 each)', () => {
    const text = ['customer,date,amount,margin', 'A,2024-01-05,2.50,0.75', 'B,2024-01-06,1.20,0.36', 'C,2024-01-07,3.00,0.90'].join('\n');
    const { table } = importBytes(new TextEncoder().encode(text), 'small.csv');
    expect(Array.from(table.cost!).map((v) => Number(v.toFixed(2)))).toEqual([1.75, 0.84, 2.1]);
  });
});
