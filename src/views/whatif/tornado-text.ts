/** A tornado bar in words, for the tooltip and screen readers. */
import { t, locale } from '../../state/locale.svelte';
import { formatMoney, formatNumber } from '../../lib/format';
import type { TornadoBar } from '../../core/scenario/tornado';

export function tornadoDescription(bar: TornadoBar, currency: string | null): string {
  const money = (v: number) => `${v > 0 ? '+' : ''}${formatMoney(v, currency, locale.intl)}`;
  return t('whatif.tornado.bar', { lever: t(`whatif.lever.${bar.lever}`), low: formatNumber(bar.low, locale.intl, 1), high: formatNumber(bar.high, locale.intl, 1), lowEffect: money(bar.lowEffect), highEffect: money(bar.highEffect) });
}
