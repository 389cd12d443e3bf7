/** The CLV formulas' inputs and expressions in the reader's language, as the formula cards and the report write them. */
import { t, locale } from '../state/locale.svelte';
import { formatMoney, formatNumber, formatPercent } from '../lib/format';
import type { FormulaInput } from '../core/figures';

/** A formula's input as the dashboard holds it, or as a snapshot carries it (where a value may be missing). */
type InputLike = { unit: FormulaInput['unit']; value: number | null };

/** An input with its unit ("$42.10 a month", "3.2 months"); a missing value is a dash. */
export function formatFormulaInput(i: InputLike, currency: string | null): string {
  if (i.value === null) return '—';
  const value = i.value;
  const n = (d: number) => formatNumber(value, locale.intl, d);
  switch (i.unit) {
    case 'currency': return formatMoney(value, currency, locale.intl);
    case 'currency/month': return t('formulas.unit.perMonth', { value: formatMoney(value, currency, locale.intl) });
    case 'months': return t('formulas.unit.months', { value: n(1) });
    case 'orders/year': return t('formulas.unit.perYear', { value: n(2) });
    case 'years': return t('formulas.unit.years', { value: n(2) });
    case 'share': return formatPercent(value, locale.intl);
    case 'share/month': return t('formulas.unit.perMonth', { value: formatPercent(value, locale.intl) });
  }
}

/** "a × b × c" (the churn form divides by its last input). */
export function formulaExpression(f: { id: string; inputs: InputLike[] }, currency: string | null): string {
  return f.inputs.map((i, k) => (k === 0 ? '' : f.id === 'churn' && k === f.inputs.length - 1 ? ' ÷ ' : ' × ') + formatFormulaInput(i, currency)).join('');
}
