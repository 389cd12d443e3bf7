import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { sniff } from '../../src/core/import';
import { streamImport } from '../../src/core/import/run';
const path = process.argv[2];
const size = statSync(path).size;
const head = new Uint8Array(1 << 20);
const fd = openSync(path, 'r'); const got = readSync(fd, head, 0, head.length, 0); closeSync(fd);
const guess = sniff(head.subarray(0, got), 'orders.csv', size);
const options = { fileName: 'orders.csv', totalBytes: size, encoding: guess.encoding, delimiter: guess.delimiter, hasHeader: guess.hasHeader, mapping: guess.mapping, dateOrderFallback: guess.dateOrder ?? 'DMY' } as const;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let run = 0; run < 3; run++) {
  const c0 = cpu(); const t0 = performance.now();
  async function* chunks() { for await (const c of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) yield new Uint8Array(c.buffer, c.byteOffset, c.byteLength); }
  const { report } = await streamImport(options, chunks());
  console.log(`import wall ${(performance.now() - t0).toFixed(0)} cpu ${(cpu() - c0).toFixed(0)} ms`, report.rowsAccepted);
}
