/**
 * A per-customer summary written as the summary file of docs/warehouse.md (the columns of SUMMARY_HEADER, in that
 * order, less those the data does not have; days; dates YYYY-MM-DD; numbers in their shortest exact form), so that
 * the app's own summary of an orders file can be saved, checked against a warehouse query's output, and imported
 * again.
 */
import { dayToIso } from '../figures/dates';
import { SUMMARY_HEADER } from '../import/summary-columns';
import type { SummaryDataset } from '../types';
import { toCsv, type CsvCell } from './csv';

type Name = (typeof SUMMARY_HEADER)[number];

export function summaryCsv(data: SummaryDataset): string {
  const { summary, purchases, revenue, firstDay, observationEnd } = data;
  const cells: [Name, (i: number) => CsvCell][] = [['customer_id', (i) => data.customerIds[summary.customer[i]]]];
  if (firstDay) {
    cells.push(['first_purchase', (i) => dayToIso(firstDay[i])], ['last_purchase', (i) => dayToIso(firstDay[i] + summary.recency[i])]);
    if (observationEnd !== null) cells.push(['observation_end', (i) => dayToIso(firstDay[i] + summary.T[i])]);
  }
  cells.push(['frequency', (i) => summary.frequency[i]], ['recency', (i) => summary.recency[i]], ['T', (i) => summary.T[i]]);
  if (purchases) cells.push(['purchases', (i) => purchases[i]]);
  if (revenue) cells.push(['revenue', (i) => revenue[i]]);
  if (data.hasMonetary) cells.push(['monetary', (i) => summary.monetary[i]]);
  const rows: CsvCell[][] = new Array(summary.customer.length);
  for (let i = 0; i < rows.length; i++) rows[i] = cells.map(([, cell]) => cell(i));
  return toCsv(cells.map(([name]) => name), rows);
}
