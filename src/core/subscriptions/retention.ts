/**
 * Net and gross revenue retention over a span of months (12 by default, fewer when the file is shorter):
 *   NRR = Σ MRR in the last month of the customers who had MRR in the base month ÷ Σ their MRR in the base month
 *   GRR = the same with each customer's MRR now capped at their MRR then (expansion left out), so GRR ≤ 100%
 * The base month is `months` before the last month of the file. Customers who joined after it are not counted;
 * customers who left and came back count with what they pay now. NRR can exceed 100% (expansion beats losses).
 */
import { monthLabel } from '../figures/dates';
import type { MrrGrid } from './monthly';

export interface RevenueRetention {
  nrr: number | null;
  grr: number | null;
  /** YYYY-MM of the base month and of the last month. */
  from: string;
  to: string;
  /** Months between them (12 unless the file is shorter). */
  months: number;
  /** Customers with MRR in the base month, and their MRR then and now. */
  baseCustomers: number;
  baseMrr: number;
  mrrNow: number;
}

export function revenueRetention(grid: MrrGrid, span = 12): RevenueRetention {
  const to = grid.months - 1;
  const from = Math.max(0, to - span);
  let baseMrr = 0, mrrNow = 0, capped = 0, baseCustomers = 0;
  for (let c = 0; c < grid.customers.length; c++) {
    const then = grid.mrr[c * grid.months + from];
    if (!(then > 1e-9)) continue;
    const now = grid.mrr[c * grid.months + to];
    baseCustomers++;
    baseMrr += then;
    mrrNow += now;
    capped += Math.min(now, then);
  }
  const ok = to > from && baseMrr > 0;
  return { nrr: ok ? mrrNow / baseMrr : null, grr: ok ? capped / baseMrr : null, from: monthLabel(grid.firstMonth + from), to: monthLabel(grid.firstMonth + to), months: to - from, baseCustomers, baseMrr, mrrNow };
}
