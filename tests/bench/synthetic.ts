/**
 * Synthetic customers for the model benchmark, drawn from BG/NBD itself (seeded): purchase rate λ ~ Gamma(r, α),
 * drop-out probability p ~ Beta(a, b) after each purchase, acquisition spread over a year, observed for two years,
 * times in whole days like real order data; spend per purchase Gamma(6, ν) with ν ~ Gamma(4, 15).
 */
import type { CustomerSummary, TransactionTable } from '../../src/core/types';

/** Seeded uniform numbers in [0, 1) (mulberry32). */
export function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Marsaglia & Tsang's gamma sampler (shape < 1 through the u^(1/shape) boost), unit scale. */
export function gammaSampler(uniform: () => number) {
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const sample = (shape: number): number => {
    if (shape < 1) return sample(shape + 1) * Math.pow(uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number, v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  return sample;
}

export function simulateCustomers(n: number, seed: number, params = { r: 0.25, alpha: 4 * 7, a: 0.8, b: 2.5 }): CustomerSummary {
  const uniform = mulberry32(seed);
  const gamma = gammaSampler(uniform);
  const out: CustomerSummary = { customer: new Uint32Array(n), frequency: new Float64Array(n), recency: new Float64Array(n), T: new Float64Array(n), monetary: new Float64Array(n) };
  const end = 730;
  for (let i = 0; i < n; i++) {
    const birth = Math.floor(uniform() * 365);
    const T = end - birth;
    const lambda = gamma(params.r) / params.alpha;
    const ga = gamma(params.a);
    const p = ga / (ga + gamma(params.b));
    const nu = gamma(4) / 15;
    let t = 0, x = 0, last = 0, spend = 0;
    for (;;) {
      t += -Math.log(1 - uniform()) / lambda;
      if (t > T) break;
      const day = Math.floor(t);
      if (day > last) {
        x++;
        last = day;
        spend += gamma(6) / nu;
      }
      if (uniform() < p) break;
    }
    out.customer[i] = i;
    out.frequency[i] = x;
    out.recency[i] = last;
    out.T[i] = T;
    out.monetary[i] = x > 0 ? spend / x : 0;
  }
  return out;
}

/**
 * An orders table of about `rows` rows, as an import would leave it: customers drawn as in simulateCustomers (BG/NBD
 * purchase days over two years, Gamma-Gamma spend), each purchase day written as 1 to 3 order lines that share its
 * amount, and the rows in date order (as shop exports come), so a customer's rows are scattered through the table.
 * Customer indices are numbered in order of first appearance, as the import's dictionary numbers them.
 */
export function syntheticOrderTable(rows: number, seed: number, params = { r: 0.25, alpha: 4 * 7, a: 0.8, b: 2.5 }): TransactionTable {
  const uniform = mulberry32(seed);
  const gamma = gammaSampler(uniform);
  const end = 730;
  // Lines per day, grouped by day with a counting sort afterwards: customer, day and amount per line.
  let customer = new Uint32Array(rows + 64);
  let day = new Int32Array(rows + 64);
  let amount = new Float64Array(rows + 64);
  let n = 0;
  let customers = 0;
  const push = (c: number, d: number, spend: number) => {
    const lines = uniform() < 0.5 ? 1 : uniform() < 0.6 ? 2 : 3;
    if (n + lines > customer.length) {
      const grow = <A extends Uint32Array | Int32Array | Float64Array>(a: A): A => {
        const b = new (a.constructor as new (n: number) => A)(a.length * 2);
        b.set(a);
        return b;
      };
      customer = grow(customer);
      day = grow(day);
      amount = grow(amount);
    }
    // The day's amount spread over its lines in cents, so the lines sum to it exactly in cents.
    const cents = Math.max(1, Math.round(spend * 100));
    let left = cents;
    for (let k = 0; k < lines; k++) {
      const part = k === lines - 1 ? left : Math.floor(cents / lines);
      left -= part;
      customer[n] = c;
      day[n] = d;
      amount[n] = part / 100;
      n++;
    }
  };
  while (n < rows) {
    const c = customers++;
    const birth = Math.floor(uniform() * 365);
    const T = end - birth;
    const lambda = gamma(params.r) / params.alpha;
    const ga = gamma(params.a);
    const p = ga / (ga + gamma(params.b));
    const nu = gamma(4) / 15;
    push(c, birth, gamma(6) / nu);
    let t = 0, last = 0;
    for (;;) {
      t += -Math.log(1 - uniform()) / lambda;
      if (t > T) break;
      const d = Math.floor(t);
      if (d > last) {
        last = d;
        push(c, birth + d, gamma(6) / nu);
      }
      if (uniform() < p) break;
    }
  }
  // Date order (stable within a day), then customers renumbered by first appearance.
  const start = new Uint32Array(end + 2);
  for (let i = 0; i < n; i++) start[day[i] + 1]++;
  for (let d = 0; d <= end; d++) start[d + 1] += start[d];
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[start[day[i]]++] = i;
  const rename = new Int32Array(customers).fill(-1);
  let next = 0;
  const outCustomer = new Uint32Array(n);
  const outDay = new Int32Array(n);
  const outAmount = new Float64Array(n);
  const day0 = Date.UTC(2023, 0, 1) / 86_400_000;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const c = customer[i];
    if (rename[c] < 0) rename[c] = next++;
    outCustomer[k] = rename[c];
    outDay[k] = day0 + day[i];
    outAmount[k] = amount[i];
  }
  const line = new Uint32Array(n);
  for (let k = 0; k < n; k++) line[k] = k + 2;
  return {
    length: n,
    customerIds: Array.from({ length: customers }, (_, c) => `C${c}`),
    customer: outCustomer,
    day: outDay,
    amount: outAmount,
    line,
    cost: null,
    order: null,
    orderCodes: null,
    product: null,
    productNames: null,
    channel: null,
    channelNames: null,
  };
}
