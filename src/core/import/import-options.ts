/** How a file is to be read, and the column mapping checked and settled before any byte is read. */
import type { ColumnMapping, DateOrder, Delimiter } from '../types';
import { ImportError } from './import-error';

/** How to read a file: what `sniff` proposed, as corrected by the user. */
export interface ImportOptions {
  fileName: string;
  /** Bytes this importer will be fed (the file's size, or its part's): the columns are sized from it ahead. */
  totalBytes: number;
  encoding: string;
  delimiter: Delimiter;
  hasHeader: boolean;
  mapping: ColumnMapping;
  /** Used only when a date column's values leave day/month order open (every day ≤ 12). */
  dateOrderFallback?: DateOrder;
  /**
   * Set when these bytes are a later part of a file, starting at a record boundary: the header as the first part
   * read it (names and field count). Every line of the part is data; line numbers count from the part's start.
   */
  continuation?: { header: string[]; width: number };
}

/**
 * The mapping the rows are read with: it must name a customer, a date and an amount (or a quantity and a unit
 * price); an amount column wins over quantity × price. Returns a copy; the report keeps the mapping as given.
 */
export function settleMapping(given: ColumnMapping): ColumnMapping {
  const m = { ...given };
  if (m.customer === null) throw new ImportError('choose-customer', 'Choose the column that identifies the customer.');
  if (m.date === null) throw new ImportError('choose-date', 'Choose the column that holds the order date.');
  if (m.amount === null && (m.quantity === null || m.unitPrice === null)) {
    throw new ImportError('choose-amount', 'Choose the amount column, or both the quantity and the unit price columns.');
  }
  if (m.amount !== null) m.quantity = m.unitPrice = null;
  return m;
}
