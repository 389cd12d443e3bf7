/** The levers as the tab lays them out: groups of sliders, each with its step (ranges come from the core). */
import type { NumericLever } from '../../core/scenario/levers';
import type { MessageKey } from '../../i18n';

export interface LeverGroup {
  id: 'retention' | 'price' | 'orders' | 'annual' | 'recover';
  label: MessageKey;
  levers: { key: NumericLever; step: number }[];
}

export const LEVER_GROUPS: readonly LeverGroup[] = [
  { id: 'retention', label: 'whatif.group.retention', levers: [{ key: 'retentionPoints', step: 0.5 }, { key: 'churnPercent', step: 1 }] },
  { id: 'price', label: 'whatif.group.price', levers: [{ key: 'pricePercent', step: 0.5 }, { key: 'customersLostPercent', step: 0.5 }] },
  { id: 'orders', label: 'whatif.group.orders', levers: [{ key: 'orderValuePercent', step: 0.5 }, { key: 'frequencyPercent', step: 0.5 }, { key: 'marginPoints', step: 0.5 }] },
  { id: 'annual', label: 'whatif.group.annual', levers: [{ key: 'annualDiscountPercent', step: 1 }, { key: 'annualUptakePercent', step: 1 }, { key: 'annualChurnPercent', step: 1 }] },
  { id: 'recover', label: 'whatif.group.recover', levers: [{ key: 'winBackPercent', step: 1 }, { key: 'dunningPercent', step: 1 }] },
];
