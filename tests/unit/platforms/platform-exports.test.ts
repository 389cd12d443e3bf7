/**
 * `npm run analyze -- <file>` with no column flags on a small export of each platform (tests/fixtures/platforms/):
 * the file must be understood as it comes. Every expected figure is worked out by hand in that folder's README.md
 * (orders listed one by one, which count, their totals); none is copied from a run.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeFile, parseArgs } from '../../../src/cli/analyze';
import { restoreSnapshot, type SnapshotV1 } from '../../../src/core/snapshot';
import { SHARED_DATA } from '../forecast/reference-files';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/platforms/${name}`, import.meta.url));

/** What the README computes for a file, in the snapshot's words. */
interface Expected {
  currency: string | null;
  rowsRead: number;
  rowsRejected: number;
  /** Customers with a counted purchase (no refund-only customers in these files, so dataset and historical agree). */
  customers: number;
  /** Counted orders (each once, however many lines), or counted rows in a file without an order id. */
  orders: number;
  /** Counted rows (the orders' lines). */
  lineItems: number;
  /** Whether the file has an order-id column (then `dataset.orders` is written). */
  hasOrderId: boolean;
  grossRevenue: number;
  refunds: number;
  refundTotal: number;
  netRevenue: number;
  firstDate: string;
  lastDate: string;
  /** Rows left out for their status, by status as written, most rows first then by name. */
  excluded: [status: string, rows: number][];
}

const cases: [file: string, expected: Expected][] = [
  ['shopify-orders.csv', {
    currency: 'USD', rowsRead: 15, rowsRejected: 0, customers: 3, orders: 6, lineItems: 10, hasOrderId: true,
    grossRevenue: 250.36, refunds: 1, refundTotal: 15, netRevenue: 235.36, firstDate: '2024-01-05', lastDate: '2024-03-15',
    excluded: [['refunded', 2], ['authorized', 1], ['pending', 1], ['voided', 1]],
  }],
  // The same orders with the item lines holding only the order's Name and the item (Email, Created at and every
  // other order field left blank there, as some Shopify exports and the tools built on them have it).
  ['shopify-orders-sparse.csv', {
    currency: 'USD', rowsRead: 15, rowsRejected: 0, customers: 3, orders: 6, lineItems: 10, hasOrderId: true,
    grossRevenue: 250.36, refunds: 1, refundTotal: 15, netRevenue: 235.36, firstDate: '2024-01-05', lastDate: '2024-03-15',
    excluded: [['refunded', 2], ['authorized', 1], ['pending', 1], ['voided', 1]],
  }],
  ['haravan-orders.csv', {
    currency: 'VND', rowsRead: 11, rowsRejected: 0, customers: 3, orders: 5, lineItems: 8, hasOrderId: true,
    grossRevenue: 2_119_000, refunds: 1, refundTotal: 70_000, netRevenue: 2_049_000, firstDate: '2024-01-06', lastDate: '2024-03-08',
    excluded: [['Đã hoàn tiền', 2], ['Chưa thanh toán', 1]],
  }],
  ['sapo-orders.csv', {
    currency: 'VND', rowsRead: 11, rowsRejected: 0, customers: 5, orders: 8, lineItems: 8, hasOrderId: true,
    grossRevenue: 7_530_000, refunds: 1, refundTotal: 50_000, netRevenue: 7_480_000, firstDate: '2024-01-05', lastDate: '2024-03-30',
    excluded: [['Chưa thanh toán', 3]],
  }],
  ['shopee-vn-orders.csv', {
    currency: 'VND', rowsRead: 12, rowsRejected: 0, customers: 3, orders: 5, lineItems: 9, hasOrderId: true,
    grossRevenue: 1_135_000, refunds: 0, refundTotal: 0, netRevenue: 1_135_000, firstDate: '2024-01-05', lastDate: '2024-03-01',
    excluded: [['Đã hủy', 2], ['Chờ xác nhận', 1]],
  }],
  ['shopee-th-orders.csv', {
    currency: 'THB', rowsRead: 12, rowsRejected: 0, customers: 3, orders: 5, lineItems: 10, hasOrderId: true,
    grossRevenue: 3185.5, refunds: 0, refundTotal: 0, netRevenue: 3185.5, firstDate: '2024-01-05', lastDate: '2024-03-02',
    excluded: [['ยกเลิกแล้ว', 1], ['ยังไม่ชำระ', 1]],
  }],
  ['lazada-orders.csv', {
    currency: null, rowsRead: 11, rowsRejected: 0, customers: 4, orders: 5, lineItems: 8, hasOrderId: true,
    grossRevenue: 3195.5, refunds: 1, refundTotal: 50, netRevenue: 3145.5, firstDate: '2024-01-05', lastDate: '2024-03-03',
    excluded: [['canceled', 1], ['returned', 1], ['unpaid', 1]],
  }],
  ['tiktok-shop-orders.csv', {
    currency: null, rowsRead: 11, rowsRejected: 0, customers: 3, orders: 5, lineItems: 9, hasOrderId: true,
    grossRevenue: 167.94, refunds: 1, refundTotal: 5, netRevenue: 162.94, firstDate: '2024-01-05', lastDate: '2024-03-01',
    excluded: [['Cancelled', 1], ['Unpaid', 1]],
  }],
  ['woocommerce-orders.csv', {
    currency: 'EUR', rowsRead: 13, rowsRejected: 0, customers: 5, orders: 8, lineItems: 8, hasOrderId: true,
    grossRevenue: 315.4, refunds: 1, refundTotal: 20, netRevenue: 295.4, firstDate: '2024-01-05', lastDate: '2024-03-20',
    excluded: [['cancelled', 1], ['failed', 1], ['on-hold', 1], ['pending', 1], ['refunded', 1]],
  }],
  ['stripe-payments.csv', {
    currency: 'USD', rowsRead: 10, rowsRejected: 1, customers: 3, orders: 6, lineItems: 6, hasOrderId: true,
    grossRevenue: 266.5, refunds: 1, refundTotal: 4, netRevenue: 262.5, firstDate: '2024-01-05', lastDate: '2024-03-22',
    excluded: [['Failed', 2], ['Refunded', 1]],
  }],
  ['stripe-invoices.csv', {
    currency: 'EUR', rowsRead: 10, rowsRejected: 0, customers: 3, orders: 5, lineItems: 5, hasOrderId: false,
    grossRevenue: 186, refunds: 0, refundTotal: 0, netRevenue: 186, firstDate: '2024-01-01', lastDate: '2024-03-10',
    excluded: [['open', 2], ['draft', 1], ['uncollectible', 1], ['void', 1]],
  }],
];

describe('npm run analyze on a purchase log without amounts', () => {
  it('counts customers and purchases, says the money is unknown, and fits the count models', async () => {
    // ../shared/data/grocery/groceryElog.csv (customer, date): 10,483 rows, 1,525 customers, 2006-01-01 to
    // 2007-12-30 (data/README.md); no customer buys twice on one day, so purchases = rows = purchase days.
    const s = await analyzeFile(parseArgs([resolve(SHARED_DATA, 'grocery/groceryElog.csv')]));
    expect(s.dataset).toMatchObject({ rowsRead: 10_483, rowsRejected: 0, customers: 1_525, purchases: 10_483, lineItems: 10_483, refunds: 0, netRevenue: 0, withoutAmounts: true, firstDate: '2006-01-01', lastDate: '2007-12-30' });
    expect(s.historical).toMatchObject({ customers: 1_525, purchases: 10_483, grossRevenue: null, refundTotal: null, netRevenue: null, averageOrderValue: null, purchaseFrequency: Number((10_483 / 1_525).toFixed(6)) });
    expect(s.models?.bgnbd?.r).toBeGreaterThan(0);
    expect(restoreSnapshot(JSON.stringify(s))).toMatchObject({ ok: true, notes: [] });
  });
});

describe('npm run analyze on platform exports, no column flags', () => {
  it.each(cases)('%s gives the hand-computed figures', async (file, e) => {
    const s: SnapshotV1 = await analyzeFile(parseArgs([fixture(file)]));
    const d = s.dataset;
    const excludedRows = e.excluded.reduce((sum, [, rows]) => sum + rows, 0);
    expect({
      currency: d.currency, rowsRead: d.rowsRead, rowsAccepted: d.rowsAccepted, rowsRejected: d.rowsRejected,
      customers: d.customers, purchases: d.purchases, orders: d.orders, lineItems: d.lineItems, refunds: d.refunds,
      netRevenue: d.netRevenue, firstDate: d.firstDate, lastDate: d.lastDate,
      excluded: d.excluded?.map((x) => [x.status, x.count]),
    }).toEqual({
      currency: e.currency, rowsRead: e.rowsRead, rowsAccepted: e.rowsRead - e.rowsRejected, rowsRejected: e.rowsRejected,
      customers: e.customers, purchases: e.orders, orders: e.hasOrderId ? e.orders : undefined, lineItems: e.lineItems,
      refunds: e.refunds, netRevenue: e.netRevenue, firstDate: e.firstDate, lastDate: e.lastDate, excluded: e.excluded,
    });
    // Every row is counted, left out for its status, or rejected.
    expect(e.lineItems + excludedRows + e.rowsRejected).toBe(e.rowsRead);
    const h = s.historical!;
    expect({ customers: h.customers, purchases: h.purchases, orders: h.orders, grossRevenue: h.grossRevenue, refundTotal: h.refundTotal, netRevenue: h.netRevenue })
      .toEqual({ customers: e.customers, purchases: e.orders, orders: e.orders, grossRevenue: e.grossRevenue, refundTotal: e.refundTotal, netRevenue: e.netRevenue });
    expect(h.ordersCountedBy).toBe(e.hasOrderId ? 'order-id' : 'purchase-day');
    // Average order value = gross revenue ÷ orders, the two figures above.
    expect(h.averageOrderValue).toBe(Number((e.grossRevenue / e.orders).toFixed(6)));
    // The snapshot opens again: its parts agree by every rule restore checks (orders, line items, exclusions).
    expect(restoreSnapshot(JSON.stringify(s))).toMatchObject({ ok: true, notes: [] });
  });
});
