/**
 * `npm run snapshot -- check FILE`: opens a snapshot file with the app's own `restoreSnapshot` (the same checks, the
 * same sentences) and prints one line. Exit codes: 0 the file opens (a summary of what it holds); 1 it does not
 * (what is wrong, and where: the part and field path); 2 the command was not used right (usage, no such file).
 *
 * A file over the snapshot size limit (MAX_SNAPSHOT_BYTES, as in the app) is refused from its size, before it is read.
 */
import { readFileSync, statSync } from 'node:fs';
import { restoreSnapshot, shareSummary, snapshotTooLarge, type SnapshotV1 } from '../core/snapshot';
import { formatNumber, plural } from '../core/snapshot/reader';

const USAGE = 'usage: npm run snapshot -- check FILE';

export interface CliResult {
  /** 0 opens, 1 refused, 2 usage. */
  code: number;
  /** The one line to print: stdout when code is 0, stderr otherwise. */
  line: string;
}

/** What a snapshot holds, on one line. */
export function describeSnapshot(s: SnapshotV1): string {
  const d = s.dataset;
  const dates = d.firstDate ? `, ${d.firstDate} to ${d.lastDate}` : '';
  const parts = (['historical', 'cohorts', 'models', 'forecast', 'segments', 'nps', 'subscriptions', 'customers'] as const).filter((p) => s[p] !== undefined);
  const summary = shareSummary(s);
  const hidden = Object.values(summary.suppressed).reduce((a, b) => a + b, 0);
  const kind = summary.aggregateOnly ? `aggregate-only (k = ${formatNumber(summary.k ?? 0)}${hidden ? `, ${plural(hidden, 'group')} suppressed` : ''})` : 'full';
  return `version ${s.version} snapshot of ${JSON.stringify(d.name)}: ${plural(d.customers, 'customer')}, ${plural(d.rowsRead, 'row')}${dates}; ${kind}; parts: dataset, settings, ${parts.join(', ')}`;
}

/** `check FILE`: the file's size, then its text through restoreSnapshot. */
export function checkFile(file: string): CliResult {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { code: 2, line: `snapshot: ${file}: not a file` };
    size = stat.size;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { code: 2, line: `snapshot: ${file}: ${e.code === 'ENOENT' ? 'file not found' : (e.message.split('\n')[0] ?? 'cannot be read')}` };
  }
  const tooLarge = snapshotTooLarge(size);
  if (tooLarge) return { code: 1, line: `snapshot: ${file}: ${tooLarge.problem}` };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { code: 2, line: `snapshot: ${file}: ${(err as Error).message.split('\n')[0]}` };
  }
  const r = restoreSnapshot(text);
  if (!r.ok) return { code: 1, line: `snapshot: ${file}: ${r.problem}` };
  const notes = r.notes.length ? ` (${plural(r.notes.length, 'note')}: ${r.notes[0].text}${r.notes.length > 1 ? ' …' : ''})` : '';
  return { code: 0, line: `${file}: ${describeSnapshot(r.snapshot)}${notes}` };
}

export function run(argv: string[]): CliResult {
  const [command, file, ...rest] = argv;
  if (command !== 'check' || !file || rest.length) return { code: 2, line: `snapshot: ${USAGE}` };
  return checkFile(file);
}

function main() {
  const { code, line } = run(process.argv.slice(2));
  // One line, whatever the file holds: no newline of a quoted field can break it.
  (code === 0 ? process.stdout : process.stderr).write(`${line.replace(/[\r\n]+/g, ' ')}\n`);
  process.exitCode = code;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) main();
