/**
 * Billing exports of other shapes, each worked out by hand: Paddle Billing transactions (the interval from the billing
 * period's dates), a Chargebee subscription list (billing period and unit, seats, a trial), a Vietnamese payment
 * gateway's weekly plans in đồng, and App Store durations.
 */
import { describe, expect, it } from 'vitest';
import { parseInterval, readBillingFile, subscriptionsReport } from '../../../src/core/subscriptions';

const report = (csv: string, name = 'x.csv') => subscriptionsReport(readBillingFile(new TextEncoder().encode(csv), name));
const bridge = (r: ReturnType<typeof report>) => r.months.map((m) => [m.month, m.mrr, m.subscribers, m.new, m.expansion, m.contraction, m.churned, m.reactivation]);

describe('Paddle Billing transactions', () => {
  const csv = [
    'id,status,customer_id,subscription_id,billed_at,currency_code,totals.total,billing_period.starts_at,billing_period.ends_at',
    'txn_1,completed,ctm_1,sub_1,2024-01-10T08:00:00Z,USD,1200.00,2024-01-10T08:00:00Z,2025-01-10T08:00:00Z',
    'txn_2,completed,ctm_2,sub_2,2024-01-15T08:00:00Z,USD,30.00,2024-01-15T08:00:00Z,2024-02-15T08:00:00Z',
    'txn_3,completed,ctm_2,sub_2,2024-02-15T08:00:00Z,USD,30.00,2024-02-15T08:00:00Z,2024-03-15T08:00:00Z',
    'txn_4,past_due,ctm_2,sub_2,2024-03-15T08:00:00Z,USD,30.00,2024-03-15T08:00:00Z,2024-04-15T08:00:00Z',
    'txn_5,billed,ctm_3,sub_3,2024-03-01T08:00:00Z,USD,45.00,2024-03-01T08:00:00Z,2024-04-01T08:00:00Z',
  ].join('\n');

  it('takes the interval from the billing period, and counts only completed transactions', () => {
    const r = report(csv);
    // ctm_1: $1,200 for a year = $100 a month. ctm_2: $30 a month; March's renewal is past due, but on 15 March (the
    // file's last date) February's period still covers (it ends on the 15th, plus 7 days of grace). ctm_3's
    // transaction is billed, not paid: nothing.
    expect(r.intervalFrom).toEqual({ column: 0, period: 2, spacing: 0, assumed: 0 });
    expect(r.asOf).toBe('2024-03-15');
    expect(bridge(r)).toEqual([
      ['2024-01', 130, 2, 130, 0, 0, 0, 0],
      ['2024-02', 130, 2, 0, 0, 0, 0, 0],
      ['2024-03', 130, 2, 0, 0, 0, 0, 0],
    ]);
    expect(r.months[2].annualShare).toBe(100 / 130);
    expect([r.dunning.failedPayments, r.dunning.recovered]).toEqual([1, 0]);
  });
});

describe('Chargebee subscription list', () => {
  it('reads the billing period and its unit, seats, and leaves trials out', () => {
    const r = report([
      'Subscription Id,Customer Id,Plan Id,Plan Quantity,Plan Unit Price,Currency,Status,Started At,Cancelled At,Billing Period,Billing Period Unit',
      'sub_a,cust_a,pro,1,300.00,USD,active,2024-01-01,,3,month',
      'sub_b,cust_b,basic,2,10.00,USD,cancelled,2024-01-01,2024-02-20,1,month',
      'sub_c,cust_c,basic,1,10.00,USD,in_trial,2024-02-01,,1,month',
      'sub_d,cust_d,basic,1,10.00,USD,active,2024-03-05,,1,month',
    ].join('\n'));
    // sub_a: $300 a quarter = $100 a month. sub_b: 2 seats × $10 until 20 February. sub_d: $10 from 5 March (the
    // file's last date). Jan 100 + 20; Feb 100 (sub_b churned, 20); Mar 100 + 10 (new).
    expect(r.shape).toBe('subscriptions');
    expect(bridge(r)).toEqual([
      ['2024-01', 120, 2, 120, 0, 0, 0, 0],
      ['2024-02', 100, 1, 0, 0, 0, 20, 0],
      ['2024-03', 110, 2, 10, 0, 0, 0, 0],
    ]);
    expect(r.intervals).toEqual([{ name: 'quarter', subscriptions: 1 }, { name: 'month', subscriptions: 2 }]);
  });
});

describe('a cancellation still to take effect', () => {
  it('keeps a paying subscription whose cancellation was asked for until it ends', () => {
    // sub_1 asked on 10 February to cancel at the end of its term (Stripe: status active, Canceled At set, Ended At
    // empty): it still pays in March. sub_2 ended on 20 February. The file's last date is sub_3's start, 1 March; the
    // cancellation request does not move it.
    const r = report([
      'id,Customer ID,Interval,Amount,Status,Start (UTC),Current Period End (UTC),Canceled At (UTC),Ended At (UTC)',
      'sub_1,cus_1,month,20.00,active,2024-01-15,2024-03-15,2024-02-10,',
      'sub_2,cus_2,month,10.00,canceled,2024-01-20,2024-02-20,2024-02-01,2024-02-20',
      'sub_3,cus_3,month,5.00,active,2024-03-01,2024-04-01,,',
    ].join('\n'));
    expect(r.asOf).toBe('2024-03-01');
    expect(bridge(r)).toEqual([
      ['2024-01', 30, 2, 30, 0, 0, 0, 0],
      ['2024-02', 20, 1, 0, 0, 0, 10, 0],
      ['2024-03', 25, 2, 5, 0, 0, 0, 0],
    ]);
  });
});

describe('a Vietnamese payment gateway, weekly plans in đồng', () => {
  it('reads Vietnamese headers and statuses, 99.000 ₫ as ninety-nine thousand, and a week as 52/12 of a month', () => {
    const r = report([
      'Mã giao dịch,Mã khách hàng,Mã thuê bao,Ngày thanh toán,Số tiền,Trạng thái,Chu kỳ',
      'GD1,KH01,TB01,01/07/2024,99.000 ₫,Thành công,Tuần',
      'GD2,KH01,TB01,08/07/2024,99.000 ₫,Thành công,Tuần',
      'GD3,KH01,TB01,15/07/2024,99.000 ₫,Thất bại,Tuần',
      'GD4,KH01,TB01,16/07/2024,99.000 ₫,Thành công,Tuần',
      'GD5,KH02,TB02,20/07/2024,120.000 ₫,Đã hủy,Tuần',
    ].join('\n'), 'giao-dich.csv');
    // KH01 pays 99,000 ₫ a week: 99,000 × 52 ÷ 12 = 429,000 ₫ a month. The failed 15 July charge (GD3) was paid
    // again the next day under another transaction id (GD4): one failed payment, recovered. KH02's cancelled row is
    // nothing.
    expect(r.currency).toBe('VND');
    expect(r.months.map((m) => [m.month, Math.round(m.mrr), m.subscribers])).toEqual([['2024-07', 429000, 1]]);
    expect(r.statusCounts).toEqual({ paid: 3, failed: 1, void: 1 });
    expect([r.dunning.failedPayments, r.dunning.recovered]).toEqual([1, 1]);
  });
});

describe('App Store durations', () => {
  it('reads "7 Days" as a week, "1 Month", "1 Year" and ISO 8601 periods', () => {
    expect(['7 Days', '1 Month', '2 Months', '1 Year', 'P1W', 'P6M'].map((c) => parseInterval(c))).toEqual([
      { unit: 'week', count: 1 }, { unit: 'month', count: 1 }, { unit: 'month', count: 2 }, { unit: 'year', count: 1 }, { unit: 'week', count: 1 }, { unit: 'month', count: 6 },
    ]);
  });
});
