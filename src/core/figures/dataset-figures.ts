/**
 * The snapshot contract's dataset figures, with the contract's literal definitions.
 */
import type { DatasetFigures, TransactionTable } from '../types';
import { dayToIso } from './dates';

/**
 * customers = distinct customer ids among accepted rows; purchases = rows with amount >= 0 (a free order is a
 * purchase); refunds = rows with amount < 0; netRevenue = sum of all amounts, refunds included (compensated sum);
 * firstDate/lastDate = earliest/latest day as YYYY-MM-DD, null for an empty table.
 */
export function datasetFigures(table: TransactionTable): DatasetFigures {
  const { length, customer, day, amount } = table;
  const seen = new Uint8Array(table.customerIds.length);
  let customers = 0;
  let purchases = 0;
  let refunds = 0;
  let minDay = Infinity;
  let maxDay = -Infinity;
  // Compensated (Neumaier) sum, inline: see sum.ts for why; inline because this loop runs once per row.
  let net = 0;
  let compensation = 0;
  for (let i = 0; i < length; i++) {
    const c = customer[i];
    if (seen[c] === 0) {
      seen[c] = 1;
      customers++;
    }
    const a = amount[i];
    if (a >= 0) purchases++;
    else if (a < 0) refunds++;
    const t = net + a;
    compensation += Math.abs(net) >= Math.abs(a) ? net - t + a : a - t + net;
    net = t;
    const d = day[i];
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
  }
  return {
    customers,
    purchases,
    refunds,
    netRevenue: net + compensation,
    firstDate: length > 0 ? dayToIso(minDay) : null,
    lastDate: length > 0 ? dayToIso(maxDay) : null,
  };
}
