/**
 * Orders, not lines, and statuses: an order counts once however its export spreads it over lines (its total on the
 * first line only, repeated on every line, or line amounts to add up), and rows whose status is not a purchase are
 * left out, counted by status. Every expected value below is worked out by hand from the rows shown.
 */
import { describe, expect, it } from 'vitest';
import { datasetFigures } from '../../../src/core/figures';
import { statusVerdict, StatusRules } from '../../../src/core/import/statuses';
import { RowAcceptor } from '../../../src/core/import/accept-rows';
import { settleMapping } from '../../../src/core/import/import-options';
import { amounts, ids, isoDates, mapping, rejectCounts, run } from '../../fixtures/import/helpers';

const lines = (...rows: string[]) => rows.join('\n') + '\n';

describe('every row counted, with an order\'s refund repeated on its lines', () => {
  // No status column: every row counts. Three orders of two lines repeat their refund on both lines (what makes the
  // refund column read as per order): #7 (10 + 20) refunded 12, #8 (40 + 5) refunded 5, #10 (8 + 2) refunded 3; #9
  // (one line of 15) none. Each refund goes once, on its order's first line: 12 + 5 + 3 = 20.
  const file = lines(
    'Order ID,Customer,Date,Line total,Refunded',
    '#7,ann,2024-03-01,10.00,12.00',
    '#7,ann,2024-03-01,20.00,12.00',
    '#8,bob,2024-03-02,40.00,5.00',
    '#8,bob,2024-03-02,5.00,5.00',
    '#9,ann,2024-03-05,15.00,0.00',
    '#10,cat,2024-03-06,8.00,3.00',
    '#10,cat,2024-03-06,2.00,3.00',
  );
  const { table, report } = run(file, { mapping: mapping({ orderId: 0, customer: 1, date: 2, amount: 3, refunded: 4 }) });

  it('keeps every row and places each order\'s refund once', () => {
    expect(report).toMatchObject({ rowsRead: 7, rowsAccepted: 7, rowsRejected: 0 });
    expect(amounts(table)).toEqual([10, 20, 40, 5, 15, 8, 2]);
    expect(Array.from(table.refunded!)).toEqual([12, 0, 5, 0, 0, 3, 0]);
    expect(datasetFigures(table).refundTotal).toBe(20);
  });
});

describe('an order total on its first line (Shopify)', () => {
  const file = lines(
    'Name,Email,Financial Status,Fulfillment Status,Currency,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Refunded Amount',
    '#1001,ann@example.com,paid,fulfilled,USD,50.00,2024-01-05 10:00:00 +0700,1,Shirt,20.00,0.00',
    '#1001,ann@example.com,,,,,2024-01-05 10:00:00 +0700,1,Hat,25.00,',
    '#1002,bob@example.com,refunded,unfulfilled,USD,30.00,2024-01-06 09:00:00 +0700,1,Mug,30.00,30.00',
    '#1003,ann@example.com,partially_refunded,fulfilled,USD,80.00,2024-02-01 12:00:00 +0700,2,Shirt,20.00,15.00',
    '#1003,ann@example.com,,,,,2024-02-01 12:00:00 +0700,1,Hat,25.00,',
    '#1003,ann@example.com,,,,,2024-02-01 12:00:00 +0700,1,Cap,15.00,',
    '#1004,cat@example.com,voided,,USD,12.00,2024-02-03 08:00:00 +0700,1,Pin,12.00,0.00',
    '#1005,cat@example.com,pending,,USD,45.00,2024-02-04 08:00:00 +0700,1,Bag,45.00,0.00',
    '#1006,dan@example.com,paid,fulfilled,USD,0.00,2024-02-05 08:00:00 +0700,1,Free sample,0.00,0.00',
  );
  const { table, report, sniff } = run(file, {}, 'orders_export.csv');

  it('finds the order (Name), the customer, the date (Created at), the total, the financial status and the refunds', () => {
    expect(sniff.mapping).toEqual(mapping({ orderId: 0, customer: 1, status: 2, amount: 5, date: 6, refunded: 10 }));
    // The payment status decides; the fulfilment status is the other candidate.
    expect(sniff.statusColumns).toEqual([{ column: 2, kind: 'payment' }, { column: 3, kind: 'fulfilment' }]);
  });

  it('counts each order once: the total on its first line, 0 on its item lines, none rejected for an empty total', () => {
    // Counted: #1001 (2 lines), #1003 (3 lines), #1006 (1 line). Left out: #1002 refunded, #1004 voided, #1005 pending.
    expect(report).toMatchObject({ rowsRead: 9, rowsAccepted: 9, rowsRejected: 0, orderAmounts: 'total-on-one-line', currency: 'USD' });
    expect(ids(table)).toEqual(['ann@example.com', 'ann@example.com', 'ann@example.com', 'ann@example.com', 'ann@example.com', 'dan@example.com']);
    expect(amounts(table)).toEqual([50, 0, 80, 0, 0, 0]);
    // The partial refund of #1003 sits on the line that carries its total.
    expect(Array.from(table.refunded!)).toEqual([0, 0, 15, 0, 0, 0]);
    expect(report.warnings.map((w) => w.code)).toEqual(['order-total-on-one-line']);
  });

  it('lists the left-out rows by status with their orders, and every status found', () => {
    expect(report.excluded).toEqual([
      { status: 'pending', count: 1, orders: 1 },
      { status: 'refunded', count: 1, orders: 1 },
      { status: 'voided', count: 1, orders: 1 },
    ]);
    // Blank cells on item lines take their order's status: "paid" is 3 rows (#1001 × 2, #1006) in 2 orders.
    expect(report.statuses).toEqual([
      { status: 'paid', rows: 3, orders: 2, counts: true },
      { status: 'partially_refunded', rows: 3, orders: 1, counts: true },
      { status: 'pending', rows: 1, orders: 1, counts: false },
      { status: 'refunded', rows: 1, orders: 1, counts: false },
      { status: 'voided', rows: 1, orders: 1, counts: false },
    ]);
    // bob (refunded only) and cat (voided and pending) bought nothing counted.
    expect(report.excludedOnlyCustomers).toBe(2);
    expect(table.customerIds).toEqual(['ann@example.com', 'dan@example.com']);
    // Three orders remain (#1001, #1003, #1006), renumbered 0-2 in file order.
    expect(table.orderCodes).toEqual({ count: 3, blank: -1 });
  });

  it('the sniff shows the statuses of the sampled rows with their orders and default verdicts', () => {
    expect(sniff.statusValues[0]).toEqual({
      column: 2,
      values: [
        { value: 'paid', rows: 3, orders: 2, counts: true, known: true },
        { value: 'partially_refunded', rows: 3, orders: 1, counts: true, known: true },
        { value: 'pending', rows: 1, orders: 1, counts: false, known: true },
        { value: 'refunded', rows: 1, orders: 1, counts: false, known: true },
        { value: 'voided', rows: 1, orders: 1, counts: false, known: true },
      ],
    });
  });

  it('the user’s ticks override the defaults, compared without case', () => {
    const { table: t, report: r } = run(file, { statusChoices: [['Pending', true], ['PAID', false]] });
    // Now #1005 (45) counts and #1001, #1006 do not: #1003 (80, refund 15) and #1005 (45) remain.
    expect(amounts(t)).toEqual([80, 0, 0, 45]);
    expect(r.excluded!.map((e) => [e.status, e.count])).toEqual([['paid', 3], ['refunded', 1], ['voided', 1]]);
  });
});

describe('an order total repeated on every line (Shopee)', () => {
  const file = lines(
    'Mã đơn hàng,Ngày đặt hàng,Trạng Thái Đơn Hàng,Người Mua,Tên sản phẩm,Số lượng,Tổng giá trị đơn hàng (VND)',
    '2401A,15/01/2024 10:15,Hoàn thành,lan.nguyen,Áo thun,1,350.000',
    '2401A,15/01/2024 10:15,Hoàn thành,lan.nguyen,Mũ,2,350.000',
    '2401B,16/01/2024 08:00,Đã hủy,minh.tran,Áo thun,1,200.000',
    '2401B,16/01/2024 08:00,Đã hủy,minh.tran,Mũ,1,200.000',
    '2402C,03/02/2024 20:40,Hoàn thành,lan.nguyen,Túi,1,150.000',
    '2402D,04/02/2024 09:05,Đang giao,hoa.le,Áo thun,1,90.000',
    '2402D,04/02/2024 09:05,Đang giao,hoa.le,Tất,3,90.000',
  );
  const { table, report, sniff } = run(file);

  it('takes each order’s total once, on its first line', () => {
    expect(sniff.mapping).toMatchObject({ orderId: 0, date: 1, status: 2, customer: 3, amount: 6 });
    // 2401A 350,000 + 2402C 150,000 + 2402D 90,000 (in delivery counts) = 590,000; 2401B cancelled.
    expect(report).toMatchObject({ rowsRead: 7, rowsAccepted: 7, rowsRejected: 0, orderAmounts: 'total-repeated', currency: 'VND' });
    expect(amounts(table)).toEqual([350_000, 0, 150_000, 90_000, 0]);
    expect(report.excluded).toEqual([{ status: 'Đã hủy', count: 2, orders: 1 }]);
    expect(datasetFigures(table).netRevenue).toBe(590_000);
    expect(report.warnings.map((w) => w.code)).toContain('order-total-repeated');
  });
});

describe('line amounts', () => {
  it('are summed over an order when its lines differ (Lazada), each line with its own status', () => {
    const file = lines(
      'orderNumber,createTime,customerEmail,paidPrice,status,refundAmount',
      '301,2024-03-01 10:00,a@x.th,100,delivered,0',
      '301,2024-03-01 10:00,a@x.th,40,canceled,0',
      '301,2024-03-01 10:00,a@x.th,25,delivered,5',
      '302,2024-03-02 11:00,b@x.th,60,delivered,0',
    );
    const { table, report } = run(file);
    expect(report.orderAmounts).toBe('line');
    // Order 301: 100 + 25 counted, the cancelled 40 left out; its 5 refunded on the line that holds it.
    expect(amounts(table)).toEqual([100, 25, 60]);
    expect(Array.from(table.refunded!)).toEqual([0, 5, 0]);
    expect(report.excluded).toEqual([{ status: 'canceled', count: 1, orders: 1 }]);
  });

  it('equal values on an order’s lines are line amounts when the header says so, or when too few orders show it', () => {
    const two = (header: string, orders: number) =>
      run(lines(`order,customer,date,${header}`, ...Array.from({ length: orders }, (_, o) => [`A${o},c${o},2024-01-0${o + 1},10`, `A${o},c${o},2024-01-0${o + 1},10`]).flat()));
    // "Line total" names a line amount: 10 + 10 per order.
    expect(two('Line total', 3).report.orderAmounts).toBe('line');
    expect(amounts(two('Line total', 3).table)).toEqual([10, 10, 10, 10, 10, 10]);
    // "amount" says nothing: one or two such orders could be two equal items, three repeat a total.
    expect(two('amount', 2).report.orderAmounts).toBe('line');
    expect(two('amount', 3).report.orderAmounts).toBe('total-repeated');
    expect(amounts(two('amount', 3).table)).toEqual([10, 0, 10, 0, 10, 0]);
  });

  it('an empty amount is rejected with its line and text when the file holds line amounts', () => {
    const file = lines('order,customer,date,amount', 'A1,c1,2024-01-01,10', 'A1,c1,2024-01-01,12', 'A2,c2,2024-01-02,', 'A3,c3,2024-01-03,7');
    const { table, report } = run(file);
    expect(report.orderAmounts).toBe('line');
    expect(amounts(table)).toEqual([10, 12, 7]);
    expect(report.rejected).toEqual([
      { code: 'missing-amount', reason: 'Amount is empty (column "amount")', vars: { column: 'amount' }, count: 1, examples: [{ line: 4, text: 'A2,c2,2024-01-02,' }] },
    ]);
    expect(report.rowsRead).toBe(report.rowsAccepted + report.rowsRejected);
  });

  it('rows with a blank order id are orders of their own', () => {
    const file = lines('order,customer,date,amount', ',c1,2024-01-01,10', ',c1,2024-01-01,10', ',c1,2024-01-01,10', 'B,c2,2024-01-02,5');
    const { table, report } = run(file);
    // Three blank-id rows are not one order repeating 10: they are three rows worth 10 each.
    expect(report.orderAmounts).toBe('one-line');
    expect(amounts(table)).toEqual([10, 10, 10, 5]);
  });
});

describe('status words', () => {
  it.each([
    // Purchases.
    ['paid', true], ['Paid', true], ['partially_refunded', true], ['Partially refunded', true], ['partially_paid', true], ['fulfilled', true],
    ['wc-completed', true], ['wc-processing', true], ['Completed', true], ['Delivered', true], ['Shipped', true], ['To ship', true],
    ['Awaiting shipment', true], ['succeeded', true], ['ready_to_ship', true],
    ['Hoàn thành', true], ['Đã giao', true], ['Đã thanh toán', true], ['Hoàn tiền một phần', true], ['Đang giao', true], ['Chờ lấy hàng', true],
    ['สำเร็จแล้ว', true], ['ชำระเงินแล้ว', true], ['จัดส่งสำเร็จ', true], ['คืนเงินบางส่วน', true], ['ที่ต้องจัดส่ง', true],
    // Not purchases.
    ['cancelled', false], ['Canceled', false], ['voided', false], ['failed', false], ['Failed', false], ['pending', false], ['unpaid', false],
    ['refunded', false], ['Refunded', false], ['authorized', false], ['expired', false], ['wc-cancelled', false], ['wc-on-hold', false],
    ['wc-pending', false], ['wc-refunded', false], ['wc-failed', false], ['wc-checkout-draft', false], ['open', false], ['void', false],
    ['uncollectible', false], ['draft', false], ['returned', false],
    ['Đã hủy', false], ['Đã huỷ', false], ['Hủy', false], ['Chưa thanh toán', false], ['Chờ thanh toán', false], ['Chờ xác nhận', false],
    ['Hoàn tiền', false], ['Đã hoàn tiền', false], ['Trả hàng/Hoàn tiền', false], ['Giao hàng thất bại', false],
    ['ยกเลิกแล้ว', false], ['ยังไม่ชำระเงิน', false], ['คืนเงินแล้ว', false], ['คืนเงิน/คืนสินค้า', false], ['ไม่สำเร็จ', false], ['รอชำระเงิน', false],
  ] as const)('%j counts: %s', (value, counts) => {
    expect(statusVerdict(value)).toEqual({ counts, known: true });
  });

  it('a word no rule knows counts, and says it is unknown; "Đang vận chuyển" is not "hủy" inside a word', () => {
    expect(statusVerdict('Frobnicated')).toEqual({ counts: true, known: false });
    expect(statusVerdict('Đang vận chuyển')).toEqual({ counts: true, known: true });
    expect(statusVerdict('constructor')).toEqual({ counts: true, known: false });
    expect(new StatusRules([['__proto__', false]]).counts('__proto__')).toBe(false);
    expect(new StatusRules().counts('toString')).toBe(true);
  });

  it('a status column found by its values alone decides too', () => {
    const file = lines('customer,date,amount,x', 'A,2024-01-01,10,paid', 'B,2024-01-02,20,cancelled', 'A,2024-01-03,5,paid');
    const { table, report, sniff } = run(file);
    expect(sniff.mapping.status).toBe(3);
    expect(amounts(table)).toEqual([10, 5]);
    expect(rejectCounts(report)).toEqual({});
    expect(report.excluded).toEqual([{ status: 'cancelled', count: 1 }]);
  });
});

describe('item lines that leave the customer and date to their order', () => {
  // #1 has its email and date on its second line, not its first; #2's lines have no email at all; the last row has
  // no order id, so its empty email is an empty email.
  const file = lines(
    'Name,Email,Financial Status,Total,Created at,Lineitem name',
    '#1,,,,,Hat',
    '#1,ann@example.com,paid,30.00,2024-03-05 10:00:00 +0700,Shirt',
    '#1,,,,,Cap',
    '#2,,paid,12.00,2024-03-06 11:00:00 +0700,Pin',
    '#2,,,,2024-03-06 11:00:00 +0700,Mug',
    ',,paid,9.00,2024-03-07 12:00:00 +0700,Bag',
  );
  const { table, report } = run(file, { mapping: mapping({ orderId: 0, customer: 1, status: 2, amount: 3, date: 4, product: 5 }) });

  it('take them from the line of their order that has them, wherever it is', () => {
    expect(ids(table)).toEqual(['ann@example.com', 'ann@example.com', 'ann@example.com']);
    expect(isoDates(table)).toEqual(['2024-03-05', '2024-03-05', '2024-03-05']);
    expect(amounts(table)).toEqual([0, 30, 0]);
    expect(datasetFigures(table)).toMatchObject({ customers: 1, purchases: 1, lineItems: 3, netRevenue: 30 });
  });

  it('are rejected for the empty cell when no line of the order has it, as a row without an order id is', () => {
    // #2's two lines (lines 5 and 6) and the row without an order (line 7): 3 × "Customer id is empty".
    expect(rejectCounts(report)).toEqual({ 'missing-customer': 3 });
    expect(report.rejected[0].examples.map((e) => e.line)).toEqual([5, 6, 7]);
    expect(report).toMatchObject({ rowsRead: 6, rowsAccepted: 3, rowsRejected: 3 });
  });
});

describe('a file of orders, each row an order of its own', () => {
  const options = { mapping: mapping({ orderId: 0, customer: 1, date: 2, amount: 3, status: 4 }) };
  const head = 'Order,Customer,Date,Amount,Status';

  it('keeps no order codes while each row is its own order, and counts each once, statuses included', () => {
    const state = new RowAcceptor({ fileName: 'o.csv', totalBytes: 0, encoding: 'utf-8', delimiter: ',', hasHeader: true, ...options }, settleMapping(options.mapping));
    state.reader.pushText(lines(head, '#1,ann,2024-01-01,10,paid', '#2,bob,2024-01-02,20,voided', '#3,ann,2024-01-03,30,paid'));
    state.reader.end();
    expect(state.labels.order!.codes).toBeNull();
    const { table, report } = run(lines(head, '#1,ann,2024-01-01,10,paid', '#2,bob,2024-01-02,20,voided', '#3,ann,2024-01-03,x,paid', '#4,ann,2024-01-04,40,paid'), options);
    expect(report).toMatchObject({ rowsRead: 4, rowsAccepted: 3, rowsRejected: 1, orderAmounts: 'one-line' });
    expect(report.excluded).toEqual([{ status: 'voided', count: 1, orders: 1 }]);
    expect(report.statuses).toEqual([
      { status: 'paid', rows: 2, orders: 2, counts: true },
      { status: 'voided', rows: 1, orders: 1, counts: false },
    ]);
    expect([table.order, table.orderCodes, amounts(table)]).toEqual([null, { count: 2, blank: -1 }, [10, 40]]);
  });

  it('makes the codes as soon as an id comes back, or one is blank, with the rows before numbered as they were', () => {
    const state = new RowAcceptor({ fileName: 'o.csv', totalBytes: 0, encoding: 'utf-8', delimiter: ',', hasHeader: true, ...options }, settleMapping(options.mapping));
    state.reader.pushText(lines(head, '#1,ann,2024-01-01,10,paid', '#2,bob,2024-01-02,20,paid', '#1,ann,2024-01-01,5,paid', '#3,cat,2024-01-03,30,paid'));
    state.reader.end();
    expect(Array.from(state.labels.order!.codes!.data.subarray(0, 4))).toEqual([0, 1, 0, 2]);
    const repeated = run(lines(head, '#1,ann,2024-01-01,10,paid', '#2,bob,2024-01-02,20,paid', '#1,ann,2024-01-01,5,paid'), options);
    expect([repeated.table.orderCodes, Array.from(repeated.table.order!)]).toEqual([{ count: 2, blank: -1 }, [0, 1, 0]]);
    // A blank id: its own code, kept as the blank one (every such row an order apart, as before).
    const blank = run(lines(head, '#1,ann,2024-01-01,10,paid', ',bob,2024-01-02,20,paid', '#3,cat,2024-01-03,30,paid'), options);
    expect([blank.table.orderCodes, Array.from(blank.table.order ?? [])]).toEqual([{ count: 3, blank: 1 }, []]);
  });
});
