import { mount } from 'svelte';
import App from './App.svelte';
import { pwa } from './state/pwa.svelte';
import { locale } from './state/locale.svelte';
import { datasets } from './state/datasets.svelte';
import { shared } from './state/shared.svelte';
import { importFlow } from './state/import-flow.svelte';
import { receiveSnapshots } from './state/incoming';
import { nothingStored } from './state/first-visit';
import { DATABASE_NAME } from './db/name';
import './app.css';

// Asked before the worker starts, which creates the database: a first visit draws the import screen at once.
const firstVisit = nothingStored(DATABASE_NAME, globalThis.indexedDB);
datasets.start();
shared.start();
// The saved or browser language's messages (a chunk of their own unless English) come first: the first render is
// then already in that language.
const [, empty] = await Promise.all([locale.ready, firstVisit]);
if (empty) {
  datasets.assumeEmpty();
  shared.assumeEmpty();
}
mount(App, { target: document.getElementById('app')! });
pwa.start();
// A share link in the address, a file the OS launched the app with, or what the share sheet sent.
receiveSnapshots(importFlow);
