import { describe, expect, it } from 'vitest';
import { hasCatalogue, loadCatalogue, registerCatalogue, translate } from '../../../src/i18n';
import { th } from '../../../src/i18n/th';
import { vi } from '../../../src/i18n/vi';

describe('translate', () => {
  it('substitutes values and picks the plural form for the locale', () => {
    expect(translate('en', 'rejected.count', { count: 1 })).toBe('1 row');
    expect(translate('en', 'rejected.count', { count: 2 })).toBe('2 rows');
    expect(translate('en', 'rejected.count', { count: '1,234' })).toBe('1,234 rows');
    expect(translate('en', 'dashboard.importedIn', { rows: 1, seconds: '0.5' })).toBe('Imported 1 row in 0.5 s');
  });

  it('fills in other values named inside a plural form', () => {
    expect(translate('en', 'shared.cohortsSuppressed', { count: 1, k: 5 })).toBe('1 cohort of fewer than 5 customers is not shown.');
    expect(translate('en', 'shared.cellsSuppressed', { count: 3, k: 5 })).toBe('In 3 periods the revenue is shown as –: fewer than 5 customers bought then.');
  });

  it('falls back to English for a missing translation, never to the key', () => {
    const { 'rejected.count': _, ...partial } = th;
    registerCatalogue('th', partial);
    try {
      expect(translate('th', 'rejected.count', { count: 3 })).toBe(translate('en', 'rejected.count', { count: 3 }));
      expect(translate('th', 'rejected.count', { count: 3 })).not.toContain('rejected.count');
    } finally {
      registerCatalogue('th', th);
    }
  });
});

describe('catalogues loaded on demand', () => {
  it('gives English until a language is loaded, then its messages, loading each catalogue once', async () => {
    expect(hasCatalogue('en')).toBe(true);
    expect(hasCatalogue('vi')).toBe(false);
    expect(translate('vi', 'import.title')).toBe(translate('en', 'import.title'));
    const first = loadCatalogue('vi');
    expect(loadCatalogue('vi')).toBe(first);
    await first;
    expect(hasCatalogue('vi')).toBe(true);
    expect(translate('vi', 'import.title')).toBe(vi['import.title']);
    await loadCatalogue('en');
  });
});
