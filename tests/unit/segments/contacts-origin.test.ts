/**
 * What the mapping keeps for campaigns and origins, on the Shopify export of tests/fixtures/platforms (figures by
 * hand from the file): the discount code and the billing name are found by their headers (the Email column is the
 * customer id, so it stays the id); each customer's contact is their last non-empty name; the first order's discount
 * code is the origin; RFM's money is net of the refunded amounts (ann 50 + 80 − 15 = 115).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { customerContacts, rfmInput, valueByOrigin } from '../../../src/core/segments';
import { tableDayRange } from '../../../src/core/figures';
import { run } from '../../fixtures/import/helpers';

const shopify = readFileSync(fileURLToPath(new URL('../../fixtures/platforms/shopify-orders.csv', import.meta.url)));
const { table, report } = run(new Uint8Array(shopify), {}, 'shopify-orders.csv');
const code = (id: string) => table.customerIds.indexOf(id);

describe('columns kept for campaigns and origins', () => {
  it('finds the discount code and the customer name by their headers; the email that is the id stays the id', () => {
    expect(report.mapping).toMatchObject({ customer: 1, discountCode: 12, customerName: 22, email: null, phone: null });
  });

  it('gives each customer the last non-empty name in the file', () => {
    const contacts = customerContacts(table);
    expect(contacts.fields).toEqual(['name']);
    expect(contacts.of(code('ann@example.com'))).toEqual({ name: 'Ann Lee' });
    expect(contacts.of(code('dan@example.com'))).toEqual({ name: 'Dan Ho' });
  });

  it('nets refunded amounts out of RFM money', () => {
    const input = rfmInput(table, tableDayRange(table)!.max);
    const money = new Map(Array.from(input.customer, (c, i) => [table.customerIds[c], input.monetary[i]]));
    expect(money.get('ann@example.com')).toBeCloseTo(115, 9);
    expect(money.get('bob@example.com')).toBeCloseTo(75.36, 9);
    expect(money.get('dan@example.com')).toBeCloseTo(45, 9);
  });

  it('breaks lifetime value down by the first order’s discount code', () => {
    // ann's first order #1001 and bob's #1002 have no code; dan's first, #1006, is SAMPLE100 (his later WELCOME5 is not).
    const report = valueByOrigin(table, rfmInput(table, tableDayRange(table)!.max), 'discount', null)!;
    expect(report.unknown).toBe(2);
    expect(report.rows).toEqual([{ origin: 'SAMPLE100', customers: 1, averageHistoricalClv: 45, averagePredictedClv: null, repeatRate: 1 }]);
  });

  it('takes an order’s code from whichever of its lines holds it', () => {
    const { table: t } = run('order,customer,date,amount,coupon code\nA1,c1,2024-01-01,10,\nA1,c1,2024-01-01,5,SPRING\nA2,c1,2024-02-01,7,OTHER\nB1,c2,2024-01-03,9,\n');
    const r = valueByOrigin(t, rfmInput(t, tableDayRange(t)!.max), 'discount', null)!;
    expect(r.rows.map((row) => [row.origin, row.customers])).toEqual([['SPRING', 1]]);
    expect(r.unknown).toBe(1);
  });
});
