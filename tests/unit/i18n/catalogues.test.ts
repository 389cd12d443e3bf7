/**
 * The Vietnamese and Thai catalogues against the English source: every message translated, the same values
 * substituted, and plural blocks that render (no `{…}` left in what the user sees).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, LOCALES, translate, type MessageKey } from '../../../src/i18n';
import { en } from '../../../src/i18n/en';
import { th } from '../../../src/i18n/th';
import { vi } from '../../../src/i18n/vi';

const keys = Object.keys(en) as MessageKey[];
/** The names of the values a message takes: `{name}` and `{name, plural, …}`. */
const valueNames = (message: string) => [...new Set([...message.matchAll(/\{(\w+)(?=[,}])/g)].map((m) => m[1]))].sort();

describe('en catalogue', () => {
  it('renders every message with its values filled in', () => {
    for (const key of keys) {
      const text = translate('en', key, Object.fromEntries(valueNames(en[key]).map((name) => [name, 7])));
      expect(text, key).not.toMatch(/[{}]/);
    }
  });
});

describe.each([
  ['vi', vi],
  ['th', th],
] as const)('%s catalogue', (code, catalogue) => {
  // The app loads Vietnamese and Thai on demand; `translate` uses them once loaded.
  beforeAll(() => loadCatalogue(code));

  it('translates every English message and nothing else', () => {
    expect(keys.filter((k) => !(k in catalogue))).toEqual([]);
    expect(Object.keys(catalogue).filter((k) => !(k in en))).toEqual([]);
  });

  it('takes the same values as the English message', () => {
    const differ = keys.filter((k) => valueNames(catalogue[k]!).join() !== valueNames(en[k]).join());
    expect(differ).toEqual([]);
  });

  it('renders every message with its values filled in', () => {
    for (const key of keys) {
      const vars = Object.fromEntries(valueNames(en[key]).map((name) => [name, 7]));
      const text = translate(code, key, vars);
      expect(text, key).not.toMatch(/[{}]/);
      expect(text.trim().length, key).toBeGreaterThan(0);
    }
  });

  it('is in the language picker, and is used rather than English for most messages', () => {
    expect(LOCALES.map((l) => l.code)).toContain(code);
    // Brand names, model names and symbols stay as they are; the rest must differ from English.
    const same = keys.filter((k) => catalogue[k] === en[k]);
    expect(same.length).toBeLessThan(keys.length * 0.1);
    expect(translate(code, 'rejected.count', { count: 3 })).not.toBe(translate('en', 'rejected.count', { count: 3 }));
  });
});
