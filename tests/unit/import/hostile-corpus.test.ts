/**
 * The hostile corpus (tests/fixtures/hostile/cases.ts) through the app's import: the sniff, and the importer when
 * the sniff accepts the file; gzip is inflated first when the bytes say gzip, as the worker does. Every case asserts
 * its outcome exactly and finishes in a bound generous enough for a loaded 2-core machine.
 */
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError, importBytes } from '../../../src/core/import';
import { isGzipMagic } from '../../../src/core/import/gzip';
import { CASES } from '../../fixtures/hostile/cases';

/** The file's text as the worker hands it to the import: inflated when it is gzip; a damaged gzip says so. */
function textOf(bytes: Uint8Array): Uint8Array {
  if (!isGzipMagic(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch {
    throw new ImportError('gzip-broken', 'damaged gzip');
  }
}

describe.each(['encoding', 'size', 'ragged', 'values', 'binary', 'injection'] as const)('hostile corpus: %s', (group) => {
  it.each(CASES.filter((c) => c.group === group).map((c) => [c.name, c] as const))('%s', (_, c) => {
    const started = performance.now();
    let outcome: ReturnType<typeof importBytes> | ImportError;
    try {
      outcome = importBytes(textOf(c.bytes()), c.file ?? 'orders.csv');
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      outcome = err;
    }
    const ms = performance.now() - started;
    const e = c.expected;
    if ('problem' in e) {
      expect(outcome instanceof ImportError ? outcome.code : 'accepted').toBe(e.problem);
    } else {
      if (outcome instanceof ImportError) throw new Error(`refused: ${outcome.code}: ${outcome.message}`);
      const { report, table } = outcome;
      const rejected = Object.fromEntries(report.rejected.map((g) => [g.code, g.count]));
      expect({ read: report.rowsRead, accepted: report.rowsAccepted, rejected }).toEqual({ read: e.read, accepted: e.accepted, rejected: e.rejected ?? {} });
      expect(report.rowsRead).toBe(report.rowsAccepted + report.rowsRejected);
      expect(table.length).toBe(report.rowsAccepted);
      for (const [code, lines] of Object.entries(e.lines ?? {})) expect(report.rejected.find((g) => g.code === code)?.examples.map((x) => x.line).slice(0, lines.length)).toEqual(lines);
      e.check?.(table, report);
    }
    expect(ms).toBeLessThan(c.maxMs ?? 5000);
  });
});

it('the corpus holds at least 40 cases, in every group', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(40);
  expect(new Set(CASES.map((c) => c.group)).size).toBe(6);
  expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
});
