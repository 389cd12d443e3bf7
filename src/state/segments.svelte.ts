/**
 * The Segments tab of whatever is open: segments at an as-of day, the rule table, movement, value by origin, the lists
 * to act on and NPS. It follows the session by itself (another dataset starts over); `refresh` takes in a forecast
 * made meanwhile. An answer that arrives after a newer request is dropped.
 */
import type { CustomerListView, ListKind, ListRules, OriginDimension, OriginReport, SegmentId, SegmentMovement, SegmentRule, SegmentsView } from '../core/segments';
import type { NpsView } from '../core/nps';
import type { Notice } from '../core/types';
import { compute, type Compute } from './compute';
import { session, type Session } from './session.svelte';
import { errorText } from './error-text';

export type Members = { title: { segment: SegmentId } | { r: number; f: number }; ids: string[]; total: number };

export class SegmentsStore {
  datasetId = $state<number | null>(null);
  /** YYYY-MM-DD, or null for the data's last day. */
  asOf = $state<string | null>(null);
  view = $state.raw<SegmentsView | null>(null);
  members = $state.raw<Members | null>(null);
  movementFrom = $state('');
  movement = $state.raw<(SegmentMovement & { fromIso: string; toIso: string }) | null>(null);
  originDimension = $state<OriginDimension>('month');
  origin = $state.raw<OriginReport | null>(null);
  listKind = $state<ListKind>('atRisk');
  list = $state.raw<CustomerListView | null>(null);
  nps = $state.raw<NpsView | null>(null);
  /** Why the last change was refused (rules, a survey file), in the engine's words. */
  problem = $state<Notice | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  readonly client: () => Compute;
  readonly session: Session;
  #request = 0;
  readonly #stop: () => void;

  constructor(client: () => Compute, session: Session) {
    this.client = client;
    this.session = session;
    this.#stop = $effect.root(() => session.follow((dataset) => this.#follow(dataset?.id ?? null)));
  }

  destroy() {
    this.#stop();
  }

  #follow(id: number | null) {
    if (id === this.datasetId) return;
    this.datasetId = id;
    this.asOf = null;
    this.view = this.members = this.movement = this.origin = this.list = this.nps = null;
    this.movementFrom = '';
    this.problem = this.error = null;
  }

  /** Everything the tab shows, for the current choices (called when the tab is shown, and after each change). */
  async refresh() {
    const id = this.datasetId;
    if (id === null) return;
    const request = ++this.#request;
    this.loading = true;
    this.error = null;
    try {
      const api = this.client();
      const view = await api.segments(id, this.asOf);
      const from = this.movementFrom || threeMonthsBefore(view.asOf);
      const [movement, origin, list, nps] = await Promise.all([
        api.segmentMovement(id, from < view.asOf ? from : view.asOf, view.asOf),
        api.valueByOrigin(id, this.asOf, this.originDimension),
        api.customerList(id, this.asOf, this.listKind),
        api.nps(id),
      ]);
      if (request !== this.#request || id !== this.datasetId) return;
      this.view = view;
      this.movement = movement;
      this.origin = origin;
      this.list = list;
      this.nps = nps;
      this.movementFrom = from;
    } catch (err) {
      if (request === this.#request) this.error = errorText(err);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  setAsOf(asOf: string | null) {
    this.asOf = asOf;
    this.members = null;
    void this.refresh();
  }

  async showMembers(pick: Members['title']) {
    const id = this.datasetId;
    if (id === null) return;
    const found = await this.client().segmentMembers(id, this.asOf, pick);
    if (id === this.datasetId) this.members = { title: pick, ...found };
  }

  closeMembers() {
    this.members = null;
  }

  async saveRules(rules: SegmentRule[] | null) {
    const id = this.datasetId;
    if (id === null) return;
    const answer = await this.client().saveSegmentRules(id, rules);
    this.problem = answer.ok ? null : answer.problem;
    if (answer.ok) await this.refresh();
  }

  async setMovementFrom(from: string) {
    this.movementFrom = from;
    const id = this.datasetId;
    if (id === null || !this.view) return;
    const to = this.view.asOf;
    const movement = await this.client().segmentMovement(id, from < to ? from : to, to);
    if (id === this.datasetId) this.movement = movement;
  }

  async setOriginDimension(dimension: OriginDimension) {
    this.originDimension = dimension;
    const id = this.datasetId;
    if (id === null) return;
    const origin = await this.client().valueByOrigin(id, this.asOf, dimension);
    if (id === this.datasetId && dimension === this.originDimension) this.origin = origin;
  }

  async showList(kind: ListKind) {
    this.listKind = kind;
    const id = this.datasetId;
    if (id === null) return;
    const list = await this.client().customerList(id, this.asOf, kind);
    if (id === this.datasetId && kind === this.listKind) this.list = list;
  }

  /** Tune the lists' rules (kept with the dataset) and show the current list under them. */
  async tuneLists(rules: ListRules) {
    const id = this.datasetId;
    if (id === null) return;
    await this.client().saveListRules(id, rules);
    await this.showList(this.listKind);
  }

  /** Every entry of the current list, for the download. */
  async fullList(): Promise<CustomerListView | null> {
    const id = this.datasetId;
    return id === null ? null : this.client().customerList(id, this.asOf, this.listKind, null, true);
  }

  async attachNps(file: File) {
    const id = this.datasetId;
    if (id === null) return;
    const answer = await this.client().attachNps(id, file, file.name);
    this.problem = answer.ok ? null : answer.problem;
    if (answer.ok && id === this.datasetId) this.nps = await this.client().nps(id);
  }

  async detachNps() {
    const id = this.datasetId;
    if (id === null) return;
    await this.client().detachNps(id);
    if (id === this.datasetId) this.nps = null;
  }
}

/** The same day three months earlier (the end of the month when it is shorter). */
export function threeMonthsBefore(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const month = m - 3 <= 0 ? m + 9 : m - 3;
  const year = m - 3 <= 0 ? y - 1 : y;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export const segmentsState = new SegmentsStore(compute, session);
