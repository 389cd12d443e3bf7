/**
 * The importer's warm-up (read a file's head a few times while the user checks the columns, so that the JIT has
 * optimised the code before the import): its rounds, and that it stops as soon as an import starts in the thread.
 */
import { describe, expect, it } from 'vitest';
import { sniff } from '../../../src/core/import';
import { streamImport, warmUpImporter, WARM_UP_ROUNDS } from '../../../src/core/import/run';

const text = ['order,customer,date,amount', ...Array.from({ length: 2_000 }, (_, i) => `O${i},C${i % 97},2024-03-${String((i % 28) + 1).padStart(2, '0')},${(i % 50) + 0.5}`)].join('\n');
const head = new TextEncoder().encode(text);
const guess = sniff(head, 'orders.csv', head.length);
const options = { fileName: 'orders.csv', totalBytes: head.length, encoding: guess.encoding, delimiter: guess.delimiter, hasHeader: guess.hasHeader, mapping: guess.mapping, dateOrderFallback: guess.dateOrder ?? 'DMY' } as const;
async function* once(bytes: Uint8Array) {
  yield bytes;
}

describe('warming the importer up', () => {
  it('reads the head the rounds asked for, each in a task of its own', async () => {
    expect(guess.problem).toBeNull();
    expect(await warmUpImporter(head, guess, 'orders.csv')).toBe(WARM_UP_ROUNDS);
    expect(await warmUpImporter(head, guess, 'orders.csv', 2)).toBe(2);
  });

  it('stops when an import starts in the thread, and the import is whole', async () => {
    const warming = warmUpImporter(head, guess, 'orders.csv', 50);
    // The first round ran at once; the import starts before the second.
    const { report } = await streamImport(options, once(head));
    expect(await warming).toBe(1);
    expect(report.rowsAccepted).toBe(2_000);
  });

  it('does nothing for a file its sniff could not read', async () => {
    expect(await warmUpImporter(head, { ...guess, problem: 'The file is empty.' }, 'orders.csv')).toBe(0);
  });
});
