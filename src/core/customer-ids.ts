/**
 * A table's customer ids kept packed (characters in one typed array, each id's end in another) until something reads
 * them as strings. Making the 3.3 million id strings of a 10M-line file took 1.2 s of the import's last step in Node,
 * and they then held about 100 MB that every major collection walks; the figures, the save and the dashboard's first
 * screen need only the ids' count and a few of them. `table.customerIds` stays a string array for every reader: it is
 * made on first read, and the packed form is dropped then.
 */
import type { StoredValues } from './import/code-dictionary';
import { numberedText, writeNumbered } from './import/dense-ids';
import { cutStrings, packedText } from './utf16-text';

/** Tables whose ids have not been made into strings yet, with their packed ids. */
const packedOf = new WeakMap<object, StoredValues>();

/** The packed (or numbered) values as strings, one per value. */
export function unpackValues(stored: StoredValues): string[] {
  const packed = 'numbers' in stored ? writeNumbered(stored) : stored;
  return cutStrings(packedText(packed.chars), packed.ends, []);
}

/** How many values are stored. */
function storedCount(stored: StoredValues): number {
  return 'numbers' in stored ? stored.numbers.length : stored.ends.length;
}

/**
 * Give `table` its customer ids as `packed`: `customerIds` reads as the strings, made when first read. Returns the
 * table. `packed` must not change afterwards.
 */
export function withPackedCustomerIds<T extends { customerIds: string[] }>(table: Omit<T, 'customerIds'>, packed: StoredValues): T {
  packedOf.set(table, packed);
  const settle = (ids: string[]) => {
    packedOf.delete(table);
    Object.defineProperty(table, 'customerIds', { value: ids, writable: true, enumerable: true, configurable: true });
    return ids;
  };
  Object.defineProperty(table, 'customerIds', {
    enumerable: true,
    configurable: true,
    get: () => settle(unpackValues(packed)),
    set: (ids: string[]) => void settle(ids),
  });
  return table as T;
}

/** The table's ids still packed (not read as strings yet), or null. */
export function packedCustomerIds(table: object): StoredValues | null {
  return packedOf.get(table) ?? null;
}

/** How many customer ids (codes) the table has, without making them into strings. */
export function customerCountOf(table: { customerIds: string[] }): number {
  const packed = packedOf.get(table);
  return packed ? storedCount(packed) : table.customerIds.length;
}

/** The id of customer `code`, without making every id into a string. */
export function customerIdOf(table: { customerIds: string[] }, code: number): string {
  const packed = packedOf.get(table);
  if (!packed) return table.customerIds[code];
  if ('numbers' in packed) return numberedText(packed, code);
  return packedText(packed.chars, code === 0 ? 0 : packed.ends[code - 1], packed.ends[code]);
}
