import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sniff } from '../../src/core/import';
import { streamImport } from '../../src/core/import/run';
import { analyzeDataset, customerSummary, tableDayRange } from '../../src/core/figures';
import { RecordReader } from '../../src/core/import/record-reader';
import { ChunkDecoder } from '../../src/core/import/text-encoding';
const csv = gunzipSync(readFileSync('../shared/data/online_retail/online_retail.csv.gz'));
const bytes = new Uint8Array(csv.buffer, csv.byteOffset, csv.byteLength);
const CHUNK = 1 << 20;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
async function main() {
  const mode = process.env.MODE ?? 'all';
  for (let run = 0; run < Number(process.env.RUNS ?? 5); run++) {
    if (mode === 'reader') {
      const c0 = cpu();
      const decoder = new ChunkDecoder('utf-8');
      let n = 0;
      const reader = new RecordReader(',', { record(r) { n += r.fieldCount; }, blank() {}, unclosedQuote() {} });
      for (let o = 0; o < bytes.length; o += CHUNK) reader.push(decoder.decode(bytes.subarray(o, o + CHUNK)));
      reader.push(decoder.decode(null)); reader.end();
      console.log(`reader cpu ${(cpu() - c0).toFixed(0)} ms fields ${n}`);
      continue;
    }
    const guess = sniff(bytes.subarray(0, CHUNK), 'online_retail.csv', bytes.length);
    const options = { fileName: 'online_retail.csv', totalBytes: bytes.length, encoding: guess.encoding, delimiter: guess.delimiter, hasHeader: guess.hasHeader, mapping: guess.mapping, dateOrderFallback: guess.dateOrder ?? 'DMY' } as const;
    const chunks = (async function* () { for (let o = 0; o < bytes.length; o += CHUNK) yield bytes.subarray(o, o + CHUNK); })();
    const c0 = cpu();
    const { table } = await streamImport(options, chunks);
    const c1 = cpu();
    const { figures } = analyzeDataset(table);
    const c2 = cpu();
    const summary = customerSummary(table, { observationEnd: tableDayRange(table)!.max, timeUnit: 'day' });
    const c3 = cpu();
    console.log(`cpu: import ${(c1 - c0).toFixed(0)} figures+cohorts ${(c2 - c1).toFixed(0)} summary ${(c3 - c2).toFixed(0)} total ${(c3 - c0).toFixed(0)}`, figures.customers, figures.netRevenue.toFixed(2), summary.customer.length);
  }
}
void main();
