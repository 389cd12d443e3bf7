/** Engine notices shown in the user's language, and shown as written when no message fits them. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/i18n';
import { locale, tNotice } from '../../../src/state/locale.svelte';

describe('tNotice', () => {
  beforeAll(() => Promise.all([loadCatalogue('vi'), loadCatalogue('th')]));

  it('translates a notice by its code and values, with a variant picking the wording', () => {
    locale.code = 'vi';
    expect(tNotice('rejected.reason', { code: 'missing-customer', text: 'Customer id is empty (column "Mã KH")', vars: { column: 'Mã KH' } })).toBe('Mã khách hàng để trống (cột "Mã KH")');
    expect(tNotice('warning', { code: 'ambiguous-dates', text: '…', vars: { column: 'Ngày', variant: 'MDY' } })).toContain('MM/DD/YYYY');
    locale.code = 'th';
    expect(tNotice('model', { code: 'few-repeaters', text: 'Only 3 customers have bought more than once…', vars: { count: 3 } })).toContain('3');
    expect(tNotice('model', { code: 'few-repeaters', text: 'x', vars: { count: 3 } })).not.toContain('{');
  });

  it('shows the English text when no message has that code, or when a stored notice lacks the values it needs', () => {
    locale.code = 'vi';
    expect(tNotice('warning', { code: 'as-written', text: 'An old warning, stored as text.', vars: {} })).toBe('An old warning, stored as text.');
    // A rejection group stored before groups had values: its message needs {column}, so its English reason is shown.
    expect(tNotice('rejected.reason', { code: 'missing-customer', text: 'Customer id is empty (column "ID")' })).toBe('Customer id is empty (column "ID")');
    // A message without values needs none.
    expect(tNotice('rejected.reason', { code: 'unclosed-quote', text: 'x' })).toBe('Dấu ngoặc kép (") mở ở dòng này nhưng không bao giờ được đóng');
    locale.code = 'en';
  });
});

describe('choosing a language', () => {
  it('switches once the messages are loaded, and the later of two overlapping choices wins', async () => {
    const [first, second] = await Promise.all([locale.set('th'), locale.set('vi')]);
    expect([first, second]).toEqual([false, true]);
    expect(locale.code).toBe('vi');
    expect(await locale.set('en')).toBe(true);
    expect(locale.code).toBe('en');
  });
});
