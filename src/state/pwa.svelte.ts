/** Service-worker lifecycle as reactive state: "update available" is shown, never applied behind the user's back. */
import { registerSW } from 'virtual:pwa-register';

class PwaState {
  needRefresh = $state(false);
  offlineReady = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | null = null;

  start() {
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.needRefresh = true),
      onOfflineReady: () => (this.offlineReady = true),
    });
  }

  /** Activate the waiting version and reload. Stored data lives in IndexedDB and is untouched by this. */
  async update() {
    await this.#update?.(true);
  }
}

export const pwa = new PwaState();
