/**
 * Predicting from fitted models without refitting, fast enough for a what-if slider. A predictor is built once from
 * the customers' summary and the fits (FittedForecast) and keeps everything that does not depend on the settings:
 * the distinct rows, P(alive) per row and parameter set, the time to the next purchase, expected spend per customer
 * and spend parameter set, and, per (x, T) pair and parameter set, E[Y(k months) | alive] at whole months k, extended
 * only when a longer horizon is asked. So a horizon change computes only the months not yet known, a discount change
 * only re-weights the monthly increments, and a margin change only rescales.
 *
 * Each cached value is computed by the same operations whatever was asked before, so a prediction equals that of a
 * fresh predictor (and of `forecast`) exactly, not merely to round-off.
 */
import type { CustomerSummary, TimeUnit } from '../../types';
import { unitsPerMonth } from './clv';
import { compressRfm, type CompressedRfm } from './compress';
import { parameterNames, type PurchaseModelName } from './fit-purchases';
import type { FittedForecast, Forecast } from './forecast';
import { GAMMA_GAMMA_PARAMS, gammaGammaExpectedSpend } from './gamma-gamma';
import { logVariance, logVarianceOfLogs, perturbedParameters, range90, range90Into } from './intervals';
import { purchaseModel, type PurchaseModel } from './purchase-models';

/** What a prediction depends on besides the fits. */
export interface PredictSettings {
  /** Unit of the summary's recency and T, the unit the models were fitted in. */
  timeUnit: TimeUnit;
  /** CLV and expected-purchases horizon in months (30 days or 4.345 weeks each); a fraction ends with a partial month. */
  horizonMonths: number;
  monthlyDiscountRate: number;
  /** Gross margin, 0..1, applied to expected spend. */
  margin: number;
}

/** Per distinct row, what depends on the horizon only. */
interface HorizonPart {
  months: number;
  /** Monthly steps, the last one partial when `months` is fractional. */
  steps: number;
  /** E[Y | alive] at each step's end, per pair slot and parameter set (step k at index k − 1). */
  stepValues: Float64Array[];
  rowExpected: Float64Array;
  rowExpectedLow: Float64Array;
  rowExpectedHigh: Float64Array;
  totalExpected: number;
  /** The 90% range of the total, from the variance of its log over the purchase parameters (NaN ends without). */
  totalExpectedLow: number;
  totalExpectedHigh: number;
}

/** Per distinct row, what depends on the horizon and the discount rate. */
interface DiscountPart {
  horizon: HorizonPart;
  monthlyDiscountRate: number;
  rowDiscounted: Float64Array;
  rowDiscountedVar: Float64Array;
  /**
   * Variance of ln(total CLV) (the margin does not change it): from the purchase parameters plus, independently
   * fitted, the spend parameters. NaN without CLV or without either covariance.
   */
  totalClvVar: number;
}

const isPurchaseModel = (name: string): name is PurchaseModelName => name === 'bgnbd' || name === 'mbgnbd' || name === 'paretoNbd';

/** The fitted parameters in the model's order, and the perturbed sets for the ranges when the covariance is known. */
function parameterSets(params: Record<string, number>, names: readonly string[], logCovariance: number[] | null): { sets: Float64Array[]; covariance: Float64Array | null } {
  const base = Float64Array.from(names, (name) => params[name]);
  return logCovariance ? { sets: perturbedParameters(base), covariance: Float64Array.from(logCovariance) } : { sets: [base], covariance: null };
}

export class ForecastPredictor {
  private readonly data: CompressedRfm;
  private readonly model: PurchaseModel;
  private readonly sets: Float64Array[];
  private readonly covariance: Float64Array | null;
  private readonly spendOk: boolean;
  /** Per distinct row: P(alive) at each parameter set (row-major), at the fit, and the time to the next purchase. */
  private readonly rowAlive: Float64Array;
  /** ln P(alive) per row and parameter set: the ranges' log-gradients add it to the log of E[Y | alive]. */
  private readonly rowLogAlive: Float64Array;
  private readonly rowPAlive: Float64Array;
  private readonly rowNext: Float64Array;
  private readonly totalPAlive: number;
  /** Per customer: expected spend per purchase at the fit and the variance of its log (NaN without CLV). */
  private readonly spend: Float64Array;
  private readonly spendVar: Float64Array;
  /** Per distinct row and spend parameter set, the sum of its customers' expected spend (for the total's range). */
  private readonly rowSpend: Float64Array;
  /** The same at the fit: Σ expected spend of each distinct row's customers (null without CLV). */
  private readonly rowSpendAtFit: Float64Array | null;
  private readonly spendSets: number;
  private readonly spendCovariance: Float64Array | null;
  /** The (x, T) pairs of the rows, grouped by T; each row's slot among them. */
  private readonly slotPair: Uint32Array;
  private readonly rowSlot: Uint32Array;
  /** Curves E[Y(t) | alive] per parameter set, and per distinct x and parameter set, made when first needed. */
  private readonly curveSets: ((x: number) => (T: number, t: number) => number)[] = [];
  private readonly curves: ((T: number, t: number) => number)[] = [];
  /** The time unit the month values below are in. */
  private unitsMonth = NaN;
  /** E[Y(k months) | alive] for k = 1, 2, … (index k − 1), per pair slot and parameter set. */
  private readonly wholeMonths: Float64Array[] = [];
  private partialMonth: { months: number; values: Float64Array } | null = null;
  private horizon: HorizonPart | null = null;
  private discount: DiscountPart | null = null;

  /** `data`: the summary's compressed rows, when the caller has them already. */
  constructor(
    readonly summary: CustomerSummary,
    readonly fitted: FittedForecast,
    data?: CompressedRfm,
  ) {
    const name = fitted.fit.model;
    if (!isPurchaseModel(name)) throw new Error(`${name} is not a purchase model.`);
    this.data = data ?? compressRfm({ x: summary.frequency, tx: summary.recency, T: summary.T });
    this.model = purchaseModel(name);
    ({ sets: this.sets, covariance: this.covariance } = parameterSets(fitted.fit.params, parameterNames(name), fitted.fit.logCovariance));

    const { x, tx, T, TPair } = this.data;
    const rows = x.length;
    const sets = this.sets.length;
    this.rowAlive = new Float64Array(rows * sets);
    this.rowLogAlive = new Float64Array(rows * sets);
    this.rowPAlive = new Float64Array(rows);
    this.rowNext = new Float64Array(rows);
    for (let j = 0; j < rows; j++) {
      this.rowNext[j] = this.model.nextPurchase(this.sets[0], x[j], tx[j], T[j]);
      for (let s = 0; s < sets; s++) {
        const alive = this.model.pAlive(this.sets[s], x[j], tx[j], T[j]);
        this.rowAlive[j * sets + s] = alive;
        this.rowLogAlive[j * sets + s] = Math.log(alive);
      }
      this.rowPAlive[j] = this.rowAlive[j * sets];
    }

    // Slots for the pairs some row has as (x, T), in order of T (see fillSlots).
    const slotOfPair = new Int32Array(this.data.pairX.length).fill(-1);
    const used: number[] = [];
    for (let j = 0; j < rows; j++) {
      if (slotOfPair[TPair[j]] < 0) {
        slotOfPair[TPair[j]] = 0;
        used.push(TPair[j]);
      }
    }
    const { pairX, pairTime } = this.data;
    this.slotPair = Uint32Array.from(used).sort((a, b) => pairTime[a] - pairTime[b] || pairX[a] - pairX[b]);
    for (let slot = 0; slot < this.slotPair.length; slot++) slotOfPair[this.slotPair[slot]] = slot;
    this.rowSlot = new Uint32Array(rows);
    for (let j = 0; j < rows; j++) this.rowSlot[j] = slotOfPair[TPair[j]];

    const n = summary.customer.length;
    let totalPAlive = 0;
    for (let i = 0; i < n; i++) totalPAlive += this.rowPAlive[this.data.rowOf[i]];
    this.totalPAlive = totalPAlive;

    // Spend per customer; no CLV when Gamma-Gamma failed or its mean is undefined (q ≤ 1).
    const spend = fitted.spend;
    this.spendOk = spend !== null && spend.params.q > 1;
    this.spend = new Float64Array(n).fill(NaN);
    this.spendVar = new Float64Array(n).fill(NaN);
    this.spendSets = 0;
    this.spendCovariance = null;
    this.rowSpend = new Float64Array(0);
    this.rowSpendAtFit = null;
    if (spend && this.spendOk) {
      const { sets: spendSets, covariance } = parameterSets(spend.params, GAMMA_GAMMA_PARAMS, spend.logCovariance);
      const k = spendSets.length;
      this.spendSets = k;
      this.spendCovariance = covariance;
      this.rowSpend = new Float64Array(rows * k);
      const spendAt = new Float64Array(k);
      const { rowOf } = this.data;
      for (let i = 0; i < n; i++) {
        for (let s = 0; s < k; s++) spendAt[s] = gammaGammaExpectedSpend(spendSets[s], summary.frequency[i], summary.monetary[i]);
        this.spend[i] = spendAt[0];
        this.spendVar[i] = covariance ? logVariance(spendAt, covariance) : NaN;
        const at = rowOf[i] * k;
        for (let s = 0; s < k; s++) this.rowSpend[at + s] += spendAt[s];
      }
      this.rowSpendAtFit = Float64Array.from({ length: rows }, (_, j) => this.rowSpend[j * k]);
    }
  }

  /** The forecast at these settings, from the fits as given (nothing is refitted). */
  predict(settings: PredictSettings): Forecast {
    const unitsMonth = unitsPerMonth(settings.timeUnit);
    if (unitsMonth !== this.unitsMonth) {
      // Another unit: the month values are of other times.
      this.unitsMonth = unitsMonth;
      this.wholeMonths.length = 0;
      this.partialMonth = null;
      this.horizon = null;
      this.discount = null;
    }
    const horizon = this.horizonPart(settings.horizonMonths);
    const discount = this.discountPart(horizon, settings.monthlyDiscountRate);
    const { rowOf } = this.data;
    const n = this.summary.customer.length;
    const out: Forecast['customers'] = {
      pAlive: new Float64Array(n), expectedPurchases: new Float64Array(n), expectedPurchasesLow: new Float64Array(n),
      expectedPurchasesHigh: new Float64Array(n), expectedSpend: this.spend.slice(), clv: new Float64Array(n).fill(NaN),
      clvLow: new Float64Array(n).fill(NaN), clvHigh: new Float64Array(n).fill(NaN), nextPurchase: new Float64Array(n),
    };
    const margin = settings.margin;
    let totalClv = 0;
    for (let i = 0; i < n; i++) {
      const j = rowOf[i];
      out.pAlive[i] = this.rowPAlive[j];
      out.nextPurchase[i] = this.rowNext[j];
      out.expectedPurchases[i] = horizon.rowExpected[j];
      out.expectedPurchasesLow[i] = horizon.rowExpectedLow[j];
      out.expectedPurchasesHigh[i] = horizon.rowExpectedHigh[j];
      if (this.spendOk) {
        const clv = margin * this.spend[i] * discount.rowDiscounted[j];
        out.clv[i] = clv;
        range90Into(clv, discount.rowDiscountedVar[j] + this.spendVar[i], out.clvLow, out.clvHigh, i);
        totalClv += clv;
      }
    }
    const [clvLow, clvHigh] = this.spendOk ? range90(totalClv, discount.totalClvVar) : [NaN, NaN];
    return {
      fit: this.fitted.fit,
      spend: this.fitted.spend,
      spendWarning: this.fitted.spendWarning,
      horizonUnits: settings.horizonMonths * unitsMonth,
      customers: out,
      totals: {
        expectedPurchases: horizon.totalExpected, expectedPurchasesLow: horizon.totalExpectedLow, expectedPurchasesHigh: horizon.totalExpectedHigh,
        meanPAlive: n ? this.totalPAlive / n : NaN, likelyActive: this.totalPAlive,
        clv: this.spendOk ? totalClv : NaN, clvLow, clvHigh,
      },
    };
  }

  /**
   * Compute whole months ahead, while nothing else is asked (a longer horizon is then answered from them): months up
   * to `count`, one at a time, for about `budgetMs` (at least one month). True when they are all known.
   */
  prepareMonths(timeUnit: TimeUnit, count: number, budgetMs: number): boolean {
    if (unitsPerMonth(timeUnit) !== this.unitsMonth) return true;
    const started = performance.now();
    // At least one month a call, whatever the budget, so that repeated calls always get there.
    while (this.wholeMonths.length < count) {
      this.ensureWholeMonths(this.wholeMonths.length + 1);
      if (this.wholeMonths.length < count && performance.now() - started > budgetMs) return false;
    }
    return true;
  }

  /** The curve of E[Y(t) | alive] for a distinct x (by index) and parameter set. */
  private curve(xi: number, s: number): (T: number, t: number) => number {
    const k = xi * this.sets.length + s;
    return (this.curves[k] ??= (this.curveSets[s] ??= this.model.aliveCurves(this.sets[s]))(this.data.xValues[xi]));
  }

  /**
   * Values at every pair slot and parameter set of E[Y(t) | alive], for each t of `times`, into `into`. The slots of
   * one T are done one after another at each t: the curves of a parameter set share what depends on (T, t) only.
   */
  private fillSlots(times: number[], into: Float64Array[]) {
    const { pairX, pairTime, times: pairTimes } = this.data;
    const sets = this.sets.length;
    const slots = this.slotPair.length;
    for (let start = 0; start < slots; ) {
      const ti = pairTime[this.slotPair[start]];
      let end = start + 1;
      while (end < slots && pairTime[this.slotPair[end]] === ti) end++;
      const T = pairTimes[ti];
      for (let s = 0; s < sets; s++) {
        for (let m = 0; m < times.length; m++) {
          const t = times[m];
          const values = into[m];
          for (let slot = start; slot < end; slot++) values[slot * sets + s] = this.curve(pairX[this.slotPair[slot]], s)(T, t);
        }
      }
      start = end;
    }
  }

  /** Makes sure whole months 1..count are known, computing only those that are not. */
  private ensureWholeMonths(count: number) {
    const known = this.wholeMonths.length;
    if (count <= known) return;
    const size = this.slotPair.length * this.sets.length;
    const fresh = Array.from({ length: count - known }, () => new Float64Array(size));
    this.fillSlots(fresh.map((_, m) => (known + m + 1) * this.unitsMonth), fresh);
    this.wholeMonths.push(...fresh);
  }

  private partial(months: number): Float64Array {
    if (this.partialMonth?.months !== months) {
      const values = new Float64Array(this.slotPair.length * this.sets.length);
      this.fillSlots([months * this.unitsMonth], [values]);
      this.partialMonth = { months, values };
    }
    return this.partialMonth.values;
  }

  private horizonPart(months: number): HorizonPart {
    if (this.horizon?.months === months) return this.horizon;
    // As discountedPurchases: ⌈months⌉ monthly steps, the last ending at min(⌈months⌉, months).
    const ceiling = Math.ceil(months - 1e-9);
    const steps = ceiling > 0 ? ceiling : 0;
    const whole = steps === 0 || Math.min(steps, months) === steps ? steps : steps - 1;
    this.ensureWholeMonths(whole);
    const stepValues = this.wholeMonths.slice(0, whole);
    if (steps > whole) stepValues.push(this.partial(months));

    const rows = this.data.x.length;
    const { rowExpected, rowVar, totals } = this.timesAlive(steps > 0 ? stepValues[steps - 1] : new Float64Array(this.slotPair.length * this.sets.length), this.data.weight);
    const rowExpectedLow = new Float64Array(rows);
    const rowExpectedHigh = new Float64Array(rows);
    for (let j = 0; j < rows; j++) range90Into(rowExpected[j], rowVar[j], rowExpectedLow, rowExpectedHigh, j);
    let totalExpected = 0;
    const { rowOf } = this.data;
    for (let i = 0; i < rowOf.length; i++) totalExpected += rowExpected[rowOf[i]];
    const [totalExpectedLow, totalExpectedHigh] = range90(totalExpected, this.covariance ? logVariance(totals, this.covariance) : NaN);
    this.discount = null;
    return (this.horizon = { months, steps, stepValues, rowExpected, rowExpectedLow, rowExpectedHigh, totalExpected, totalExpectedLow, totalExpectedHigh });
  }

  private discountPart(horizon: HorizonPart, monthlyDiscountRate: number): DiscountPart {
    if (this.discount?.horizon === horizon && this.discount.monthlyDiscountRate === monthlyDiscountRate) return this.discount;
    // Σ_k (E[Y(k)] − E[Y(k−1)]) / (1 + d)^k, accumulated in discountedPurchases' order of operations.
    const sets = this.sets.length;
    const size = this.slotPair.length * sets;
    const discounted = new Float64Array(size);
    let previous: Float64Array = new Float64Array(size);
    let factor = 1;
    for (let k = 0; k < horizon.steps; k++) {
      const current = horizon.stepValues[k];
      factor /= 1 + monthlyDiscountRate;
      for (let i = 0; i < size; i++) discounted[i] += (current[i] - previous[i]) * factor;
      previous = current;
    }
    // The total's range: Σ over customers of spend × discounted purchases, at each purchase parameter set (spend at
    // the fit) and at each spend parameter set (discounted purchases at the fit); the two fits are independent.
    const k = this.spendSets;
    const spendAtFit = this.rowSpendAtFit;
    const { rowExpected: rowDiscounted, rowVar: rowDiscountedVar, totals } = this.timesAlive(discounted, spendAtFit);
    let totalClvVar = NaN;
    if (spendAtFit && this.covariance && this.spendCovariance) {
      const spendTotals = new Float64Array(k);
      for (let j = 0; j < rowDiscounted.length; j++) for (let s = 0; s < k; s++) spendTotals[s] += rowDiscounted[j] * this.rowSpend[j * k + s];
      totalClvVar = logVariance(totals, this.covariance) + logVariance(spendTotals, this.spendCovariance);
    }
    return (this.discount = { horizon, monthlyDiscountRate, rowDiscounted, rowDiscountedVar, totalClvVar });
  }

  /**
   * Per distinct row, P(alive) times a value per pair slot (at the fit), and the variance of its log over the
   * parameter sets (NaN without a covariance), from ln P(alive) + ln value: a logarithm per slot and set, not per row.
   * With row weights, also Σ weight × P(alive) × value at each parameter set (for the range of the total).
   */
  private timesAlive(slotValues: Float64Array, weights: Float64Array | null): { rowExpected: Float64Array; rowVar: Float64Array; totals: Float64Array } {
    const rows = this.data.x.length;
    const sets = this.sets.length;
    const rowExpected = new Float64Array(rows);
    const rowVar = new Float64Array(rows).fill(NaN);
    const totals = new Float64Array(sets);
    const covariance = this.covariance;
    const slotLogs = new Float64Array(slotValues.length);
    if (covariance) for (let i = 0; i < slotValues.length; i++) slotLogs[i] = Math.log(slotValues[i]);
    const logs = new Float64Array(sets);
    for (let j = 0; j < rows; j++) {
      const at = this.rowSlot[j] * sets;
      rowExpected[j] = this.rowAlive[j * sets] * slotValues[at];
      if (!covariance) continue;
      if (weights) for (let s = 0; s < sets; s++) totals[s] += weights[j] * this.rowAlive[j * sets + s] * slotValues[at + s];
      for (let s = 0; s < sets; s++) logs[s] = this.rowLogAlive[j * sets + s] + slotLogs[at + s];
      rowVar[j] = logVarianceOfLogs(logs, covariance);
    }
    return { rowExpected, rowVar, totals };
  }
}

/** A predictor for these customers and fits; `predict(settings)` on it as often as the settings change. */
export function forecastPredictor(summary: CustomerSummary, fitted: FittedForecast): ForecastPredictor {
  return new ForecastPredictor(summary, fitted);
}

/** One prediction (a predictor used once): for repeated predictions keep the predictor instead. */
export function predictForecast(summary: CustomerSummary, fitted: FittedForecast, settings: PredictSettings): Forecast {
  return new ForecastPredictor(summary, fitted).predict(settings);
}
