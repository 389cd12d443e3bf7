/** A forecast as the Forecast tab shows it: every customer's predictions, with the heatmaps and the CLV histogram. */
import { histogram, type Histogram } from '../figures/histogram';
import type { CustomerSummary } from '../types';
import type { ForecastMargin } from './margin';
import type { PredictionSettings } from './settings';
import { rfGrid, type RfGrid } from './rf-grid';
import { topCustomers, type TopShare } from './headline';
import type { Forecast } from './models/forecast';

export interface ForecastView {
  settings: PredictionSettings;
  margin: ForecastMargin;
  observationEnd: string;
  forecast: Forecast;
  /** Ids aligned with the forecast's per-customer arrays. */
  ids: string[];
  summary: CustomerSummary;
  /** Names the customers (ids and summary) above: the same name, the same customers. */
  baseId: string;
  grids: { pAlive: RfGrid; expectedPurchases: RfGrid };
  clvDistribution: Histogram;
  /** The top 10% of customers by predicted CLV (by expected purchases without CLV) and their share. */
  top: TopShare | null;
  /** Whether this answer needed a model fit (false: predicted again from the fitted parameters). */
  refitted: boolean;
  timings: { fitMs: number; predictMs: number };
}

/**
 * What the worker sends: the customers' ids and summary only when the page does not hold them already (a new
 * prediction on the same customers sends only what changed).
 */
export type ForecastAnswer = Omit<ForecastView, 'ids' | 'summary'> & { customers: { ids: string[]; summary: CustomerSummary } | null };

export function forecastAnswer(input: Omit<ForecastView, 'grids' | 'clvDistribution' | 'top' | 'ids' | 'summary'>, customers: { ids: string[]; summary: CustomerSummary }, send: boolean): ForecastAnswer {
  const c = input.forecast.customers;
  return {
    ...input,
    customers: send ? customers : null,
    grids: { pAlive: rfGrid(customers.summary, c.pAlive), expectedPurchases: rfGrid(customers.summary, c.expectedPurchases) },
    clvDistribution: histogram(c.clv, { bins: 30, scale: 'linear' }),
    top: topCustomers(c.clv, c.expectedPurchases),
  };
}

/** The view of an answer, with the customers from the previous view when the answer left them out. */
export function resolveAnswer(answer: ForecastAnswer, previous: ForecastView | null): ForecastView {
  const { customers, ...rest } = answer;
  if (customers) return { ...rest, ...customers };
  if (!previous || previous.baseId !== answer.baseId) throw new Error('The forecast came without its customers.');
  return { ...rest, ids: previous.ids, summary: previous.summary };
}
