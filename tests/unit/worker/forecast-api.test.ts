import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importBytes } from '../../../src/core/import';
import { discreteOpportunities } from '../../../src/core/forecast';
import { computeHarness, importText } from '../../support/compute-harness';
import { SHARED_DATA } from '../forecast/reference-files';

const harness = computeHarness();
afterAll(() => harness.close());
const text = readFileSync(resolve(SHARED_DATA, 'cdnow/CDNOW_sample.txt'), 'utf8');

describe('the forecast API', () => {
  it('discounts BG/BB per its own period: 10% a year is 2.41% a quarter, 1% a month is 3.03% a quarter', async () => {
    const id = await importText(harness.api, 'cdnow.txt', text);
    const { table } = importBytes(new TextEncoder().encode(text), 'cdnow.txt');
    const yearly = await harness.api.opportunities(id, 'quarter', 4, { discountRate: 0.1, discountPer: 'year' }, 'q1');
    const monthly = await harness.api.opportunities(id, 'quarter', 4, { discountRate: 0.01, discountPer: 'month' }, 'q2');
    // (1.1)^(1/4) − 1 = 0.0241137, (1.01)^3 − 1 = 0.030301: computed here by hand, not by the app's conversion.
    expect(yearly.meanDert).toBeCloseTo(discreteOpportunities(table, 'quarter', 4, 0.0241136890844451).meanDert, 10);
    expect(monthly.meanDert).toBeCloseTo(discreteOpportunities(table, 'quarter', 4, 0.030301).meanDert, 10);
    // A rate applied per quarter unconverted would give visibly different values.
    expect(Math.abs(yearly.meanDert - discreteOpportunities(table, 'quarter', 4, 0.1).meanDert)).toBeGreaterThan(0.05);
  });
});
