/** Billing columns, statuses and intervals as Stripe, Paddle, Chargebee and local gateways write them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { billingColumns, billingShape, inferInterval, intervalMonths, intervalName, isBillingHeader, parseInterval, paymentStatus, readBillingFile, subscriptionsReport, subscriptionStatus } from '../../../src/core/subscriptions';
import { dunning } from '../../../src/core/subscriptions/dunning';
import { addMonths } from '../../../src/core/subscriptions/intervals';
import { dayToIso, isoToDay } from '../../../src/core/figures/dates';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url)));
const encode = (text: string) => new TextEncoder().encode(text);

describe('billing columns', () => {
  it('tells billing exports from shop orders', () => {
    const head = (path: string) => new TextDecoder().decode(fixture(path)).split('\n')[0].split(',');
    expect(isBillingHeader(head('platforms/stripe-invoices.csv'))).toBe(true);
    expect(isBillingHeader(head('subscriptions/billing-invoices.csv'))).toBe(true);
    expect(isBillingHeader(head('subscriptions/subscription-list.csv'))).toBe(true);
    // A charges export without subscriptions, and shop orders, are not.
    for (const shop of ['platforms/stripe-payments.csv', 'platforms/shopify-orders.csv', 'platforms/woocommerce-orders.csv', 'platforms/haravan-orders.csv']) expect(isBillingHeader(head(shop))).toBe(false);
  });

  it('finds the roles of Stripe, Paddle Billing and Chargebee headers', () => {
    const stripe = billingColumns(['id', 'Customer', 'Date (UTC)', 'Status', 'Amount Due', 'Amount Paid', 'Total', 'Currency', 'Subscription']);
    expect([stripe.invoice, stripe.customer, stripe.date, stripe.status, stripe.amountPaid, stripe.amount, stripe.subscription]).toEqual([0, 1, 2, 3, 5, 6, 8]);
    const paddle = billingColumns(['id', 'status', 'customer_id', 'subscription_id', 'billed_at', 'currency_code', 'totals.total', 'billing_period.starts_at', 'billing_period.ends_at']);
    expect([paddle.customer, paddle.subscription, paddle.date, paddle.amount, paddle.periodStart, paddle.periodEnd]).toEqual([2, 3, 4, 6, 7, 8]);
    expect(billingShape(paddle)).toBe('payments');
    const chargebee = billingColumns(['Subscription Id', 'Customer Id', 'Plan Unit Price', 'Status', 'Started At', 'Cancelled At', 'Billing Period', 'Billing Period Unit']);
    expect([chargebee.subscription, chargebee.customer, chargebee.amount, chargebee.start, chargebee.canceledAt, chargebee.intervalCount, chargebee.interval]).toEqual([0, 1, 2, 4, 5, 6, 7]);
    expect(billingShape(chargebee)).toBe('subscriptions');
  });
});

describe('statuses', () => {
  it('counts only paid invoices and succeeded charges as revenue', () => {
    const of = (v: string) => paymentStatus(v).status;
    expect(['paid', 'succeeded', 'Completed', 'Thành công', 'สำเร็จ', 'partially_refunded', ''].map(of)).toEqual(['paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid']);
    expect(['open', 'draft', 'pending', 'posted', 'billed'].map(of)).toEqual(Array(5).fill('pending'));
    expect(['void', 'voided', 'canceled', 'Đã hủy'].map(of)).toEqual(Array(4).fill('void'));
    expect(['failed', 'uncollectible', 'past_due', 'payment_due', 'not_paid', 'unpaid', 'Thất bại', 'ไม่สำเร็จ'].map(of)).toEqual(Array(8).fill('failed'));
    expect(['refunded', 'Refunded'].map(of)).toEqual(['refunded', 'refunded']);
  });

  it('reads a subscription list status', () => {
    expect(['active', 'past_due', 'non_renewing', 'trialing', 'in_trial', 'canceled', 'cancelled', 'incomplete_expired'].map(subscriptionStatus)).toEqual(['paying', 'paying', 'paying', 'trial', 'trial', 'ended', 'ended', 'not-started']);
  });
});

describe('intervals', () => {
  it('reads interval cells in several shapes and languages', () => {
    const months = (cell: string, count = '') => {
      const i = parseInterval(cell, count);
      return i && intervalMonths(i);
    };
    expect([months('month'), months('Monthly'), months('year'), months('Annual'), months('P1Y'), months('P3M'), months('quarterly'), months('3 months'), months('every 6 months')]).toEqual([1, 1, 12, 12, 12, 3, 3, 3, 6]);
    expect([months('month', '3'), months('tháng'), months('năm'), months('รายเดือน'), months('รายปี')]).toEqual([3, 1, 12, 1, 12]);
    expect(months('week')).toBeCloseTo(12 / 52, 12);
    expect([months(''), months('lifetime')]).toEqual([null, null]);
    expect(intervalName({ unit: 'month', count: 12 })).toBe('year');
  });

  it('infers the interval from the spacing of payments', () => {
    const days = (...iso: string[]) => iso.map(isoToDay);
    expect(inferInterval(days('2024-01-05', '2024-02-05', '2024-03-05'))).toEqual({ unit: 'month', count: 1 });
    expect(inferInterval(days('2024-01-20', '2024-04-20'))).toEqual({ unit: 'month', count: 3 });
    expect(inferInterval(days('2023-03-01', '2024-03-01'))).toEqual({ unit: 'year', count: 1 });
    expect(inferInterval(days('2024-01-01', '2024-01-08', '2024-01-15'))).toEqual({ unit: 'week', count: 1 });
    expect(inferInterval(days('2024-01-01'))).toBeNull();
  });

  it('adds calendar months, keeping to the end of short months', () => {
    expect(dayToIso(addMonths(isoToDay('2024-01-31'), 1))).toBe('2024-02-29');
    expect(dayToIso(addMonths(isoToDay('2024-01-15'), 12))).toBe('2025-01-15');
  });
});

describe('dunning on a charges export', () => {
  it('finds retries of one invoice, and a failed charge paid again under another id within 14 days', () => {
    const csv = [
      'id,Customer ID,Created (UTC),Amount,Status,Invoice ID,Subscription',
      'ch_1,cus_1,2024-01-01,20.00,failed,in_1,sub_1',
      'ch_2,cus_1,2024-01-04,20.00,succeeded,in_1,sub_1',
      'ch_3,cus_2,2024-01-02,35.00,failed,in_2,sub_2',
      'ch_4,cus_2,2024-01-05,35.00,failed,in_2,sub_2',
      'ch_5,cus_3,2024-01-03,10.00,failed,,sub_3',
      'ch_6,cus_3,2024-01-13,10.00,succeeded,,sub_3',
      'ch_7,cus_4,2024-01-03,12.00,failed,,sub_4',
      'ch_8,cus_4,2024-02-01,12.00,succeeded,,sub_4',
    ].join('\n');
    const file = readBillingFile(encode(csv), 'charges.csv');
    expect(file.payments.map((p) => p.invoice)).toEqual(['ch_1', 'ch_2', 'ch_3', 'ch_4', 'ch_5', 'ch_6', 'ch_7', 'ch_8'].map((_, i) => [ 'in_1', 'in_1', 'in_2', 'in_2', null, null, null, null][i]));
    // in_1 failed then paid (recovered); in_2 failed twice (one failed payment); sub_3 paid again 10 days later
    // (recovered); sub_4 only after 29 days, its next month's renewal (not recovered).
    expect(dunning(file.payments)).toEqual({ failedPayments: 4, recovered: 2, failedAmount: 77, recoveredAmount: 30, recoveryRate: 0.5 });
  });
});

describe('subscription-list.csv, by hand', () => {
  it('has MRR from each paying subscription between its start and its end', () => {
    // Measured on Jan 31, Feb 29 and Mar 20 (the file's last past date; current period ends lie ahead).
    // cus_1: $20 monthly from Jan 15, + $15 add-on from Mar 20. cus_2: $240 a year from Feb 1 = $20. cus_3: 3 seats
    // × $10 from Jan 10, ended Mar 10. cus_4: on trial, no MRR.
    // Jan 20 + 30 = 50 (new 50); Feb + cus_2 20 = 70 (new 20); Mar: cus_1 35 (expansion 15), cus_3 gone (churned 30) = 55.
    const r = subscriptionsReport(readBillingFile(fixture('subscriptions/subscription-list.csv'), 'subscription-list.csv'));
    expect(r.shape).toBe('subscriptions');
    expect(r.asOf).toBe('2024-03-20');
    expect(r.months.map(({ month, mrr, subscribers, new: n, expansion, contraction, churned, reactivation }) => [month, mrr, subscribers, n, expansion, contraction, churned, reactivation])).toEqual([
      ['2024-01', 50, 2, 50, 0, 0, 0, 0],
      ['2024-02', 70, 3, 20, 0, 0, 0, 0],
      ['2024-03', 55, 2, 0, 15, 0, 30, 0],
    ]);
    // NRR: Jan's customers cus_1 (20) and cus_3 (30) have 35 + 0 in March: 35/50; GRR caps cus_1 at 20: 20/50.
    expect([r.retention.nrr, r.retention.grr, r.retention.months]).toEqual([0.7, 0.4, 2]);
    expect(r.months[2].annualShare).toBe(20 / 55);
    expect(r.lifetimes.map((l) => [l.name, l.subscriptions, l.ended])).toEqual([['month', 3, 1], ['year', 1, 0]]);
  });
});

describe("Stripe's invoices export (tests/fixtures/platforms/stripe-invoices.csv)", () => {
  it('leaves free invoices out of the subscriptions, and reads the interval from the spacing of payments', () => {
    const r = subscriptionsReport(readBillingFile(fixture('platforms/stripe-invoices.csv'), 'stripe-invoices.csv'));
    // Kim pays €29 on the 1st of January, February and March (a month apart); Leo's only paid invoice is his €0
    // trial (no revenue, so no subscription); Mia pays €99 once without a subscription (taken as a month).
    expect(r.subscriptions).toBe(2);
    expect(r.intervalFrom).toEqual({ column: 0, period: 0, spacing: 1, assumed: 1 });
    expect(r.statusCounts).toEqual({ paid: 5, pending: 2, void: 1, failed: 2 });
    expect([r.paid, r.paidPayments]).toEqual([29 * 3 + 0 + 99, 5]);
    expect(r.lifetimes.map((l) => [l.name, l.subscriptions, l.ended])).toEqual([['month', 2, 0]]);
  });
});

describe('errors', () => {
  it('refuses a shop orders file with one sentence', () => {
    expect(() => readBillingFile(fixture('platforms/shopify-orders.csv'), 'orders.csv')).toThrow(/not a billing export/);
  });

  it('skips rows in another currency and rows without a customer, with their lines', () => {
    const csv = ['Customer,Date,Amount,Currency,Subscription', 'a,2024-01-01,10,usd,s1', 'b,2024-01-01,10,usd,s2', ',2024-01-02,10,usd,s3', 'c,2024-01-03,10,eur,s4'].join('\n');
    const file = readBillingFile(encode(csv), 'x.csv');
    expect(file.currency).toBe('USD');
    expect(file.payments.length).toBe(2);
    expect(file.skipped.map((s) => [s.code, s.count, s.lines])).toEqual([['missing-customer', 1, [4]], ['other-currency', 1, [5]]]);
  });
});
