/** The figures computed once at import: the dataset figures and the monthly cohorts of the snapshot contract. */
import { cohorts as buildCohorts } from './cohorts';
import { datasetFigures } from './dataset-figures';
import type { Cohorts, DatasetFigures, TransactionTable } from '../types';

export interface DatasetAnalysis {
  figures: DatasetFigures;
  cohorts: Cohorts;
  timings: { figuresMs: number };
}

export function analyzeDataset(table: TransactionTable): DatasetAnalysis {
  const t0 = performance.now();
  const figures = datasetFigures(table);
  const cohorts = buildCohorts(table, 'month');
  return { figures, cohorts, timings: { figuresMs: performance.now() - t0 } };
}
