/**
 * Which column plays which role: from header names in English, Vietnamese and Thai (case, diacritics and
 * punctuation folded away), and from the values when there is no header or the names say nothing.
 */
import { describe, expect, it } from 'vitest';
import { sniff } from '../../../src/core/import';
import { foldName, nameScore } from '../../../src/core/import/header-names';
import type { ColumnMapping } from '../../../src/core/types';
import { mapping, rowsOf, run, utf8 } from '../../fixtures/import/helpers';

const guess = (text: string) => sniff(utf8(text), 'x.csv', utf8(text).length);

describe('folding names', () => {
  it.each([
    ['Customer ID', 'customerid'],
    ['customer_id', 'customerid'],
    ['CUSTOMER-ID', 'customerid'],
    ['  Order Date ', 'orderdate'],
    ['Mã khách hàng', 'makhachhang'],
    ['Mã Khách Hàng', 'makhachhang'],
    ['Đơn giá', 'dongia'],
    ['ĐƠN GIÁ', 'dongia'],
    ['Thành tiền (₫)', 'thanhtien'],
    ['Margin %', 'margin%'],
    ['รหัสลูกค้า', 'รหัสลูกค้า'],
    ['ยอดขาย (บาท)', 'ยอดขายบาท'],
  ])('%j → %j', (name, folded) => {
    expect(foldName(name)).toBe(folded);
  });

  it('scores whole-name matches 2, telling parts 1, others 0', () => {
    expect(nameScore('Customer ID', 'customer')).toBe(2);
    expect(nameScore('Customer full name', 'customer')).toBe(1);
    expect(nameScore('Country', 'customer')).toBe(0);
    expect(nameScore('Ngày mua', 'date')).toBe(2);
    expect(nameScore('Ngày giao hàng dự kiến', 'date')).toBe(1);
    expect(nameScore('วันที่', 'date')).toBe(2);
    expect(nameScore('', 'date')).toBe(0);
  });
});

describe('roles from header names', () => {
  it.each<[string, Partial<ColumnMapping>]>([
    // English
    ['Customer ID,Order Date,Total', { customer: 0, date: 1, amount: 2 }],
    ['customer_id,date,dollar_value', { customer: 0, date: 1, amount: 2 }],
    ['Date,Amount,CustomerID', { date: 0, amount: 1, customer: 2 }],
    ['Email,Created At,Grand Total,Sales Channel', { customer: 0, date: 1, amount: 2, channel: 3 }],
    ['Order ID,Client,Purchase Date,Revenue,SKU,Cost', { orderId: 0, customer: 1, date: 2, amount: 3, product: 4, cost: 5 }],
    ['Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country', { orderId: 0, product: 1, quantity: 3, date: 4, unitPrice: 5, customer: 6, amount: null }],
    ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country', { orderId: 0, product: 1, quantity: 3, date: 4, unitPrice: 5, customer: 6, amount: null }],
    ['member,day,spend,margin', { customer: 0, date: 1, amount: 2, margin: 3 }],
    // Vietnamese
    ['Mã đơn;Mã khách hàng;Ngày;Thành tiền', { orderId: 0, customer: 1, date: 2, amount: 3 }],
    ['Khách hàng;Ngày mua;Tổng tiền;Kênh bán', { customer: 0, date: 1, amount: 2, channel: 3 }],
    ['Mã KH;Ngày;Số lượng;Đơn giá;Sản phẩm', { customer: 0, date: 1, quantity: 2, unitPrice: 3, product: 4 }],
    ['Số điện thoại;Ngày đặt hàng;Doanh thu;Giá vốn', { customer: 0, date: 1, amount: 2, cost: 3 }],
    ['Mã hóa đơn;Khách;Thời gian;Tiền;Lợi nhuận', { orderId: 0, customer: 1, date: 2, amount: 3, margin: 4 }],
    // Thai
    ['รหัสลูกค้า,วันที่,ยอดขาย,ช่องทาง', { customer: 0, date: 1, amount: 2, channel: 3 }],
    ['ลูกค้า,วันที่ซื้อ,ยอดรวม,ต้นทุน', { customer: 0, date: 1, amount: 2, cost: 3 }],
    ['เลขที่ใบเสร็จ,ลูกค้า,วันที่,จำนวน,ราคา,สินค้า', { orderId: 0, customer: 1, date: 2, quantity: 3, unitPrice: 4, product: 5 }],
  ])('%s', (header, expected) => {
    const delimiter = header.includes(';') ? ';' : ',';
    const width = header.split(delimiter).length;
    // Values that fit every role, so that the names alone decide.
    const value = (col: number, row: number) =>
      col === expected.date ? `2024-01-0${row + 1}` : col === expected.customer ? `K${row % 2}` : col === expected.orderId || col === expected.product || col === expected.channel ? `X${row}` : `${row + 2}.5`;
    const rows = [0, 1, 2].map((r) => Array.from({ length: width }, (_, c) => value(c, r)).join(delimiter));
    const s = guess(`${header}\n${rows.join('\n')}\n`);
    expect(s.hasHeader).toBe(true);
    expect(s.mapping).toEqual(mapping({ ...expected }));
  });

  it('a column named like a date but holding no dates is not the date column', () => {
    const s = guess('customer,date,amount,order date\nA,soon,10,2024-01-05\nB,later,20,2024-01-06\nA,asap,5,2024-01-07\n');
    expect(s.mapping).toMatchObject({ customer: 0, date: 3, amount: 2 });
  });

  it('each column plays one role: a whole-name match beats a partial one', () => {
    // "Customer name" only suggests the customer; "Customer ID" names it.
    const s = guess('Customer name,Customer ID,Date,Amount\nAn Le,K1,2024-01-05,10.5\nAn Le,K1,2024-01-06,3.5\n');
    expect(s.mapping).toMatchObject({ customer: 1, date: 2, amount: 3 });
  });
});

describe('roles from values', () => {
  it('without a header: dates, then money, then the repeating id column', () => {
    const s = guess('A,2024-01-05,10.5\nB,2024-01-06,20.25\nA,2024-01-07,3.10\n');
    expect(s).toMatchObject({ hasHeader: false, header: ['Column 1', 'Column 2', 'Column 3'] });
    expect(s.mapping).toEqual(mapping({ customer: 0, date: 1, amount: 2 }));
  });

  it('CDNOW-like rows: YYYYMMDD is the date, the decimal column the amount (not the count of CDs)', () => {
    const s = guess('00001 19970101 1 11.77\n00002 19970112 1 12.00\n00002 19970112 5 77.00\n00003 19970102 2 20.76\n');
    expect(s).toMatchObject({ delimiter: 'whitespace', hasHeader: false });
    expect(s.mapping).toEqual(mapping({ customer: 0, date: 1, amount: 3 }));
  });

  it('names that say nothing: the values decide, and the header is still recognised', () => {
    const s = guess('x;y;z;w\nK1;05/01/2024;1.250.000 ₫;ghi chú một\nK2;17/01/2024;300.000 ₫;hai\nK1;20/02/2024;-450.000 ₫;ba\n');
    expect(s.hasHeader).toBe(true);
    expect(s.mapping).toEqual(mapping({ customer: 0, date: 1, amount: 2 }));
    expect(s.columns).toEqual([
      { name: 'x', kind: 'id' },
      { name: 'y', kind: 'date' },
      { name: 'z', kind: 'number' },
      { name: 'w', kind: 'text' },
    ]);
  });

  it('whole-number amounts (VND without decimals) are found too, after the ids', () => {
    const s = guess('a,b,c\nA,2024-01-05,150000\nB,2024-01-06,200000\nA,2024-01-07,99000\n');
    expect(s.mapping).toEqual(mapping({ customer: 0, date: 1, amount: 2 }));
  });

  it('a file where every customer bought once still has a customer column', () => {
    const { table, sniff: s } = run('name,day,value\nAn,2024-01-05,10\nBinh,2024-01-06,20\nChi,2024-01-07,30\n');
    expect(s.mapping).toEqual(mapping({ customer: 0, date: 1, amount: 2 }));
    expect(rowsOf(table)).toEqual([
      ['An', '2024-01-05', 10, 2],
      ['Binh', '2024-01-06', 20, 3],
      ['Chi', '2024-01-07', 30, 4],
    ]);
  });
});

describe('a mapping chosen by the user', () => {
  it('overrides the guess, and the report names the columns it used', () => {
    const text = 'buyer,seller,date,amount\nB1,S1,2024-01-05,10\nB2,S1,2024-01-06,20\n';
    const { table, report } = run(text, { mapping: mapping({ customer: 1, date: 2, amount: 3 }) });
    expect(table.customerIds).toEqual(['S1']);
    expect(report.mapping).toEqual(mapping({ customer: 1, date: 2, amount: 3 }));
  });

  it('without customer or date, createImporter says which column to choose; without a value the rows are a purchase log', () => {
    const text = 'a,b,c\nA,2024-01-05,1\n';
    expect(() => run(text, { mapping: mapping({ date: 1, amount: 2 }) })).toThrow('Choose the column that identifies the customer.');
    expect(() => run(text, { mapping: mapping({ customer: 0, amount: 2 }) })).toThrow('Choose the column that holds the order date.');
    // A quantity alone makes no value (an amount, or quantity × unit price, does): the row is a purchase, amount unknown.
    const { table } = run(text, { mapping: mapping({ customer: 0, date: 1, quantity: 2 }) });
    expect(rowsOf(table)).toEqual([['A', '2024-01-05', 0, 2]]);
    expect(table.withoutAmounts).toBe(true);
  });

  it('optional roles are read into the table: order, product, channel (dictionary-encoded) and cost', () => {
    const text = 'customer,date,amount,order,product,channel,cost\nA,2024-01-05,10,O1,Tea,Shop,4\nA,2024-01-05,6,O1,Cake,Shop,\nB,2024-01-06,20,O2,Tea,Web,7.5\n';
    const { table, sniff: s } = run(text);
    expect(s.mapping).toEqual(mapping({ customer: 0, date: 1, amount: 2, orderId: 3, product: 4, channel: 5, cost: 6 }));
    expect(table.orderCodes).toEqual({ count: 2, blank: -1 });
    expect(Array.from(table.order!)).toEqual([0, 0, 1]);
    expect(table.productNames).toEqual(['Tea', 'Cake']);
    expect(Array.from(table.product!)).toEqual([0, 1, 0]);
    expect(table.channelNames).toEqual(['Shop', 'Web']);
    expect(Array.from(table.channel!)).toEqual([0, 0, 1]);
    expect(Array.from(table.cost!)).toEqual([4, NaN, 7.5]);
  });

  it('a margin column becomes cost = amount − margin; a margin in % becomes cost = amount × (1 − margin)', () => {
    const amountMargin = run('customer,date,amount,margin\nA,2024-01-05,10,4\nB,2024-01-06,20,5.5\n').table;
    expect(Array.from(amountMargin.cost!)).toEqual([6, 14.5]);
    const percent = run('customer,date,amount,margin %\nA,2024-01-05,10,40\nB,2024-01-06,20,25\n').table;
    expect(Array.from(percent.cost!)).toEqual([6, 15]);
    const percentSigns = run('customer,date,amount,margin\nA,2024-01-05,10,40%\nB,2024-01-06,20,25%\n').table;
    expect(Array.from(percentSigns.cost!)).toEqual([6, 15]);
  });
});
