/** The import flow: pick a file → check the columns → import with progress (cancellable) → open the dataset. */
import { proxy } from 'comlink';
import { offerFirstScreen } from './first-screen';
import type { FirstScreen } from '../../workers/dashboard-page';
import type { ImportOptions, SniffResult } from '../core/import';
import { foldStatus } from '../core/import/statuses';
import type { ImportProgress } from '../core/import/run';
import type { ColumnMapping, DateOrder, ImportReport } from '../core/types';
import { compute, type Compute } from './compute';
import { session as appSession, type Session } from './session.svelte';
import { datasets as appDatasets, type DatasetsStore } from './datasets.svelte';
import { storage, type StorageStore } from './storage.svelte';
import { opensAsSnapshot, SNIFF_SNAPSHOT_CHARS } from '../core/snapshot/sniff';
import type { Notice } from '../core/types';
import { shared as appShared, SharedStore, type OpenResult } from './shared.svelte';
import { storageFailure, type StorageFailure } from '../db/storage-errors';
import type { ImportJournal, InterruptedImport } from './import-journal';
import type { Leftovers } from '../db/leftovers';


/** A storage failure during an import, with what the user needs to act on it (bytes; null when unknown). */
export interface StorageProblem {
  failure: StorageFailure;
  /** About how much the file needed once stored (quota only). */
  needed: number | null;
  /** What the browser lets this site keep, and what it already keeps, when it says. */
  quota: number | null;
  usage: number | null;
}

/** 'summary': a per-customer summary file (docs/warehouse.md) waits for the user's go-ahead instead of a mapping. */
export type ImportPhase = 'idle' | 'sniffing' | 'mapping' | 'summary' | 'importing' | 'failed';

export interface MappingProblem {
  key: 'mapping.needCustomer' | 'mapping.needDate';
}

/** A call whose failure changes nothing for the user (reading ahead is only a head start). */
function quietly(call: () => unknown): void {
  try {
    void Promise.resolve(call()).catch(() => {});
  } catch {
    // The worker could not be reached: the import will read the file itself.
  }
}

/** How long the column choices must stay unchanged before the file is read with them. */
const PREPARE_AFTER_MS = 100;

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
  error = $state<{ kind: 'unreadable' | 'nothing-accepted' | 'cancelled' | 'unexpected' | 'snapshot' | 'storage' | 'stopped'; message: string; code?: string; notice?: Notice; storage?: StorageProblem } | null>(null);
  failedReport = $state.raw<ImportReport | null>(null);
  /** Imports that were running when their tab closed or their worker was killed (found on opening). */
  interrupted = $state.raw<InterruptedImport[]>([]);
  /** What such imports left in storage (normally nothing: a save is one transaction). */
  leftovers = $state.raw<Leftovers | null>(null);
  /** Loaded on first use (a chunk of its own: the page's first chunks are near their budget). */
  #journal: Promise<ImportJournal> | null;
  /** How often a running import's lock is looked at (ms). */
  watchEvery = 1000;
  #jobId = '';
  readonly client: () => Compute;
  readonly datasets: DatasetsStore;
  readonly session: Session;
  readonly shared: SharedStore;
  readonly storage: Pick<StorageStore, 'refresh' | 'quota' | 'usage'>;

  /** `shared`: where opened snapshots go (by default a store of its own over the same worker and session). */
  constructor(
    client: () => Compute, datasets: DatasetsStore, session: Session, shared?: SharedStore,
    storageStore: Pick<StorageStore, 'refresh' | 'quota' | 'usage'> = storage, journal?: ImportJournal,
  ) {
    this.#journal = journal ? Promise.resolve(journal) : null;
    this.client = client;
    this.storage = storageStore;
    this.datasets = datasets;
    this.session = session;
    this.shared = shared ?? new SharedStore(client, session);
    $effect.root(() => this.#prepareWhileChecking());
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
      await this.failed(err);
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

  /** The options the file would be imported with now; null while the columns cannot be imported yet. */
  importOptions(): ImportOptions | null {
    if (!this.file || !this.sniff || !this.mapping || this.problems.length) return null;
    return {
      fileName: this.file.name,
      totalBytes: this.file.size,
      encoding: this.sniff.encoding,
      delimiter: this.sniff.delimiter,
      hasHeader: this.hasHeader,
      mapping: $state.snapshot(this.mapping),
      dateOrderFallback: this.dateOrderFallback,
      ...(this.statusChoices.length ? { statusChoices: $state.snapshot(this.statusChoices) as [string, boolean][] } : {}),
    };
  }

  /**
   * While the columns are checked, the worker reads the file with the options as they stand (workers/parse-ahead.ts),
   * so that Import finds it read. Sent when they have stayed the same for PREPARE_AFTER_MS.
   */
  #prepareWhileChecking() {
    let timer: ReturnType<typeof setTimeout> | undefined;
    $effect(() => {
      const options = this.phase === 'mapping' ? this.importOptions() : null;
      const file = this.file;
      if (!options || !file) return;
      const key = JSON.stringify(options);
      if (key === this.#prepared) return;
      timer = setTimeout(() => {
        this.#prepared = key;
        quietly(() => this.client().prepareImport(file, options));
      }, PREPARE_AFTER_MS);
      return () => clearTimeout(timer);
    });
  }

  /** The options last sent to prepareImport ('' when none is being read). */
  #prepared = '';

  async confirm() {
    const options = this.importOptions();
    if (!options || !this.file) return;
    const file = this.file;
    await this.#runNoted(file.name, (job, started, shown) =>
      this.client().runImport(file, options, job, proxy((p: ImportProgress) => (started(), (this.progress = p))), proxy(shown)),
    );
  }

  /**
   * Run an import the journal notes (src/state/import-journal.ts): a tab closed during it is told on the next open,
   * and a worker killed during it fails the flow ("stopped") instead of leaving the page waiting. `start` gets the
   * job's id (the worker holds its lock), a callback the worker calls from inside the lock, and one it calls when
   * the dataset can be shown while its save still writes: the dashboard opens then, and the journal keeps its note
   * until the save has committed (a tab closed meanwhile is told on the next open, as any interrupted import).
   */
  async #runNoted(
    fileName: string,
    start: (job: string, started: () => void, shown: (datasetId: number, first: FirstScreen | null) => void) => Promise<Awaited<ReturnType<Compute['runImport']>>>,
  ) {
    const job = (this.#jobId = crypto.randomUUID());
    this.phase = 'importing';
    this.progress = null;
    const journal = await this.journal();
    journal.begin(job, fileName);
    const watch = { done: false, started: false };
    let shown: Promise<void> | null = null;
    let shownId: number | null = null;
    const onShown = (datasetId: number, first: FirstScreen | null) => {
      // The History tab draws these instead of asking the worker, busy saving (first-screen.ts).
      if (first) offerFirstScreen(datasetId, first);
      shown ??= this.#show(job, (shownId = datasetId));
    };
    let stored = false;
    try {
      const outcome = await Promise.race([start(job, () => (watch.started = true), onShown), journal.whileRunning(job, watch, this.watchEvery)]);
      stored = outcome.ok;
      if (shown && outcome.ok) {
        // Open since it was shown; now stored, and worth keeping (see finish).
        await shown;
        void storage.persist();
      } else await this.finish(outcome);
    } catch (err) {
      if ((err as Error).name === 'WorkerStopped') this.fail('stopped', fileName);
      else await this.failed(err);
    } finally {
      watch.done = true;
      journal.end(job);
      if (shownId !== null && !stored) this.session.neverStored(shownId);
    }
  }

  journal(): Promise<ImportJournal> {
    this.#journal ??= import('./import-journal').then((m) => new m.ImportJournal());
    return this.#journal;
  }

  /** On opening: imports that never finished, and anything they left in storage. */
  async checkInterrupted() {
    const journal = await this.journal();
    const show = async (noted: InterruptedImport[]) => {
      if (!noted.length) return;
      const found = await this.client().leftovers(noted.map((n) => n.job)).catch(() => null);
      // An import whose worker finished the save after its tab closed: its dataset is whole and listed; nothing to say.
      const finished = found?.finished ?? [];
      journal.forget(finished);
      this.interrupted = noted.filter((n) => !finished.includes(n.job));
      this.leftovers = found && found.datasets + found.records > 0 ? { datasets: found.datasets, records: found.records } : null;
    };
    // An import whose worker is still going away (its tab just closed) is told once its lock is free.
    const found = await journal.interrupted((gone) => void show([...this.interrupted, gone]));
    await show(found);
  }

  /** The owner has read the notice. */
  async dismissInterrupted() {
    (await this.journal()).forget(this.interrupted.map((i) => i.job));
    this.interrupted = [];
    this.leftovers = null;
  }

  /** Delete what interrupted imports left behind (stored datasets are not touched), then close the notice. */
  async removeLeftovers() {
    await this.client().removeLeftovers();
    await this.dismissInterrupted();
  }

  /** An import that threw: a storage failure is explained (a full disk with the figures), anything else as it came. */
  async failed(err: unknown) {
    const failure = storageFailure(err);
    if (!failure) return this.fail('unexpected', (err as Error).message);
    const needed = (err as { notice?: Notice }).notice?.vars?.needed;
    if (failure === 'quota') await this.storage.refresh();
    const problem: StorageProblem = {
      failure,
      needed: typeof needed === 'number' ? needed : null,
      quota: failure === 'quota' ? this.storage.quota : null,
      usage: failure === 'quota' ? this.storage.usage : null,
    };
    this.error = { kind: 'storage', message: (err as Error).message, storage: problem };
    this.phase = 'failed';
  }

  /** Import the per-customer summary file the user confirmed (phase 'summary'): stored as a dataset of kind 'summary'. */
  async confirmSummary() {
    if (!this.file || this.phase !== 'summary') return;
    const file = this.file;
    await this.#runNoted(file.name, (job, started) => this.client().runSummaryImport(file, job, proxy(started)));
  }

  /** Open the dataset of this import, unless the import was cancelled or another began while it was listed. */
  async #show(job: string, datasetId: number) {
    await this.datasets.whenListed(datasetId);
    if (this.#jobId !== job || this.phase !== 'importing') return;
    this.session.open(datasetId);
    this.reset();
  }

  /** Open the stored dataset, or say why there is none. */
  private async finish(outcome: Awaited<ReturnType<Compute['runImport']>>) {
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
      await this.failed(err);
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
    // A file read ahead and not imported (another file picked, the check left) is dropped; an import took its own.
    if (this.#prepared !== '' && this.phase !== 'importing') quietly(() => this.client().dropPreparedImport());
    this.#prepared = '';
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
