/**
 * Honest models (issue 11): a fit the data cannot support is marked unreliable with a reason, in plain words, and is
 * never the recommended model. Checked on the published fits (CDNOW: every parameter well within its estimate, so
 * every model stays recommendable) and on Online Retail, where lifetimes' own standard errors exceed the drop-out
 * parameters (a = 0.00344 ± 0.0103, b = 6.75 ± 22.4 for BG/NBD: ../shared/reference/oracle_results.json).
 */
import { describe, expect, it } from 'vitest';
import { compareModels, fitForecast, purchaseReliability, RELIABILITY_CODES, spendReliability, type ModelFit } from '../../../src/core/forecast/models';
import { en } from '../../../src/i18n/en';
import { vi } from '../../../src/i18n/vi';
import { th } from '../../../src/i18n/th';
import { recommended } from '../../../src/core/forecast/settings';
import type { CustomerSummary } from '../../../src/core/types';
import { oracle, referenceSummary } from './reference-files';

const evidence = (over: Partial<Parameters<typeof purchaseReliability>[0]> = {}) => ({
  names: ['r', 'alpha', 'a', 'b'],
  params: [0.25, 4.4, 0.8, 2.4],
  standardErrors: [0.0125, 0.38, 0.19, 0.71],
  converged: true,
  runaway: [],
  ridge: [],
  message: null,
  ...over,
});

describe('the rule', () => {
  it('trusts a fit whose standard errors are below its estimates, and gives the worst SE ÷ estimate', () => {
    const r = purchaseReliability(evidence());
    expect(r).toMatchObject({ reliable: true, reasons: [] });
    // b: 0.71 / 2.4.
    expect(r.worstRelativeError).toBeCloseTo(0.29583, 5);
  });

  it('draws the line at SE = estimate: 1.0 is still pinned down, 1.01 is not', () => {
    expect(purchaseReliability(evidence({ standardErrors: [0.0125, 0.38, 0.8, 0.71] })).reliable).toBe(true);
    const r = purchaseReliability(evidence({ standardErrors: [0.0125, 0.38, 0.808, 0.71] }));
    expect(r.reliable).toBe(false);
    expect(r.reasons).toEqual([expect.objectContaining({ code: 'dropout-unknown', vars: { params: 'a' } })]);
    expect(r.reasons[0].text).toMatch(/cannot tell how quickly customers stop buying/);
  });

  it('says which behaviour the data cannot tell: how often customers buy (r, α) or how soon they stop', () => {
    const rate = purchaseReliability(evidence({ standardErrors: [0.3, 0.38, 0.19, 0.71] }));
    expect(rate.reasons.map((n) => n.code)).toEqual(['rate-unknown']);
    expect(rate.reasons[0].text).toMatch(/cannot tell how often customers buy/);
    const both = purchaseReliability(evidence({ names: ['r', 'alpha', 's', 'beta'], standardErrors: null, runaway: ['s'], ridge: ['alpha', 'beta'] }));
    expect(both.reasons).toEqual([expect.objectContaining({ code: 'rate-unknown', vars: { params: 'alpha' } }), expect.objectContaining({ code: 'dropout-unknown', vars: { params: 's, beta' } })]);
    expect(both.worstRelativeError).toBeNull();
  });

  it('does not trust a flat likelihood (no standard errors), an unsettled fit, or too few repeat buyers', () => {
    expect(purchaseReliability(evidence({ standardErrors: null })).reasons.map((n) => n.code)).toEqual(['not-identified']);
    expect(purchaseReliability(evidence({ converged: false })).reasons.map((n) => n.code)).toEqual(['not-converged']);
    // Too few repeaters is the root cause: it is the only reason given, whatever else is wrong.
    const few = purchaseReliability(evidence({ runaway: ['a'], message: { code: 'few-repeaters', text: '…', vars: { count: 1 } } }));
    expect(few.reasons).toEqual([expect.objectContaining({ code: 'few-repeaters', vars: { count: 1 } })]);
    expect(few.reasons[0].text).toMatch(/^Only 1 customer has bought more than once/);
  });

  it('marks a Gamma-Gamma that runs off, or whose SE exceeds an estimate, as unreliable for the money figures', () => {
    const spend = { names: ['p', 'q', 'v'], params: [6.25, 3.74, 15.4], standardErrors: [1.19, 0.29, 4.16], converged: true, runaway: [], ridge: [], message: null };
    expect(spendReliability(spend).reliable).toBe(true);
    expect(spendReliability({ ...spend, standardErrors: [7, 0.29, 4.16] }).reasons).toEqual([expect.objectContaining({ code: 'spend-unknown', vars: { params: 'p' } })]);
    const runaway = spendReliability({ ...spend, standardErrors: null, runaway: ['p', 'v'] });
    expect(runaway.reasons).toEqual([expect.objectContaining({ code: 'spend-runaway' })]);
    expect(runaway.reasons[0].text).toMatch(/subscription/);
  });
});

const worstOf = (fit: ModelFit) => Math.max(...Object.keys(fit.params).map((k) => fit.standardErrors![k] / fit.params[k]));

describe('CDNOW (published fits): every model is well identified and stays recommendable', () => {
  const { summary } = referenceSummary('cdnow/cdnow_sample_cal39w_summary.csv');
  const fits = compareModels(summary as CustomerSummary);

  it('marks BG/NBD, MBG/NBD and Pareto/NBD reliable, with SE ÷ estimate well below 1', () => {
    for (const fit of fits) {
      expect(fit.reliability, fit.model).toMatchObject({ reliable: true, reasons: [] });
      expect(fit.reliability.worstRelativeError).toBeCloseTo(worstOf(fit), 12);
    }
    // lifetimes' BG/NBD on this file: b = 2.42591 ± 0.70541 is its least certain parameter, SE ÷ estimate 0.2908.
    const ref = oracle.results.cdnow_sample_cal39w_weeks.BetaGeoFitter;
    expect(fits[0].reliability.worstRelativeError).toBeCloseTo(ref.standard_errors.b / ref.params.b, 3);
  });

  it('recommends the lowest BIC: MBG/NBD (log-likelihood −9582.13 against BG/NBD’s −9582.43, same parameter count)', () => {
    expect(recommended(fits)!.model).toBe('mbgnbd');
  });

  it('trusts Gamma-Gamma on the 946 repeat buyers', () => {
    const { spend, spendWarning } = fitForecast(summary as CustomerSummary, 'bgnbd');
    expect(spendWarning).toBeNull();
    expect(spend!.reliability.reliable).toBe(true);
  });

  it('master file, 39 weeks (23,570 customers): all three reliable, as FHL 2005’s fit', () => {
    const master = referenceSummary('cdnow/cdnow_master_cal39w_summary.csv').summary as CustomerSummary;
    const masterFits = compareModels(master);
    expect(masterFits.map((f) => [f.model, f.reliability.reliable])).toEqual([['bgnbd', true], ['mbgnbd', true], ['paretoNbd', true]]);
    expect(recommended(masterFits)).not.toBeNull();
  });
});

describe('Online Retail: no model can tell how soon customers stop buying, so none is recommended', () => {
  const { summary } = referenceSummary('online_retail/online_retail_summary.csv');
  const fits = compareModels(summary as CustomerSummary);
  const [bg, mbg, pareto] = fits;

  it('BG/NBD: a and b have standard errors about three times their estimates, as in lifetimes', () => {
    const ref = oracle.results.online_retail_days.BetaGeoFitter;
    // lifetimes: a 0.003437 ± 0.010339 (3.01), b 6.745 ± 22.41 (3.32).
    expect(bg.standardErrors!.a / bg.params.a).toBeCloseTo(ref.standard_errors.a / ref.params.a, 1);
    expect(bg.reliability.worstRelativeError).toBeCloseTo(ref.standard_errors.b / ref.params.b, 1);
    expect(bg.reliability.reliable).toBe(false);
    expect(bg.reliability.reasons).toEqual([expect.objectContaining({ code: 'dropout-unknown', vars: { params: 'a, b' } })]);
  });

  it('MBG/NBD and Pareto/NBD are no better (SE above estimate; s runs off to 0)', () => {
    expect(mbg.reliability.reasons.map((n) => n.code)).toEqual(['dropout-unknown']);
    expect(pareto.reliability.reasons.map((n) => n.code)).toEqual(['dropout-unknown']);
  });

  it('recommends nothing, although BG/NBD has the lowest BIC', () => {
    expect(Math.min(...fits.map((f) => f.bic))).toBe(bg.bic);
    expect(recommended(fits)).toBeNull();
  });

  it('still trusts Gamma-Gamma (p, q, v within 10% of their estimates)', () => {
    const { spend } = fitForecast(summary as CustomerSummary, 'bgnbd');
    expect(spend!.reliability).toMatchObject({ reliable: true });
    expect(spend!.reliability.worstRelativeError!).toBeLessThan(0.1);
  });
});

describe('a fixed-price subscription sold as orders', () => {
  it('makes Gamma-Gamma run off and says so for the money figures', () => {
    // 800 subscribers paying 199,000 a month for 1 to 24 months; every repeat purchase is the same amount.
    let seed = 3;
    const u = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const rows = Array.from({ length: 800 }, () => {
      const start = Math.floor(u() * 24);
      let months = 1;
      while (u() < 0.85 && start + months < 24) months++;
      return [months - 1, (months - 1) * 30, (24 - start) * 30, months > 1 ? 199_000 : 0];
    });
    const summary: CustomerSummary = {
      customer: Uint32Array.from(rows, (_, i) => i),
      frequency: Float64Array.from(rows, (r) => r[0]),
      recency: Float64Array.from(rows, (r) => r[1]),
      T: Float64Array.from(rows, (r) => r[2]),
      monetary: Float64Array.from(rows, (r) => r[3]),
    };
    const { spend } = fitForecast(summary, 'bgnbd');
    expect(spend!.identified).toBe(false);
    expect(spend!.reliability.reliable).toBe(false);
    expect(spend!.reliability.reasons.map((n) => n.code)).toEqual(['spend-runaway']);
  });
});

describe('recommended()', () => {
  const fit = (model: string, bic: number, reliable: boolean) => ({ model, bic, reliability: { reliable } }) as unknown as ModelFit;

  it('is the lowest BIC among reliable fits, never an unreliable one, and null when none is reliable', () => {
    expect(recommended([fit('bgnbd', 10, true), fit('mbgnbd', 9, true), fit('paretoNbd', 5, false)])!.model).toBe('mbgnbd');
    expect(recommended([fit('bgnbd', 10, false), fit('paretoNbd', 5, false)])).toBeNull();
    expect(recommended([])).toBeNull();
  });
});

describe('the snapshot', () => {
  it('lists exactly the engine’s reason codes as the forecast’s possible cautions', async () => {
    const { FORECAST_CAUTIONS } = await import('../../../src/core/snapshot/schema');
    expect([...FORECAST_CAUTIONS]).toEqual([...RELIABILITY_CODES]);
  });
});

describe('the words', () => {
  it('every reason has a plain message and a “what helps” in English, Vietnamese and Thai', () => {
    for (const code of RELIABILITY_CODES) {
      for (const catalogue of [en, vi, th] as Record<string, string>[]) {
        expect(catalogue[`reliability.${code}`], code).toBeTruthy();
        expect(catalogue[`reliability.todo.${code}`], code).toBeTruthy();
      }
    }
  });

  it('no model message claims that predictions remain usable when the data cannot pin a parameter down', () => {
    for (const catalogue of [en, vi, th] as Record<string, string>[]) {
      for (const key of ['model.runaway', 'model.ridge']) expect(catalogue[key]).not.toMatch(/remain usable|vẫn dùng được|ยังใช้การคาดการณ์ได้/);
    }
    const text = purchaseReliability(evidence({ runaway: ['a'], standardErrors: null })).reasons[0].text;
    expect(text).not.toMatch(/usable/);
  });
});
