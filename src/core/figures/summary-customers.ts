/**
 * A per-customer summary (docs/warehouse.md) as the History's customer table reads the orders' customers: first and
 * last purchase (first + tₓ, in days), purchases (the file's, else x + 1 purchase days), purchase days (x + 1) and
 * revenue. Profit is unknown (a summary has no costs); so are the dates of a file with only x, tₓ and T.
 */
import type { SummaryDataset } from '../types';
import type { CustomerHistory } from './customer-history';

export interface SummaryCustomers {
  history: CustomerHistory;
  /** False for a file without dates: first and last purchase are then unknown (their columns are left out). */
  dated: boolean;
}

export function summaryCustomers(data: SummaryDataset): SummaryCustomers {
  const s = data.summary;
  const n = s.customer.length;
  const firstDay = new Int32Array(n);
  const lastDay = new Int32Array(n);
  const orders = new Uint32Array(n);
  const purchaseDays = new Uint32Array(n);
  const revenue = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (data.firstDay) {
      firstDay[i] = data.firstDay[i];
      lastDay[i] = data.firstDay[i] + Math.round(s.recency[i]);
    }
    purchaseDays[i] = s.frequency[i] + 1;
    orders[i] = data.purchases ? data.purchases[i] : purchaseDays[i];
    revenue[i] = data.revenue ? data.revenue[i] : NaN;
  }
  const history: CustomerHistory = {
    customer: Uint32Array.from(s.customer),
    firstDay,
    lastDay,
    orders,
    purchaseDays,
    netRevenue: revenue,
    grossProfit: null,
  };
  return { history, dated: data.firstDay !== null };
}
