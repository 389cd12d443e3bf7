/**
 * Segments domain: RFM segments, their movement, value by origin and the lists to act on, for the open dataset at an
 * as-of day, with the owner's rule table (kept with the dataset) and, when a forecast is open, its predictions.
 */
import {
  checkRules, customerContacts, customerList, segmentMembers, segmentMovement, valueByOrigin,
  type CustomerListView, type ListKind, type ListRules, type OriginDimension, type OriginReport, type SegmentId, type SegmentMovement, type SegmentRule, type SegmentsView,
} from '../src/core/segments';
import { dayToIso, isoToDay } from '../src/core/figures/dates';
import type { WorkerContext } from './context';
import { forgetRules, predictionsOf, segmentRulesOf, segmentsOf } from './segments-of';


/** Entries of a list the page shows (and so is sent); the download has them all. */
const LIST_SHOWN = 100;

export function segmentsApi(context: WorkerContext) {
  const { db, tables } = context;
  const report = (datasetId: number, asOf: string | null) => segmentsOf(context, datasetId, asOf);
  const predictions = (datasetId: number) => predictionsOf(context, datasetId);

  return {
    async segments(datasetId: number, asOf: string | null): Promise<SegmentsView> {
      const { report: r, edited, predicted } = await report(datasetId, asOf);
      return { asOf: dayToIso(r.asOf), rules: r.rules, edited, unreachable: r.unreachable, customers: r.customers, revenue: r.revenue, rows: r.rows, grid: r.grid, predicted };
    },

    /** Save the owner's rule table for the dataset (checked first), or go back to the defaults with null. */
    async saveSegmentRules(datasetId: number, rules: SegmentRule[] | null): Promise<{ ok: true } | { ok: false; problem: import('../src/core/types').Notice }> {
      if (rules !== null) {
        const checked = checkRules(rules);
        if (!checked.ok) return checked;
        rules = checked.rules;
      }
      await db.datasets.update(datasetId, { segmentRules: rules, updatedAt: Date.now() });
      forgetRules(context, datasetId);
      return { ok: true };
    },

    async saveListRules(datasetId: number, rules: ListRules | null): Promise<void> {
      await db.datasets.update(datasetId, { listRules: rules, updatedAt: Date.now() });
      forgetRules(context, datasetId);
    },

    /** The ids of a segment's or a grid cell's customers, most valuable first (at most `limit`). */
    async segmentMembers(datasetId: number, asOf: string | null, pick: { segment: SegmentId } | { r: number; f: number }, limit = 1000): Promise<{ ids: string[]; total: number }> {
      const { report: r, table } = await report(datasetId, asOf);
      const codes = segmentMembers(r, pick);
      return { ids: Array.from(codes.subarray(0, limit), (c) => table.customerIds[c]), total: codes.length };
    },

    async segmentMovement(datasetId: number, from: string, to: string): Promise<SegmentMovement & { fromIso: string; toIso: string }> {
      const table = await tables.table(datasetId);
      const { rules } = await segmentRulesOf(context, datasetId);
      const moved = segmentMovement(table, rules, isoToDay(from), isoToDay(to));
      return { ...moved, fromIso: from, toIso: to };
    },

    async valueByOrigin(datasetId: number, asOf: string | null, dimension: OriginDimension): Promise<OriginReport | null> {
      const { report: r, table } = await report(datasetId, asOf);
      return valueByOrigin(table, r.input, dimension, await predictions(datasetId));
    },

    /** A ranked list with its rule (the dataset's tuning unless `rules` is given), the first entries for the page. */
    async customerList(datasetId: number, asOf: string | null, kind: ListKind, rules: ListRules | null = null, all = false): Promise<CustomerListView> {
      const { report: r, table, lists, predicted } = await report(datasetId, asOf);
      const used = rules ?? lists;
      const list = customerList(kind, r, used, await predictions(datasetId), all ? Infinity : LIST_SHOWN);
      const contacts = customerContacts(table);
      const entries = list.entries.map(({ customer, ...rest }) => ({ id: table.customerIds[customer], ...rest, contact: contacts.of(customer) }));
      return { kind, rules: used, considered: list.considered, entries, total: list.total, predicted, asOf: dayToIso(r.asOf), contacts: contacts.fields };
    },
  };
}
