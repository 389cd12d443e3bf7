/**
 * Message lookup with `{name}` substitution. Every language, English too, is a chunk of its own, fetched by
 * `loadCatalogue` before the page first renders in it (the service worker precaches them, so they load offline too):
 * a Vietnamese or Thai visitor downloads their messages only, not English as well. Missing translations fall back to
 * English when it is loaded, never to a key (tests/unit/i18n checks every catalogue is complete).
 */
import type { Catalogue, MessageKey } from './en';

export type { MessageKey };
export const LOCALES = [
  { code: 'en', label: 'English' },
  { code: 'vi', label: 'Tiếng Việt' },
  { code: 'th', label: 'ไทย' },
] as const;
export type LocaleCode = (typeof LOCALES)[number]['code'];

const catalogues: Partial<Record<LocaleCode, Catalogue>> = {};

/** Each catalogue as a dynamic import: the bundler makes each its own chunk. */
const loaders: Record<LocaleCode, () => Promise<Catalogue>> = {
  en: () => import('./en').then((m) => m.en),
  vi: () => import('./vi').then((m) => m.vi),
  th: () => import('./th').then((m) => m.th),
};
const loading = new Map<LocaleCode, Promise<void>>();

/** Fetch a language's messages once (later calls share the first); until they arrive, `translate` gives English. */
export function loadCatalogue(code: LocaleCode): Promise<void> {
  if (catalogues[code]) return Promise.resolve();
  let pending = loading.get(code);
  if (!pending) {
    pending = loaders[code]().then(
      (messages) => {
        catalogues[code] = messages;
      },
      (err: unknown) => {
        loading.delete(code); // a later attempt may succeed (e.g. back online)
        throw err;
      },
    );
    loading.set(code, pending);
  }
  return pending;
}

/** Whether a language's messages are here. */
export function hasCatalogue(code: LocaleCode): boolean {
  return catalogues[code] !== undefined;
}

/** Whether a key made at run time (from an engine's code) names a message. */
export function isMessageKey(key: string): key is MessageKey {
  // Every catalogue has every key, so whichever is loaded answers.
  const known = catalogues.en ?? catalogues.vi ?? catalogues.th;
  return known !== undefined && Object.hasOwn(known, key);
}

export function registerCatalogue(code: LocaleCode, messages: Catalogue): void {
  catalogues[code] = messages;
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The plural category of a value that may already be formatted ("1,234" → 1234). */
function pluralCategory(locale: LocaleCode, value: string | number): string {
  const n = typeof value === 'number' ? value : Number.parseFloat(value.replace(/[^\d.-]/g, ''));
  if (!pluralRules.has(locale)) pluralRules.set(locale, new Intl.PluralRules(locale));
  return Number.isFinite(n) ? pluralRules.get(locale)!.select(n) : 'other';
}

/**
 * `{name}` is replaced by a value; `{name, plural, one {# row} other {# rows}}` picks the form for the value's
 * plural category in the locale, with `#` standing for the value; a form may hold `{other}` values too.
 */
export function translate(locale: LocaleCode, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = catalogues[locale]?.[key] ?? catalogues.en?.[key] ?? '';
  if (!vars) return template;
  // A form may name other values ("{# cohort of fewer than {k} customers}"): filled in after the form is picked.
  const plurals = template.replace(/\{(\w+), plural,((?:\s*[\w=]+\s*\{(?:[^{}]|\{\w+\})*\})+)\s*\}/g, (m, name: string, forms: string) => {
    if (!(name in vars)) return m;
    const options = new Map([...forms.matchAll(/([\w=]+)\s*\{((?:[^{}]|\{\w+\})*)\}/g)].map((f) => [f[1], f[2]]));
    const form = options.get(pluralCategory(locale, vars[name])) ?? options.get('other') ?? '';
    return form.replace(/#/g, String(vars[name]));
  });
  return plurals.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
