/** Readers for the lifetimes reference outputs in /work/shared/reference (see its README). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CustomerSummary } from '../../../src/core/types';

export const REFERENCE = resolve(__dirname, '../../../../shared/reference');
export const SHARED_DATA = resolve(__dirname, '../../../../shared/data');

export function readCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

/** A reference `*_summary.csv` as a CustomerSummary (customer = row index) with its ids. */
export function referenceSummary(file: string): { ids: string[]; summary: CustomerSummary } {
  const { rows } = readCsv(resolve(REFERENCE, file));
  return {
    ids: rows.map((r) => r[0]),
    summary: {
      customer: Uint32Array.from(rows, (_, i) => i),
      frequency: Float64Array.from(rows, (r) => Number(r[1])),
      recency: Float64Array.from(rows, (r) => Number(r[2])),
      T: Float64Array.from(rows, (r) => Number(r[3])),
      monetary: Float64Array.from(rows, (r) => Number(r[4])),
    },
  };
}

/** A reference `*_predictions.csv` as columns of numbers, in file order, keyed by column name. */
export function referencePredictions(file: string): { ids: string[]; columns: Record<string, Float64Array> } {
  const { header, rows } = readCsv(resolve(REFERENCE, file));
  const columns: Record<string, Float64Array> = {};
  header.slice(1).forEach((name, k) => (columns[name] = Float64Array.from(rows, (r) => Number(r[k + 1]))));
  return { ids: rows.map((r) => r[0]), columns };
}

export interface OracleVariant {
  bgnbd: Record<string, number>;
  paretoNbd: Record<string, number>;
  gammaGamma: Record<string, number>;
}

export const oracle = JSON.parse(readFileSync(resolve(REFERENCE, 'oracle_results.json'), 'utf8'));

/** Largest relative difference between two aligned arrays (relative to max(|expected|, floor)). */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-12): { error: number; index: number } {
  let error = 0;
  let index = -1;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor);
    if (!(e <= error)) {
      error = Number.isNaN(e) ? Infinity : e;
      index = i;
    }
  }
  return { error, index };
}
