/**
 * BG/BB on a transactions table: the donations data of Fader, Hardie & Shang (2010) rebuilt as yearly donations
 * (11,104 donors who first gave in 1995, observed through 2001), must give back the published fit and forecasts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../../../src/core/import';
import { discreteOpportunities } from '../../../src/core/forecast';
import { SHARED_DATA } from './reference-files';

function donationsAsTransactions(): string {
  const rows = readFileSync(resolve(SHARED_DATA, 'donations/donations_summary.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const lines = ['donor,date,amount'];
  let id = 0;
  for (const [x, tx, , weight] of rows) {
    for (let w = 0; w < weight; w++) {
      id++;
      lines.push(`d${id},1995-03-01,25`);
      // x repeat years, the last being year tx after joining; the others just before it.
      for (let k = 0; k < x; k++) lines.push(`d${id},${1995 + tx - k}-06-15,25`);
    }
  }
  return lines.join('\n');
}

describe('BG/BB on yearly donations', () => {
  const { table } = importBytes(new TextEncoder().encode(donationsAsTransactions()), 'donations.csv');
  const report = discreteOpportunities(table, 'year', 5, 0.1, '2001-12-31');

  it('rebuilds the 22 patterns of 11,104 donors and reproduces the published fit', () => {
    expect(report.customers).toBe(11_104);
    expect(report.tooRecent).toBe(0);
    expect(report.patterns).toBe(22);
    expect(report.params!.alpha).toBeCloseTo(1.20352, 4);
    expect(report.params!.beta).toBeCloseTo(0.749716, 4);
    expect(report.params!.gamma).toBeCloseTo(0.656718, 4);
    expect(report.params!.delta).toBeCloseTo(2.78344, 3);
    expect(report.logLikelihood).toBeCloseTo(-33225.58, 1);
  });

  it('forecasts 12,884 donations over the next five years', () => {
    expect(report.expectedNext).toBeCloseTo(12884.2, 0);
    expect(report.byFrequency.map((g) => g.x)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(report.byFrequency[0].customers).toBe(3464);
    for (const g of report.byFrequency) {
      expect(g.pAlive).toBeGreaterThan(0);
      expect(g.pAlive).toBeLessThanOrEqual(1);
    }
  });

  it('counts only whole periods: a year still running is not an opportunity yet', () => {
    const partial = discreteOpportunities(table, 'year', 5, 0.1, '2001-06-30');
    // 2001 is not over: donors have 5 whole years after 1995, and their 2001 gifts are not counted.
    expect(partial.customers).toBe(11_104);
    expect(partial.params).not.toBeNull();
    expect(partial.patterns).toBeLessThan(22);
  });
});
