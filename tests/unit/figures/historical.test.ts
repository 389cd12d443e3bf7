import { describe, expect, it } from 'vitest';
import { datasetFigures, historicalFigures, historyCustomers } from '../../../src/core/figures';
import { median, medianOfCounts } from '../../../src/core/figures/stats';
import { groupCustomerDays } from '../../../src/core/figures/customer-days';
import { day, tableFromRows, type LiteralRow } from '../../fixtures/figures/build-table';

/*
 * [customer, date, amount, order, cost]
 * A: o1 on 01-10 (100 cost 60, 50 cost 30), o2 on 03-15 (80 cost 40), refund 03-20 −30 (cost −18: goods back)
 *    gross 230, net 200, profit 40 + 20 + 40 − 12 = 88, orders 2, purchase days 2, rows 3, lifespan 65 days.
 * B: o3 on 02-01 300 cost 150 → gross = net = 300, profit 150, 1 order, lifespan 0.
 * C: o4 01-05 40 (cost unknown), o5 01-05 60 cost 30, o6 06-04 100 cost 50 → gross = net = 200,
 *    profit unknown (NaN) without a margin; with 40%: 40·0.4 + 30 + 50 = 96. 3 orders, 2 purchase days,
 *    lifespan 01-05 → 06-04 = 26 + 29 + 31 + 30 + 31 + 4 = 151 days.
 * D: a refund only (−20) → not a buying customer, but its refund counts in the totals.
 */
const ROWS: LiteralRow[] = [
  ['A', '2024-01-10', 100, 'o1', 60],
  ['A', '2024-01-10', 50, 'o1', 30],
  ['C', '2024-01-05', 40, 'o4'],
  ['C', '2024-01-05', 60, 'o5', 30],
  ['B', '2024-02-01', 300, 'o3', 150],
  ['A', '2024-03-15', 80, 'o2', 40],
  ['A', '2024-03-20', -30, 'r1', -18],
  ['D', '2024-04-01', -20, 'r2', -10],
  ['C', '2024-06-04', 100, 'o6', 50],
];

describe('historicalFigures', () => {
  const table = tableFromRows(ROWS);
  const h = historicalFigures(table);
  const ids = Array.from(historyCustomers(h.perCustomer), (c) => table.customerIds[c]);

  it('counts an order once per customer when its lines are apart, for customers of few rows and of many', () => {
    // E: o7, o8, then o7 again on a later line → 2 orders. F: 20 lines cycling over o9, o10, o11 → 3 orders (more rows
    // than the few compared with each other).
    const rows: LiteralRow[] = [
      ['E', '2024-01-10', 10, 'o7'],
      ['E', '2024-01-10', 20, 'o8'],
      ['F', '2024-01-11', 1, 'o9'],
      ['E', '2024-01-10', 30, 'o7'],
      ...Array.from({ length: 19 }, (_, i): LiteralRow => ['F', '2024-01-11', 1, ['o10', 'o11', 'o9'][i % 3]]),
    ];
    const figures = historicalFigures(tableFromRows(rows));
    expect(Array.from(figures.perCustomer.orders)).toEqual([2, 3]);
    expect(figures.orders).toBe(5);
  });

  it('counts a file of orders (each row an order of its own) without reading the codes, as the general count does', () => {
    // G: three orders over two days, a refund row (not a purchase); H: one order of 0 (a free order is a purchase).
    const rows: LiteralRow[] = [
      ['G', '2024-01-10', 10, '#1'],
      ['H', '2024-01-10', 0, '#2'],
      ['G', '2024-01-10', 20, '#3'],
      ['G', '2024-02-01', -5, '#4'],
      ['G', '2024-02-02', 30, '#5'],
    ];
    const eachOwn = tableFromRows(rows);
    expect(eachOwn.orderCodes).toEqual({ count: 5, blank: -1 });
    // The same codes said to run over one more id: the count no longer matches the rows, so each code is read.
    const general = { ...eachOwn, orderCodes: { count: 6, blank: -1 } };
    for (const table of [eachOwn, general]) {
      const figures = historicalFigures(table);
      expect(Array.from(figures.perCustomer.orders)).toEqual([3, 1]);
      expect(figures.orders).toBe(4);
      expect(datasetFigures(table).orders).toBe(4);
    }
  });

  it('builds the per-customer history', () => {
    expect(ids).toEqual(['A', 'C', 'B']); // customer-index order (order of first appearance)
    const p = h.perCustomer;
    expect(Array.from(p.firstDay)).toEqual([day('2024-01-10'), day('2024-01-05'), day('2024-02-01')]);
    expect(Array.from(p.lastDay)).toEqual([day('2024-03-15'), day('2024-06-04'), day('2024-02-01')]);
    expect(Array.from(p.orders)).toEqual([2, 3, 1]);
    expect(Array.from(p.purchaseDays)).toEqual([2, 2, 1]);
    // Purchase rows and gross revenue per customer are the grouping's (no column of the history holds them).
    const g = groupCustomerDays(table);
    expect(Array.from(historyCustomers(p), (c) => g.rowStart[c + 1] - g.rowStart[c])).toEqual([3, 3, 1]);
    expect(Array.from(historyCustomers(p), (c) => Array.from(g.total.subarray(g.dayStart[c], g.dayStart[c + 1]), (v) => v / g.totalScale).reduce((a, b) => a + b, 0))).toEqual([230, 200, 300]);
    expect(Array.from(p.netRevenue)).toEqual([200, 200, 300]);
    expect(Array.from(p.grossProfit!)).toEqual([88, NaN, 150]);
  });

  it('computes the dashboard totals and ratios', () => {
    // Buyers A, B, C; D has a refund only: 4 customers with a row. Purchases are the 6 orders (o1 has two lines).
    expect(h.customers).toBe(3);
    expect(h.customersWithRows).toBe(4);
    expect(h.refundOnlyCustomers).toBe(1);
    expect(h.purchases).toBe(6);
    expect(h.lineItems).toBe(7);
    expect(h.orders).toBe(6);
    expect(h.ordersCountedBy).toBe('order-id');
    expect(h.hasAmounts).toBe(true);
    expect(h.grossRevenue).toBe(730);
    expect(h.refunds).toBe(2);
    expect([h.refundRows, h.refundRowsTotal, h.refundedOrders, h.refundedTotal]).toEqual([2, 50, 0, 0]);
    expect(h.refundTotal).toBe(50);
    expect(h.netRevenue).toBe(680); // 730 − 30 − 20
    // CLV's numerator: the buyers' net, 680 less D's −20 = 700 (net per buyer 200, 200, 300).
    expect(h.buyersNetRevenue).toBe(700);
    // Each card as its division, with the counts the other cards show: 6 orders, 3 buyers, 2 repeaters (A, C), 7 lines.
    expect(h.repeatCustomers).toBe(2);
    expect(h.ratios).toEqual({
      averageOrderValue: { value: 730 / 6, numerator: 730, denominator: 6 },
      purchaseFrequency: { value: 2, numerator: 6, denominator: 3 },
      repeatCustomerRate: { value: 2 / 3, numerator: 2, denominator: 3 },
      netRevenuePerCustomer: { value: 700 / 3, numerator: 700, denominator: 3 },
      lineItemsPerOrder: { value: 7 / 6, numerator: 7, denominator: 6 },
      refundShare: { value: 50 / 730, numerator: 50, denominator: 730 },
    });
    expect(h.clv.revenueMean).toBeCloseTo(h.ratios.netRevenuePerCustomer.value, 12);
    expect(h.averageOrderValue).toBeCloseTo(730 / 6, 12);
    expect(h.purchaseFrequency).toBe(2); // 6 orders / 3 customers
    expect(h.repeatCustomerRate).toBeCloseTo(2 / 3, 12); // A and C have ≥ 2 orders
    expect(h.lifespanDays).toEqual({ mean: (65 + 151 + 0) / 3, median: 65 });
    expect(h.firstPurchaseDay).toBe(day('2024-01-05'));
    expect(h.lastPurchaseDay).toBe(day('2024-06-04'));
    expect(h.dataYears).toBeCloseTo(152 / 365.25, 12); // 01-05 … 06-04, both days counted
  });

  it('computes historical CLV by revenue and, where cost is known, by profit', () => {
    // Net per customer 200, 200, 300: mean 700/3, median 200. Profit known for A (88) and B (150) only.
    expect(h.clv.revenueMean).toBeCloseTo(700 / 3, 12);
    expect(h.clv.revenueMedian).toBe(200);
    expect(h.clv.profitMean).toBe(119);
    expect(h.clv.profitMedian).toBe(119);
    // Margin over the customers with known profit: (88 + 150) / (200 + 300) = 0.476.
    expect(h.margin.source).toBe('cost');
    expect(h.margin.rate).toBeCloseTo(0.476, 12);
    expect(h.margin.coverage).toBeCloseTo(2 / 3, 12);
  });

  it('fills unknown costs from a margin percent', () => {
    const m = historicalFigures(table, { marginPercent: 40 });
    expect(Array.from(m.perCustomer.grossProfit!)).toEqual([88, 96, 150]);
    expect(m.margin.source).toBe('cost-and-margin-percent');
    expect(m.margin.rate).toBeCloseTo(334 / 700, 12);
    expect(m.margin.coverage).toBe(1);
    expect(m.clv.profitMean).toBeCloseTo(334 / 3, 12);
    expect(m.clv.profitMedian).toBe(96);
  });

  it('has no profit without cost or margin, and counts purchase days as orders without an order column', () => {
    const bare = tableFromRows(ROWS.map(([c, d, a]) => [c, d, a] as LiteralRow));
    const b = historicalFigures(bare);
    expect(b.margin).toEqual({ source: 'none', rate: null, coverage: 0 });
    expect(b.clv.profitMean).toBeNull();
    expect(b.ordersCountedBy).toBe('purchase-day');
    expect(b.orders).toBe(5); // A 2 days, C 2 days, B 1 day
    expect(b.averageOrderValue).toBe(730 / 5);
    const margin = historicalFigures(bare, { marginPercent: 25 });
    expect(margin.margin.source).toBe('margin-percent');
    expect(Array.from(margin.perCustomer.grossProfit!)).toEqual([50, 50, 75]);
    expect(margin.margin.rate).toBe(0.25);
    expect([margin.clv.revenueMedian, margin.clv.profitMedian, margin.lifespanDays.median]).toEqual([200, 50, 65]);
    // A fourth customer (E, 260 on one day): medians of an even count average the middle two.
    const even = historicalFigures(tableFromRows([...ROWS.map(([c, d, a]) => [c, d, a] as LiteralRow), ['E', '2024-02-02', 260]]), { marginPercent: 25 });
    // Nets 200, 200, 300, 260 → 230; profits 50, 50, 75, 65 → 57.5; lifespans 65, 151, 0, 0 → 32.5 days.
    expect([even.clv.revenueMedian, even.clv.profitMedian, even.lifespanDays.median]).toEqual([230, 57.5, 32.5]);
  });

  it('takes the median of whole numbers by counting, as a sort would give it', () => {
    let seed = 5;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const n of [1, 2, 3, 10, 11, 1_000, 1_001]) {
      const values = Float64Array.from({ length: n }, () => Math.floor(random() * (n < 20 ? 4 : 400)));
      const counts = new Uint32Array(401);
      for (const v of values) counts[v]++;
      expect(medianOfCounts(counts, n)).toBe(median(values));
    }
    expect(medianOfCounts(new Uint32Array(11), 0)).toBeNaN();
  });

  it('measures monthly activity and churn', () => {
    // Purchase months: A Jan, Mar (span 3); C Jan, Jun (span 6); B Feb (span 1) → 5 customer-months, mean span 10/3.
    expect(h.monthly.customerMonths).toBe(5);
    expect(h.monthly.meanMonthsRetained).toBeCloseTo(10 / 3, 12);
    // Active Jan 2 (A, C), Feb 1 (B), Mar 1 (A), Apr and May none (skipped), Jun last. Nobody came back the next month.
    expect(h.monthly.churnByMonth).toEqual([
      { month: '2024-01', active: 2, retained: 0, rate: 1 },
      { month: '2024-02', active: 1, retained: 0, rate: 1 },
      { month: '2024-03', active: 1, retained: 0, rate: 1 },
    ]);
    expect(h.monthly.monthlyChurn).toBe(1);
    expect(h.monthly.observedCustomerMonths).toBe(4);
  });

  it('fills in the owner formulas', () => {
    const f = Object.fromEntries(h.formulas.map((x) => [x.id, x]));
    expect(h.formulas.map((x) => x.id)).toEqual(['subscription', 'historical', 'aov-frequency-lifespan', 'churn']);
    // Subscription: 700 net of buyers / 5 customer-months = 140 a month × 10/3 months = 466.67.
    expect(f.subscription.inputs.map((i) => i.value)).toEqual([140, 10 / 3]);
    expect(f.subscription.value).toBeCloseTo(1400 / 3, 9);
    expect(f.subscription.caveat).toMatch(/steady monthly price/);
    // Historical: 700/3 per customer × 0.476 margin = 111.0667.
    expect(f.historical.value).toBeCloseTo((700 / 3) * 0.476, 9);
    expect(f.historical.inputs[1]).toEqual({ key: 'grossMargin', name: 'Gross margin', value: expect.closeTo(0.476, 12), unit: 'share' });
    // AOV 730/6 × (6/3 orders ÷ 152/365.25 years) × (72/365.25 years) × 0.476 = 730·2·72/(6·152) × 0.476 = 54.8653.
    expect(f['aov-frequency-lifespan'].value).toBeCloseTo(((730 * 2 * 72) / (6 * 152)) * 0.476, 9);
    expect(f['aov-frequency-lifespan'].inputs.map((i) => i.unit)).toEqual(['currency', 'orders/year', 'years', 'share']);
    // Churn: only 4 customer-months observed → no value, and the caveat says why.
    expect(f.churn.value).toBeNull();
    expect(f.churn.caveat).toMatch(/only 4 customer-months/);
    expect(f.churn.notes.map((n) => [n.code, n.vars])).toEqual([['churn-too-few', { observed: 4, needed: 30 }]]);
  });

  it('computes revenue concentration', () => {
    // Net per customer ascending 200, 200, 300 (total 700). Top 1%, 10%, 20% of 3 customers is 1 customer: 300/700.
    expect(h.concentration.topShares.map((t) => [t.top, t.customers])).toEqual([[0.01, 1], [0.1, 1], [0.2, 1]]);
    for (const t of h.concentration.topShares) expect(t.share).toBeCloseTo(3 / 7, 12);
    // Gini = Σ(2i − n − 1)·v / (n·Σv) = (−2·200 + 0·200 + 2·300) / (3·700) = 200/2100.
    expect(h.concentration.gini).toBeCloseTo(2 / 21, 12);
    expect(h.concentration.lorenz).toEqual([
      { x: 0, y: 0 },
      { x: 1 / 3, y: 2 / 7 },
      { x: 2 / 3, y: 4 / 7 },
      { x: 1, y: 1 },
    ]);
  });
});

describe('refunds written on an order, and files without amounts', () => {
  /*
   * [customer, date, amount, order, cost, refunded]
   * A: #1 100 (refunded 30), #2 40 → gross 140, refunds 30, net 110. B: #3 50 and a refund row −10 → gross 50, net 40.
   * C: #4 0 (a free order: a purchase). Totals: gross 190; refunds 2 (#1's refunded amount, B's row), 40; net 150.
   */
  const rows: LiteralRow[] = [
    ['A', '2024-01-02', 100, '#1', undefined, 30],
    ['A', '2024-02-03', 40, '#2', undefined, 0],
    ['B', '2024-01-05', 50, '#3', undefined, 0],
    ['B', '2024-01-20', -10, 'R1', undefined, 0],
    ['C', '2024-03-01', 0, '#4', undefined, 0],
  ];
  const h = historicalFigures(tableFromRows(rows));

  it('count as refunds in money and number, and reduce the customer’s net', () => {
    expect([h.customers, h.orders, h.purchases, h.lineItems]).toEqual([3, 4, 4, 4]);
    expect(h.grossRevenue).toBe(190);
    expect([h.refunds, h.refundRows, h.refundRowsTotal, h.refundedOrders, h.refundedTotal, h.refundTotal]).toEqual([2, 1, 10, 1, 30, 40]);
    expect(h.netRevenue).toBe(150);
    expect(Array.from(h.perCustomer.netRevenue)).toEqual([110, 40, 0]);
    // AOV = gross ÷ orders = 190 / 4; frequency = orders ÷ buyers = 4 / 3.
    expect(h.averageOrderValue).toBe(47.5);
    expect(h.purchaseFrequency).toBeCloseTo(4 / 3, 12);
  });

  it('a purchase log has real counts and unknown money', () => {
    const log = historicalFigures(tableFromRows(rows.map(([c, d, a, o]) => [c, d, Math.max(a, 0) * 0, o] as LiteralRow), { withoutAmounts: true }));
    expect(log.hasAmounts).toBe(false);
    expect([log.customers, log.orders, log.lineItems]).toEqual([3, 5, 5]);
    for (const v of [log.grossRevenue, log.refundTotal, log.netRevenue, log.averageOrderValue, log.clv.revenueMean, log.buyersNetRevenue]) expect(v).toBeNaN();
    expect(log.purchaseFrequency).toBeCloseTo(5 / 3, 12);
  });
});

describe('churn-based CLV', () => {
  it('divides monthly ARPU by the average monthly churn', () => {
    // 40 customers buy 10 in January; 30 of them again in February; 15 of those in March.
    // Churn Jan = 10/40 = 0.25, Feb = 15/30 = 0.5 → mean 0.375. ARPU = 850 / 85 customer-months = 10.
    // No cost or margin: margin 100% (with a caveat) → CLV = 10 / 0.375 = 26.67.
    const rows: LiteralRow[] = [];
    for (let i = 0; i < 40; i++) {
      rows.push([`c${i}`, '2024-01-10', 10]);
      if (i < 30) rows.push([`c${i}`, '2024-02-10', 10]);
      if (i < 15) rows.push([`c${i}`, '2024-03-10', 10]);
    }
    const h = historicalFigures(tableFromRows(rows));
    expect(h.monthly.monthlyChurn).toBeCloseTo(0.375, 12);
    expect(h.monthly.observedCustomerMonths).toBe(70);
    const churn = h.formulas.find((f) => f.id === 'churn')!;
    expect(churn.inputs.map((i) => i.value)).toEqual([10, 1, 0.375]);
    expect(churn.value).toBeCloseTo(10 / 0.375, 9);
    expect(churn.notes.map((n) => n.code)).toEqual(['month-gap-churn', 'no-margin']);
    expect(churn.caveat).toMatch(/margin is taken as 100%/);
  });

  it('gives no value when nobody churns', () => {
    // 40 customers buying every month: churn 0 → no finite CLV.
    const rows: LiteralRow[] = [];
    for (let i = 0; i < 40; i++) for (const m of ['01', '02', '03']) rows.push([`c${i}`, `2024-${m}-10`, 10]);
    const churn = historicalFigures(tableFromRows(rows)).formulas.find((f) => f.id === 'churn')!;
    expect(churn.value).toBeNull();
    expect(churn.caveat).toMatch(/No churn/);
  });
});
