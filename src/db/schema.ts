/**
 * IndexedDB schema (Dexie) and its version history. DOM-free: the worker opens it too.
 * Never edit an old version's stores: add a new version with an upgrade, so stored data survives app updates.
 */
import { DATABASE_NAME } from './name';
import Dexie, { type EntityTable } from 'dexie';
import type { CountColumn, DatasetFigures, DayColumn, ImportReport, OrderCodes, RejectedGroup, SummaryCohortTable, TimeUnit } from '../core/types';
import type { SegmentRule, ListRules } from '../core/segments';
import type { NpsAnswer, NpsMapping } from '../core/nps';
import type { Notice } from '../core/types';
import type { SnapshotV1 } from '../core/snapshot/schema';
import type { BillingFile, BillingShape } from '../core/subscriptions';
import type { ScenarioLevers } from '../core/scenario/levers';
import type { MoneyScale } from '../core/money-column';
import type { PackedInts } from '../core/packed-ints';
import type { StoredValues } from '../core/import/code-dictionary';

/** One imported file. Written in the same transaction as its chunks and dictionaries, so it exists only whole. */
export interface DatasetRecord {
  id?: number;
  name: string;
  createdAt: number;
  updatedAt: number;
  rows: number;
  chunkCount: number;
  report: ImportReport;
  figures: DatasetFigures;
  currency: string | null;
  /** Gross margin % the user entered for a file without cost data (not indexed: no schema version needed). */
  marginPercent?: number | null;
  timeUnit: TimeUnit;
  /** The owner's segment rule table, when edited (not indexed: no schema version needed). */
  segmentRules?: SegmentRule[] | null;
  /** The owner's tuning of the action lists' rules. */
  listRules?: ListRules | null;
  /** Milliseconds spent per import stage, shown to the user and read by the benchmark. */
  timings: Record<string, number>;
  /** What a billing export holds (its rows are in `billing`); absent or null for orders files (not indexed). */
  billing?: BillingShape | null;
  /**
   * What the order codes run over (TransactionTable.orderCodes); null without an order id column. Absent on datasets
   * stored before the order ids stopped being stored (their ids are in `dictionaries`), so no schema version.
   */
  orderCodes?: OrderCodes | null;
  /** The import that stored it (src/state/import-journal.ts), so a note left by a closed tab can find it (not indexed). */
  importJob?: string;
  /**
   * 'summary': a per-customer summary file (docs/warehouse.md), its columns in the `summaries` table (since version 9;
   * in this record's `summary` before), no chunks. Absent on orders datasets.
   */
  kind?: 'summary';
}

/**
 * Whether a dataset record is a whole dataset: an orders or billing dataset once its save counted its chunks in (the
 * save's last write), a summary dataset always (it is stored in one write, with no chunks).
 */
export function isWholeDataset(d: DatasetRecord): boolean {
  return d.chunkCount > 0 || d.kind === 'summary';
}

/** A summary dataset's columns and its cohort table, apart from its record (version 9): listing datasets reads records whole. */
export interface SummaryRecord {
  datasetId: number;
  summary: StoredSummary;
  /** The warehouse's cohort table, once added (docs/warehouse.md). */
  cohortTable: SummaryCohortTable | null;
}

/** A summary dataset's columns as stored (SummaryDataset of src/core/types.ts; typed arrays kept as they are). */
export interface StoredSummary {
  customerIds: string[];
  frequency: CountColumn;
  recency: CountColumn;
  T: CountColumn;
  monetary: Float64Array;
  purchases: Float64Array | null;
  revenue: Float64Array | null;
  firstDay: Int32Array | null;
  observationEnd: number | null;
  hasMonetary: boolean;
}

/** A slice of a dataset's columns (typed arrays are stored as they are). */
export interface ChunkRecord {
  datasetId: number;
  index: number;
  /**
   * Since 4 Dec 2026 every integer column of a chunk (customer, days, label codes, money in whole units or cents) is
   * stored packed (src/core/packed-ints.ts: offsets from its least value in 1–3 bytes) when that takes fewer bytes;
   * as its array otherwise, and in chunks stored before (still read). Added without a version change: chunks are not
   * indexed.
   */
  customer: Uint32Array | PackedInts;
  /** 16 bits when the table's days fit (since 2 Dec 2026; 32 bits before, still read). */
  day: DayColumn | PackedInts;
  /**
   * Since 2 Dec 2026 a chunk's money columns (amount, cost, refunded) are whole numbers of 1/scale in 32 bits when
   * every value of the chunk is exactly one (money-column.ts); the scale is then beside them. Chunks stored before, or
   * holding other values, have 64-bit floats and no scale. Added without a version change: chunks are not indexed.
   */
  amount: Float64Array | Int32Array | PackedInts;
  amountScale?: MoneyScale;
  costScale?: MoneyScale;
  refundedScale?: MoneyScale;
  /** The rows' source lines: stored until 2 Dec 2026, no longer written or read (TransactionTable.line). */
  line?: Uint32Array;
  cost: Float64Array | Int32Array | PackedInts | null;
  order: Uint32Array | PackedInts | null;
  product: Uint32Array | PackedInts | null;
  channel: Uint32Array | PackedInts | null;
  /**
   * Added without a version change (chunks are not indexed): absent in chunks stored before them, read as null. A
   * refunded amount per row (table.refunded) and the label columns a campaign or an origin needs.
   */
  refunded?: Float64Array | Int32Array | PackedInts | null;
  discount?: Uint32Array | PackedInts | null;
  contactName?: Uint32Array | PackedInts | null;
  email?: Uint32Array | PackedInts | null;
  phone?: Uint32Array | PackedInts | null;
}

/** A dataset's string dictionaries (customer ids, order ids, products, channels). */
export interface DictionaryRecord {
  datasetId: number;
  kind: 'customer' | 'order' | 'product' | 'channel' | 'discount' | 'contactName' | 'email' | 'phone';
  values: string[];
  /**
   * Added without a version change (dictionaries are indexed by dataset alone): the customer ids as packed characters
   * and ends (`values` then empty), as an import leaves them, so that neither the save nor the next open makes millions
   * of strings no view needs yet (src/core/customer-ids.ts). Dictionaries stored before hold `values` only.
   */
  packed?: StoredValues;
}

/** Survey answers attached to a dataset (added in version 5): one file per dataset, replaced by the next. */
export interface NpsRecord {
  datasetId: number;
  fileName: string;
  attachedAt: number;
  mapping: NpsMapping;
  header: string[];
  rowsRead: number;
  rejected: RejectedGroup[];
  answers: NpsAnswer[];
}

/**
 * A billing export's rows as the subscriptions reader read them (added in version 7), kept with the dataset made from
 * the same file: the orders table has no place for plan intervals, billing periods or subscription ids.
 */
export interface BillingRecord {
  datasetId: number;
  file: BillingFile;
}

/** Column choices remembered for files with the same header (added in version 2). */
export interface MappingRecord {
  headerKey: string;
  savedAt: number;
  options: {
    delimiter: string;
    encoding: string;
    hasHeader: boolean;
    mapping: Record<string, number | null>;
    dateOrderFallback?: string;
    /** The user's verdicts on status values, [value as written, counts as a purchase] (added in 2026-12). */
    statusChoices?: [string, boolean][];
  };
}

/** How a shared snapshot reached this device. */
export type SharedOriginKind = 'file' | 'link' | 'launch' | 'share';

/**
 * A snapshot someone shared, opened read-only (added in version 6). Kept apart from `datasets`, whose code expects
 * rows, chunks and figures: a snapshot has none of them. The list reads these small records; the document itself is
 * in `sharedBodies` under the same id, read only when the snapshot is shown.
 */
export interface SharedRecord {
  id?: number;
  /** `dataset.name` of the snapshot (the file the sender analysed). */
  name: string;
  /** The file name it came in, or null for a link. */
  origin: { kind: SharedOriginKind; fileName: string | null };
  openedAt: number;
  /** The snapshot's own `createdAt` and `app`. */
  createdAt: string;
  app: string;
}

export interface SharedBodyRecord {
  id: number;
  snapshot: SnapshotV1;
  /** What restore left out or changed, for the view to say. */
  notes: Notice[];
}

/** A what-if scenario the owner saved for a dataset (added in version 7): its name and levers; outputs are recomputed. */
export interface ScenarioRecord {
  id?: number;
  datasetId: number;
  name: string;
  levers: ScenarioLevers;
  savedAt: number;
}

export class ClvDatabase extends Dexie {
  datasets!: EntityTable<DatasetRecord, 'id'>;
  chunks!: Dexie.Table<ChunkRecord, [number, number]>;
  dictionaries!: Dexie.Table<DictionaryRecord, [number, string]>;
  mappings!: EntityTable<MappingRecord, 'headerKey'>;
  nps!: EntityTable<NpsRecord, 'datasetId'>;
  shared!: EntityTable<SharedRecord, 'id'>;
  sharedBodies!: EntityTable<SharedBodyRecord, 'id'>;
  billing!: EntityTable<BillingRecord, 'datasetId'>;
  scenarios!: EntityTable<ScenarioRecord, 'id'>;
  summaries!: EntityTable<SummaryRecord, 'datasetId'>;

  constructor(name = DATABASE_NAME) {
    super(name);
    // Version 1: datasets with their columnar chunks and dictionaries.
    this.version(1).stores({
      datasets: '++id, createdAt',
      chunks: '[datasetId+index], datasetId',
      dictionaries: '[datasetId+kind], datasetId',
    });
    // Version 2: remembered column mappings, and datasets sortable by last change.
    this.version(2)
      .stores({
        datasets: '++id, createdAt, updatedAt',
        mappings: 'headerKey, savedAt',
      })
      .upgrade(async (tx) => {
        await tx
          .table('datasets')
          .toCollection()
          .modify((d: Partial<DatasetRecord>) => {
            d.updatedAt ??= d.createdAt ?? Date.now();
          });
      });
    // Version 3: an import's warnings carry a code and values (so they can be shown in the user's language), not only
    // English text. Older warnings keep their text under a code the UI shows as written.
    this.version(3)
      .stores({})
      .upgrade(async (tx) => {
        await tx
          .table('datasets')
          .toCollection()
          .modify((d: { report?: { warnings?: unknown[] } }) => {
            const warnings = d.report?.warnings;
            if (!warnings) return;
            d.report!.warnings = warnings.map((w) => (typeof w === 'string' ? { code: 'as-written', text: w, vars: {} } : w));
          });
      });
    // Version 4: monthly cohorts are no longer stored with a dataset (they are computed once each time it is opened,
    // from its rows, so they always follow the current rules).
    this.version(4)
      .stores({})
      .upgrade(async (tx) => {
        await tx
          .table('datasets')
          .toCollection()
          .modify((d: { cohorts?: unknown }) => {
            delete d.cohorts;
          });
      });
    // Version 5: survey (NPS) answers attached to a dataset.
    this.version(5).stores({ nps: 'datasetId' });
    // Version 6: snapshots shared with this device, opened read-only (two new tables; nothing else changes).
    this.version(6).stores({ shared: '++id, openedAt', sharedBodies: 'id' });
    // Version 7: the rows of billing exports, for the Subscriptions tab (a new table; nothing else changes).
    this.version(7).stores({ billing: 'datasetId' });
    // Version 8: what-if scenarios saved per dataset (a new table; nothing else changes).
    this.version(8).stores({ scenarios: '++id, datasetId' });
    // Version 9: a summary dataset's columns (and its cohort table) move out of its record into a table of their own.
    // The dataset list reads every record whole, so a summary of millions of customers was read again on every change
    // of the list (an import, a rename).
    this.version(9)
      .stores({ summaries: 'datasetId' })
      .upgrade(async (tx) => {
        const moved: SummaryRecord[] = [];
        await tx
          .table('datasets')
          .toCollection()
          .modify((d: { id: number; kind?: string; summary?: StoredSummary | null; cohortTable?: SummaryCohortTable | null }) => {
            if (d.kind === 'summary' && d.summary) moved.push({ datasetId: d.id, summary: d.summary, cohortTable: d.cohortTable ?? null });
            delete d.summary;
            delete d.cohortTable;
          });
        await tx.table('summaries').bulkPut(moved);
      });
  }
}
