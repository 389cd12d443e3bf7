/**
 * The owner's base: the few rates a what-if moves, measured once from the data (or typed in the calculator). Building
 * it is the only per-customer work; a scenario is then a handful of monthly sums over these numbers.
 *
 * The model (the steady "months on the books" reading of the history):
 * - a customer is on the books from the month of their first purchase to the month of their last, both counted:
 *   M months on average (the subscription formula's "months retained");
 * - each month a customer on the books stays with probability r = 1 − 1/M (a geometric lifetime whose mean is M);
 * - while on the books, they buy f = orders ÷ (customers × M) times a month, at v = net revenue per order;
 * - gross profit is revenue × margin m.
 * So a new customer's lifetime gross profit f·v·m ÷ (1 − r) equals the historical CLV (net revenue per customer ×
 * margin) exactly: the base explains the past, and the levers move its parts.
 */
import type { AnnualFromData } from './annual-from-data';
import type { ClvFormula, FormulaFacts } from '../figures/clv-formulas';
import { MIN_CHURN_CUSTOMER_MONTHS } from '../figures/clv-formulas';
import type { HistoricalFigures } from '../figures/historical';
import type { Cohorts } from '../types';

/** What the forecast's fitted model predicts for the customers there are, per month ahead (no refit). */
export interface PredictedBase {
  model: string;
  /** Customers the prediction covers. */
  customers: number;
  /** Expected purchases of all those customers in each month ahead (month 1 at index 0). */
  monthlyPurchases: number[];
  /** Mean expected spend per purchase (Gamma-Gamma), or null when the spend model has no mean. */
  spendPerPurchase: number | null;
  monthlyDiscountRate: number;
}

export interface ScenarioBase {
  source: 'data' | 'calculator';
  /** Customers on the books now: with a purchase in the last 90 days of the data (typed in the calculator). */
  activeCustomers: number;
  /** New customers per month: the mean of the monthly cohorts inside the data (its first and last months left out). */
  newCustomersPerMonth: number;
  /** Monthly retention r = 1 − 1/M. */
  monthlyRetention: number;
  /** f: purchases per customer per month on the books. */
  purchasesPerMonth: number;
  /** v: net revenue per purchase. */
  revenuePerPurchase: number;
  /** m: gross margin, 0..1 (1 when unknown: then every profit is revenue). */
  margin: number;
  marginSource: 'owner' | 'file' | 'none' | 'typed';
  /** The historical formulas' facts (scaled by the levers for the scenario's formulas). */
  facts: FormulaFacts;
  /** Value of the at-risk customers (the Segments tab's at-risk list): a year of their spending, or their CLV. */
  atRiskValue: number | null;
  atRiskCustomers: number | null;
  /** Failed payments per month (money) that dunning could recover; null when the data has none. */
  failedPaymentsPerMonth: number | null;
  /** New customers by calendar month ("YYYY-MM"), for acquisition cost from spend by month. */
  newCustomersByMonth: { month: string; customers: number }[];
  /** Cumulative net revenue per customer by month of age (age 0 at index 0), over the cohorts that reached it. */
  cohortRevenue: number[];
  predicted: PredictedBase | null;
  /** From a billing export: the share already on annual plans and the churn of yearly against monthly subscribers. */
  annualFromData: AnnualFromData | null;
}

/** Days back from the data's last day that count a customer as on the books now. */
export const ACTIVE_DAYS = 90;

/** Ages of the cohort curve kept. */
export const COHORT_AGES = 36;

export interface DataBaseInput {
  historical: HistoricalFigures;
  /** Monthly cohorts. */
  cohorts: Cohorts;
  /** The margin the forecast and history use (rate 0..1) and where it came from. */
  margin: { rate: number; source: 'owner' | 'file' | 'none' };
  atRisk?: { value: number; customers: number } | null;
  failedPaymentsPerMonth?: number | null;
  annualFromData?: AnnualFromData | null;
  predicted?: PredictedBase | null;
}

/**
 * New customers per month: the monthly cohorts' mean, leaving out the first (everyone who bought before the data
 * starts lands in it) and the data's last month when it is partial, as long as a cohort is left.
 */
function newPerMonth(cohorts: Cohorts): number {
  let rows = cohorts.rows;
  if (rows.length >= 2) rows = rows.slice(1);
  const last = rows.at(-1), partial = cohorts.lastPeriod && cohorts.lastPeriod.days < cohorts.lastPeriod.length;
  if (rows.length >= 2 && last && last.revenue.length === 1 && partial) rows = rows.slice(0, -1);
  if (!rows.length) return 0;
  let sum = 0;
  for (const r of rows) sum += r.customers;
  return sum / rows.length;
}

/** Cumulative net revenue per customer by age, each age over the cohorts with that age complete (the data's last, partial period left out). */
function cohortRevenue(cohorts: Cohorts): number[] {
  const out: number[] = [];
  let cumulative = 0;
  for (let k = 0; k < COHORT_AGES; k++) {
    let revenue = 0, customers = 0;
    for (const r of cohorts.rows) {
      if (r.revenue.length - 1 <= k) continue;
      revenue += r.revenue[k];
      customers += r.customers;
    }
    if (!customers) break;
    cumulative += revenue / customers;
    out.push(cumulative);
  }
  return out;
}

/** The base from a dataset's figures. */
export function dataBase(input: DataBaseInput): ScenarioBase {
  const h = input.historical;
  const n = h.customers;
  const M = h.monthly.meanMonthsRetained;
  let active = 0;
  if (h.lastPurchaseDay !== null) {
    const from = h.lastPurchaseDay - ACTIVE_DAYS;
    const last = h.perCustomer.lastDay;
    for (let k = 0; k < last.length; k++) if (last[k] > from) active++;
  }
  const f = n > 0 && M > 0 ? h.orders / (n * M) : 0;
  const v = h.orders > 0 ? h.buyersNetRevenue / h.orders : 0;
  const formula = (id: ClvFormula['id']) => h.formulas.find((x) => x.id === id);
  const value = (id: ClvFormula['id'], key: string) => formula(id)?.inputs.find((i) => i.key === key)?.value ?? NaN;
  const facts: FormulaFacts = {
    revenuePerCustomer: value('historical', 'revenuePerCustomer'),
    revenuePerActiveMonth: value('subscription', 'monthlyPrice'),
    monthsRetained: value('subscription', 'monthsRetained'),
    averageOrderValue: value('aov-frequency-lifespan', 'averageOrderValue'),
    ordersPerCustomerPerYear: value('aov-frequency-lifespan', 'purchaseFrequency'),
    lifespanYears: value('aov-frequency-lifespan', 'lifespan'),
    margin: input.margin.source === 'none' ? null : input.margin.rate,
    monthlyChurn: h.monthly.monthlyChurn,
    observedCustomerMonths: h.monthly.observedCustomerMonths,
  };
  return {
    source: 'data',
    activeCustomers: active,
    newCustomersPerMonth: newPerMonth(input.cohorts),
    monthlyRetention: M > 0 ? 1 - 1 / M : 0,
    purchasesPerMonth: f,
    revenuePerPurchase: v,
    margin: input.margin.rate,
    marginSource: input.margin.source,
    facts,
    atRiskValue: input.atRisk?.value ?? null,
    atRiskCustomers: input.atRisk?.customers ?? null,
    failedPaymentsPerMonth: input.failedPaymentsPerMonth ?? null,
    newCustomersByMonth: input.cohorts.period === 'month' ? input.cohorts.rows.map((r) => ({ month: r.cohort, customers: r.customers })) : [],
    cohortRevenue: cohortRevenue(input.cohorts),
    predicted: input.predicted ?? null,
    annualFromData: input.annualFromData ?? null,
  };
}

/** What an owner without data types: the articles' inputs. */
export interface CalculatorInput {
  /** Average order value. */
  averageOrderValue: number;
  /** Purchases per customer per year (T). */
  purchasesPerYear: number;
  /** Average customer lifespan in years (ALT). */
  lifespanYears: number;
  /** Gross margin 0..1 (AGM). */
  margin: number;
  /** Customers buying now, and new customers per month (for the projection). */
  activeCustomers: number;
  newCustomersPerMonth: number;
  /** Failed payments per month (money), for dunning; 0 or null when none. */
  failedPaymentsPerMonth: number | null;
}

export const DEFAULT_CALCULATOR: Readonly<CalculatorInput> = Object.freeze({
  averageOrderValue: 50,
  purchasesPerYear: 4,
  lifespanYears: 2,
  margin: 0.4,
  activeCustomers: 500,
  newCustomersPerMonth: 50,
  failedPaymentsPerMonth: null,
});

/**
 * The base from typed inputs: f = T ÷ 12 a month, v = AOV, M = 12 × ALT months, so the lifetime gross profit
 * f·v·m ÷ (1 − r) is T × AOV × AGM × ALT, the articles' formula.
 */
export function calculatorBase(c: CalculatorInput): ScenarioBase {
  const M = Math.max(1, c.lifespanYears * 12);
  return {
    source: 'calculator',
    activeCustomers: c.activeCustomers,
    newCustomersPerMonth: c.newCustomersPerMonth,
    monthlyRetention: 1 - 1 / M,
    purchasesPerMonth: c.purchasesPerYear / 12,
    revenuePerPurchase: c.averageOrderValue,
    margin: c.margin,
    marginSource: 'typed',
    facts: {
      revenuePerCustomer: c.averageOrderValue * c.purchasesPerYear * c.lifespanYears,
      revenuePerActiveMonth: (c.averageOrderValue * c.purchasesPerYear) / 12,
      monthsRetained: M,
      averageOrderValue: c.averageOrderValue,
      ordersPerCustomerPerYear: c.purchasesPerYear,
      lifespanYears: c.lifespanYears,
      margin: c.margin,
      monthlyChurn: 1 / M,
      observedCustomerMonths: MIN_CHURN_CUSTOMER_MONTHS,
    },
    atRiskValue: null,
    atRiskCustomers: null,
    failedPaymentsPerMonth: c.failedPaymentsPerMonth,
    newCustomersByMonth: [],
    cohortRevenue: [],
    predicted: null,
    annualFromData: null,
  };
}
