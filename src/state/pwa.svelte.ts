/**
 * Service-worker lifecycle as reactive state: "update available" is shown, never applied behind the user's back.
 *
 * vite-plugin-pwa generates sw.js (registerType 'prompt', injectRegister false: it injects no registration of its
 * own); this registers it. The worker claims the open page on its first install (workbox clientsClaim), so the app
 * works offline at once, but a new version does not skip waiting by itself: it waits until the user chooses Update,
 * which posts it the message the generated sw.js listens for ({ type: 'SKIP_WAITING' }), and the page reloads once
 * the new version controls it. Stored data lives in IndexedDB and is untouched by an update.
 */

/** The generated worker and its scope, relative to the page like every URL of the app (base './'). */
const SCRIPT = './sw.js';
const SCOPE = './';

class PwaState {
  needRefresh = $state(false);
  offlineReady = $state(false);
  #registration: ServiceWorkerRegistration | null = null;
  /** A new version was seen waiting: when it takes control (Update here or in another tab), this page reloads. */
  #reloadWhenControlled = false;

  start() {
    if (import.meta.env.DEV || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      // The first install's claim also changes the controller: the page is already that version, so no reload.
      if (this.#reloadWhenControlled) window.location.reload();
    });
    const register = () =>
      navigator.serviceWorker.register(SCRIPT, { scope: SCOPE }).then(
        (registration) => this.#watch(registration),
        (error: unknown) => console.warn('CLV Studio: the service worker could not be registered, so the app will not work offline.', error),
      );
    // After the page has loaded: the first install downloads every precached file (350 KB of JavaScript), which on a
    // slow phone connection competed with what the first screen itself still needed.
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register, { once: true });
  }

  #watch(registration: ServiceWorkerRegistration) {
    this.#registration = registration;
    // A version installed on an earlier visit still waits while an older one is active.
    if (registration.waiting && registration.active) this.#waiting();
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state !== 'installed') return;
        // With an older version active the new one waits; without, this was the first install: all is cached.
        if (registration.active) this.#waiting();
        else this.offlineReady = true;
      });
    });
  }

  #waiting() {
    this.#reloadWhenControlled = true;
    this.needRefresh = true;
  }

  /** Activate the waiting version; the page reloads when it takes control. */
  update() {
    const waiting = this.#registration?.waiting;
    if (!waiting) {
      // Already activated (by another tab): this page only needs to load it.
      window.location.reload();
      return;
    }
    this.#reloadWhenControlled = true;
    waiting.postMessage({ type: 'SKIP_WAITING' });
  }
}

export const pwa = new PwaState();
