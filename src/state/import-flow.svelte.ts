/** The import flow: pick a file → check the columns → import with progress (cancellable) → open the dataset. */
import { proxy } from 'comlink';
import type { ImportOptions, SniffResult } from '../core/import';
import { foldStatus } from '../core/import/statuses';
import type { ImportProgress } from '../core/import/run';
import type { ColumnMapping, DateOrder, ImportReport } from '../core/types';
import { compute, type Compute } from './compute';
import { session as appSession, type Session } from './session.svelte';
import { datasets as appDatasets, type DatasetsStore } from './datasets.svelte';
import { storage } from './storage.svelte';
import { opensAsSnapshot, SNIFF_SNAPSHOT_CHARS } from '../core/snapshot/sniff';
import type { Notice } from '../core/types';
import { shared as appShared, SharedStore, type OpenResult } from './shared.svelte';

/** 'summary': a per-customer summary file (docs/warehouse.md) waits for the user's go-ahead instead of a mapping. */
export type ImportPhase = 'idle' | 'sniffing' | 'mapping' | 'summary' | 'importing' | 'failed';

export interface MappingProblem {
  key: 'mapping.needCustomer' | 'mapping.needDate';
}

export class ImportFlow {
  phase = $state<ImportPhase>('idle');
  file = $state.raw<File | null>(null);
  sniff = $state.raw<SniffResult | null>(null);
  mapping = $state<ColumnMapping | null>(null);
  hasHeader = $state(true);
  dateOrderFallback = $state<DateOrder>('DMY');
  usedRememberedMapping = $state(false);
  /**
   * The user's verdicts on status values ([value, counts as a purchase]); values not listed keep their default verdict
   * (sniff.statusValues). Remembered with the mapping for files with the same header.
   */
  statusChoices = $state<[string, boolean][]>([]);
  progress = $state.raw<ImportProgress | null>(null);
  /** A message for the user when the file could not be imported; `failedReport` lists rejected rows if any. */
  error = $state<{ kind: 'unreadable' | 'nothing-accepted' | 'cancelled' | 'unexpected' | 'snapshot'; message: string; code?: string; notice?: Notice } | null>(null);
  failedReport = $state.raw<ImportReport | null>(null);
  #jobId = '';
  readonly client: () => Compute;
  readonly datasets: DatasetsStore;
  readonly session: Session;
  readonly shared: SharedStore;

  /** `shared`: where opened snapshots go (by default a store of its own over the same worker and session). */
  constructor(client: () => Compute, datasets: DatasetsStore, session: Session, shared?: SharedStore) {
    this.client = client;
    this.datasets = datasets;
    this.session = session;
    this.shared = shared ?? new SharedStore(client, session);
  }

  /** What still blocks the Import button, if anything. */
  get problems(): MappingProblem['key'][] {
    const m = this.mapping;
    if (!m) return [];
    const out: MappingProblem['key'][] = [];
    if (m.customer === null) out.push('mapping.needCustomer');
    if (m.date === null) out.push('mapping.needDate');
    return out;
  }

  /** No amount (nor quantity and unit price): the file imports as a purchase log, counts without money. */
  get purchaseLog(): boolean {
    const m = this.mapping;
    return m !== null && m.amount === null && (m.quantity === null || m.unitPrice === null);
  }

  /** A file to import, or a snapshot to open (told apart by its content, whatever its name); `origin`: how it came. */
  async choose(file: File, origin: 'file' | 'launch' | 'share' = 'file') {
    this.reset();
    this.file = file;
    this.phase = 'sniffing';
    try {
      const head = await file.slice(0, SNIFF_SNAPSHOT_CHARS).text();
      if (opensAsSnapshot(head, file.name)) return await this.openSnapshot(() => this.shared.openFile(file, file.name, origin));
      const { sniff, remembered } = await this.client().sniffFile(file);
      if (sniff.problemCode === 'summary-file') {
        this.sniff = sniff;
        this.phase = 'summary';
        return;
      }
      if (sniff.problem) return this.fail('unreadable', sniff.problem, sniff.problemCode ?? undefined, sniff.problemVars && { code: sniff.problemCode ?? '', text: sniff.problem, vars: sniff.problemVars });
      this.sniff = sniff;
      this.mapping = { ...sniff.mapping, ...(remembered?.mapping ?? {}) };
      this.hasHeader = remembered?.hasHeader ?? sniff.hasHeader;
      this.dateOrderFallback = (remembered?.dateOrderFallback as DateOrder | undefined) ?? sniff.dateOrder ?? 'DMY';
      this.usedRememberedMapping = remembered !== null;
      this.statusChoices = remembered?.statusChoices ?? [];
      this.phase = 'mapping';
    } catch (err) {
      this.fail('unexpected', (err as Error).message);
    }
  }

  /** Whether rows with this status value count as purchases (the user's tick; replaces an earlier one for it). */
  setStatusCounts(value: string, counts: boolean) {
    const folded = foldStatus(value);
    this.statusChoices = [...this.statusChoices.filter(([v]) => foldStatus(v) !== folded), [value, counts]];
  }

  async chooseSample(seed = 20261122) {
    const sample = await this.client().sampleFile(seed);
    await this.choose(new File([sample.csv], sample.name, { type: 'text/csv' }));
  }

  async confirm() {
    if (!this.file || !this.sniff || !this.mapping || this.problems.length) return;
    const options: ImportOptions = {
      fileName: this.file.name,
      totalBytes: this.file.size,
      encoding: this.sniff.encoding,
      delimiter: this.sniff.delimiter,
      hasHeader: this.hasHeader,
      mapping: $state.snapshot(this.mapping),
      dateOrderFallback: this.dateOrderFallback,
      ...(this.statusChoices.length ? { statusChoices: $state.snapshot(this.statusChoices) as [string, boolean][] } : {}),
    };
    this.#jobId = crypto.randomUUID();
    this.phase = 'importing';
    this.progress = null;
    try {
      const outcome = await this.client().runImport(this.file, options, this.#jobId, proxy((p: ImportProgress) => (this.progress = p)));
      if (outcome.ok) {
        await this.datasets.whenListed(outcome.datasetId);
        this.session.open(outcome.datasetId);
        // The data is now worth keeping: ask the browser not to clear it when space runs low.
        void storage.persist();
        this.reset();
      } else {
        this.failedReport = outcome.report ?? null;
        this.fail(outcome.reason, outcome.message, outcome.code, outcome.vars && { code: outcome.code ?? '', text: outcome.message, vars: outcome.vars });
      }
    } catch (err) {
      this.fail('unexpected', (err as Error).message);
    }
  }

  /** Import the per-customer summary file the user confirmed (phase 'summary'): stored as a dataset of kind 'summary'. */
  async confirmSummary() {
    if (!this.file || this.phase !== 'summary') return;
    this.phase = 'importing';
    this.progress = null;
    try {
      const outcome = await this.client().runSummaryImport(this.file);
      await this.finish(outcome);
    } catch (err) {
      this.fail('unexpected', (err as Error).message);
    }
  }

  /** Open the stored dataset, or say why there is none. */
  private async finish(outcome: Awaited<ReturnType<Compute['runImport']>>) {
    if (outcome.ok) {
      await this.datasets.whenListed(outcome.datasetId);
      this.session.open(outcome.datasetId);
      void storage.persist();
      this.reset();
    } else {
      this.failedReport = outcome.report ?? null;
      this.fail(outcome.reason, outcome.message, outcome.code, outcome.vars && { code: outcome.code ?? '', text: outcome.message, vars: outcome.vars });
    }
  }

  /** Open a shared snapshot (a file, a link, a launch): shown when it opens, else one sentence on the import screen. */
  async openSnapshot(open: () => Promise<OpenResult>) {
    if (this.phase === 'importing') return;
    this.phase = 'sniffing';
    try {
      const result = await open();
      if (result.ok) this.reset();
      else this.fail('snapshot', result.notice.text, result.notice.code, result.notice);
    } catch (err) {
      this.fail('unexpected', (err as Error).message);
    }
  }

  cancel() {
    if (this.phase === 'importing') void this.client().cancelImport(this.#jobId);
    else this.reset();
  }

  fail(kind: NonNullable<ImportFlow['error']>['kind'], message: string, code?: string, notice?: Notice) {
    this.error = { kind, message, code, notice };
    this.phase = 'failed';
  }

  reset() {
    this.phase = 'idle';
    this.file = null;
    this.sniff = null;
    this.mapping = null;
    this.progress = null;
    this.error = null;
    this.failedReport = null;
    this.usedRememberedMapping = false;
    this.statusChoices = [];
  }
}

export const importFlow = new ImportFlow(compute, appDatasets, appSession, appShared);
