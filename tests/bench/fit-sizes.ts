/**
 * Issue 16: the summary and the fits as the data grows. For 1M, 3M and 10M rows of synthetic orders (in date order,
 * 1 to 3 lines per purchase day, tests/bench/synthetic.ts), the customer summary, the compression into distinct
 * (x, tₓ, T) rows, the BG/NBD fit on them, the repeat customers' spend table and the Gamma-Gamma fit on it, with their iterations and
 * the time per row, distinct row and repeat customer, so a reader sees whether each grows with its input.
 * Best of two runs of each step on one table per size (wall time, and the process's CPU time beside it: on this
 * shared machine other work slows the wall clock, not the CPU time).
 */
import { customerSummary } from '../../src/core/figures/customer-summary';
import { compressRfm } from '../../src/core/forecast/models/compress';
import { fitGammaGamma, fitPurchaseModel, spendData } from '../../src/core/forecast/models';
import { syntheticOrderTable } from './synthetic';

interface Timed<T> {
  value: T;
  wall: number;
  cpu: number;
}

/** Best (by wall time) of `runs` calls. */
function best<T>(run: () => T, runs = 2): Timed<T> {
  let out: Timed<T> | null = null;
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const value = run();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (!out || wall < out.wall) out = { value, wall, cpu: (c.user + c.system) / 1000 };
  }
  return out!;
}

const END = Date.UTC(2023, 0, 1) / 86_400_000 + 730;

export function benchFitSizes(sizes = [1_000_000, 3_000_000, 10_000_000]) {
  console.log('\nSummary and fits by size (synthetic orders; best of 2; wall ms / CPU ms; iterations of the final polish)');
  // A small size first, so the JIT has compiled the code before the first measured size.
  const warm = syntheticOrderTable(100_000, 2);
  const warmSummary = customerSummary(warm, { observationEnd: END, timeUnit: 'day' });
  fitPurchaseModel('bgnbd', { x: warmSummary.frequency, tx: warmSummary.recency, T: warmSummary.T });
  fitGammaGamma(spendData(warmSummary.frequency, warmSummary.monetary));
  const head = ['rows', 'customers', 'distinct', 'repeat', 'summary', 'compress', 'BG/NBD (it.)', 'spend data', 'GG (it.)', 'ns/row', 'µs/dist.', 'µs/rep.'];
  const widths = [11, 10, 9, 10, 12, 11, 16, 11, 14, 7, 8, 8];
  const row = (cells: string[]) => console.log(cells.map((c, i) => c.padStart(widths[i])).join(' '));
  row(head);
  const results: { rows: number; summary: Timed<unknown>; bg: Timed<unknown>; gg: Timed<unknown>; distinct: number; repeat: number }[] = [];
  for (const size of sizes) {
    const table = syntheticOrderTable(size, 1);
    // A fresh table object each run: groupings are cached per table.
    const summary = best(() => customerSummary({ ...table }, { observationEnd: END, timeUnit: 'day' }));
    const s = summary.value;
    const compress = best(() => compressRfm({ x: s.frequency, tx: s.recency, T: s.T }));
    const bg = best(() => fitPurchaseModel('bgnbd', compress.value));
    // The repeat customers' spend table apart from the fit on it, as the compression is apart from BG/NBD's.
    const spend = best(() => spendData(s.frequency, s.monetary));
    const gg = best(() => fitGammaGamma(spend.value));
    const distinct = compress.value.x.length;
    const repeat = gg.value.customers;
    const ms = (t: Timed<unknown>) => `${t.wall.toFixed(0)}/${t.cpu.toFixed(0)}`;
    row([
      table.length.toLocaleString('en'), s.customer.length.toLocaleString('en'), distinct.toLocaleString('en'), repeat.toLocaleString('en'),
      ms(summary), ms(compress), `${ms(bg)} (${bg.value.iterations})`, ms(spend), `${ms(gg)} (${gg.value.iterations})`,
      ((summary.wall * 1e6) / table.length).toFixed(0), ((bg.wall * 1000) / distinct).toFixed(2), ((gg.wall * 1000) / repeat).toFixed(2),
    ]);
    results.push({ rows: table.length, summary, bg, gg, distinct, repeat });
  }
  if (results.length >= 2) {
    const [a, b] = [results[results.length - 2], results[results.length - 1]];
    const ratio = (x: number, y: number) => (y / x).toFixed(2);
    const times = (x: Timed<unknown>, y: Timed<unknown>) => `×${ratio(x.wall, y.wall)} wall, ×${ratio(x.cpu, y.cpu)} CPU`;
    console.log(`From ${(a.rows / 1e6).toFixed(0)}M to ${(b.rows / 1e6).toFixed(0)}M rows (×${ratio(a.rows, b.rows)}): summary ${times(a.summary, b.summary)}`);
    console.log(`  distinct rows ×${ratio(a.distinct, b.distinct)}, BG/NBD fit ${times(a.bg, b.bg)} (with a fixed part: the starts explored on ~50,000 customers)`);
    console.log(`  repeat customers ×${ratio(a.repeat, b.repeat)}, Gamma-Gamma fit ${times(a.gg, b.gg)}`);
  }
}
