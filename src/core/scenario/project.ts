/**
 * One side of a what-if (the base, or the base with levers): the projection month by month over 36 months, a new
 * customer's lifetime value, the historical formulas with the levers applied, the model's predicted value, LTV:CAC
 * and payback. A few hundred multiplications: no per-customer work, so a slider can run it on every move.
 *
 * Customers are followed in up to four groups: those on the books now and those acquired from now on, each split into
 * those who take annual billing and those who do not. A group of A customers now and n joining each month keeps
 * A_t = r·A_{t−1} + n customers in month t, and brings A_t · f · (revenue or gross profit per purchase) that month.
 */
import { clvFormulas, type ClvFormula, type FormulaFacts } from '../figures/clv-formulas';
import { notice } from '../notice';
import type { Notice } from '../types';
import type { ScenarioBase } from './base';
import type { ScenarioLevers } from './levers';

/** Months projected. */
export const PROJECTION_MONTHS = 36;
/** The least monthly churn a lever can bring (an average life of 200 months): keeps lifetime value finite. */
export const MIN_CHURN = 0.005;
/** Payback is looked for up to this many months. */
export const PAYBACK_LIMIT = 600;

/** The numbers each output's formula is written with. */
export interface ScenarioTerms {
  activeCustomers: number;
  newCustomersPerMonth: number;
  /** Monthly retention of customers without annual billing, and of those with it. */
  monthlyRetention: number;
  annualRetention: number;
  purchasesPerMonth: number;
  /** For customers acquired from now on (their price) and for those on the books now. */
  revenuePerPurchase: number;
  grossProfitPerPurchase: number;
  existingRevenuePerPurchase: number;
  existingGrossProfitPerPurchase: number;
  /** Gross profit ÷ revenue per purchase of a new customer without annual billing. */
  margin: number;
  /** Share on annual billing, and the discount they get. */
  annualShare: number;
  annualDiscount: number;
  /** Mean monthly gross profit of a new customer in their first month (annual billing mixed in). */
  monthlyGrossProfitPerCustomer: number;
  winBackRevenuePerMonth: number;
  dunningRevenuePerMonth: number;
  cac: number | null;
}

export interface ScenarioSide {
  /** A new customer's lifetime gross profit: Σ over groups of share × gross profit per month ÷ churn. */
  clvPerCustomer: number | null;
  /** The fitted model's expected gross profit per customer there is now over its horizon, discounted; null without a model. */
  clvPredicted: number | null;
  predictedMonths: number | null;
  /** The historical formulas with the levers' effect on their inputs. */
  formulas: ClvFormula[];
  customers12: number;
  customers24: number;
  customers36: number;
  revenue12: number;
  revenue24: number;
  revenue36: number;
  grossProfit12: number;
  grossProfit24: number;
  grossProfit36: number;
  ltvToCac: number | null;
  /** CAC ÷ a new customer's monthly gross profit. */
  paybackMonths: number | null;
  /** The month a new customer's cumulative gross profit (retention included) reaches CAC. */
  paybackCohortMonths: number | null;
  /** The month the data's cohorts' cumulative gross profit per customer (with the levers applied) reaches CAC. */
  paybackDataMonths: number | null;
  /** Per month 1..36: customers on the books, revenue and gross profit. */
  monthly: { customers: number[]; revenue: number[]; grossProfit: number[] };
  terms: ScenarioTerms;
  /** Why an output is missing or a lever had no effect. */
  notes: Notice[];
}

interface Group {
  count: number;
  inflow: number;
  retention: number;
  revenue: number;
  grossProfit: number;
}

const clampChurn = (c: number) => Math.min(1, Math.max(MIN_CHURN, c));

/** Evaluate one side: `levers` all zero gives the base. */
export function evaluateSide(base: ScenarioBase, levers: ScenarioLevers): ScenarioSide {
  const notes: Notice[] = [];
  const pct = (v: number) => v / 100;

  // Retention: points added to r, then churn changed by a percentage; clamped only when a lever moved it.
  const c0 = 1 - base.monthlyRetention;
  let c = (c0 - pct(levers.retentionPoints)) * (1 + pct(levers.churnPercent));
  if (c !== c0) c = clampChurn(c);
  let cAnnual = c * (1 + pct(levers.annualChurnPercent));
  if (cAnnual !== c) cAnnual = clampChurn(cAnnual);

  const u = pct(levers.annualUptakePercent);
  const d = pct(levers.annualDiscountPercent);
  const p = pct(levers.pricePercent);
  const lost = pct(levers.customersLostPercent);
  const all = levers.priceAppliesTo === 'all';
  const f = base.purchasesPerMonth * (1 + pct(levers.frequencyPercent));
  const scale = base.revenuePerPurchase * (1 + pct(levers.orderValuePercent));
  const m = base.margin + pct(levers.marginPoints);
  // Costs per purchase scale with the order (v·(1 + a)·(1 − m)) but not with price or discount, so a price factor k
  // gives gross profit v·(1 + a)·(m + k − 1) per purchase. (m + (k − 1) keeps the base's m exact when k = 1.)
  const revenuePer = (k: number) => scale * k;
  const profitPer = (k: number) => scale * (m + (k - 1));
  const kNew = 1 + p;
  const kOld = all ? 1 + p : 1;
  const active = base.activeCustomers * (all ? 1 - lost : 1);
  const inflow = base.newCustomersPerMonth * (1 - lost);
  const groups: Group[] = [];
  const add = (count: number, inflow: number, retention: number, k: number) => groups.push({ count, inflow, retention, revenue: f * revenuePer(k), grossProfit: f * profitPer(k) });
  // Existing customers (their price), then new ones; each without and with annual billing.
  add(active * (1 - u), 0, 1 - c, kOld);
  add(active * u, 0, 1 - cAnnual, kOld * (1 - d));
  add(0, inflow * (1 - u), 1 - c, kNew);
  add(0, inflow * u, 1 - cAnnual, kNew * (1 - d));

  // Win-back and dunning: extra revenue at today's customers' margin.
  const oldMargin = revenuePer(kOld) !== 0 ? profitPer(kOld) / revenuePer(kOld) : m;
  let winBack = 0;
  if (levers.winBackPercent !== 0) {
    if (base.atRiskValue === null) notes.push(notice('no-at-risk', 'Win-back needs the at-risk customers, which this data does not give.'));
    else winBack = (pct(levers.winBackPercent) * base.atRiskValue) / 12;
  }
  let dunning = 0;
  if (levers.dunningPercent !== 0) {
    if (!base.failedPaymentsPerMonth) notes.push(notice('no-failed-payments', 'Dunning needs failed payments, and the data has none.'));
    else dunning = pct(levers.dunningPercent) * base.failedPaymentsPerMonth;
  }

  const customers: number[] = [], revenue: number[] = [], grossProfit: number[] = [];
  const counts = groups.map((g) => g.count);
  for (let t = 1; t <= PROJECTION_MONTHS; t++) {
    let n = 0, rev = 0, gp = 0;
    for (let j = 0; j < groups.length; j++) {
      const g = groups[j];
      counts[j] = g.retention * counts[j] + g.inflow;
      n += counts[j];
      rev += counts[j] * g.revenue;
      gp += counts[j] * g.grossProfit;
    }
    const extra = (t <= 12 ? winBack : 0) + dunning;
    customers.push(n);
    revenue.push(rev + extra);
    grossProfit.push(gp + extra * oldMargin);
  }
  const sum = (a: number[], h: number) => {
    let s = 0;
    for (let t = 0; t < h; t++) s += a[t];
    return s;
  };

  // A new customer: share 1 − u without annual billing, u with it.
  const newGroups = [groups[2], groups[3]];
  const weights = [1 - u, u];
  const monthlyGp = weights[0] * newGroups[0].grossProfit + weights[1] * newGroups[1].grossProfit;
  const clv = weights[0] * (newGroups[0].grossProfit / (1 - newGroups[0].retention)) + (u ? weights[1] * (newGroups[1].grossProfit / (1 - newGroups[1].retention)) : 0);

  let cac: number | null = levers.cacPerCustomer;
  if (cac === null && levers.marketingSpendPerMonth !== null) {
    cac = inflow > 0 ? levers.marketingSpendPerMonth / inflow : null;
    if (cac === null) notes.push(notice('no-new-customers', 'No new customers a month to divide the marketing spend by.'));
  }
  let ltvToCac: number | null = null, payback: number | null = null, paybackCohort: number | null = null, paybackData: number | null = null;
  if (cac === null) {
    if (levers.marketingSpendPerMonth === null) notes.push(notice('no-cac', 'No acquisition cost was given: LTV:CAC and payback need one.'));
  } else {
    ltvToCac = cac > 0 ? clv / cac : null;
    if (cac <= 0) notes.push(notice('zero-cac', 'An acquisition cost of 0 gives no LTV:CAC ratio.'));
    payback = monthlyGp > 0 ? cac / monthlyGp : null;
    let cumulative = 0;
    for (let t = 1; t <= PAYBACK_LIMIT && paybackCohort === null; t++) {
      for (let j = 0; j < 2; j++) cumulative += weights[j] * newGroups[j].grossProfit * newGroups[j].retention ** (t - 1);
      if (cumulative >= cac) paybackCohort = t;
    }
    if (paybackCohort === null) notes.push(notice('never-pays-back', 'A new customer\'s gross profit never reaches the acquisition cost.'));
    paybackData = dataPayback(base, cac, newGroups, weights);
  }

  return {
    clvPerCustomer: Number.isFinite(clv) ? clv : null,
    ...predicted(base, groups.slice(0, 2), [1 - u, u], all ? 1 - lost : 1, notes),
    formulas: clvFormulas(scaledFacts(base.facts, levers, c0, c, kNew, m)),
    customers12: customers[11], customers24: customers[23], customers36: customers[35],
    revenue12: sum(revenue, 12), revenue24: sum(revenue, 24), revenue36: sum(revenue, 36),
    grossProfit12: sum(grossProfit, 12), grossProfit24: sum(grossProfit, 24), grossProfit36: sum(grossProfit, 36),
    ltvToCac,
    paybackMonths: payback,
    paybackCohortMonths: paybackCohort,
    paybackDataMonths: paybackData,
    monthly: { customers, revenue, grossProfit },
    terms: {
      activeCustomers: active,
      newCustomersPerMonth: inflow,
      monthlyRetention: 1 - c,
      annualRetention: 1 - cAnnual,
      purchasesPerMonth: f,
      revenuePerPurchase: revenuePer(kNew),
      grossProfitPerPurchase: profitPer(kNew),
      existingRevenuePerPurchase: revenuePer(kOld),
      existingGrossProfitPerPurchase: profitPer(kOld),
      margin: revenuePer(kNew) !== 0 ? profitPer(kNew) / revenuePer(kNew) : m,
      annualShare: u,
      annualDiscount: d,
      monthlyGrossProfitPerCustomer: monthlyGp,
      winBackRevenuePerMonth: winBack,
      dunningRevenuePerMonth: dunning,
      cac,
    },
    notes,
  };
}

/**
 * The data's cohorts with the levers: the month-k increment of cumulative revenue per customer, times gross profit per
 * revenue of the scenario's new customer and (r′ ÷ r)^k for the retention change; the first month it reaches CAC.
 */
function dataPayback(base: ScenarioBase, cac: number, groups: Group[], weights: number[]): number | null {
  const curve = base.cohortRevenue;
  const r = base.monthlyRetention;
  const perRevenue = base.purchasesPerMonth * base.revenuePerPurchase;
  if (!curve.length || !(perRevenue > 0)) return null;
  let cumulative = 0;
  for (let k = 0; k < curve.length; k++) {
    const increment = curve[k] - (k ? curve[k - 1] : 0);
    let factor = 0;
    for (let j = 0; j < 2; j++) factor += (weights[j] * groups[j].grossProfit * (r > 0 ? (groups[j].retention / r) ** k : 1)) / perRevenue;
    cumulative += increment * factor;
    if (cumulative >= cac) return k + 1;
  }
  return null;
}

/**
 * The model's prediction with the levers: expected purchases of today's customers in month k, times gross profit per
 * purchase (spend scaled as the levers scale it), times (r′ ÷ r)^k for the retention change, discounted as the forecast
 * discounts; per customer.
 */
function predicted(base: ScenarioBase, groups: Group[], weights: number[], kept: number, notes: Notice[]): { clvPredicted: number | null; predictedMonths: number | null } {
  const pb = base.predicted;
  if (!pb) return { clvPredicted: null, predictedMonths: null };
  if (pb.spendPerPurchase === null || !(pb.customers > 0)) {
    notes.push(notice('no-predicted-spend', 'The fitted spend model gives no mean spend, so no predicted value.'));
    return { clvPredicted: null, predictedMonths: pb.monthlyPurchases.length };
  }
  const r = base.monthlyRetention;
  const perPurchase = base.purchasesPerMonth * base.revenuePerPurchase;
  let total = 0;
  for (let k = 1; k <= pb.monthlyPurchases.length; k++) {
    let factor = 0;
    for (let j = 0; j < groups.length; j++) {
      if (!weights[j]) continue;
      // Gross profit per unit of today's revenue, for this group.
      factor += (weights[j] * groups[j].grossProfit * (r > 0 ? (groups[j].retention / r) ** k : 1)) / perPurchase;
    }
    total += (pb.monthlyPurchases[k - 1] * pb.spendPerPurchase * factor * kept) / (1 + pb.monthlyDiscountRate) ** k;
  }
  return { clvPredicted: total / pb.customers, predictedMonths: pb.monthlyPurchases.length };
}

/** The formulas' facts as the levers change them: revenue per order and orders scale, lifespan by churn ÷ churn′. */
function scaledFacts(facts: FormulaFacts, levers: ScenarioLevers, c0: number, c: number, kNew: number, m: number): FormulaFacts {
  const order = (1 + levers.orderValuePercent / 100) * kNew;
  const often = 1 + levers.frequencyPercent / 100;
  const life = c0 / c;
  const marginMoved = levers.pricePercent !== 0 || levers.marginPoints !== 0;
  const churn = facts.monthlyChurn === null ? null : Math.max(0, (facts.monthlyChurn - levers.retentionPoints / 100) * (1 + levers.churnPercent / 100));
  return {
    revenuePerCustomer: facts.revenuePerCustomer * order * often * life,
    revenuePerActiveMonth: facts.revenuePerActiveMonth * order * often,
    monthsRetained: facts.monthsRetained * life,
    averageOrderValue: facts.averageOrderValue * order,
    ordersPerCustomerPerYear: facts.ordersPerCustomerPerYear * often,
    lifespanYears: facts.lifespanYears * life,
    margin: marginMoved ? (m + (kNew - 1)) / kNew : facts.margin,
    monthlyChurn: churn,
    observedCustomerMonths: facts.observedCustomerMonths,
  };
}
