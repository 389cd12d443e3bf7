import { mount } from 'svelte';
import App from './App.svelte';
import { pwa } from './state/pwa.svelte';
import { locale } from './state/locale.svelte';
import { datasets } from './state/datasets.svelte';
import { shared } from './state/shared.svelte';
import { importFlow } from './state/import-flow.svelte';
import { receiveSnapshots } from './state/incoming';
import './app.css';

// The saved or browser language's messages (a chunk of their own unless English) come first: the first render is
// then already in that language.
datasets.start();
shared.start();
await locale.ready;
mount(App, { target: document.getElementById('app')! });
pwa.start();
// A share link in the address, a file the OS launched the app with, or what the share sheet sent.
receiveSnapshots(importFlow);
