/**
 * A summary dataset (a per-customer summary file, docs/warehouse.md) as the models and the history see it: the model
 * input in the chosen time unit, exactly as customerSummary gives it from orders (days, or days ÷ 7 for weeks).
 */
import type { CustomerSummary, SummaryDataset, TimeUnit } from '../types';
import { daysPerUnit } from './customer-summary';

/** The dataset's model input in `unit` (the file is in days; weeks divide tₓ and T by 7, as the orders path does). */
export function summaryInUnit(data: SummaryDataset, unit: TimeUnit): CustomerSummary {
  const scale = daysPerUnit(unit);
  const s = data.summary;
  if (scale === 1) return s;
  return { customer: s.customer, frequency: s.frequency, recency: s.recency.map((v) => v / scale), T: s.T.map((v) => v / scale), monetary: s.monetary };
}
