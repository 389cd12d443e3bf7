/**
 * What a dataset keeps of an import. The rows' source lines served the import's report (the rejected rows' examples);
 * no figure reads them afterwards, and they were 4 bytes a row held through the figures, the save and every session
 * that opens the dataset.
 */
import type { ImportedTable, TransactionTable } from '../types';
import { release } from '../release';

/**
 * The import's result with its table's lines left out, and given back (src/core/release.ts): the imported table's
 * `line` reads as empty afterwards. It takes the whole result, so that the caller keeps no reference to it.
 */
export function withoutLines<R extends { table: ImportedTable }>(result: R): Omit<R, 'table'> & { table: TransactionTable } {
  // Taken off the table itself, not a copy: copying its fields would read its customer ids, which stay packed until
  // something needs them as strings (src/core/customer-ids.ts). Lines not made yet (withCountingLines) are not made.
  const table: Partial<ImportedTable> = result.table;
  const value = Object.getOwnPropertyDescriptor(table, 'line')?.value as Uint32Array | undefined;
  release(value);
  delete table.line;
  return { ...result, table: table as TransactionTable };
}

/**
 * Give `table` the lines first, first + 1, … of its `length` rows (each row on the line after the one before, as in a
 * clean export): `line` reads as that column, made when first read. Reading the import's table (the NPS reader) makes
 * it; a dataset, which drops the lines (withoutLines), never does.
 */
export function withCountingLines<T extends object>(table: T, first: number, length: number): T & { line: Uint32Array } {
  const settle = (line: Uint32Array) => {
    Object.defineProperty(table, 'line', { value: line, writable: true, enumerable: true, configurable: true });
    return line;
  };
  Object.defineProperty(table, 'line', {
    enumerable: true,
    configurable: true,
    get: () => {
      const line = new Uint32Array(length);
      for (let i = 0; i < length; i++) line[i] = first + i;
      return settle(line);
    },
    set: (line: Uint32Array) => void settle(line),
  });
  return table as T & { line: Uint32Array };
}
