import { mount } from 'svelte';
import App from './App.svelte';
import { pwa } from './state/pwa.svelte';
import { locale } from './state/locale.svelte';
import { datasets } from './state/datasets.svelte';
import './app.css';

// The saved or browser language's messages (a chunk of their own unless English) come first: the first render is
// then already in that language.
datasets.start();
await locale.ready;
mount(App, { target: document.getElementById('app')! });
pwa.start();
