/** The models' input from a summary dataset (docs/warehouse.md): its own chunk, loaded only for such a dataset. */
import type { PredictionInput } from '../src/core/forecast';
import { summaryInUnit } from '../src/core/figures/summary-dataset';
import { dayToIso } from '../src/core/figures/dates';
import type { SummaryDataset, TimeUnit } from '../src/core/types';

/** The observation end is the file's ('' when the file gives recency and T without dates: no day is known). */
export function summaryInput(data: SummaryDataset, timeUnit: TimeUnit): PredictionInput {
  return { observationEnd: data.observationEnd === null ? '' : dayToIso(data.observationEnd), summary: summaryInUnit(data, timeUnit), ids: data.customerIds };
}
