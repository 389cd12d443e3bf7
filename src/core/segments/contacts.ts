/**
 * The contact details a campaign needs (name, email, phone), from the columns the mapping kept: for each customer,
 * the last non-empty value in file order (the most recent order's, in a file sorted by date). Empty where the file
 * has the column but not for that customer; the field is left out when the file has no such column.
 */
import type { TransactionTable } from '../types';
import { customerCountOf } from '../customer-ids';

export type ContactField = 'name' | 'email' | 'phone';

export interface CustomerContacts {
  /** The fields the file has, in this order: name, email, phone. */
  fields: ContactField[];
  /** The contact of a customer (by customer code): each field the file has, '' where unknown. */
  of(customer: number): Partial<Record<ContactField, string>>;
}

const COLUMNS = [
  ['name', 'contactName', 'contactNames'],
  ['email', 'email', 'emails'],
  ['phone', 'phone', 'phones'],
] as const;

export function customerContacts(table: TransactionTable): CustomerContacts {
  const found: { field: ContactField; values: string[]; last: Int32Array }[] = [];
  for (const [field, codesKey, valuesKey] of COLUMNS) {
    const codes = table[codesKey], values = table[valuesKey];
    if (!codes || !values) continue;
    const last = new Int32Array(customerCountOf(table)).fill(-1);
    for (let i = 0; i < table.length; i++) if (values[codes[i]]?.trim()) last[table.customer[i]] = codes[i];
    found.push({ field, values, last });
  }
  return {
    fields: found.map((f) => f.field),
    of(customer) {
      const contact: Partial<Record<ContactField, string>> = {};
      for (const { field, values, last } of found) contact[field] = last[customer] >= 0 ? values[last[customer]].trim() : '';
      return contact;
    },
  };
}
