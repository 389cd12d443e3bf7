/**
 * A realistic synthetic shop, so a first visitor sees a full dashboard in one click without owning a CSV.
 *
 * The story is the one the CLV models assume (BG/NBD for the purchase count, Gamma-Gamma-like spend), so the
 * predictive views have something true to find:
 * - customers are acquired over 18 months, more of them in the year-end season and a little more as the shop grows;
 * - each customer buys at a personal rate λ ~ Gamma(r, α) (per day) while active, and after every purchase drops
 *   out for good with a personal probability p ~ Beta(a, b);
 * - each customer has a typical basket size (lognormal), and each order varies around it (gamma, mean 1);
 * - about 3% of orders are later refunded in full or in part (a negative row with the same order id);
 * - each customer mostly uses the channel they came from.
 */
import { dayFromCivil, dayToIso } from '../figures/dates';
import { Random } from './distributions';
import { mulberry32 } from './prng';

/** Currencies the sample can be written in. */
export type SampleCurrency = 'VND' | 'USD' | 'THB';

/** Options of {@link generateSampleShop}. */
export interface SampleShopOptions {
  /** Same seed, same file. */
  seed: number;
  /** Customers acquired; default 1,500 (about 6,200 rows). */
  customers?: number;
  /** Default 'USD'. */
  currency?: SampleCurrency;
}

/** The CSV header; `currency` lets the importer show money in the right unit. */
export const SAMPLE_HEADER = 'order_id,customer_id,order_date,amount,currency,channel';

/** Shop calendar: acquisitions from the first day to the last; orders until the last day. */
const FIRST_DAY = dayFromCivil(2024, 1, 1);
const LAST_DAY = dayFromCivil(2025, 6, 30);

/** Purchase rate λ ~ Gamma(shape, rate) per day: mean 1.1/36, about one order a month while active. */
const RATE_SHAPE = 1.1;
const RATE_RATE = 36;
/** Dropout after each purchase p ~ Beta(a, b): mean 0.2, so about five orders before leaving, if time allows. */
const DROPOUT_A = 1.2;
const DROPOUT_B = 4.8;
/** Order value around the customer's typical basket: Gamma(shape, shape), mean 1, CV 1/√shape ≈ 0.45. */
const BASKET_SHAPE = 5;
/** Share of orders refunded, and of refunds that are full rather than partial. */
const REFUND_RATE = 0.03;
const FULL_REFUND_SHARE = 0.6;
/** Chance that an order uses the customer's own channel rather than any. */
const CHANNEL_LOYALTY = 0.8;

const CHANNELS = ['web', 'app', 'marketplace', 'social'] as const;
const CHANNEL_WEIGHTS = [0.5, 0.25, 0.15, 0.1];

/** Typical basket (median, lognormal σ) and rounding unit per currency. */
const MONEY: Record<SampleCurrency, { median: number; sigma: number; unit: number; decimals: number }> = {
  USD: { median: 42, sigma: 0.6, unit: 0.01, decimals: 2 },
  THB: { median: 1200, sigma: 0.6, unit: 1, decimals: 0 },
  // Vietnamese prices are whole thousands of đồng.
  VND: { median: 450_000, sigma: 0.6, unit: 1000, decimals: 0 },
};

interface SampleRow {
  day: number;
  customer: number;
  /** Index of the purchase this row belongs to (refunds share their order's). */
  order: number;
  amount: number;
  channel: number;
  refund: boolean;
}

/**
 * Relative intake of new customers on a day: a year-end peak (November–December about twice the base), a summer
 * dip, and growth of half again over the 18 months.
 */
function acquisitionWeight(day: number): number {
  const yearAngle = (2 * Math.PI * (day - dayFromCivil(2024, 1, 1))) / 365.25;
  // cos peaks at the start of the year; shifting it by ~3 weeks puts the peak mid-December.
  const season = 1 + 0.45 * Math.cos(yearAngle + 0.35);
  const growth = 1 + (0.5 * (day - FIRST_DAY)) / (LAST_DAY - FIRST_DAY);
  return season * growth;
}

/** Draw an acquisition day by rejection sampling against the intake curve. */
function acquisitionDay(random: Random): number {
  const maxWeight = 1.45 * 1.5;
  for (;;) {
    const day = random.int(FIRST_DAY, LAST_DAY);
    if (random.next() * maxWeight < acquisitionWeight(day)) return day;
  }
}

/** One customer's life: its purchases (and refunds), in date order. */
function simulateCustomer(random: Random, customer: number, money: (typeof MONEY)[SampleCurrency], rows: SampleRow[], orderCount: { n: number }): void {
  const rate = random.gamma(RATE_SHAPE, RATE_RATE);
  const dropout = random.beta(DROPOUT_A, DROPOUT_B);
  const basket = random.lognormal(Math.log(money.median), money.sigma);
  const home = random.weighted(CHANNEL_WEIGHTS);
  let day = acquisitionDay(random);
  for (;;) {
    const amount = roundTo(basket * random.gamma(BASKET_SHAPE, BASKET_SHAPE), money.unit);
    const channel = random.chance(CHANNEL_LOYALTY) ? home : random.weighted(CHANNEL_WEIGHTS);
    const order = orderCount.n++;
    rows.push({ day, customer, order, amount, channel, refund: false });
    if (random.chance(REFUND_RATE)) {
      const refundDay = day + random.int(1, 14);
      const share = random.chance(FULL_REFUND_SHARE) ? 1 : 0.2 + 0.6 * random.next();
      const refunded = Math.max(money.unit, roundTo(amount * share, money.unit));
      if (refundDay <= LAST_DAY) rows.push({ day: refundDay, customer, order, amount: -refunded, channel, refund: true });
    }
    if (random.chance(dropout)) return;
    // At least a day between purchase days: same-day repeats would merge into one purchase anyway.
    day += Math.max(1, Math.round(random.exponential(rate)));
    if (day > LAST_DAY) return;
  }
}

/** Round to a money unit (0.01, 1, 1000) without binary drift such as 12.300000000000001. */
function roundTo(value: number, unit: number): number {
  return unit >= 1 ? Math.round(value / unit) * unit : Math.round(value / unit) / Math.round(1 / unit);
}

/**
 * CSV text (header {@link SAMPLE_HEADER}, ISO dates, '.' decimals, '\n' line ends) of a synthetic shop's orders,
 * deterministic in the seed. Rows are in date order; order ids are numbered in that order.
 */
export function generateSampleShop(options: SampleShopOptions): string {
  const customers = Math.max(1, Math.floor(options.customers ?? 1500));
  const currency = options.currency ?? 'USD';
  const money = MONEY[currency];
  const random = new Random(mulberry32(options.seed));
  const rows: SampleRow[] = [];
  const orderCount = { n: 0 };
  for (let c = 0; c < customers; c++) simulateCustomer(random, c, money, rows, orderCount);

  // Date order, purchases before refunds on a day; customer ids follow order of acquisition.
  rows.sort((x, y) => x.day - y.day || Number(x.refund) - Number(y.refund) || x.order - y.order);
  const customerNumber = new Int32Array(customers).fill(-1);
  const orderNumber = new Int32Array(orderCount.n).fill(-1);
  let nextCustomer = 1;
  let nextOrder = 100001;
  const idWidth = Math.max(5, String(customers).length);
  const lines = [SAMPLE_HEADER];
  for (const row of rows) {
    if (customerNumber[row.customer] < 0) customerNumber[row.customer] = nextCustomer++;
    if (orderNumber[row.order] < 0) orderNumber[row.order] = nextOrder++;
    const customerId = `C${String(customerNumber[row.customer]).padStart(idWidth, '0')}`;
    lines.push(
      `SO-${orderNumber[row.order]},${customerId},${dayToIso(row.day)},${row.amount.toFixed(money.decimals)},${currency},${CHANNELS[row.channel]}`,
    );
  }
  return lines.join('\n') + '\n';
}
