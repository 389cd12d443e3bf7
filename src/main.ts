import { mount } from 'svelte';
import App from './App.svelte';
import { pwa } from './state/pwa.svelte';
import { locale } from './state/locale.svelte';
import './app.css';

document.documentElement.lang = locale.code;
mount(App, { target: document.getElementById('app')! });
pwa.start();
