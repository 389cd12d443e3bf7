/** The What-if outputs as the reader sees them: labels, values with their units, and each formula with its numbers. */
import { t, locale } from '../../state/locale.svelte';
import { formatMoney, formatNumber, formatPercent } from '../../lib/format';
import type { OutputField } from '../../core/scenario/fields';
import type { MessageKey } from '../../i18n';
import type { ScenarioBase } from '../../core/scenario/base';
import type { ScenarioSide } from '../../core/scenario/project';

const MONEY: ReadonlySet<OutputField> = new Set(['clvPerCustomer', 'clvPredicted', 'revenue12', 'revenue24', 'revenue36', 'grossProfit12', 'grossProfit24', 'grossProfit36']);
const MONTHS: ReadonlySet<OutputField> = new Set(['paybackMonths', 'paybackCohortMonths', 'paybackDataMonths']);

/** A value of a field; `signed` for differences (+/−). */
export function formatOutput(field: OutputField, value: number | null, currency: string | null, signed = false): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const sign = signed && value > 0 ? '+' : '';
  if (MONEY.has(field)) return sign + formatMoney(value, currency, locale.intl);
  if (MONTHS.has(field)) return t('formulas.unit.months', { value: sign + formatNumber(value, locale.intl, 1) });
  if (field === 'ltvToCac') return `${sign}${formatNumber(value, locale.intl, 2)}×`;
  return sign + formatNumber(value, locale.intl, 1);
}

/** The months of a customers/revenue/profit field, or null. */
const horizon = (field: OutputField) => (/(\d+)$/.exec(field)?.[1] ?? null);

/** The formula behind a side's value, with that side's numbers in it. */
export function outputFormula(field: OutputField, side: ScenarioSide, base: ScenarioBase, currency: string | null): string {
  const m = side.terms;
  const money = (v: number | null) => (v === null ? '—' : formatMoney(v, currency, locale.intl));
  const pct = (v: number) => formatPercent(v, locale.intl);
  const num = (v: number, d = 2) => formatNumber(v, locale.intl, d);
  const value = formatOutput(field, side[field], currency);
  const h = horizon(field);
  const common = {
    value, h: h ?? '', gp: money(m.monthlyGrossProfitPerCustomer), r: pct(m.monthlyRetention), ra: pct(m.annualRetention), share: pct(m.annualShare),
    active: num(m.activeCustomers, 0), n: num(m.newCustomersPerMonth, 1), f: num(m.purchasesPerMonth, 3), v: money(m.revenuePerPurchase),
    gpp: money(m.grossProfitPerPurchase), margin: pct(m.margin), cac: money(m.cac), clv: money(side.clvPerCustomer),
    wb: money(m.winBackRevenuePerMonth), dn: money(m.dunningRevenuePerMonth), months: String(side.predictedMonths ?? 0), r0: pct(base.monthlyRetention),
  };
  const annual = m.annualShare > 0 ? ` ${t('whatif.formula.annualMix', common)}` : '';
  const extras = (m.winBackRevenuePerMonth || m.dunningRevenuePerMonth) && (field.startsWith('revenue') || field.startsWith('grossProfit')) ? ` ${t('whatif.formula.extras', common)}` : '';
  if (field.startsWith('customers')) return t('whatif.formula.customers', common) + annual;
  if (field.startsWith('revenue')) return t('whatif.formula.revenue', common) + annual + extras;
  if (field.startsWith('grossProfit')) return t('whatif.formula.grossProfit', common) + annual + extras;
  if (field === 'clvPerCustomer') return t('whatif.formula.clvPerCustomer', common) + annual;
  return t(`whatif.formula.${field}` as MessageKey, common);
}
