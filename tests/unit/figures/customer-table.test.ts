/**
 * The customer table kept in the worker: a view's order (search and sort), the window of rows the page draws, and
 * the view's CSV. Expected values worked out by hand from the four customers below.
 */
import { describe, expect, it } from 'vitest';
import { customerCsv, customerOrder, customerRows, FIRST_VIEW, isFirstView, type CustomerView } from '../../../src/core/figures/customer-table';
import type { CustomerHistory } from '../../../src/core/figures';
import { dayToIso } from '../../../src/core/figures/dates';

// Codes 0–3 are listed in the order 3, 0, 1, 2 (a table's customers need not be in code order).
const ids = ['C10', 'C2', 'alpha', 'Beta'];
const history: CustomerHistory = {
  customer: Uint32Array.from([0, 1, 2, 3]),
  firstDay: Int32Array.from([5, 1, 3, 2]),
  lastDay: Int32Array.from([9, 1, 8, 2]),
  orders: Uint32Array.from([3, 1, 2, 1]),
  purchaseDays: Uint32Array.from([3, 1, 2, 1]),
  netRevenue: Float64Array.from([30, -5, 25, 5]),
  grossProfit: Float64Array.from([10, NaN, 8, 1]),
};
const view = (query: string, column: CustomerView['column'], ascending: boolean): CustomerView => ({ query, column, ascending });

describe('customer table order', () => {
  it('sorts by a number either way, keeping unknown profit last', () => {
    expect([...customerOrder(history, ids, view('', 'net', false))]).toEqual([0, 2, 3, 1]);
    expect([...customerOrder(history, ids, view('', 'net', true))]).toEqual([1, 3, 2, 0]);
    expect([...customerOrder(history, ids, view('', 'profit', true))]).toEqual([3, 2, 0, 1]);
    expect([...customerOrder(history, ids, view('', 'profit', false))]).toEqual([0, 2, 3, 1]);
    expect([...customerOrder(history, ids, view('', 'first', true))]).toEqual([1, 3, 2, 0]);
  });

  it('sorts ids naturally (C2 before C10) and filters case-insensitively', () => {
    expect([...customerOrder(history, ids, view('', 'id', true))].map((i) => ids[i])).toEqual(['alpha', 'Beta', 'C2', 'C10']);
    expect([...customerOrder(history, ids, view('c1', 'id', true))]).toEqual([0]);
    expect([...customerOrder(history, ids, view(' BE ', 'net', false))]).toEqual([3]);
  });

  it('knows the first view (largest net revenue first, no search), blanks around a search included', () => {
    expect(isFirstView(FIRST_VIEW)).toBe(true);
    expect(isFirstView(view('  ', 'net', false))).toBe(true);
    expect(isFirstView(view('a', 'net', false))).toBe(false);
    expect(isFirstView(view('', 'net', true))).toBe(false);
    expect(isFirstView(view('', 'orders', false))).toBe(false);
  });
});

describe('customer table rows', () => {
  const order = customerOrder(history, ids, FIRST_VIEW); // C10, alpha, Beta, C2

  it('gives the window asked for, column by column, with the counts', () => {
    const rows = customerRows(history, ids, order, 1, 3);
    expect(rows).toMatchObject({ total: 4, shown: 4, from: 1, ids: ['alpha', 'Beta'] });
    expect(Array.from(rows.firstDay)).toEqual([3, 2]);
    expect(Array.from(rows.lastDay)).toEqual([8, 2]);
    expect(Array.from(rows.orders)).toEqual([2, 1]);
    expect(Array.from(rows.purchaseDays)).toEqual([2, 1]);
    expect(Array.from(rows.netRevenue)).toEqual([25, 5]);
    expect(Array.from(rows.grossProfit)).toEqual([8, 1]);
  });

  it('clamps a window past either end of the view, and counts what a search keeps', () => {
    expect(customerRows(history, ids, order, -60, 2).ids).toEqual(['C10', 'alpha']);
    const tail = customerRows(history, ids, order, 3, 70);
    expect([tail.from, tail.ids]).toEqual([3, ['C2']]);
    expect(Array.from(tail.grossProfit)).toEqual([NaN]);
    const beyond = customerRows(history, ids, order, 10, 70);
    expect([beyond.from, beyond.ids.length]).toEqual([4, 0]);
    const searched = customerRows(history, ids, customerOrder(history, ids, view('c', 'id', true)), 0, 60);
    expect(searched).toMatchObject({ total: 4, shown: 2, from: 0, ids: ['C2', 'C10'] });
  });
});

describe('customer table CSV', () => {
  it('lists every row of the view, dates as ISO days, money to the cent, unknown profit blank', () => {
    const order = customerOrder(history, ids, view('', 'net', false));
    const text = customerCsv(history, ids, order, { dated: true, profit: true });
    // Day 0 is 1970-01-01.
    expect(text).toBe(
      '\uFEFFcustomer,first_purchase,last_purchase,orders,purchase_days,net_revenue,gross_profit\r\n' +
        'C10,1970-01-06,1970-01-10,3,3,30,10\r\n' +
        'alpha,1970-01-04,1970-01-09,2,2,25,8\r\n' +
        'Beta,1970-01-03,1970-01-03,1,1,5,1\r\n' +
        'C2,1970-01-02,1970-01-02,1,1,-5,\r\n',
    );
  });

  it('leaves out the dates of an undated summary and the profit where there is none, and keeps only the search', () => {
    const order = customerOrder(history, ids, view('alp', 'net', false));
    expect(customerCsv(history, ids, order, { dated: false, profit: false })).toBe('\uFEFFcustomer,orders,purchase_days,net_revenue\r\nalpha,2,2,25\r\n');
  });

  it('keeps an id that starts like a formula from running in a spreadsheet', () => {
    const evil: CustomerHistory = { ...history, customer: Uint32Array.of(0), firstDay: Int32Array.of(0), lastDay: Int32Array.of(0), orders: Uint32Array.of(1), purchaseDays: Uint32Array.of(1), netRevenue: Float64Array.of(1), grossProfit: Float64Array.of(NaN) };
    const text = customerCsv(evil, ['=HYPERLINK("x")'], Uint32Array.of(0), { dated: false, profit: false });
    expect(text.split('\r\n')[1].startsWith('=')).toBe(false);
  });
});

describe('customer table CSV in parts', () => {
  it('joins to the text a plain CSV writer gives, past several parts, with the last part short', async () => {
    const { toCsv } = await import('../../../src/core/export/csv');
    const { customerCsvParts, CSV_PART_ROWS } = await import('../../../src/core/figures/customer-table');
    const n = 2 * CSV_PART_ROWS + 7;
    const many: CustomerHistory = {
      customer: Uint32Array.from({ length: n }, (_, i) => i),
      firstDay: Int32Array.from({ length: n }, (_, i) => 19_000 + (i % 400)),
      lastDay: Int32Array.from({ length: n }, (_, i) => 19_400 + (i % 400)),
      orders: Uint32Array.from({ length: n }, (_, i) => 1 + (i % 9)),
      purchaseDays: Uint32Array.from({ length: n }, (_, i) => 1 + (i % 7)),
      netRevenue: Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? -i : i) * 1.005),
      grossProfit: Float64Array.from({ length: n }, (_, i) => (i % 11 === 0 ? NaN : i * 0.3)),
    };
    const manyIds = Array.from({ length: n }, (_, i) => (i % 1_000 === 3 ? `=SUM(A${i})` : i % 777 === 1 ? `shop, "${i}"` : `K${i}`));
    const order = Uint32Array.from({ length: n }, (_, k) => n - 1 - k);
    const parts = customerCsvParts(many, manyIds, order, { dated: true, profit: true });
    expect(parts.length).toBe(4); // the header, two full parts and seven rows
    const plain = toCsv(
      ['customer', 'first_purchase', 'last_purchase', 'orders', 'purchase_days', 'net_revenue', 'gross_profit'],
      Array.from(order, (i) => [manyIds[i], dayToIso(many.firstDay[i]), dayToIso(many.lastDay[i]), many.orders[i], many.purchaseDays[i], Number(many.netRevenue[i].toFixed(2)), !many.grossProfit || Number.isNaN(many.grossProfit[i]) ? '' : Number(many.grossProfit[i].toFixed(2))]),
    );
    expect(parts.join('') === plain).toBe(true);
    expect(customerCsvParts(many, manyIds, new Uint32Array(0), { dated: false, profit: false })).toEqual(['\uFEFFcustomer,orders,purchase_days,net_revenue\r\n']);
  });
});
