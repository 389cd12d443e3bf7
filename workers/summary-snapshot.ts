/** A summary dataset's `historical` snapshot part (its own chunk: loaded only when such a dataset is exported). */
import { summaryHistory } from '../src/core/figures/summary-history';
import { summaryHistoricalForSnapshot } from '../src/core/snapshot/summary-historical';
import type { SummaryDataset } from '../src/core/types';

export const summaryHistoricalPart = (data: SummaryDataset) => summaryHistoricalForSnapshot(summaryHistory(data));
