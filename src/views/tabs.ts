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
}

export const TABS: readonly TabDefinition[] = [
  { id: 'history', label: 'tabs.history', load: () => Promise.resolve({ default: HistoryTab }) },
  { id: 'forecast', label: 'tabs.forecast', load: () => import('./ForecastTab.svelte') },
  { id: 'segments', label: 'tabs.segments', load: () => import('./SegmentsTab.svelte') },
  { id: 'whatif', label: 'tabs.whatif', load: () => import('./whatif/WhatIfTab.svelte') },
];
