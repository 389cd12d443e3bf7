/**
 * Segments domain: RFM segments, their movement, value by origin and the lists to act on, for the open dataset at an
 * as-of day, with the owner's rule table (kept with the dataset) and, when a forecast is open, its predictions.
 */
import {
  DEFAULT_LIST_RULES, DEFAULT_RULES, checkRules, customerList, segmentMembers, segmentMovement, segmentsReport, valueByOrigin,
  type CustomerListView, type ListKind, type ListRules, type OriginDimension, type OriginReport, type SegmentId, type SegmentMovement, type SegmentRule, type SegmentsReport, type SegmentsView,
} from '../src/core/segments';
import { dayToIso, isoToDay } from '../src/core/figures/dates';
import { tableDayRange } from '../src/core/figures';
import type { TransactionTable } from '../src/core/types';
import type { WorkerContext } from './context';


/** Entries of a list sent to the page at once; the download has them all. */
const LIST_SHOWN = 5000;

export function segmentsApi(context: WorkerContext) {
  const { db, tables, forecasts } = context;

  async function rulesOf(datasetId: number): Promise<{ rules: SegmentRule[]; edited: boolean; lists: ListRules }> {
    const record = await db.datasets.get(datasetId);
    if (!record) throw new Error(`Dataset ${datasetId} no longer exists.`);
    const stored = record.segmentRules ? checkRules(record.segmentRules) : null;
    return { rules: stored?.ok ? stored.rules : DEFAULT_RULES.map((r) => ({ ...r })), edited: stored?.ok ?? false, lists: { ...DEFAULT_LIST_RULES, ...record.listRules } };
  }

  const asOfDay = (table: TransactionTable, asOf: string | null) => (asOf ? isoToDay(asOf) : (tableDayRange(table)?.max ?? 0));

  /** The open forecast's predictions by customer code, or null before a forecast. */
  async function predictions(datasetId: number) {
    const table = await tables.table(datasetId);
    return forecasts.peek(datasetId)?.byCode(table.customerIds.length) ?? null;
  }

  /** The segments report, computed once per (day, rules, forecast) while the dataset stays open. */
  async function report(datasetId: number, asOf: string | null): Promise<{ report: SegmentsReport; table: TransactionTable; edited: boolean; lists: ListRules; predicted: boolean }> {
    const table = await tables.table(datasetId);
    const { rules, edited, lists } = await rulesOf(datasetId);
    const byCode = await predictions(datasetId);
    const day = asOfDay(table, asOf);
    const key = `segments:${day}:${JSON.stringify(rules)}:${forecasts.peek(datasetId)?.predictionKey ?? 'none'}`;
    const computed = await tables.derived(datasetId, key, () => segmentsReport(table, day, rules, byCode));
    return { report: computed, table, edited, lists, predicted: byCode !== null };
  }

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
      return { ok: true };
    },

    async saveListRules(datasetId: number, rules: ListRules | null): Promise<void> {
      await db.datasets.update(datasetId, { listRules: rules, updatedAt: Date.now() });
    },

    /** The ids of a segment's or a grid cell's customers, most valuable first (at most `limit`). */
    async segmentMembers(datasetId: number, asOf: string | null, pick: { segment: SegmentId } | { r: number; f: number }, limit = 1000): Promise<{ ids: string[]; total: number }> {
      const { report: r, table } = await report(datasetId, asOf);
      const codes = segmentMembers(r, pick);
      return { ids: Array.from(codes.subarray(0, limit), (c) => table.customerIds[c]), total: codes.length };
    },

    async segmentMovement(datasetId: number, from: string, to: string): Promise<SegmentMovement & { fromIso: string; toIso: string }> {
      const table = await tables.table(datasetId);
      const { rules } = await rulesOf(datasetId);
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
      const entries = list.entries.map(({ customer, ...rest }) => ({ id: table.customerIds[customer], ...rest }));
      return { kind, rules: used, considered: list.considered, entries, total: list.total, predicted, asOf: dayToIso(r.asOf) };
    },
  };
}
