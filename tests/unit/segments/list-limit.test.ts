/**
 * A list asked for its first k entries ranks them exactly as the whole list does, ties (equal values, ordered by
 * customer) included: the shortcut that ranks only the customers at or above the k-th value must not change them.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST_RULES, DEFAULT_RULES, customerList, segmentsReport } from '../../../src/core/segments';
import { tableDayRange } from '../../../src/core/figures';
import { run, seeded } from '../../fixtures/import/helpers';

// 400 customers, amounts from five values (many ties), purchases spread over two years.
const random = seeded(12);
const lines = ['customer,date,amount'];
for (let c = 0; c < 400; c++) {
  const visits = 1 + Math.floor(random() * 5);
  for (let v = 0; v < visits; v++) {
    const day = new Date(Date.UTC(2022, 0, 1) + Math.floor(random() * 730) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`C${c},${day},${[10, 20, 20, 35, 50][Math.floor(random() * 5)]}`);
  }
}
const { table } = run(lines.join('\n'));
const report = segmentsReport(table, tableDayRange(table)!.max, DEFAULT_RULES, null);

describe('the first k entries of a list', () => {
  for (const kind of ['atRisk', 'winBack', 'grow'] as const) {
    it(`${kind}: equal the whole list's first k, for every k`, () => {
      const all = customerList(kind, report, DEFAULT_LIST_RULES, null);
      expect(all.total).toBeGreaterThan(20);
      // Revenue-based values tie often here (grow's yearly gains do not).
      if (kind !== 'grow') expect(new Set(all.entries.map((e) => e.value)).size).toBeLessThan(all.total);
      for (const k of [0, 1, 2, 7, 13, Math.floor(all.total / 2), all.total - 1, all.total, all.total + 5]) {
        const first = customerList(kind, report, DEFAULT_LIST_RULES, null, k);
        expect(first.total).toBe(all.total);
        expect(first.entries).toEqual(all.entries.slice(0, k));
      }
    });
  }
});
