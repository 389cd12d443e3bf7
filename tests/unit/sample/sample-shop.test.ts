import { describe, expect, it } from 'vitest';
import { historicalFigures } from '../../../src/core/figures';
import { generateSampleShop, SAMPLE_HEADER } from '../../../src/core/sample';
import { tableFromRows, type LiteralRow } from '../../fixtures/figures/build-table';

interface Row {
  order: string;
  customer: string;
  date: string;
  amount: number;
  currency: string;
  channel: string;
}

/** Parse the sample CSV strictly: exactly six plain fields per line (the generator never quotes). */
function parse(csv: string): { header: string; rows: Row[] } {
  expect(csv.endsWith('\n')).toBe(true);
  const [header, ...lines] = csv.slice(0, -1).split('\n');
  const rows = lines.map((line) => {
    const f = line.split(',');
    expect(f.length).toBe(6);
    expect(f[3]).toMatch(/^-?\d+(\.\d+)?$/);
    return { order: f[0], customer: f[1], date: f[2], amount: Number(f[3]), currency: f[4], channel: f[5] };
  });
  return { header, rows };
}

describe('generateSampleShop', () => {
  const csv = generateSampleShop({ seed: 20261122 });
  const { header, rows } = parse(csv);
  const purchases = rows.filter((r) => r.amount > 0);
  const refunds = rows.filter((r) => r.amount < 0);

  it('is the same text for the same seed and different for another', () => {
    expect(generateSampleShop({ seed: 20261122 })).toBe(csv);
    expect(generateSampleShop({ seed: 20261123 })).not.toBe(csv);
    expect(generateSampleShop({ seed: 1 })).not.toBe(generateSampleShop({ seed: 2 }));
  });

  it('has the expected header, ISO dates in the shop calendar and date order', () => {
    expect(header).toBe(SAMPLE_HEADER);
    expect(header).toBe('order_id,customer_id,order_date,amount,currency,channel');
    let previous = '';
    const bad: string[] = [];
    for (const r of rows) {
      const ok =
        /^\d{4}-\d{2}-\d{2}$/.test(r.date) &&
        new Date(`${r.date}T00:00:00Z`).toISOString().slice(0, 10) === r.date && // a real calendar date
        r.date >= '2024-01-01' &&
        r.date <= '2025-06-30' &&
        r.date >= previous &&
        r.currency === 'USD' &&
        ['web', 'app', 'marketplace', 'social'].includes(r.channel);
      if (!ok) bad.push(`${r.order} ${r.date} ${r.currency} ${r.channel}`);
      previous = r.date;
    }
    expect(bad).toEqual([]);
  });

  it('has about 1,500 customers and 6,000 rows by default', () => {
    expect(new Set(rows.map((r) => r.customer)).size).toBe(1500);
    expect(rows.length).toBeGreaterThan(5000);
    expect(rows.length).toBeLessThan(7500);
    // Several channels are actually used, the first most.
    const byChannel = new Map<string, number>();
    for (const r of purchases) byChannel.set(r.channel, (byChannel.get(r.channel) ?? 0) + 1);
    expect(byChannel.size).toBe(4);
    expect(byChannel.get('web')!).toBeGreaterThan(byChannel.get('social')!);
  });

  it('has a plausible shape: repeat rate 20–80%, refunds 1–6% of rows', () => {
    const ordersOf = new Map<string, number>();
    for (const r of purchases) ordersOf.set(r.customer, (ordersOf.get(r.customer) ?? 0) + 1);
    const repeatRate = [...ordersOf.values()].filter((n) => n >= 2).length / ordersOf.size;
    expect(repeatRate).toBeGreaterThan(0.2);
    expect(repeatRate).toBeLessThan(0.8);
    const refundShare = refunds.length / rows.length;
    expect(refundShare).toBeGreaterThan(0.01);
    expect(refundShare).toBeLessThan(0.06);
  });

  it('refunds an earlier order of the same customer by at most its amount', () => {
    const orders = new Map(purchases.map((r) => [r.order, r]));
    expect(orders.size).toBe(purchases.length); // one row per order
    for (const refund of refunds) {
      const order = orders.get(refund.order);
      expect(order).toBeDefined();
      expect(order!.customer).toBe(refund.customer);
      expect(order!.date < refund.date).toBe(true);
      expect(-refund.amount).toBeLessThanOrEqual(order!.amount);
    }
  });

  it('acquires more customers in the year-end season than in summer', () => {
    const firstMonth = new Map<string, string>();
    for (const r of rows) if (!firstMonth.has(r.customer)) firstMonth.set(r.customer, r.date.slice(0, 7));
    const count = (months: string[]) => [...firstMonth.values()].filter((m) => months.includes(m)).length;
    expect(count(['2024-11', '2024-12'])).toBeGreaterThan(1.5 * count(['2024-06', '2024-07']));
  });

  it('writes currencies in their usual units', () => {
    const vnd = parse(generateSampleShop({ seed: 5, customers: 200, currency: 'VND' })).rows;
    expect(vnd.every((r) => r.currency === 'VND' && r.amount % 1000 === 0)).toBe(true);
    const thb = parse(generateSampleShop({ seed: 5, customers: 200, currency: 'THB' })).rows;
    expect(thb.every((r) => Number.isInteger(r.amount))).toBe(true);
    expect(new Set(vnd.map((r) => r.customer)).size).toBe(200);
    // Typical order sizes: a USD median basket of about $42; the VND one about 450,000 đ.
    const medianOf = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
    expect(medianOf(purchases.map((r) => r.amount))).toBeGreaterThan(25);
    expect(medianOf(purchases.map((r) => r.amount))).toBeLessThan(70);
    expect(medianOf(vnd.filter((r) => r.amount > 0).map((r) => r.amount))).toBeGreaterThan(250_000);
  });

  it('gives a full dashboard', () => {
    const table = tableFromRows(rows.map((r) => [r.customer, r.date, r.amount, r.order] as LiteralRow));
    const h = historicalFigures(table);
    expect(h.customers).toBe(1500);
    expect(h.orders).toBe(purchases.length);
    expect(h.monthly.monthlyChurn).not.toBeNull();
    expect(h.formulas.every((f) => f.value !== null && Number.isFinite(f.value))).toBe(true);
  });
});
