/**
 * Historical figures and dataset figures on UCI Online Retail, against the reference customer history
 * (plain pandas on the cleaned rows; see /work/shared/reference/README.md).
 */
import { describe, expect, it } from 'vitest';
import { cohorts, customerAt, datasetFigures, historicalFigures, historyCustomers } from '../../../src/core/figures';
import { day } from '../../fixtures/figures/build-table';
import { groupCustomerDays } from '../../../src/core/figures/customer-days';
import { loadOnlineRetail, readReferenceCsv } from '../../fixtures/figures/real-data';

describe('Online Retail customer history', () => {
  const { table } = loadOnlineRetail();
  const h = historicalFigures(table);
  const reference = readReferenceCsv('online_retail/online_retail_customer_history.csv');

  it('matches first and last purchase day, invoices, purchase days, lines and gross revenue for every customer', () => {
    // Comparable one to one: the reference's cleaned rows are our purchase rows less the 40 zero-price lines with a
    // customer (checked in summary-reference.test.ts), so its n_invoices = our orders (distinct invoice numbers
    // among purchase rows), n_lines = purchase rows, total_revenue = gross revenue, and its timestamps floored to the
    // day = our days, for every customer without a free line. Those with one differ by exactly their free lines.
    // NOT comparable: our net revenue also subtracts the customer's refunds (the 'C' invoices), which the
    // reference dropped; 33 customers with refunds only are not buyers on either side, and 13256 (refunds and one
    // free line) is a buyer only here.
    expect(reference.header).toEqual([
      'customer_id', 'first_purchase', 'last_purchase', 'n_invoices', 'n_purchase_days', 'n_lines', 'total_revenue',
    ]);
    const k = new Map<string, number>();
    historyCustomers(h.perCustomer).forEach((c, i) => k.set(table.customerIds[c], i));
    expect(h.customers).toBe(reference.rows.length + 1);
    const p = h.perCustomer;
    const freeLines = new Map<string, number>();
    for (let i = 0; i < table.length; i++) {
      if (table.amount[i] !== 0) continue;
      const id = table.customerIds[table.customer[i]];
      freeLines.set(id, (freeLines.get(id) ?? 0) + 1);
    }
    // A customer's purchase rows and gross revenue are the grouping's (no column of the history holds them).
    const g = groupCustomerDays(table);
    const purchaseRows = (c: number) => g.rowStart[c + 1] - g.rowStart[c];
    const grossRevenue = (c: number) => Array.from(g.total.subarray(g.dayStart[c], g.dayStart[c + 1]), (v) => v / g.totalScale).reduce((a, b) => a + b, 0);
    const mismatches: string[] = [];
    for (const [id, first, last, invoices, days, lines, revenue] of reference.rows) {
      const i = k.get(id);
      if (
        i === undefined ||
        p.firstDay[i] !== day(first.slice(0, 10)) ||
        p.lastDay[i] !== day(last.slice(0, 10)) ||
        p.orders[i] !== Number(invoices) ||
        p.purchaseDays[i] !== Number(days) ||
        purchaseRows(customerAt(p, i)) !== Number(lines) + (freeLines.get(id) ?? 0) ||
        Math.abs(grossRevenue(customerAt(p, i)) - Number(revenue)) > 1e-9 * Math.abs(Number(revenue))
      ) {
        mismatches.push(id);
      }
    }
    // Days or invoices differ only where a free line fell on a day (12748, 17560: summary-reference.test.ts) or an
    // invoice (those two and 14646) of its own.
    expect(mismatches).toEqual(['12748', '14646', '17560']);
  });

  it('matches the README totals, with the 40 free lines as purchases', () => {
    // README: 4,338 customers, 397,884 clean rows, 18,532 invoices, 8,911,407.904. The free lines add one buyer
    // (13256), 40 lines and 4 invoices of their own, and nothing to revenue (counted from the raw file).
    expect(h.customers).toBe(4_339);
    expect(h.refundOnlyCustomers).toBe(4_372 - 4_339);
    expect(h.lineItems).toBe(397_884 + 40);
    expect(h.orders).toBe(18_532 + 4);
    // With an order id, purchases are the orders.
    expect(h.purchases).toBe(h.orders);
    expect(h.grossRevenue).toBeCloseTo(8_911_407.904, 3);
    // Customers with 2 or more invoices: the reference's 2,845 (the free invoices went to customers who had two
    // already, and 13256 has one), now out of 4,339 buyers.
    const twoOrMore = reference.rows.filter((r) => Number(r[3]) >= 2).length;
    expect(twoOrMore).toBe(2_845);
    expect(h.repeatCustomerRate).toBe(2_845 / 4_339);
    expect(h.netRevenue).toBeCloseTo(datasetFigures(table).netRevenue, 6);
    expect(h.netRevenue).toBeCloseTo(h.grossRevenue - h.refundTotal, 6);
    // Revenue is very concentrated (many customers are wholesalers).
    expect(h.concentration.lorenz.length).toBeLessThanOrEqual(200);
    expect(h.concentration.gini).toBeGreaterThan(0.6);
    expect(h.concentration.topShares[2].share).toBeGreaterThan(0.6);
  });

  it('keeps Σ per-customer net revenue + refund-only customers equal to the dataset net', () => {
    const buyers = h.perCustomer.netRevenue.reduce((a, b) => a + b, 0);
    const refundOnly = h.netRevenue - buyers;
    expect(refundOnly).toBeLessThan(0);
    // The monthly cohorts hold every accepted amount once.
    const cohortTotal = cohorts(table, 'month').rows.reduce((s, r) => s + r.revenue.reduce((a, b) => a + b, 0), 0);
    expect(cohortTotal).toBeCloseTo(h.netRevenue, 4);
  });
});

describe('Online Retail dataset figures', () => {
  it('sums all 541,909 rows to the cent', () => {
    // The data README: Σ Quantity × UnitPrice over all rows = 9,747,747.93.
    const all = loadOnlineRetail(true).table;
    expect(all.length).toBe(541_909);
    const f = datasetFigures(all);
    expect(Math.abs(f.netRevenue - 9_747_747.93)).toBeLessThan(0.005);
    expect(f.firstDate).toBe('2010-12-01');
    expect(f.lastDate).toBe('2011-12-09');
  });

  it('counts the accepted rows (with a customer) by the contract definitions', () => {
    const { table } = loadOnlineRetail();
    const f = datasetFigures(table);
    expect(table.length).toBe(406_829);
    // 4,372 customers; 397,924 purchase rows (the 397,884 cleaned rows and 40 free ones); refunds = rows with a
    // negative amount, which here are the 8,905 'C' invoice lines with a customer.
    expect(f.customers).toBe(4_372);
    expect(f.lineItems).toBe(397_884 + 40);
    // Purchases are (customer, invoice) pairs with a purchase line: the same 18,536 as the customer history's orders.
    expect(f.purchases).toBe(18_536);
    expect(f.orders).toBe(18_536);
    expect(f.refunds).toBe(406_829 - 397_884 - 40);
  });
});
