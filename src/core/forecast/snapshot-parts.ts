/**
 * The `models` and `forecast` parts of the snapshot (contract: shared/contracts/snapshot-v1.md). The page builds
 * them from the worker's results, so this module's value imports reach no model code (clv.ts and settings.ts import
 * types only).
 */
import type { ModelFit } from './models';
import type { CustomerPredictions } from './predictions';
import { monthlyRate } from './settings';
import { unitsPerMonth } from './models/clv';

const round = (v: number, digits = 10) => (Number.isFinite(v) ? Number(v.toPrecision(digits)) : null);

/** Parameters to 8 significant digits: the optimum is found to about that precision, and further digits differ with the platform's last-bit arithmetic. */
function part(fit: ModelFit): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(fit.params)) out[k] = round(v, 8);
  out.logLikelihood = round(fit.logLikelihood);
  return out;
}

/** Each fitted model under its contract name, plus Gamma-Gamma when it was fitted. */
export function modelsForSnapshot(fits: ModelFit[], spend: ModelFit | null): Record<string, unknown> {
  const models: Record<string, unknown> = {};
  for (const fit of fits) if (fit.converged) models[fit.model] = part(fit);
  if (spend?.converged) models.gammaGamma = part(spend);
  return models;
}

export function forecastForSnapshot(p: CustomerPredictions): Record<string, unknown> {
  const { settings, forecast } = p;
  return {
    model: settings.model,
    // The models' month: 30 days, or 4.345 weeks (lifetimes' convention), so the horizon in days follows the unit.
    horizonDays: Math.round(settings.horizonMonths * unitsPerMonth(settings.timeUnit) * (settings.timeUnit === 'week' ? 7 : 1)),
    expectedPurchases: round(forecast.totals.expectedPurchases),
    meanProbabilityAlive: round(forecast.totals.meanPAlive),
    clv: {
      horizonMonths: settings.horizonMonths,
      monthlyDiscountRate: round(monthlyRate(settings.discountRate, settings.discountPer)),
      total: forecast.spendWarning ? null : round(forecast.totals.clv),
    },
  };
}

/** The parts of a snapshot that come from fitted models, as the page hands them to the snapshot builder. */
export interface SnapshotModelParts {
  settings?: { observationEnd: string; timeUnit: 'day' | 'week' };
  models?: Record<string, unknown>;
  forecast?: Record<string, unknown>;
}

/**
 * The snapshot parts of a forecast and of the comparison fits. The comparison is kept only when it was fitted in the
 * forecast's time unit and period (its parameters are in its own unit).
 */
export function snapshotModelParts(p: CustomerPredictions, comparison: { fits: ModelFit[]; timeUnit: string; observationEnd: string } | null): SnapshotModelParts {
  const same = comparison && comparison.timeUnit === p.settings.timeUnit && comparison.observationEnd === p.observationEnd;
  return {
    settings: { observationEnd: p.observationEnd, timeUnit: p.settings.timeUnit },
    models: modelsForSnapshot(same ? comparison.fits : [p.forecast.fit], p.forecast.spend),
    forecast: forecastForSnapshot(p),
  };
}
