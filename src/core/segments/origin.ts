/**
 * Lifetime value by what brought the customer: the product, channel or discount code of their first purchase, or the
 * month of it. For each origin: customers, average historical CLV (net revenue so far), average predicted CLV when a
 * model is fitted, and the repeat rate (share who bought again). The largest origins are listed; the rest are summed
 * under one "other" row, so the table stays readable on any file.
 */
import { monthIndex, monthLabel } from '../figures/dates';
import type { TransactionTable } from '../types';
import type { CustomerPredictionsByCode } from './report';
import type { RfmInput } from './rfm-input';
import { customerCountOf } from '../customer-ids';

export type OriginDimension = 'product' | 'channel' | 'discount' | 'month';

export interface OriginRow {
  /** The product, channel or month (YYYY-MM); null for the row that sums the smaller origins. */
  origin: string | null;
  customers: number;
  averageHistoricalClv: number;
  averagePredictedClv: number | null;
  repeatRate: number;
}

export interface OriginReport {
  dimension: OriginDimension;
  rows: OriginRow[];
  /** Customers whose first purchase has no value in the column. */
  unknown: number;
}

const MAX_ROWS = 30;

/**
 * The label of each scored customer's first purchase in a label column: among the purchase rows of their first
 * purchase day, the first non-empty value in file order. An export that writes an order's discount code (or
 * channel) on its first line only, and leaves its other lines blank, still gives the order's code.
 */
function firstLabels(table: TransactionTable, input: RfmInput, codes: Uint32Array, names: string[]): (string | null)[] {
  const firstRow = new Int32Array(customerCountOf(table)).fill(-1);
  const labelled = (i: number) => (names[codes[i]] ?? '') !== '';
  for (let i = 0; i < table.length; i++) {
    if (table.amount[i] < 0 || table.day[i] > input.asOf) continue;
    const c = table.customer[i];
    const at = firstRow[c];
    if (at < 0 || table.day[i] < table.day[at] || (table.day[i] === table.day[at] && !labelled(at) && labelled(i))) firstRow[c] = i;
  }
  return Array.from(input.customer, (c) => (firstRow[c] >= 0 ? (names[codes[firstRow[c]]] ?? null) || null : null));
}

export function valueByOrigin(table: TransactionTable, input: RfmInput, dimension: OriginDimension, predictions: CustomerPredictionsByCode | null): OriginReport | null {
  let labels: (string | null)[];
  if (dimension === 'month') labels = Array.from(input.firstDay, (d) => monthLabel(monthIndex(d)));
  else {
    const codes = dimension === 'product' ? table.product : dimension === 'channel' ? table.channel : table.discount;
    const names = dimension === 'product' ? table.productNames : dimension === 'channel' ? table.channelNames : table.discountCodes;
    if (!codes || !names) return null;
    labels = firstLabels(table, input, codes, names);
  }
  const groups = new Map<string, { customers: number; revenue: number; repeat: number; clv: number; clvN: number }>();
  let unknown = 0;
  labels.forEach((label, i) => {
    if (label === null) return void unknown++;
    const g = groups.get(label) ?? { customers: 0, revenue: 0, repeat: 0, clv: 0, clvN: 0 };
    g.customers++;
    g.revenue += input.monetary[i];
    if (input.frequency[i] >= 2) g.repeat++;
    const clv = predictions ? predictions.clv[input.customer[i]] : NaN;
    if (Number.isFinite(clv)) (g.clv += clv), g.clvN++;
    groups.set(label, g);
  });
  // Months read best in time order; products and channels by size.
  const entries = [...groups.entries()].sort(dimension === 'month' ? ([a], [b]) => (a < b ? -1 : 1) : ([a, x], [b, y]) => y.customers - x.customers || (a < b ? -1 : 1));
  const shown = entries.slice(0, MAX_ROWS);
  const rest = entries.slice(MAX_ROWS).reduce((o, [, g]) => ({ customers: o.customers + g.customers, revenue: o.revenue + g.revenue, repeat: o.repeat + g.repeat, clv: o.clv + g.clv, clvN: o.clvN + g.clvN }), { customers: 0, revenue: 0, repeat: 0, clv: 0, clvN: 0 });
  const row = (origin: string | null, g: typeof rest): OriginRow => ({
    origin, customers: g.customers, averageHistoricalClv: g.revenue / g.customers, repeatRate: g.repeat / g.customers,
    averagePredictedClv: predictions && g.clvN ? g.clv / g.clvN : null,
  });
  const rows = shown.map(([label, g]) => row(label, g));
  if (rest.customers) rows.push(row(null, rest));
  return { dimension, rows, unknown };
}
