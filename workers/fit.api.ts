/**
 * The fit worker's API: the model fits, registered as they are in src/core/forecast. Each call gets the data it
 * needs; the worker keeps nothing, so ending it (Cancel) loses nothing but the running fit.
 */
import { discreteOpportunities, holdoutReport, subscriptionRetention, type HoldoutReport, type OpportunityPeriod, type OpportunityReport, type SubscriptionRetention } from '../src/core/forecast';
import { fitForecast, fitModel, type FittedForecast, type ModelFit, type ModelName } from '../src/core/forecast/models';
import type { CustomerSummary, TimeUnit, TransactionTable } from '../src/core/types';

export const fitApi = {
  /** One purchase model, for the comparison. */
  fitModel(summary: CustomerSummary, model: ModelName): ModelFit {
    return fitModel(summary, model);
  },

  /** The forecast's purchase model and Gamma-Gamma. */
  fitForecast(summary: CustomerSummary, model: ModelName): FittedForecast {
    return fitForecast(summary, model);
  },

  holdout(table: TransactionTable, calibrationEnd: string, timeUnit: TimeUnit): HoldoutReport {
    return holdoutReport(table, calibrationEnd, timeUnit);
  },

  retention(table: TransactionTable, monthlyDiscountRate: number): SubscriptionRetention {
    return subscriptionRetention(table, monthlyDiscountRate);
  },

  opportunities(table: TransactionTable, period: OpportunityPeriod, horizon: number, discountPerPeriod: number): OpportunityReport {
    return discreteOpportunities(table, period, horizon, discountPerPeriod);
  },
};

export type FitApi = typeof fitApi;
