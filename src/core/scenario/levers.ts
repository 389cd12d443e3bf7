/**
 * The what-if levers: what an owner can try, as plain numbers. Every lever at zero (and the acquisition cost left
 * empty) is the base itself. Percent levers are relative changes ("+5" = 5% more); `retentionPoints` and
 * `marginPoints` are percentage points added to a rate ("+5" takes 30% to 35%).
 */
import { notice } from '../notice';
import type { Notice } from '../types';

export type PriceAppliesTo = 'new' | 'all';

export interface ScenarioLevers {
  /** Percentage points added to the monthly retention rate (customers kept from one month to the next). */
  retentionPoints: number;
  /** Relative change of monthly churn, in percent (−10: churn 10% lower). Applied after retentionPoints. */
  churnPercent: number;
  /** Price change in percent; costs stay as they are, so the margin per order moves by the whole change. */
  pricePercent: number;
  /** Who pays the new price: customers acquired from now on, or everyone. */
  priceAppliesTo: PriceAppliesTo;
  /** Share of customers (those paying the new price) who leave, or do not come, because of it, in percent. */
  customersLostPercent: number;
  /** Order value change in percent (upsell, cross-sell): revenue and cost per order both scale, the margin % stays. */
  orderValuePercent: number;
  /** Purchases per customer per month, change in percent. */
  frequencyPercent: number;
  /** Percentage points added to the gross margin at today's prices. */
  marginPoints: number;
  /** Annual billing: discount on the price of those who switch, in percent. */
  annualDiscountPercent: number;
  /** Annual billing: share of customers (now and new) who switch, in percent. */
  annualUptakePercent: number;
  /** Annual billing: relative change of the switchers' monthly churn, in percent (−50: they leave half as often). */
  annualChurnPercent: number;
  /** Win-back: share of the at-risk customers' value recovered over the next 12 months, in percent. */
  winBackPercent: number;
  /** Dunning: share of failed payments recovered, in percent. */
  dunningPercent: number;
  /** Acquisition cost per new customer (base and scenario alike); null: not given. */
  cacPerCustomer: number | null;
  /** Marketing spend per month, divided by the new customers per month when no cost per customer is given. */
  marketingSpendPerMonth: number | null;
}

export const ZERO_LEVERS: Readonly<ScenarioLevers> = Object.freeze({
  retentionPoints: 0,
  churnPercent: 0,
  pricePercent: 0,
  priceAppliesTo: 'all',
  customersLostPercent: 0,
  orderValuePercent: 0,
  frequencyPercent: 0,
  marginPoints: 0,
  annualDiscountPercent: 0,
  annualUptakePercent: 0,
  annualChurnPercent: 0,
  winBackPercent: 0,
  dunningPercent: 0,
  cacPerCustomer: null,
  marketingSpendPerMonth: null,
});

export type NumericLever = Exclude<keyof ScenarioLevers, 'priceAppliesTo' | 'cacPerCustomer' | 'marketingSpendPerMonth'>;

/** Allowed range of each numeric lever (the sliders' ends; a file outside them is refused). */
export const LEVER_RANGES: ReadonlyMap<NumericLever, readonly [min: number, max: number]> = new Map<NumericLever, readonly [number, number]>([
  ['retentionPoints', [-50, 50]],
  ['churnPercent', [-90, 200]],
  ['pricePercent', [-50, 100]],
  ['customersLostPercent', [0, 100]],
  ['orderValuePercent', [-50, 100]],
  ['frequencyPercent', [-50, 100]],
  ['marginPoints', [-50, 50]],
  ['annualDiscountPercent', [0, 50]],
  ['annualUptakePercent', [0, 100]],
  ['annualChurnPercent', [-90, 100]],
  ['winBackPercent', [0, 100]],
  ['dunningPercent', [0, 100]],
]);

/** Accepted in files as an alias: `marginPercent` (the name) means marginPoints. */
const ALIASES: ReadonlyMap<string, keyof ScenarioLevers> = new Map([['marginPercent', 'marginPoints']]);

export type LeversCheck = { ok: true; levers: ScenarioLevers } | { ok: false; problem: Notice };

const refuse = (code: string, text: string, vars: Record<string, string | number> = {}): LeversCheck => ({ ok: false, problem: notice(code, text, vars) });

/**
 * Levers from untrusted JSON (a scenario file, a snapshot): every key must be a lever, every value of its type and in
 * its range; what is missing is zero. One sentence says what is wrong. Keys are looked up in Maps, never used to index
 * a plain object.
 */
export function checkLevers(value: unknown): LeversCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse('not-object', 'The levers must be a JSON object.');
  const out: ScenarioLevers = { ...ZERO_LEVERS };
  const seen = new Set<string>();
  for (const [rawKey, v] of Object.entries(value)) {
    const key = ALIASES.get(rawKey) ?? rawKey;
    if (seen.has(key)) return refuse('duplicate-lever', `The lever "${key}" is given twice.`, { key });
    seen.add(key);
    const range = LEVER_RANGES.get(key as NumericLever);
    if (range) {
      if (typeof v !== 'number' || !Number.isFinite(v)) return refuse('lever-not-number', `The lever "${key}" must be a number.`, { key });
      if (v < range[0] || v > range[1]) return refuse('lever-out-of-range', `The lever "${key}" must be from ${range[0]} to ${range[1]}.`, { key, min: range[0], max: range[1] });
      out[key as NumericLever] = v;
    } else if (key === 'priceAppliesTo') {
      if (v !== 'new' && v !== 'all') return refuse('lever-applies-to', 'The lever "priceAppliesTo" must be "new" or "all".');
      out.priceAppliesTo = v;
    } else if (key === 'cacPerCustomer' || key === 'marketingSpendPerMonth') {
      if (v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) return refuse('lever-not-cost', `The lever "${key}" must be a number of at least 0, or null.`, { key });
      out[key] = v;
    } else {
      const shown = rawKey.length > 40 ? `${rawKey.slice(0, 40)}…` : rawKey;
      return refuse('unknown-lever', `"${shown}" is not a lever (levers: ${[...LEVER_RANGES.keys(), 'priceAppliesTo', 'cacPerCustomer', 'marketingSpendPerMonth'].join(', ')}).`, { key: shown });
    }
  }
  return { ok: true, levers: out };
}

/** Whether every lever is at zero (the acquisition inputs aside, which both sides share). */
export function isBaseLevers(l: ScenarioLevers): boolean {
  for (const key of LEVER_RANGES.keys()) if (l[key] !== 0) return false;
  return true;
}
