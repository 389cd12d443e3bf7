/**
 * The tabs of an open dataset, as data: adding a tab is one entry here. Each tab's view takes the same values and is
 * loaded when first shown (the Forecast tab's code is not needed before then).
 */
import type { Component } from 'svelte';
import type { DatasetEntry } from '../core/datasets';
import type { MessageKey } from '../i18n';
import HistoryTab from './HistoryTab.svelte';

export interface TabProps {
  dataset: DatasetEntry;
}

export interface TabDefinition {
  id: string;
  label: MessageKey;
  load: () => Promise<{ default: Component<TabProps> }>;
  /** Shown only for datasets this accepts (every dataset without it); the first such tab is the one opened first. */
  only?: (dataset: DatasetEntry) => boolean;
}

export const TABS: readonly TabDefinition[] = [
  { id: 'history', label: 'tabs.history', load: () => Promise.resolve({ default: HistoryTab }) },
  { id: 'forecast', label: 'tabs.forecast', load: () => import('./ForecastTab.svelte') },
  { id: 'segments', label: 'tabs.segments', load: () => import('./SegmentsTab.svelte') },
  // Billing exports (invoices, charges, subscription lists) open on their subscriptions.
  { id: 'subscriptions', label: 'tabs.subscriptions', load: () => import('./SubscriptionsTab.svelte'), only: (d) => d.billing !== null },
  { id: 'whatif', label: 'tabs.whatif', load: () => import('./whatif/WhatIfEntry.svelte') },
];

/** The tabs a dataset shows, and the one it opens on: its own (a billing export's Subscriptions) first. */
export function tabsOf(dataset: DatasetEntry): { tabs: TabDefinition[]; first: string } {
  const tabs = TABS.filter((d) => !d.only || d.only(dataset));
  return { tabs, first: (tabs.find((d) => d.only) ?? tabs[0]).id };
}
