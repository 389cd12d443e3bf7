/** Real snapshots for the snapshot tests, made by the CLI's engine (`analyzeFile`) from real files. */
import { fileURLToPath } from 'node:url';
import { analyzeFile, parseArgs } from '../../../src/cli/analyze';
import type { SnapshotV1 } from '../../../src/core/snapshot';

export const DON_HANG = fileURLToPath(new URL('../../fixtures/e2e/don-hang.csv', import.meta.url));
export const CDNOW_SAMPLE = fileURLToPath(new URL('../../../../shared/data/cdnow/CDNOW_sample.txt', import.meta.url));

/** The snapshot `npm run analyze -- <file> [flags]` writes. */
export function analyze(file: string, ...flags: string[]): Promise<SnapshotV1> {
  return analyzeFile(parseArgs([file, ...flags]));
}

/** A deep copy through JSON, as a file would carry it. */
export const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every object (not array) in a value, with its path written as restore writes paths. */
export function objectsIn(value: unknown, path = ''): { path: string; object: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectsIn(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Record<string, unknown>;
  return [{ path, object }, ...Object.keys(object).flatMap((k) => objectsIn(object[k], path ? `${path}.${k}` : k))];
}
