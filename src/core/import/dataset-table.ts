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
  // something needs them as strings (src/core/customer-ids.ts).
  const table: Partial<ImportedTable> = result.table;
  release(table.line);
  delete table.line;
  return { ...result, table: table as TransactionTable };
}
