/**
 * The `models` and `forecast` parts of the snapshot (contract: shared/contracts/snapshot-v1.md).
 */
import type { ModelFit } from './models';
import type { CustomerPredictions } from './predictions';
import { monthlyRate } from './settings';
import { unitsPerMonth } from './models/clv';
import { MODEL_PARAMETERS, type SnapshotForecast, type SnapshotForecastCaution, type SnapshotModelName, type SnapshotModelPart, type SnapshotModels, type SnapshotSettings } from '../snapshot/schema';

/** A prediction as the snapshot needs it: its settings, its observation end, its fits and its totals. */
export type PredictionForSnapshot = Pick<CustomerPredictions, 'settings' | 'observationEnd'> & { forecast: Pick<CustomerPredictions['forecast'], 'fit' | 'spend' | 'spendWarning' | 'totals'> };

const round = (v: number, digits = 10) => (Number.isFinite(v) ? Number(v.toPrecision(digits)) : null);

/**
 * Parameters to 8 significant digits: the optimum is found to about that precision, and further digits differ with the
 * platform's last-bit arithmetic. Null when a parameter or the log-likelihood is not a finite number: such a fit has
 * nothing to write.
 */
function part<M extends SnapshotModelName>(model: M, fit: ModelFit): SnapshotModelPart<M> | null {
  const out: Record<string, number> = {};
  for (const name of MODEL_PARAMETERS[model]) {
    const value = round(fit.params[name], 8);
    if (value === null) return null;
    out[name] = value;
  }
  const logLikelihood = round(fit.logLikelihood);
  if (logLikelihood === null) return null;
  out.logLikelihood = logLikelihood;
  return { ...out, reliable: fit.reliability.reliable } as SnapshotModelPart<M>;
}

function put<M extends SnapshotModelName>(models: SnapshotModels, model: M, fit: ModelFit): void {
  const written = part(model, fit);
  // One model's entry: TypeScript cannot narrow the mapped type by a generic key.
  if (written) (models as { [K in M]?: SnapshotModelPart<K> })[model] = written;
}

/** Each fitted (converged) model under its contract name, plus Gamma-Gamma when it was fitted. */
export function modelsForSnapshot(fits: ModelFit[], spend: ModelFit | null): SnapshotModels {
  const models: SnapshotModels = {};
  for (const fit of fits) if (fit.converged) put(models, fit.model, fit);
  if (spend?.converged) put(models, 'gammaGamma', spend);
  return models;
}

/**
 * Why the forecast's figures could be far off: the purchase model's reasons, then Gamma-Gamma's when it gives the
 * CLV (with spendWarning there is no CLV, so its fit does not matter).
 */
export function forecastCautions(forecast: Pick<CustomerPredictions['forecast'], 'fit' | 'spend' | 'spendWarning'>): SnapshotForecastCaution[] {
  const reasons = [...forecast.fit.reliability.reasons];
  if (forecast.spend && !forecast.spendWarning) reasons.push(...forecast.spend.reliability.reasons);
  return reasons.map((r) => r.code as SnapshotForecastCaution);
}

export function forecastForSnapshot(p: PredictionForSnapshot): SnapshotForecast {
  const { settings, forecast } = p;
  const cautions = forecastCautions(forecast);
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
    reliable: cautions.length === 0,
    cautions,
  };
}

/** The parts of a snapshot that come from fitted models, as the page hands them to the snapshot builder. */
export interface SnapshotModelParts {
  settings?: SnapshotSettings & { observationEnd: string };
  models?: SnapshotModels;
  forecast?: SnapshotForecast;
}

/**
 * The snapshot parts of a forecast and of the comparison fits. The comparison is kept only when it was fitted in the
 * forecast's time unit and period (its parameters are in its own unit).
 */
export function snapshotModelParts(p: PredictionForSnapshot, comparison: { fits: ModelFit[]; timeUnit: string; observationEnd: string } | null): SnapshotModelParts {
  const same = comparison && comparison.timeUnit === p.settings.timeUnit && comparison.observationEnd === p.observationEnd;
  return {
    settings: { observationEnd: p.observationEnd, timeUnit: p.settings.timeUnit },
    models: modelsForSnapshot(same ? comparison.fits : [p.forecast.fit], p.forecast.spend),
    forecast: forecastForSnapshot(p),
  };
}
