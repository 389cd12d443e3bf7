/** The CLV formulas' inputs and expressions in the reader's language, as the formula cards and the report write them. */
import { t, locale } from '../state/locale.svelte';
import { formatMoney, formatNumber, formatPercent } from '../lib/format';
import type { ClvFormula, FormulaInput } from '../core/figures';

/** An input with its unit ("$42.10 a month", "3.2 months"). */
export function formatFormulaInput(i: FormulaInput, currency: string | null): string {
  const n = (d: number) => formatNumber(i.value, locale.intl, d);
  switch (i.unit) {
    case 'currency': return formatMoney(i.value, currency, locale.intl);
    case 'currency/month': return t('formulas.unit.perMonth', { value: formatMoney(i.value, currency, locale.intl) });
    case 'months': return t('formulas.unit.months', { value: n(1) });
    case 'orders/year': return t('formulas.unit.perYear', { value: n(2) });
    case 'years': return t('formulas.unit.years', { value: n(2) });
    case 'share': return formatPercent(i.value, locale.intl);
    case 'share/month': return t('formulas.unit.perMonth', { value: formatPercent(i.value, locale.intl) });
  }
}

/** "a × b × c" (the churn form divides by its last input). */
export function formulaExpression(f: ClvFormula, currency: string | null): string {
  return f.inputs.map((i, k) => (k === 0 ? '' : f.id === 'churn' && k === f.inputs.length - 1 ? ' ÷ ' : ' × ') + formatFormulaInput(i, currency)).join('');
}
