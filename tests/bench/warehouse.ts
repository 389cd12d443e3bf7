/**
 * The warehouse path at scale (issue 16): a per-customer summary file of 10,000,000 synthetic customers, made in
 * memory as the file would come from a warehouse query (docs/warehouse.md's ten columns, CSV bytes in 1 MB chunks),
 * read through the app's summary import (sniffSummary + SummaryReader), then BG/NBD and Gamma-Gamma fitted on it with
 * the public fit functions. Prints the file's size, the parse time and rate, the fit times and the peak RSS, and
 * checks that what was read equals what was written.
 */
import { loadavg } from 'node:os';
import { dayToIso } from '../../src/core/figures/dates';
import { SUMMARY_HEADER } from '../../src/core/import/summary-columns';
import { SummaryReader, sniffSummary } from '../../src/core/import/summary-file';
import { fitGammaGamma, fitModel, spendData } from '../../src/core/forecast/models';
import { mulberry32, simulateCustomers } from './synthetic';

type Line = (label: string, value: string, target?: string) => void;

const CHUNK = 1 << 20;
/** The synthetic shop's observation end: simulateCustomers observes two years (days 0–730). */
const END_DAY = Math.floor(Date.UTC(2025, 11, 31) / 86_400_000);

/** The summary file's bytes, in chunks of about 1 MB cut at row ends (a download arrives cut anywhere; the reader does not mind either way). */
function summaryFileChunks(n: number, seed: number) {
  const s = simulateCustomers(n, seed);
  const uniform = mulberry32(seed + 1);
  const iso = new Map<number, string>();
  const date = (d: number) => {
    let v = iso.get(d);
    if (v === undefined) iso.set(d, (v = dayToIso(d)));
    return v;
  };
  const end = date(END_DAY);
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let text = `${SUMMARY_HEADER.join(',')}\n`;
  let bytes = 0;
  let revenueSum = 0;
  for (let i = 0; i < n; i++) {
    const x = s.frequency[i];
    const first = END_DAY - s.T[i];
    const firstSpend = Math.round(uniform() * 10_000) / 100;
    const revenue = firstSpend + x * s.monetary[i];
    revenueSum += revenue;
    const purchases = x + 1 + (uniform() < 0.1 ? 1 : 0);
    text += `C${i}`.padStart(9, '0') + `,${date(first)},${date(first + s.recency[i])},${end},${x},${s.recency[i]},${s.T[i]},${purchases},${revenue},${s.monetary[i]}\n`;
    if (text.length >= CHUNK) {
      const b = encoder.encode(text);
      chunks.push(b);
      bytes += b.length;
      text = '';
    }
  }
  const b = encoder.encode(text);
  chunks.push(b);
  bytes += b.length;
  return { chunks, bytes, written: s, revenueSum };
}

export function benchWarehouse(line: Line, machineReference: () => number, n = 10_000_000) {
  console.log(`\nWarehouse path: a summary file of ${n.toLocaleString('en')} synthetic customers, read through the summary import, then BG/NBD + Gamma-Gamma`);
  line('  machine reference (fixed loop; lower = faster)', `${machineReference().toFixed(0)} ms, load ${loadavg()[0].toFixed(1)}`);
  let peak = process.memoryUsage().rss;
  const t0 = performance.now();
  const { chunks, bytes, written, revenueSum } = summaryFileChunks(n, 16);
  const t1 = performance.now();
  peak = Math.max(peak, process.memoryUsage().rss);
  line('  file made in memory', `${(bytes / (1 << 20)).toFixed(0)} MB in ${((t1 - t0) / 1000).toFixed(1)} s (not part of the import)`);

  const beforeRead = process.memoryUsage().rss;
  // CPU time beside wall time: on this shared 2-core machine a loaded hour stretches wall time several-fold.
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const c2 = cpu();
  const t2 = performance.now();
  const guess = sniffSummary(chunks[0], bytes);
  if (!guess) throw new Error('the synthetic file was not recognised as a summary');
  const reader = new SummaryReader({ fileName: 'summary.csv', encoding: guess.encoding, delimiter: guess.delimiter, header: guess.header, mapping: guess.mapping });
  for (let k = 0; k < chunks.length; k++) {
    reader.push(chunks[k]);
    if ((k & 63) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const { dataset, report } = reader.finish();
  const t3 = performance.now();
  const c3 = cpu();
  peak = Math.max(peak, process.memoryUsage().rss);
  const parseMs = t3 - t2;
  line('  parse (sniff + read + check every row)', `${(parseMs / 1000).toFixed(2)} s, ${(bytes / (1 << 20) / (parseMs / 1000)).toFixed(0)} MB/s, ${((n / parseMs) * 1000 / 1e6).toFixed(2)} M rows/s; CPU ${((c3 - c2) / 1000).toFixed(2)} s`);
  line('  rows read / accepted / rejected', `${report.rowsRead.toLocaleString('en')} / ${report.rowsAccepted.toLocaleString('en')} / ${report.rowsRejected}`);
  line('  RSS added by the read (file bytes already in memory)', `${((process.memoryUsage().rss - beforeRead) / (1 << 20)).toFixed(0)} MB`);
  chunks.length = 0;

  const s = dataset.summary;
  let same = s.frequency.length === n;
  let revenueRead = 0;
  for (let i = 0; same && i < n; i++) {
    same = s.frequency[i] === written.frequency[i] && s.recency[i] === written.recency[i] && s.T[i] === written.T[i] && s.monetary[i] === written.monetary[i];
    revenueRead += dataset.revenue![i];
  }
  line('  what was read equals what was written', same && Math.abs(revenueRead - revenueSum) <= 1e-9 * revenueSum ? 'yes' : 'NO');

  const c4 = cpu();
  const t4 = performance.now();
  const purchases = fitModel(s, 'bgnbd');
  const t5 = performance.now();
  const c5 = cpu();
  peak = Math.max(peak, process.memoryUsage().rss);
  const spend = fitGammaGamma(spendData(s.frequency, s.monetary));
  const t6 = performance.now();
  const c6 = cpu();
  peak = Math.max(peak, process.memoryUsage().rss);
  line('  BG/NBD fit', `${((t5 - t4) / 1000).toFixed(2)} s; CPU ${((c5 - c4) / 1000).toFixed(2)} s`);
  line('    parameters (simulated 0.25, 28, 0.8, 2.5)', `r ${purchases.params.r.toPrecision(3)}, α ${purchases.params.alpha.toPrecision(3)}, a ${purchases.params.a.toPrecision(3)}, b ${purchases.params.b.toPrecision(3)}`);
  line('  Gamma-Gamma fit', `${((t6 - t5) / 1000).toFixed(2)} s; CPU ${((c6 - c5) / 1000).toFixed(2)} s`);
  line('    parameters (simulated 6, 4, 15)', `p ${spend.params[0].toPrecision(3)}, q ${spend.params[1].toPrecision(3)}, v ${spend.params[2].toPrecision(3)} on ${spend.customers.toLocaleString('en')} repeat buyers`);
  line('  peak RSS (file bytes + read + fits)', `${(peak / (1 << 20)).toFixed(0)} MB`);
}
