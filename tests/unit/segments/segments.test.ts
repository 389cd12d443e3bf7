/**
 * RFM segments on a small shop worked out by hand (as of 30 June 2024):
 *
 * | customer | purchases (all 2024 unless said)                 | each | R days | F | M    | R F M | segment            |
 * |----------|--------------------------------------------------|------|--------|---|------|-------|--------------------|
 * | C1       | 10 Mar, 15 Apr, 20 May, 10 Jun, 25 Jun           | 100  | 5      | 5 | 500  | 5 5 4 | champions          |
 * | C2       | 28 Jun                                           | 50   | 2      | 1 | 50   | 5 1 2 | new                |
 * | C3       | 1 Mar, 1 Apr, 1 May, 1 Jun                       | 80   | 29     | 4 | 320  | 4 4 3 | loyal              |
 * | C4       | 15 Feb, 15 May                                   | 60   | 46     | 2 | 120  | 3 2 3 | about to sleep     |
 * | C5       | 10 Jul 2023, 10 Oct 2023, 10 Jan, 10 Apr         | 200  | 81     | 4 | 800  | 3 4 5 | loyal              |
 * | C6       | 5 Nov 2023, 5 Dec 2023, 5 Jan                    | 150  | 177    | 3 | 450  | 2 4 4 | at risk            |
 * | C7       | 1 Sep 2023                                       | 40   | 303    | 1 | 40   | 1 1 1 | lost               |
 * | C8       | 1 Jul 2023, 1 Aug 2023                           | 300  | 334    | 2 | 600  | 1 2 5 | lost               |
 * | C9       | 15 Jun, 20 Jun                                   | 20   | 10     | 2 | 40   | 4 2 1 | potential loyalist |
 * | C10      | 1 Mar                                            | 10   | 121    | 1 | 10   | 2 1 1 | hibernating        |
 *
 * Scores are 1 + ⌊5 × (customers with a worse value) / 10⌋. Recency, best first: C2 2, C1 5, C9 10, C3 29, C4 46,
 * C5 81, C10 121, C6 177, C7 303, C8 334: 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 worse → 5 5 4 4 3 3 2 2 1 1. Frequency: three
 * customers at 1 (0 worse → 1), three at 2 (3 worse → 2), one at 3 (6 worse → 4), two at 4 (7 worse → 4), one at 5
 * (9 worse → 5). Monetary: 10 (0 → 1), 40 and 40 (1 → 1), 50 (3 → 2), 120 (4 → 3), 320 (5 → 3), 450 (6 → 4),
 * 500 (7 → 4), 600 (8 → 5), 800 (9 → 5).
 */
import { describe, expect, it } from 'vitest';
import { tableFromRows, day, type LiteralRow } from '../../fixtures/figures/build-table';
import {
  DEFAULT_LIST_RULES, DEFAULT_RULES, SEGMENTS, atRiskList, checkRules, growList, quintileScores, rfmScores, rfmInput,
  segmentMembers, segmentMovement, segmentsReport, valueByOrigin, winBackList, type SegmentRule,
} from '../../../src/core/segments';
import { TEN_CUSTOMER_SHOP } from '../../fixtures/segments/ten-customer-shop';

const purchases = TEN_CUSTOMER_SHOP;
const rows: LiteralRow[] = purchases.flatMap(([c, dates, amount]) => dates.map((d): LiteralRow => [c, d, amount]));
const table = tableFromRows(rows);
const asOf = day('2024-06-30');
const idOf = (code: number) => table.customerIds[code];

describe('quintile scores', () => {
  it('ten distinct values fall two to a score', () => {
    expect(Array.from(quintileScores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], true))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });
  it('equal values always share a score, even across a quintile edge (scores 2 and 3 stay empty here)', () => {
    expect(Array.from(quintileScores([1, 1, 1, 1, 1, 1, 2, 2, 3, 4], true))).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
  });
  it('lower is better for recency', () => {
    expect(Array.from(quintileScores([0, 10, 10, 30, 100], false))).toEqual([5, 3, 3, 2, 1]);
  });
});

describe('RFM on a shop worked out by hand', () => {
  const input = rfmInput(table, asOf);
  const scores = rfmScores(input);
  const byId = (pick: (i: number) => number) => Object.fromEntries(Array.from(input.customer, (c, i) => [idOf(c), pick(i)]));

  it('recency, frequency and monetary as of the day', () => {
    expect(byId((i) => input.recencyDays[i])).toEqual({ C1: 5, C2: 2, C3: 29, C4: 46, C5: 81, C6: 177, C7: 303, C8: 334, C9: 10, C10: 121 });
    expect(byId((i) => input.frequency[i])).toEqual({ C1: 5, C2: 1, C3: 4, C4: 2, C5: 4, C6: 3, C7: 1, C8: 2, C9: 2, C10: 1 });
    expect(byId((i) => input.monetary[i])).toEqual({ C1: 500, C2: 50, C3: 320, C4: 120, C5: 800, C6: 450, C7: 40, C8: 600, C9: 40, C10: 10 });
  });

  it('scores at the quintile edges, with ties kept together', () => {
    expect(byId((i) => scores.r[i] * 100 + scores.f[i] * 10 + scores.m[i])).toEqual({ C1: 554, C2: 512, C3: 443, C4: 323, C5: 345, C6: 244, C7: 111, C8: 125, C9: 421, C10: 211 });
  });

  it('every customer in exactly one segment, the counts summing to the customers and revenue to the revenue', () => {
    const report = segmentsReport(table, asOf, DEFAULT_RULES);
    const segmentOf = Object.fromEntries(Array.from(report.input.customer, (c, i) => [idOf(c), report.rules[report.segmentOf[i]].segment]));
    expect(segmentOf).toEqual({ C1: 'champions', C2: 'new', C3: 'loyal', C4: 'aboutToSleep', C5: 'loyal', C6: 'atRisk', C7: 'lost', C8: 'lost', C9: 'potentialLoyalists', C10: 'hibernating' });
    const row = (s: string) => report.rows.find((r) => r.segment === s)!;
    expect(row('loyal')).toMatchObject({ customers: 2, customerShare: 0.2, revenue: 1120, averageHistoricalClv: 560, averagePredictedClv: null });
    expect(row('lost')).toMatchObject({ customers: 2, revenue: 640 });
    expect(row('lost').revenueShare).toBeCloseTo(640 / 2930, 12);
    expect(report.rows.reduce((a, r) => a + r.customers, 0)).toBe(10);
    expect(report.rows.reduce((a, r) => a + r.revenue, 0)).toBe(2930);
    expect(report.grid.customers[4][4]).toBe(1); // R5 F5: C1
    expect(report.grid.customers[0][0] + report.grid.customers[0][1]).toBe(2); // R1: C7 (F1), C8 (F2)
    expect(report.grid.customers.flat().reduce((a, v) => a + v, 0)).toBe(10);
    expect(Array.from(segmentMembers(report, { segment: 'loyal' }), idOf)).toEqual(['C5', 'C3']);
    expect(Array.from(segmentMembers(report, { r: 1, f: 2 }), idOf)).toEqual(['C8']);
  });

  it('joins predictions by customer when a model is fitted', () => {
    const n = table.customerIds.length;
    const pAlive = new Float64Array(n).fill(NaN), clv = new Float64Array(n).fill(NaN);
    pAlive[table.customerIds.indexOf('C3')] = 0.9, clv[table.customerIds.indexOf('C3')] = 100;
    pAlive[table.customerIds.indexOf('C5')] = 0.5, clv[table.customerIds.indexOf('C5')] = 300;
    const row = segmentsReport(table, asOf, DEFAULT_RULES, { pAlive, clv }).rows.find((r) => r.segment === 'loyal')!;
    expect(row.averagePredictedClv).toBe(200);
    expect(row.averagePAlive).toBeCloseTo(0.7, 12);
  });
});

describe('the rule table', () => {
  it('the default table puts each of the 25 recency × frequency cells in one named segment, and all 11 are reachable', () => {
    const cells = new Map<string, number>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) {
      const scores = { r: Uint8Array.of(r), f: Uint8Array.of(f), m: Uint8Array.of(3) };
      const s = DEFAULT_RULES[rulesOf(scores)].segment;
      cells.set(s, (cells.get(s) ?? 0) + 1);
    }
    expect([...cells.keys()].sort()).toEqual([...SEGMENTS].sort());
    expect([...cells.values()].reduce((a, v) => a + v, 0)).toBe(25);
  });

  it('refuses a table that could leave someone out or name a segment twice, with a clear reason', () => {
    expect(checkRules(DEFAULT_RULES)).toMatchObject({ ok: true });
    const withoutCatchAll = DEFAULT_RULES.map((r, i) => (i === DEFAULT_RULES.length - 1 ? { ...r, r: [1, 1] } : r));
    expect(checkRules(withoutCatchAll)).toMatchObject({ ok: false, problem: { code: 'rules-no-catch-all' } });
    expect(checkRules([...DEFAULT_RULES.slice(0, 2), DEFAULT_RULES[0], DEFAULT_RULES.at(-1)])).toMatchObject({ ok: false, problem: { code: 'rules-twice' } });
    expect(checkRules([{ segment: 'champions', r: [4, 6], f: [1, 5], m: [1, 5] }])).toMatchObject({ ok: false, problem: { code: 'rules-range' } });
    expect(checkRules([{ segment: '__proto__', r: [1, 5], f: [1, 5], m: [1, 5] }])).toMatchObject({ ok: false, problem: { code: 'rules-unknown-segment' } });
    expect(checkRules('nonsense')).toMatchObject({ ok: false, problem: { code: 'rules-empty' } });
  });

  it('an edited table that shadows a rule reports it, and still places everyone', () => {
    const rules: SegmentRule[] = [{ segment: 'loyal', r: [1, 5], f: [3, 5], m: [1, 5] }, { segment: 'champions', r: [5, 5], f: [5, 5], m: [1, 5] }, { segment: 'lost', r: [1, 5], f: [1, 5], m: [1, 5] }];
    const report = segmentsReport(table, asOf, rules);
    expect(report.unreachable).toEqual(['champions']);
    // F ≥ 3: C1, C3, C5, C6; the other six are left to the last rule.
    expect(report.rows.map((r) => r.customers)).toEqual([4, 0, 6]);
  });
});

/** The rule index of one score combination under the default table. */
function rulesOf(scores: { r: Uint8Array; f: Uint8Array; m: Uint8Array }): number {
  return Array.from(DEFAULT_RULES).findIndex((rule) => scores.r[0] >= rule.r[0] && scores.r[0] <= rule.r[1] && scores.f[0] >= rule.f[0] && scores.f[0] <= rule.f[1] && scores.m[0] >= rule.m[0] && scores.m[0] <= rule.m[1]);
}

describe('movement between two days', () => {
  it('on the same day everyone stays; three months earlier, the two newest customers were not customers yet', () => {
    const same = segmentMovement(table, DEFAULT_RULES, asOf, asOf);
    const k = DEFAULT_RULES.length;
    const sizes = segmentsReport(table, asOf, DEFAULT_RULES).rows.map((r) => r.customers);
    same.counts.slice(0, k).forEach((row, i) => expect(row[i]).toBe(sizes[i]));
    expect(same.counts[k].every((v) => v === 0)).toBe(true);
    const moved = segmentMovement(table, DEFAULT_RULES, day('2024-03-31'), asOf);
    // C2 (first bought 28 Jun) is new, C9 (15 Jun) a potential loyalist; the eight others existed on 31 March.
    const newcomers = moved.counts[k];
    expect(newcomers[SEGMENTS.indexOf('new')]).toBe(1);
    expect(newcomers[SEGMENTS.indexOf('potentialLoyalists')]).toBe(1);
    expect(newcomers.reduce((a, v) => a + v, 0)).toBe(2);
    expect(moved.counts.flat().reduce((a, v) => a + v, 0)).toBe(10);
  });
});

describe('lists to act on', () => {
  const report = segmentsReport(table, asOf, DEFAULT_RULES);

  it('at risk: C6 bought every 30.5 days and has been silent 177, over twice that; valued at a year of their spending', () => {
    const list = atRiskList(report, DEFAULT_LIST_RULES.atRisk, null);
    expect(list.entries.map((e) => idOf(e.customer))).toEqual(['C6']);
    // 450 spent over 239 days (5 Nov 2023 to 30 Jun 2024, both counted): 450 × 365.25 / 239.
    expect(list.entries[0].value).toBeCloseTo((450 * 365.25) / 239, 9);
    expect(list.entries[0].usualGap).toBe(30.5);
  });

  it('win back: silent 180 days or more and spent at least the median customer (320): only C8, not C7 (40)', () => {
    const list = winBackList(report, DEFAULT_LIST_RULES.winBack, null);
    expect(list.entries.map((e) => [idOf(e.customer), e.value])).toEqual([['C8', 600]]);
  });

  it('grow: of the active frequent buyers (C1 100, C3 80, C5 200 an order), C3 is below the median 100', () => {
    const list = growList(report, DEFAULT_LIST_RULES.grow, null);
    expect(list.entries.map((e) => idOf(e.customer))).toEqual(['C3']);
    // 4 purchases in 122 days (1 Mar to 30 Jun) is 4 × 365.25 / 122 a year, each 20 below the median.
    expect(list.entries[0].value).toBeCloseTo(((4 * 365.25) / 122) * 20, 9);
  });

  it('with a model, a customer whose P(alive) fell below the threshold is at risk, valued at CLV ÷ P(alive)', () => {
    const n = table.customerIds.length;
    const pAlive = new Float64Array(n).fill(0.9), clv = new Float64Array(n).fill(10);
    const c5 = table.customerIds.indexOf('C5');
    pAlive[c5] = 0.4;
    clv[c5] = 120;
    const list = atRiskList(report, DEFAULT_LIST_RULES.atRisk, { pAlive, clv });
    expect(list.entries.map((e) => [idOf(e.customer), e.value])).toEqual([['C5', 300], ['C6', 10 / 0.9]]);
  });
});

describe('value by origin', () => {
  const input = rfmInput(table, asOf);

  it('by the month of the first purchase, in time order', () => {
    const report = valueByOrigin(table, input, 'month', null)!;
    // 2024-03: C1 500 (5 purchases), C3 320 (4), C10 10 (1) → 3 customers, 830 / 3, two of three came back.
    expect(report.rows.map((r) => [r.origin, r.customers, Math.round(r.averageHistoricalClv * 100) / 100, Math.round(r.repeatRate * 1000) / 1000])).toEqual([
      ['2023-07', 2, 700, 1], ['2023-09', 1, 40, 0], ['2023-11', 1, 450, 1], ['2024-02', 1, 120, 1], ['2024-03', 3, 276.67, 0.667], ['2024-06', 2, 45, 0.5],
    ]);
  });

  it('by the first product, largest first, with customers whose first row has none counted apart', () => {
    const productOf: Record<string, string> = { C1: 'Tea', C3: 'Tea', C5: 'Coffee', C8: 'Coffee', C10: '' };
    const names = ['Cake', 'Tea', 'Coffee', ''];
    const withProducts = { ...table, productNames: names, product: Uint32Array.from({ length: table.length }, (_, i) => names.indexOf(productOf[table.customerIds[table.customer[i]]] ?? 'Cake')) };
    const report = valueByOrigin(withProducts, input, 'product', null)!;
    // Cake: C2 50, C4 120, C6 450, C7 40, C9 40 → 700 / 5 = 140; C4, C6 and C9 bought again.
    expect(report.rows.map((r) => [r.origin, r.customers, r.averageHistoricalClv, r.repeatRate])).toEqual([['Cake', 5, 140, 0.6], ['Coffee', 2, 700, 1], ['Tea', 2, 410, 1]]);
    expect(report.unknown).toBe(1);
    expect(valueByOrigin(table, input, 'channel', null)).toBeNull();
  });
});
