/**
 * Model timings for `npm run bench` (issue 4), beside lifetimes' in ../shared/reference/timings.json: BG/NBD +
 * Gamma-Gamma on Online Retail, Pareto/NBD on CDNOW master, predictions with 90% ranges for 100,000 customers, and a
 * fit on 1,000,000 synthetic customers. Cold = the first call in a fresh process (what a user's first fit costs);
 * warm = median of the later calls (8 of them, 2 for the big fits).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fitGammaGamma, fitPurchaseModel, forecast, spendData } from '../../src/core/forecast/models';
import { compressRfm } from '../../src/core/forecast/models/compress';
import type { CustomerSummary } from '../../src/core/types';
import { simulateCustomers } from './synthetic';

type Line = (label: string, value: string, target?: string) => void;

function readSummary(path: string): CustomerSummary {
  const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  return {
    customer: Uint32Array.from(rows, (_, i) => i),
    frequency: Float64Array.from(rows, (r) => r[1]),
    recency: Float64Array.from(rows, (r) => r[2]),
    T: Float64Array.from(rows, (r) => r[3]),
    monetary: Float64Array.from(rows, (r) => r[4]),
  };
}

function timed(run: () => void, repeats = 9): { cold: number; warm: number } {
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  return { cold: times[0], warm: warm[Math.floor(warm.length / 2)] };
}

const ms = (v: number) => `${v.toFixed(0)} ms`;

export function benchModels(root: string, line: Line) {
  const reference = resolve(root, '../shared/reference');
  const lifetimes = JSON.parse(readFileSync(resolve(reference, 'timings.json'), 'utf8')).timings;
  const seconds = (variant: string, step: string) => lifetimes[variant]?.[step]?.median_s as number | undefined;
  const theirs = (s: number | undefined) => (s === undefined ? '' : ` (lifetimes ${(s * 1000).toFixed(0)} ms)`);
  console.log(`\nModels (Node ${process.version}; times include compressing the customers)`);

  const retail = readSummary(resolve(reference, 'online_retail/online_retail_summary.csv'));
  const bgGg = timed(() => {
    fitPurchaseModel('bgnbd', { x: retail.frequency, tx: retail.recency, T: retail.T });
    fitGammaGamma(spendData(retail.frequency, retail.monetary));
  });
  const bgGgLifetimes = (seconds('online_retail_days', 'BetaGeoFitter.fit') ?? 0) + (seconds('online_retail_days', 'GammaGammaFitter.fit') ?? 0);
  line('BG/NBD + Gamma-Gamma fit, Online Retail (4,338)', `${ms(bgGg.cold)} cold, ${ms(bgGg.warm)} warm`, `< 50 ms${theirs(bgGgLifetimes)}`);

  const master = readSummary(resolve(reference, 'cdnow/cdnow_master_cal39w_summary.csv'));
  const pareto = timed(() => fitPurchaseModel('paretoNbd', { x: master.frequency, tx: master.recency, T: master.T }), 3);
  line('Pareto/NBD fit, CDNOW master (23,570)', `${ms(pareto.cold)} cold, ${ms(pareto.warm)} warm`, `< 200 ms${theirs(seconds('cdnow_master_cal39w_weeks', 'ParetoNBDFitter.fit'))}`);
  const bgMaster = timed(() => fitPurchaseModel('bgnbd', { x: master.frequency, tx: master.recency, T: master.T }), 3);
  line('BG/NBD fit, CDNOW master (23,570)', `${ms(bgMaster.cold)} cold, ${ms(bgMaster.warm)} warm`, `${theirs(seconds('cdnow_master_cal39w_weeks', 'BetaGeoFitter.fit'))}`.trim());

  const hundredK = simulateCustomers(100_000, 7);
  const options = { model: 'bgnbd' as const, timeUnit: 'day' as const, horizonMonths: 12, monthlyDiscountRate: 0.01, margin: 1 };
  let fitMs = 0;
  const whole = timed(() => {
    const t0 = performance.now();
    fitPurchaseModel('bgnbd', { x: hundredK.frequency, tx: hundredK.recency, T: hundredK.T });
    fitGammaGamma(spendData(hundredK.frequency, hundredK.monetary));
    fitMs = performance.now() - t0;
    forecast(hundredK, options);
  }, 3);
  const distinct = compressRfm({ x: hundredK.frequency, tx: hundredK.recency, T: hundredK.T }).x.length;
  line('Forecast, 100,000 customers (fit + predictions)', `${ms(whole.warm)}`, '');
  line(`  of which predictions with 90% ranges`, `${ms(Math.max(0, whole.warm - fitMs))}`, `< 1 s; ${distinct.toLocaleString('en')} distinct rows`);

  const million = simulateCustomers(1_000_000, 11);
  const before = process.memoryUsage().rss;
  let peak = before;
  const t0 = performance.now();
  const data = compressRfm({ x: million.frequency, tx: million.recency, T: million.T });
  const t1 = performance.now();
  peak = Math.max(peak, process.memoryUsage().rss);
  const fit = fitPurchaseModel('bgnbd', data);
  const t2 = performance.now();
  peak = Math.max(peak, process.memoryUsage().rss);
  line('BG/NBD fit, 1,000,000 synthetic customers', ms(t2 - t0), `< 2 s; compress ${ms(t1 - t0)}, ${data.x.length.toLocaleString('en')} distinct rows`);
  line('  parameters (simulated 0.25, 4, 0.8, 2.5 per day/7)', Array.from(fit.params, (v) => v.toPrecision(3)).join(' '), '');
  line('  peak RSS', `${(peak / (1 << 20)).toFixed(0)} MB`, '');
}
