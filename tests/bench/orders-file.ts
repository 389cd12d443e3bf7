/**
 * A large synthetic orders export written to disk, for the bench at scale (issue 16): one line per order,
 * `order_id,customer_id,created_at,total` (about 36 bytes a line), in date order as shops export them. Customers are
 * drawn from BG/NBD with Gamma-Gamma spend (synthetic.ts); each buys on its first day and on x repeat days spread up to
 * its last purchase. Written in a child process of its own, so that its arrays are not counted in a measurement.
 */
import { createWriteStream } from 'node:fs';
import { simulateCustomers } from './synthetic';

const DAYS = 731;
const DAY0 = Date.UTC(2023, 0, 1) / 86_400_000;

/** `rows` order lines (a little more: the last customer's lines are all written) in date order; returns the count. */
export async function writeSyntheticOrders(path: string, rows: number, seed = 16): Promise<{ rows: number; customers: number; bytes: number }> {
  // Customers in batches until the lines reach `rows`; each line is (day, customer, cents), bucketed by day.
  const day = new Uint16Array(rows + 10_000);
  const customerOf = new Uint32Array(rows + 10_000);
  const cents = new Uint32Array(rows + 10_000);
  let n = 0;
  let customers = 0;
  for (let batch = 0; n < rows; batch++) {
    const s = simulateCustomers(100_000, seed + batch);
    for (let i = 0; i < s.customer.length && n < rows; i++) {
      const first = DAYS - 1 - s.T[i];
      const x = s.frequency[i];
      const spend = Math.max(1, Math.round((x > 0 ? s.monetary[i] : 25) * 100));
      const id = customers++;
      if (n + x + 1 > day.length) break;
      for (let k = 0; k <= x; k++) {
        day[n] = k === 0 ? first : first + Math.max(k, Math.round((s.recency[i] * k) / x));
        customerOf[n] = id;
        cents[n] = spend + ((k * 37) % 11);
        n++;
      }
    }
  }
  // Counting sort by day: shops export in date order.
  const start = new Uint32Array(DAYS + 1);
  for (let i = 0; i < n; i++) start[day[i] + 1]++;
  for (let d = 0; d < DAYS; d++) start[d + 1] += start[d];
  const order = new Uint32Array(n);
  const next = start.slice(0, DAYS);
  for (let i = 0; i < n; i++) order[next[day[i]]++] = i;
  const iso = Array.from({ length: DAYS }, (_, d) => new Date((DAY0 + d) * 86_400_000).toISOString().slice(0, 10));
  const out = createWriteStream(path);
  let bytes = 0;
  const write = (text: string) => new Promise<void>((ok) => (out.write(text) ? ok() : out.once('drain', ok)));
  let chunk = 'order_id,customer_id,created_at,total\n';
  for (let j = 0; j < n; j++) {
    const i = order[j];
    chunk += `#${String(10_000_000 + j)},C${String(customerOf[i]).padStart(7, '0')},${iso[day[i]]},${(cents[i] / 100).toFixed(2)}\n`;
    if (chunk.length > 1 << 20) {
      bytes += chunk.length;
      await write(chunk);
      chunk = '';
    }
  }
  bytes += chunk.length;
  await write(chunk);
  await new Promise<void>((ok) => out.end(ok));
  return { rows: n, customers, bytes };
}
