/**
 * The published CDNOW fits (Fader, Hardie & Lee 2005; lifetimes' tests, see ../shared/docs/clv-models.md) from the
 * raw transaction log, through `npm run analyze` as a user would run it: the 1/10 sample's 6,919 rows, 39-week
 * calibration (to 1997-09-30), weeks. Its 8 rows of $0.00 are purchases (BTYD, lifetimes and the paper count them);
 * leaving them out gives r = 0.2439, not the published 0.2426. Both copies of the log in ../shared/data/cdnow (the
 * lifetimes text file without a header and BTYD's CSV, see data/README.md) must agree.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, parseArgs } from '../../../src/cli/analyze';
import { SHARED_DATA } from './reference-files';

const logs = ['CDNOW_sample.txt', 'cdnowElog_BTYD.csv'];

describe('CDNOW from the raw transaction log, $0 orders counted', () => {
  it.each(logs)('%s reproduces the published BG/NBD and Pareto/NBD fits', async (file) => {
    const s = await analyzeFile(parseArgs([resolve(SHARED_DATA, 'cdnow', file), '--observation-end', '1997-09-30', '--time-unit', 'week']));
    // data/README.md: 6,919 rows, 2,357 customers, $244,091.94, 1997-01-01 to 1998-06-30; every row a purchase.
    expect(s.dataset).toMatchObject({ rowsRead: 6_919, rowsAccepted: 6_919, customers: 2_357, purchases: 6_919, refunds: 0, netRevenue: 244_091.94, firstDate: '1997-01-01', lastDate: '1998-06-30' });
    const bg = s.models!.bgnbd!;
    // Published: r 0.2426 (0.242593 in lifetimes' full-precision output), α 4.413532, a 0.792886, b 2.425752,
    // log-likelihood −9582.43. Ours: 0.242595, 4.413602, 0.792922, 2.425907, −9582.4292.
    expect(bg.r).toBeCloseTo(0.2426, 4);
    expect(bg.r).toBeCloseTo(0.242593, 5);
    expect(bg.alpha).toBeCloseTo(4.413532, 3);
    expect(bg.a).toBeCloseTo(0.792886, 3);
    expect(bg.b).toBeCloseTo(2.425752, 3);
    expect(bg.logLikelihood).toBeCloseTo(-9582.43, 2);
    // Pareto/NBD: 0.553, 10.578, 0.606, 11.669 (to 2 decimals), log-likelihood −9594.97.
    const pn = s.models!.paretoNbd!;
    expect([pn.r, pn.alpha, pn.s, pn.beta].map((v) => Number(v.toFixed(2)))).toEqual([0.55, 10.58, 0.61, 11.67]);
    expect(pn.logLikelihood).toBeCloseTo(-9594.97, 1);
  });
});
