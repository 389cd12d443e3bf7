import { describe, expect, it } from 'vitest';
import { registerCatalogue, translate } from '../../../src/i18n';
import { th } from '../../../src/i18n/th';

describe('translate', () => {
  it('substitutes values and picks the plural form for the locale', () => {
    expect(translate('en', 'rejected.count', { count: 1 })).toBe('1 row');
    expect(translate('en', 'rejected.count', { count: 2 })).toBe('2 rows');
    expect(translate('en', 'rejected.count', { count: '1,234' })).toBe('1,234 rows');
    expect(translate('en', 'dashboard.importedIn', { rows: 1, seconds: '0.5' })).toBe('Imported 1 row in 0.5 s');
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
