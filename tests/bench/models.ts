/**
 * Model timings for `npm run bench` (issue 4), beside lifetimes' in ../shared/reference/timings.json: BG/NBD +
 * Gamma-Gamma on Online Retail, Pareto/NBD on CDNOW master, predictions with 90% ranges for 100,000 customers,
 * re-predictions after a change of horizon, discount or margin (Online Retail in weeks and days, 100,000 customers),
 * and a fit on 1,000,000 synthetic customers. Cold = the first call in a fresh process (what a user's first fit costs);
 * warm = median of the later calls (8 of them, 2 for the big fits).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fitForecast, fitGammaGamma, fitPurchaseModel, forecastPredictor, monthlyFromAnnual, spendData, type PredictSettings } from '../../src/core/forecast/models';
import { compressRfm } from '../../src/core/forecast/models/compress';
import type { CustomerSummary, TimeUnit } from '../../src/core/types';
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
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values: number[]) => `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;

/**
 * Re-prediction after one change of the settings, as a what-if slider asks it: for each repeat and change, a fresh
 * predictor predicts the base settings (timed as the first prediction, predictor built included), then the changed
 * ones (timed). The changes: horizon 12 → 24 months, discount 10% → 15% a year, margin 100% → 40%.
 */
function repredict(line: Line, label: string, summary: CustomerSummary, timeUnit: TimeUnit, repeats: number, target: string) {
  const fitted = fitForecast(summary, 'bgnbd');
  const base: PredictSettings = { timeUnit, horizonMonths: 12, monthlyDiscountRate: monthlyFromAnnual(0.1), margin: 1 };
  const changes: [string, PredictSettings][] = [
    ['horizon 12→24 months', { ...base, horizonMonths: 24 }],
    ['discount 10→15% a year', { ...base, monthlyDiscountRate: monthlyFromAnnual(0.15) }],
    ['margin 100→40%', { ...base, margin: 0.4 }],
  ];
  const first: number[] = [];
  const times = changes.map((): number[] => []);
  for (let r = 0; r < repeats; r++) {
    changes.forEach(([, changed], c) => {
      const t0 = performance.now();
      const predictor = forecastPredictor(summary, fitted);
      predictor.predict(base);
      const t1 = performance.now();
      predictor.predict(changed);
      times[c].push(performance.now() - t1);
      first.push(t1 - t0);
    });
  }
  const worst = Math.max(...times.map(median));
  line(`  ${label} (worst of three)`, `${worst.toFixed(1)} ms`, target);
  changes.forEach(([name], c) => line(`    ${name}`, `${spread(times[c])} ms`));
  line('    first prediction (predictor built)', `${spread(first)} ms`);
}

export function benchModels(root: string, line: Line) {
  const reference = resolve(root, '../shared/reference');
  const lifetimes = JSON.parse(readFileSync(resolve(reference, 'timings.json'), 'utf8')).timings;
  // A key that is not in the file stops the bench: read as 0 or left out, it printed a wrong lifetimes figure
  // (BG/NBD + Gamma-Gamma showed 106 ms, BG/NBD alone, while the file names the spend fit
  // `GammaGammaFitter.fit (repeat customers)`).
  const seconds = (variant: string, step: string): number => {
    const value = lifetimes[variant]?.[step]?.median_s;
    if (typeof value !== 'number') {
      const known = lifetimes[variant] ? Object.keys(lifetimes[variant]).join('; ') : `none (variants: ${Object.keys(lifetimes).join(', ')})`;
      throw new Error(`bench: timings.json has no median_s for "${variant}" → "${step}". Its steps there: ${known}`);
    }
    return value;
  };
  const theirs = (s: number) => ` (lifetimes ${(s * 1000).toFixed(0)} ms)`;
  // Every key looked up before anything is timed, so a missing one fails at once.
  const bgGgLifetimes = seconds('online_retail_days', 'BetaGeoFitter.fit') + seconds('online_retail_days', 'GammaGammaFitter.fit (repeat customers)');
  const paretoMasterLifetimes = seconds('cdnow_master_cal39w_weeks', 'ParetoNBDFitter.fit');
  const bgMasterLifetimes = seconds('cdnow_master_cal39w_weeks', 'BetaGeoFitter.fit');
  console.log(`\nModels (Node ${process.version}; times include compressing the customers)`);

  const retail = readSummary(resolve(reference, 'online_retail/online_retail_summary.csv'));
  const bgGg = timed(() => {
    fitPurchaseModel('bgnbd', { x: retail.frequency, tx: retail.recency, T: retail.T });
    fitGammaGamma(spendData(retail.frequency, retail.monetary));
  });
  line('BG/NBD + Gamma-Gamma fit, Online Retail (4,338)', `${ms(bgGg.cold)} cold, ${ms(bgGg.warm)} warm`, `< 50 ms${theirs(bgGgLifetimes)}`);

  const master = readSummary(resolve(reference, 'cdnow/cdnow_master_cal39w_summary.csv'));
  const pareto = timed(() => fitPurchaseModel('paretoNbd', { x: master.frequency, tx: master.recency, T: master.T }), 3);
  line('Pareto/NBD fit, CDNOW master (23,570)', `${ms(pareto.cold)} cold, ${ms(pareto.warm)} warm`, `< 200 ms${theirs(paretoMasterLifetimes)}`);
  const bgMaster = timed(() => fitPurchaseModel('bgnbd', { x: master.frequency, tx: master.recency, T: master.T }), 3);
  line('BG/NBD fit, CDNOW master (23,570)', `${ms(bgMaster.cold)} cold, ${ms(bgMaster.warm)} warm`, theirs(bgMasterLifetimes).trim());

  const hundredK = simulateCustomers(100_000, 7);
  const options = { timeUnit: 'day' as const, horizonMonths: 12, monthlyDiscountRate: 0.01, margin: 1 };
  const predictMs: number[] = [];
  const whole = timed(() => {
    const fitted = fitForecast(hundredK, 'bgnbd');
    const t0 = performance.now();
    forecastPredictor(hundredK, fitted).predict(options);
    predictMs.push(performance.now() - t0);
  }, 3);
  const distinct = compressRfm({ x: hundredK.frequency, tx: hundredK.recency, T: hundredK.T }).x.length;
  line('Forecast, 100,000 customers (fit + predictions)', `${ms(whole.warm)}`, '');
  line(`  of which predictions with 90% ranges`, `${ms(median(predictMs.slice(1)))}`, `< 1 s; ${distinct.toLocaleString('en')} distinct rows`);

  // What a what-if slider costs: from a predictor at 12 months, 10% a year and full margin, one setting changed.
  console.log('Re-predict after a change (BG/NBD, predictor kept; medians, range in brackets; the targets include a worker round trip and rendering):');
  const weeks = { ...retail, recency: retail.recency.map((v) => v / 7), T: retail.T.map((v) => v / 7) };
  repredict(line, 'Online Retail, weeks', weeks, 'week', 9, '< 100 ms; core aim < 30 ms');
  repredict(line, 'Online Retail, days', retail, 'day', 9, '< 100 ms; core aim < 30 ms');
  repredict(line, '100,000 synthetic, days', hundredK, 'day', 5, '< 300 ms; core aim < 150 ms');

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
