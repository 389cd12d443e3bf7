/**
 * RFM's input from a per-customer summary file (docs/warehouse.md), as rfmInput gives it from orders: recency = days
 * from the last purchase to the observation end (T − tₓ), frequency = purchase days (x + 1), monetary = the
 * customer's revenue (the file's revenue column; 0 without one). A summary is as of its observation end only: there
 * is no earlier day to score it at. Without dates (x, tₓ, T only) the days are counted back from day 0, in the file's
 * own unit.
 */
import type { SummaryDataset } from '../types';
import type { RfmInput } from './rfm-input';

export function summaryRfmInput(data: SummaryDataset): RfmInput {
  const s = data.summary;
  const n = s.customer.length;
  const asOf = data.observationEnd ?? 0;
  const out: RfmInput = {
    asOf,
    customer: Uint32Array.from(s.customer),
    firstDay: new Int32Array(n),
    lastDay: new Int32Array(n),
    recencyDays: new Int32Array(n),
    frequency: new Uint32Array(n),
    monetary: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const first = data.firstDay ? data.firstDay[i] : asOf - Math.round(s.T[i]);
    out.firstDay[i] = first;
    out.lastDay[i] = first + Math.round(s.recency[i]);
    out.recencyDays[i] = asOf - out.lastDay[i];
    out.frequency[i] = s.frequency[i] + 1;
    out.monetary[i] = data.revenue ? data.revenue[i] : 0;
  }
  return out;
}
