/**
 * The models fitted on a summary file equal the models fitted on the orders it summarises: the app's own summary of
 * CDNOW master and of Online Retail written out as a summary file (summaryCsv), read back through the summary import,
 * and fitted with the public fit functions, against the fits the Forecast tab makes from the orders.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableDayRange } from '../../../src/core/figures';
import { summaryOfOrders } from '../../../src/core/figures/summary-of-orders';
import { summaryInUnit } from '../../../src/core/figures/summary-dataset';
import { summaryCsv } from '../../../src/core/export/summary-csv';
import { readSummaryFile } from '../../../src/core/import/summary-file';
import { fitModelOnTable } from '../../../src/core/forecast';
import { fitForecast, fitModel } from '../../../src/core/forecast/models';
import { predictionInput } from '../../../src/core/forecast/predictions';
import type { TimeUnit, TransactionTable } from '../../../src/core/types';
import { loadCdnowMaster, loadOnlineRetail } from '../../fixtures/figures/real-data';

const REL = 1e-6;
const close = (a: Record<string, number>, b: Record<string, number>) => Object.keys(b).every((k) => Math.abs(a[k] - b[k]) <= REL * Math.abs(b[k]));

function viaFile(table: TransactionTable) {
  const csv = summaryCsv(summaryOfOrders(table, tableDayRange(table)!.max));
  const { dataset, report } = readSummaryFile(new TextEncoder().encode(csv), 'summary.csv');
  expect(report.rowsRejected).toBe(0);
  return dataset;
}

describe.each([
  ['CDNOW master', loadCdnowMaster, 'week', ['bgnbd', 'mbgnbd', 'paretoNbd']],
  ['Online Retail', () => loadOnlineRetail().table, 'day', ['bgnbd', 'mbgnbd']],
] as const)('%s: fitted from its summary file as from its orders', (_name, load, unit, models) => {
  const table = load();
  const dataset = viaFile(table);
  const fromFile = summaryInUnit(dataset, unit as TimeUnit);

  it('has the same customers and model input', () => {
    const fromOrders = predictionInput(table, unit as TimeUnit).summary;
    expect(fromFile.frequency.length).toBe(fromOrders.frequency.length);
    expect(Array.from(fromFile.frequency)).toEqual(Array.from(fromOrders.frequency));
    expect(Array.from(fromFile.recency)).toEqual(Array.from(fromOrders.recency));
    expect(Array.from(fromFile.T)).toEqual(Array.from(fromOrders.T));
  });

  for (const model of models) {
    it(`${model}: the same parameters and log-likelihood (1e-6 relative)`, () => {
      const a = fitModel(fromFile, model);
      const b = fitModelOnTable(table, model, unit as TimeUnit);
      expect(a.params).toBeDefined();
      expect(close(a.params, b.params), `${JSON.stringify(a.params)} vs ${JSON.stringify(b.params)}`).toBe(true);
      expect(Math.abs(a.logLikelihood - b.logLikelihood)).toBeLessThan(REL * Math.abs(b.logLikelihood));
    });
  }

  it('Gamma-Gamma: the same parameters from the file’s mean repeat spend', () => {
    const a = fitForecast(fromFile, 'bgnbd').spend!;
    const b = fitForecast(predictionInput(table, unit as TimeUnit).summary, 'bgnbd').spend!;
    expect(close(a.params, b.params), `${JSON.stringify(a.params)} vs ${JSON.stringify(b.params)}`).toBe(true);
  });
});

describe('a summary file as the literature writes it: the CDNOW sample (ID, x, t_x, T, zbar; in weeks)', () => {
  const { dataset, report } = readSummaryFile(readFileSync(new URL('../../../../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv', import.meta.url)), 'cdnow_customers_summary_with_transactions.csv');

  it('is read whole: 2,357 customers, zbar as the mean repeat spend', () => {
    expect(report.rowsRead).toBe(2357);
    expect(report.rowsRejected).toBe(0);
    expect(report.mapping).toMatchObject({ customer: 0, frequency: 1, recency: 2, T: 3, monetary: 4 });
    expect([dataset.summary.frequency[0], dataset.summary.recency[0], dataset.summary.T[0], dataset.summary.monetary[0]]).toEqual([2, 30.43, 38.86, 22.35]);
  });

  it('gives the published BG/NBD and Gamma-Gamma fits in its own unit (lifetimes’ tests: 0.243, 4.414, 0.793, 2.426; 6.25, 3.74, 15.44)', () => {
    const fitted = fitForecast(dataset.summary, 'bgnbd');
    const { r, alpha, a, b } = fitted.fit.params;
    expect([r, alpha, a, b].map((v) => Number(v.toFixed(3)))).toEqual([0.243, 4.414, 0.793, 2.426]);
    // ../shared/docs/clv-models.md: recomputed 6.24880, 3.74459, 15.44775 on the 946 repeaters.
    const { p, q, v } = fitted.spend!.params;
    expect([p, q, v].map((value) => Number(value.toFixed(3)))).toEqual([6.249, 3.745, 15.448]);
    expect(fitted.spend!.customers).toBe(946);
  });
});
