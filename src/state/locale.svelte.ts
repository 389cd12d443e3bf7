/** The UI language and the locale used for numbers and dates. */
import { isMessageKey, LOCALES, translate, type LocaleCode, type MessageKey } from '../i18n';
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

  constructor() {
    // Screen readers and hyphenation follow the page's language from the first render, not only after a switch.
    if (globalThis.document) document.documentElement.lang = this.code;
  }

  /** BCP 47 tag for Intl: the browser's own English variant for English, the national one otherwise. */
  get intl(): string {
    if (this.code === 'vi') return 'vi-VN';
    if (this.code === 'th') return 'th-TH';
    const nav = globalThis.navigator?.language ?? 'en-US';
    return nav.toLowerCase().startsWith('en') ? nav : 'en-US';
  }

  set(code: LocaleCode) {
    this.code = code;
    globalThis.localStorage?.setItem(KEY, code);
    document.documentElement.lang = code;
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
