/** A forecast as the Forecast tab shows it: every customer's predictions, with the heatmaps and the CLV histogram. */
import { histogram, type Histogram } from '../figures';
import type { CustomerSummary } from '../types';
import type { ForecastMargin } from './margin';
import type { PredictionSettings } from './predictions';
import { rfGrid, type RfGrid } from './rf-grid';
import type { Forecast } from './models';

export interface ForecastView {
  settings: PredictionSettings;
  margin: ForecastMargin;
  observationEnd: string;
  forecast: Forecast;
  /** Ids aligned with the forecast's per-customer arrays. */
  ids: string[];
  summary: CustomerSummary;
  grids: { pAlive: RfGrid; expectedPurchases: RfGrid };
  clvDistribution: Histogram;
  /** Whether this answer needed a model fit (false: predicted again from the fitted parameters). */
  refitted: boolean;
  timings: { fitMs: number; predictMs: number };
}

export function forecastView(input: Omit<ForecastView, 'grids' | 'clvDistribution'>): ForecastView {
  const c = input.forecast.customers;
  return {
    ...input,
    grids: { pAlive: rfGrid(input.summary, c.pAlive), expectedPurchases: rfGrid(input.summary, c.expectedPurchases) },
    clvDistribution: histogram(c.clv, { bins: 30, scale: 'linear' }),
  };
}
