/**
 * build → JSON text → restore gives back the built snapshot, on real files run through the CLI's engine: the small
 * hand-checked shop file, and the CDNOW sample with its three purchase models and Gamma-Gamma fitted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { restoreSnapshot, type SnapshotV1 } from '../../../src/core/snapshot';
import { analyze, CDNOW_SAMPLE, copy, DON_HANG, objectsIn } from './fixtures';

/** Every object and array in a value. */
function containers(value: unknown, into = new Set<object>()): Set<object> {
  if (typeof value === 'object' && value !== null) {
    into.add(value);
    for (const v of Object.values(value)) containers(v, into);
  }
  return into;
}

describe.each([
  ['don-hang.csv', DON_HANG, [] as string[], []],
  ['CDNOW_sample.txt, weeks, Pareto/NBD, segments', CDNOW_SAMPLE, ['--time-unit', 'week', '--model', 'paretoNbd', '--observation-end', '1997-09-30', '--segments'], ['segments']],
])('round trip of %s', (_name, file, flags, extraParts) => {
  let built: SnapshotV1;
  let text: string;
  beforeAll(async () => {
    built = await analyze(file, ...flags);
    text = `${JSON.stringify(built, null, 2)}\n`;
  });

  it('has every part, models and forecast included', () => {
    expect(Object.keys(built)).toEqual(['format', 'version', 'createdAt', 'app', 'dataset', 'settings', 'historical', 'cohorts', 'models', 'forecast', ...extraParts]);
    expect(Object.keys(built.models!)).toEqual(['bgnbd', 'mbgnbd', 'paretoNbd', 'gammaGamma']);
    expect(built.historical!.formulas).toHaveLength(4);
  });

  it('restores the text to the built snapshot, with no notes, and writes it back byte for byte', () => {
    const restored = restoreSnapshot(text);
    expect(restored).toEqual({ ok: true, snapshot: built, notes: [] });
    if (!restored.ok) return;
    expect(`${JSON.stringify(restored.snapshot, null, 2)}\n`).toBe(text);
  });

  it('restores an already-parsed value into new objects, sharing nothing with the input', () => {
    const input = copy(built);
    const restored = restoreSnapshot(input);
    expect(restored.ok && restored.snapshot).toEqual(built);
    if (!restored.ok) return;
    const inputObjects = containers(input);
    expect([...containers(restored.snapshot)].filter((o) => inputObjects.has(o))).toEqual([]);
    for (const { path, object } of objectsIn(restored.snapshot)) expect(Object.getPrototypeOf(object), path).toBe(Object.prototype);
  });

  it('restores its own output again (idempotent)', () => {
    const once = restoreSnapshot(text);
    const twice = once.ok ? restoreSnapshot(JSON.stringify(once.snapshot)) : once;
    expect(twice).toEqual(once);
  });
});
