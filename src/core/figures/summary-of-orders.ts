/**
 * The app's own per-customer summary of an orders table, in the summary file's terms (docs/warehouse.md): what the
 * warehouse queries must reproduce, and what the app writes when it saves a summary. Purchase rows (amount >= 0) on or
 * before the observation end; x, tₓ, T and monetary exactly as customerSummary computes them, in days; purchases are
 * the customer's distinct orders among those rows (the rows themselves without an order column); revenue the sum of
 * the customer's purchase-day totals.
 */
import type { DayNumber, SummaryDataset, TransactionTable } from '../types';
import { groupCustomerDays, hasOrderIds } from './customer-days';
import { summarizeCustomerDays } from './customer-summary';
import { ordersPerCustomer } from './orders-per-customer';

export function summaryOfOrders(table: TransactionTable, observationEnd: DayNumber): SummaryDataset {
  const days = groupCustomerDays(table, { through: observationEnd });
  const summary = summarizeCustomerDays(days, observationEnd, 'day');
  const n = summary.customer.length;
  const purchases = new Float64Array(n);
  const revenue = new Float64Array(n);
  const firstDay = new Int32Array(n);
  const orders = hasOrderIds(table) ? ordersPerCustomer(table, observationEnd, false) : null;
  for (let k = 0; k < n; k++) {
    const c = summary.customer[k];
    firstDay[k] = days.day[days.dayStart[c]];
    let total = 0;
    for (let j = days.dayStart[c]; j < days.dayStart[c + 1]; j++) total += days.total[j] / days.totalScale;
    revenue[k] = total;
    purchases[k] = orders ? orders[c] : days.rowStart[c + 1] - days.rowStart[c];
  }
  return { customerIds: table.customerIds, summary, purchases, revenue, firstDay, observationEnd, hasMonetary: true };
}
