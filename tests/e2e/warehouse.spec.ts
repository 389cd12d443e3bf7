/**
 * A per-customer summary file (docs/warehouse.md) dropped on the page: the page does not open summaries yet, and says
 * so in one sentence instead of reading one as orders (a dated summary would otherwise import as one order per
 * customer on its first purchase date). Nothing is stored.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SUMMARIES = {
  'the warehouse queries’ ten columns': 'customer_id,first_purchase,last_purchase,observation_end,frequency,recency,T,purchases,revenue,monetary\n12346,2011-01-18,2011-01-18,2011-12-09,0,0,325,1,77183.6,0\n12347,2010-12-07,2011-12-07,2011-12-09,6,365,367,7,4310,599.701666666667\n',
  'lifetimes’ x, t_x, T': 'ID,x,t_x,T,zbar\n1,2,30.43,38.86,22.35\n2,1,1.71,38.86,11.77\n',
};

for (const [name, csv] of Object.entries(SUMMARIES)) {
  test(`a summary file (${name}) is refused with a sentence saying what it is, and nothing is stored`, async ({ page }) => {
    const file = join(mkdtempSync(join(tmpdir(), 'clv-summary-')), 'summary.csv');
    writeFileSync(file, csv);
    await page.goto('./');
    await page.getByTestId('import-file').setInputFiles(file);
    await expect(page.getByTestId('import-error')).toContainText('This file is a per-customer summary');
    // The page's own message (the catalogue's), not only the engine's short sentence.
    await expect(page.getByTestId('import-error')).toContainText('export the orders instead');
    await expect(page.getByTestId('import-confirm')).toHaveCount(0);
    await expect(page.getByTestId('analysis-ready')).toHaveCount(0);
  });
}
