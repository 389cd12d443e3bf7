/** What the Segments tab shows, as plain data the worker sends (no per-customer arrays). */
import type { ListEntry, ListKind, ListRules } from './lists';
import type { ContactField } from './contacts';
import type { OriginReport } from './origin';
import type { SegmentRow, SegmentsReport } from './report';
import type { SegmentId, SegmentRule } from './rules';

export interface SegmentsView {
  /** YYYY-MM-DD */
  asOf: string;
  rules: SegmentRule[];
  /** True when the rules are the owner's, not the defaults. */
  edited: boolean;
  unreachable: SegmentId[];
  customers: number;
  revenue: number;
  rows: SegmentRow[];
  grid: SegmentsReport['grid'];
  /** Whether predicted CLV and P(alive) come from a fitted model. */
  predicted: boolean;
}

/** A list entry with the customer's id and the contact details the file has. */
export interface ListEntryView extends Omit<ListEntry, 'customer'> {
  id: string;
  /** The contact columns the file has (see `contacts` of the list); '' where unknown for this customer. */
  contact: Partial<Record<ContactField, string>>;
}

export interface CustomerListView {
  kind: ListKind;
  rules: ListRules;
  considered: number;
  /** Entries in rank order (at most the first 5,000: the download has them all). */
  entries: ListEntryView[];
  total: number;
  predicted: boolean;
  asOf: string;
  /** The contact columns the file has, for the download's columns. */
  contacts: ContactField[];
}

export type { OriginReport };
