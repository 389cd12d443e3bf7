/**
 * The back-of-the-envelope CLV formulas shop owners know, each returned with its inputs filled in so the UI can
 * show the formula, the numbers that went in, and what it assumes.
 */
import { notice } from '../notice';
import type { Notice } from '../types';

/** What an input is measured in; 'share' is a fraction 0–1 (the UI shows it as a percentage). */
export type FormulaUnit = 'currency' | 'currency/month' | 'months' | 'orders/year' | 'years' | 'share' | 'share/month';

/** Stable ids of the inputs; the UI names them in the user's language. */
export type FormulaInputKey = 'monthlyPrice' | 'monthsRetained' | 'revenuePerCustomer' | 'grossMargin' | 'averageOrderValue' | 'purchaseFrequency' | 'lifespan' | 'arpu' | 'monthlyChurn';

/** One filled-in input of a formula. */
export interface FormulaInput {
  key: FormulaInputKey;
  name: string;
  value: number;
  unit: FormulaUnit;
}

/** Stable ids; the UI translates names and caveats by id. */
export type ClvFormulaId = 'subscription' | 'historical' | 'aov-frequency-lifespan' | 'churn';

/** A formula, its inputs and its value (null when the data cannot support it; the caveat then says why). */
export interface ClvFormula {
  id: ClvFormulaId;
  inputs: FormulaInput[];
  value: number | null;
  /** What the formula assumes or why it has no value, in English: the notes below, joined. */
  caveat: string | null;
  notes: Notice[];
}

/** The measured facts the formulas are built from. */
export interface FormulaFacts {
  /** Mean net revenue per buying customer. */
  revenuePerCustomer: number;
  /** Net revenue per customer-month with a purchase. */
  revenuePerActiveMonth: number;
  /** Mean months from first to last purchase month, both counted. */
  monthsRetained: number;
  /** Gross revenue per order. */
  averageOrderValue: number;
  /** Orders per customer per year of data. */
  ordersPerCustomerPerYear: number;
  /** Mean first-to-last purchase span, in years. */
  lifespanYears: number;
  /** Gross margin as a fraction of net revenue, or null when neither cost nor margin is known. */
  margin: number | null;
  /** Estimated monthly churn, or null when no month has a following month. */
  monthlyChurn: number | null;
  /** Customer-months the churn estimate rests on. */
  observedCustomerMonths: number;
}

/** Below this many observed customer-months a churn rate is mostly noise. */
export const MIN_CHURN_CUSTOMER_MONTHS = 30;

const NO_MARGIN = notice('no-margin', 'No cost or margin was given, so the margin is taken as 100%: this is revenue, not profit.');

/** The formula's notes, and their English text joined as its caveat. */
function withNotes(...notes: (Notice | null)[]): { caveat: string | null; notes: Notice[] } {
  const kept = notes.filter((n): n is Notice => n !== null);
  return { caveat: kept.map((n) => n.text).join(' ') || null, notes: kept };
}

function marginInput(margin: number | null): { input: FormulaInput; value: number; note: Notice | null } {
  const value = margin ?? 1;
  return { input: { key: 'grossMargin', name: 'Gross margin', value, unit: 'share' }, value, note: margin === null ? NO_MARGIN : null };
}

/** Monthly price × months retained. */
export function subscriptionClv(f: FormulaFacts): ClvFormula {
  return {
    id: 'subscription',
    inputs: [
      { key: 'monthlyPrice', name: 'Monthly price (net revenue per customer-month with a purchase)', value: f.revenuePerActiveMonth, unit: 'currency/month' },
      { key: 'monthsRetained', name: 'Months retained (average, first to last purchase month, both counted)', value: f.monthsRetained, unit: 'months' },
    ],
    value: f.revenuePerActiveMonth * f.monthsRetained,
    ...withNotes(
      notice(
        'steady-price',
        'Assumes a steady monthly price: every customer pays the same amount in every month they stay. ' +
          'Shops where customers skip months are overstated by it.',
      ),
    ),
  };
}

/** Σ transactions per customer (average) × average gross margin. */
export function historicalClv(f: FormulaFacts): ClvFormula {
  const margin = marginInput(f.margin);
  return {
    id: 'historical',
    inputs: [{ key: 'revenuePerCustomer', name: 'Net revenue per customer (average)', value: f.revenuePerCustomer, unit: 'currency' }, margin.input],
    value: f.revenuePerCustomer * margin.value,
    ...withNotes(notice('spent-so-far', 'Counts only what customers have spent so far; it predicts nothing.'), margin.note),
  };
}

/** AOV × purchase frequency per year × lifespan in years × margin. */
export function aovFrequencyLifespanClv(f: FormulaFacts): ClvFormula {
  const margin = marginInput(f.margin);
  return {
    id: 'aov-frequency-lifespan',
    inputs: [
      { key: 'averageOrderValue', name: 'Average order value', value: f.averageOrderValue, unit: 'currency' },
      { key: 'purchaseFrequency', name: 'Purchase frequency (orders per customer per year)', value: f.ordersPerCustomerPerYear, unit: 'orders/year' },
      { key: 'lifespan', name: 'Customer lifespan (average, first to last purchase)', value: f.lifespanYears, unit: 'years' },
      margin.input,
    ],
    value: f.averageOrderValue * f.ordersPerCustomerPerYear * f.lifespanYears * margin.value,
    ...withNotes(
      notice('lifespan-so-far', 'Lifespan is first-to-last purchase seen so far: one-time buyers count zero and recent customers are cut short, so this understates lifetime value.'),
      margin.note,
    ),
  };
}

/** ARPU per month × margin ÷ monthly churn; null when churn is 0 or rests on too few customer-months. */
export function churnClv(f: FormulaFacts): ClvFormula {
  const margin = marginInput(f.margin);
  const churn = f.monthlyChurn ?? 0;
  const inputs: FormulaInput[] = [
    { key: 'arpu', name: 'Revenue per customer per month (ARPU)', value: f.revenuePerActiveMonth, unit: 'currency/month' },
    margin.input,
    { key: 'monthlyChurn', name: 'Monthly churn rate (share of active customers not buying the next month)', value: churn, unit: 'share/month' },
  ];
  if (f.observedCustomerMonths < MIN_CHURN_CUSTOMER_MONTHS) {
    return {
      id: 'churn',
      inputs,
      value: null,
      ...withNotes(
        notice('churn-too-few', `Churn cannot be estimated: only ${f.observedCustomerMonths} customer-months are observed (at least ${MIN_CHURN_CUSTOMER_MONTHS} are needed).`, {
          observed: f.observedCustomerMonths,
          needed: MIN_CHURN_CUSTOMER_MONTHS,
        }),
      ),
    };
  }
  if (!(churn > 0)) {
    return { id: 'churn', inputs, value: null, ...withNotes(notice('no-churn', 'No churn was observed, and dividing by zero churn gives no finite value.')) };
  }
  return {
    id: 'churn',
    inputs,
    value: (f.revenuePerActiveMonth * margin.value) / churn,
    ...withNotes(
      notice('month-gap-churn', 'Treats a month without a purchase as churn; in shops where customers buy every few months it overstates churn and understates value.'),
      margin.note,
    ),
  };
}

/** All four formulas, in the order the dashboard shows them. */
export function clvFormulas(facts: FormulaFacts): ClvFormula[] {
  return [subscriptionClv(facts), historicalClv(facts), aovFrequencyLifespanClv(facts), churnClv(facts)];
}
