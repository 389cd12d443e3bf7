/**
 * The UI language and the locale used for numbers and dates. A language's messages are loaded before it becomes the
 * current one (`ready` for the saved or browser language at start, `set` for a choice), so no screen shows in
 * English while they arrive.
 */
import { isMessageKey, loadCatalogue, LOCALES, translate, type LocaleCode, type MessageKey } from '../i18n';
import type { NoticeVars } from '../core/types';

const KEY = 'clv.locale';

function initialLocale(): LocaleCode {
  const saved = globalThis.localStorage?.getItem(KEY);
  if (saved && LOCALES.some((l) => l.code === saved)) return saved as LocaleCode;
  const nav = globalThis.navigator?.language?.toLowerCase() ?? 'en';
  if (nav.startsWith('vi')) return 'vi';
  if (nav.startsWith('th')) return 'th';
  return 'en';
}

class LocaleState {
  code = $state<LocaleCode>(initialLocale());
  /** The language asked for last: when two choices overlap, the later one wins whichever loads first. */
  #wanted: LocaleCode = this.code;
  /**
   * Resolves when the starting language's messages are here: main.ts mounts the app after it, so the first render
   * is already in that language. (If they cannot be fetched, the app starts in English.)
   */
  readonly ready: Promise<void>;

  constructor() {
    // Screen readers and hyphenation follow the page's language from the first render, not only after a switch.
    if (globalThis.document) document.documentElement.lang = this.code;
    this.ready = loadCatalogue(this.code).catch(async (err: unknown) => {
      console.error(`The ${this.code} messages could not be loaded; starting in English.`, err);
      // English is a chunk of its own too: fetch it instead (an empty page is worse than a second try).
      await loadCatalogue('en').catch((again: unknown) => console.error('The English messages could not be loaded either.', again));
      if (this.#wanted === this.code) this.#apply('en', false);
    });
  }

  /** BCP 47 tag for Intl: the browser's own English variant for English, the national one otherwise. */
  get intl(): string {
    if (this.code === 'vi') return 'vi-VN';
    if (this.code === 'th') return 'th-TH';
    const nav = globalThis.navigator?.language ?? 'en-US';
    return nav.toLowerCase().startsWith('en') ? nav : 'en-US';
  }

  /**
   * Switch to a language once its messages are loaded, and remember it. Resolves to false when they could not be
   * loaded (the language stays as it was) or a later choice replaced this one.
   */
  async set(code: LocaleCode): Promise<boolean> {
    this.#wanted = code;
    try {
      await loadCatalogue(code);
    } catch (err) {
      console.error(`The ${code} messages could not be loaded.`, err);
      if (this.#wanted === code) this.#wanted = this.code;
      return false;
    }
    if (this.#wanted !== code) return false;
    this.#apply(code, true);
    return true;
  }

  #apply(code: LocaleCode, remember: boolean) {
    this.code = code;
    this.#wanted = code;
    if (remember) globalThis.localStorage?.setItem(KEY, code);
    if (globalThis.document) document.documentElement.lang = code;
  }
}

export const locale = new LocaleState();

export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  return translate(locale.code, key, vars);
}

/**
 * A note from the engine in the user's language: the message `prefix.code` (or `prefix.code.variant`), filled with
 * the note's values. Without such a message, or without the values it needs (a report stored by an older version),
 * the note's English text is shown as written.
 */
export function tNotice(prefix: string, note: { code: string; text: string; vars?: NoticeVars }): string {
  const variant = note.vars?.variant;
  const key = `${prefix}.${note.code}${variant !== undefined ? `.${variant}` : ''}`;
  if (!isMessageKey(key)) return note.text;
  const needsValues = /\{\w+/.test(translate('en', key));
  if (needsValues && !note.vars) return note.text;
  return translate(locale.code, key, note.vars);
}
