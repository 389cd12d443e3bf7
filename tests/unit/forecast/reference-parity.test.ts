/**
 * Parity with lifetimes on real data (../shared/reference): parameters, log-likelihoods and every customer's
 * expected purchases, P(alive), expected spend and 12-month CLV, within 1e-3 relative.
 */
import { describe, expect, it } from 'vitest';
import { fitModel, forecast, purchaseModel, type Forecast, type ModelFit, type ModelName } from '../../../src/core/forecast/models';
import type { CustomerSummary, TimeUnit } from '../../../src/core/types';
import { maxRelativeError, oracle, referencePredictions, referenceSummary } from './reference-files';

interface Variant {
  name: string;
  key: string;
  summary: string;
  predictions: string;
  unit: TimeUnit;
  /** Column suffix → horizon in the time unit for expected purchases. */
  horizons: Record<string, number>;
  /** Pareto/NBD is not identified here (s → 0, β arbitrary): only r, α and the LL are compared. */
  paretoIdentified: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'CDNOW sample, 39 weeks', key: 'cdnow_sample_cal39w_weeks', summary: 'cdnow/cdnow_sample_cal39w_summary.csv', predictions: 'cdnow/cdnow_sample_cal39w_predictions.csv', unit: 'week', horizons: { '52w': 52, '39w': 39 }, paretoIdentified: true },
  { name: 'CDNOW master, 39 weeks', key: 'cdnow_master_cal39w_weeks', summary: 'cdnow/cdnow_master_cal39w_summary.csv', predictions: 'cdnow/cdnow_master_cal39w_predictions.csv', unit: 'week', horizons: { '52w': 52, '39w': 39 }, paretoIdentified: true },
  { name: 'CDNOW master, full period in days', key: 'cdnow_master_full_days', summary: 'cdnow/cdnow_master_full_days_summary.csv', predictions: 'cdnow/cdnow_master_full_days_predictions.csv', unit: 'day', horizons: { '364d': 364 }, paretoIdentified: true },
  { name: 'Online Retail', key: 'online_retail_days', summary: 'online_retail/online_retail_summary.csv', predictions: 'online_retail/online_retail_predictions.csv', unit: 'day', horizons: { '90d': 90 }, paretoIdentified: false },
  { name: 'Online Retail II 2009-2010', key: 'online_retail_II_2009_2010_days', summary: 'online_retail/online_retail_II_2009_2010_summary.csv', predictions: 'online_retail/online_retail_II_2009_2010_predictions.csv', unit: 'day', horizons: { '90d': 90 }, paretoIdentified: false },
];

const FITTERS = { bgnbd: 'BetaGeoFitter', paretoNbd: 'ParetoNBDFitter' } as const;
const PREFIX = { bgnbd: 'bgnbd', paretoNbd: 'pnbd' } as const;

/** Our parameters within 1e-3 relative of lifetimes', or a log-likelihood at least as high. */
function expectParamsMatch(fit: ModelFit, reference: { params: Record<string, number>; log_likelihood_total_original_time_units?: number; log_likelihood_total?: number }, names: string[]) {
  const referenceLl = reference.log_likelihood_total_original_time_units ?? reference.log_likelihood_total!;
  const errors = names.map((n) => Math.abs(fit.params[n] - reference.params[n]) / Math.abs(reference.params[n]));
  if (Math.max(...errors) > 1e-3) expect(fit.logLikelihood).toBeGreaterThanOrEqual(referenceLl);
  else expect(fit.logLikelihood).toBeCloseTo(referenceLl, 2);
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string) {
  const { error, index } = maxRelativeError(actual, expected, 1e-6);
  expect(error, `${what}: worst row ${index}, ${actual[index]} vs ${expected[index]}`).toBeLessThan(tolerance);
}

describe.each(VARIANTS)('lifetimes parity on $name', (variant) => {
  const { summary } = referenceSummary(variant.summary);
  const { columns } = referencePredictions(variant.predictions);
  const reference = oracle.results[variant.key];

  describe.each(['bgnbd', 'paretoNbd'] as const)('%s with Gamma-Gamma', (model) => {
    const identified = model === 'bgnbd' || variant.paretoIdentified;
    let result: Forecast;
    const prefix = PREFIX[model];
    const run = () => (result ??= forecast(summary as CustomerSummary, { model: model as ModelName, timeUnit: variant.unit, horizonMonths: 12, monthlyDiscountRate: 0.01, margin: 1 }));

    it('fits the same parameters and log-likelihood', () => {
      const { fit } = run();
      const ref = reference[FITTERS[model]];
      if (identified) {
        expectParamsMatch(fit, ref, Object.keys(fit.params));
        expect(fit.identified).toBe(true);
      } else {
        // Only r, α and the LL are meaningful; the LL is flat in s and β.
        expect(fit.params.r).toBeCloseTo(ref.params.r, 2);
        expect(Math.abs(fit.params.alpha / ref.params.alpha - 1)).toBeLessThan(0.01);
        expect(fit.logLikelihood).toBeGreaterThan(ref.log_likelihood_total_original_time_units - 0.05);
      }
    });

    it.runIf(identified)('predicts every customer’s purchases and P(alive)', () => {
      const { fit, customers } = run();
      const params = Object.values(fit.params);
      const m = purchaseModel(model);
      for (const [suffix, t] of Object.entries(variant.horizons)) {
        const expected = summary.frequency.map((x, i) => m.expected(params, x, summary.recency[i], summary.T[i], t));
        expectClose(expected, columns[`${prefix}_expected_purchases_${suffix}`], 1e-3, `E[Y(${t})]`);
      }
      expectClose(customers.pAlive, columns[`${prefix}_p_alive`], 1e-3, 'P(alive)');
    });

    it.runIf(identified)('gives every customer’s expected spend and 12-month CLV', () => {
      const { spend, customers } = run();
      expectParamsMatch(spend!, reference.GammaGammaFitter, ['p', 'q', 'v']);
      expectClose(customers.expectedSpend, columns.gg_expected_average_profit, 1e-3, 'E(M)');
      expectClose(customers.clv, columns[`clv_12m_${prefix}_gg`], 1e-3, 'CLV');
    });
  });
});
