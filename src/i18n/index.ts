/** Message lookup with `{name}` substitution. Missing translations fall back to English, never to a key. */
import { en, type Catalogue, type MessageKey } from './en';

export type { MessageKey };
export const LOCALES = [
  { code: 'en', label: 'English' },
  { code: 'vi', label: 'Tiếng Việt' },
  { code: 'th', label: 'ไทย' },
] as const;
export type LocaleCode = (typeof LOCALES)[number]['code'];

const catalogues: Record<LocaleCode, Catalogue> = { en, vi: {}, th: {} };

export function registerCatalogue(code: LocaleCode, messages: Catalogue): void {
  catalogues[code] = messages;
}

export function translate(locale: LocaleCode, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = catalogues[locale]?.[key] ?? en[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
