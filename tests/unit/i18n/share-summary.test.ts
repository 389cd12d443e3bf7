/** Every line of the share summary has a message in English, Vietnamese and Thai, and renders with its values. */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregateOnlySnapshot, shareSummary } from '../../../src/core/snapshot';
import { isMessageKey, loadCatalogue, translate, type MessageKey } from '../../../src/i18n';
import { analyze, DON_HANG } from '../snapshot/fixtures';

describe('share summary messages', () => {
  beforeAll(() => Promise.all([loadCatalogue('vi'), loadCatalogue('th')]));

  it('has a message for every line, whose English is the summary’s own text', async () => {
    const full = await analyze(DON_HANG, '--segments');
    const bare = await analyze(DON_HANG, '--observation-end', '2020-01-01');
    const withStatuses = { ...full, dataset: { ...full.dataset, excluded: [{ status: 'Đã hủy', count: 1 }, { status: 'pending', count: 0 }] } };
    expect(shareSummary(withStatuses).inside.find((n) => n.code === 'excluded-statuses')?.text).toBe('The 1 status of 1 row left out of the counts, as written in the file.');
    // A billing export: its subscriptions part, and its months of fewer than 6 subscribers (January, May, June: 5).
    const billing = await analyze(fileURLToPath(new URL('../../fixtures/subscriptions/billing-invoices.csv', import.meta.url)));
    expect(shareSummary(aggregateOnlySnapshot(billing, { k: 6 })).cautions.find((n) => n.code === 'small-subscription-months')?.text).toBe('3 months of the subscriptions have fewer than 6 subscribers; their MRR and its movements are shown.');
    expect(shareSummary(aggregateOnlySnapshot(billing)).cautions.map((n) => n.code)).not.toContain('small-subscription-months');
    const notes = [full, withStatuses, aggregateOnlySnapshot(full), aggregateOnlySnapshot(full, { k: 2 }), aggregateOnlySnapshot(bare), billing, aggregateOnlySnapshot(billing, { k: 7 })].flatMap((s) => {
      const summary = shareSummary(s);
      return [...summary.inside, ...summary.leftOut, ...summary.cautions];
    });
    expect(new Set(notes.map((n) => n.code)).size).toBeGreaterThan(15);
    for (const note of notes) {
      const key = `share.${note.code}${note.vars.variant !== undefined ? `.${note.vars.variant}` : ''}`;
      expect(isMessageKey(key), key).toBe(true);
      expect(translate('en', key as MessageKey, note.vars)).toBe(note.text);
      for (const locale of ['vi', 'th'] as const) {
        const text = translate(locale, key as MessageKey, note.vars);
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]/);
        expect(text, `${locale} ${key}`).not.toBe(note.text);
      }
    }
  });
});
