/**
 * Opening a snapshot from outside: `restoreSnapshot` takes the file's text (or a value already parsed), checks its
 * envelope, upgrades an older version, reads every part into new typed values and checks that the parts agree.
 * It never throws: the answer is the snapshot with notes about what was left out, or one sentence saying what is
 * wrong and where (also as a notice, for translation).
 *
 * What it returns is built from checked fields only: never the input object, no key of the input copied into an
 * output object, fields this version does not know dropped with a note. Strings are returned as text; the UI shows
 * them as text, never as HTML.
 */
import { notice } from '../notice';
import type { Notice } from '../types';
import { MIGRATIONS, migrate, type Migrations } from './migrate';
import { appName, readCohorts, readCustomers, readDataset, readForecast, readHistorical, readModels, readNps, readSegments, readSettings, readSubscriptions } from './parts';
import { describe, formatNumber, isRecord, Notes, ownValue, problem, record, SnapshotProblem, timestamp } from './reader';
import { checkAgreement } from './rules';
import { readScenario, readScenarios } from './scenario-part';
import { MAX_SNAPSHOT_BYTES, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotV1 } from './schema';

/**
 * What restore gives the app: every part the file holds, checked, as new values. The read-only views of an opened
 * snapshot use it as views.ts lists (figures, formulas, cohorts, models, forecast totals, segments, NPS); an
 * aggregate-only file (`dataset.aggregateOnly`) has suppressed groups as null with `suppressed: true`.
 */
export type RestoreResult =
  | { ok: true; snapshot: SnapshotV1; notes: Notice[] }
  | { ok: false; problem: string; notice: Notice };

export interface RestoreOptions {
  /** Migrations to use instead of the app's own (tests). */
  migrations?: Migrations;
}

/** UTF-8 length of a text, counted only up to `limit` + 1. */
function utf8BytesOver(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      bytes += next >= 0xdc00 && next <= 0xdfff ? (i++, 4) : 3;
    } else bytes += 3;
    if (bytes > limit) return true;
  }
  return false;
}

function tooLarge(): never {
  const mb = formatNumber(MAX_SNAPSHOT_BYTES / (1024 * 1024));
  return problem('too-large', `The file is larger than ${mb} MB, the most a snapshot may be.`, { limit: MAX_SNAPSHOT_BYTES });
}

/**
 * The refusal of a file of `bytes` bytes when it is over the limit, else null: callers that know a file's size (a
 * File in the page, a path in the CLI) ask this before reading it, so a huge file is never read into memory.
 */
export function snapshotTooLarge(bytes: number): Extract<RestoreResult, { ok: false }> | null {
  if (bytes <= MAX_SNAPSHOT_BYTES) return null;
  try {
    return tooLarge();
  } catch (err) {
    const why = (err as SnapshotProblem).notice;
    return { ok: false, problem: why.text, notice: why };
  }
}

function parse(text: string): unknown {
  if (utf8BytesOver(text, MAX_SNAPSHOT_BYTES)) tooLarge();
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') problem('empty', 'The file is empty.');
  try {
    return JSON.parse(body);
  } catch {
    return problem('not-json', 'The file is not a snapshot: it is not valid JSON, or it was cut short.');
  }
}

/** The envelope: an object with the snapshot format and a version this app can read. */
function envelope(value: unknown): { document: object; version: number } {
  if (!isRecord(value)) problem('not-object', `The file is not a snapshot: it holds ${describe(value)} instead of an object.`, { found: describe(value) });
  const format = ownValue(value, 'format', 'format');
  if (format !== SNAPSHOT_FORMAT) {
    problem('wrong-format', `format: expected "${SNAPSHOT_FORMAT}", found ${describe(format)}; this is not a CLV Studio snapshot.`, { path: 'format', found: describe(format) });
  }
  const written = ownValue(value, 'version', 'version');
  if (typeof written !== 'number' || !Number.isSafeInteger(written) || written < 0) {
    problem('bad-version', `version: expected a whole version number, found ${describe(written)}.`, { path: 'version', found: describe(written) });
  }
  const version = written + 0; // -0 is version 0
  if (version > SNAPSHOT_VERSION) {
    problem('newer-version', `version: this snapshot is version ${formatNumber(version)}, newer than this app reads (${SNAPSHOT_VERSION}); update the app to open it.`, { path: 'version', version, supported: SNAPSHOT_VERSION });
  }
  return { document: value, version };
}

function read(document: object, notes: Notes): SnapshotV1 {
  const f = record(notes)(document, '');
  // Checked by the envelope (before any upgrade); the result is always the current version.
  f.handled('format', 'version');
  const createdAt = f.required('createdAt', timestamp);
  const app = f.required('app', appName);
  const dataset = f.required('dataset', readDataset(notes));
  const settings = f.required('settings', readSettings(notes));
  const historical = f.optional('historical', readHistorical(notes));
  const cohorts = f.required('cohorts', readCohorts(notes));
  const models = f.optional('models', readModels(notes));
  const forecast = f.optional('forecast', readForecast(notes));
  const segments = f.optional('segments', readSegments(notes));
  const nps = f.optional('nps', readNps(notes));
  const subscriptions = f.optional('subscriptions', readSubscriptions(notes));
  const scenario = f.optional('scenario', readScenario(notes));
  const scenarios = f.optional('scenarios', readScenarios(notes));
  const customers = f.optional('customers', readCustomers(notes));
  f.done();
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    createdAt,
    app,
    dataset,
    settings,
    ...(historical === undefined ? {} : { historical }),
    cohorts,
    ...(models === undefined ? {} : { models }),
    ...(forecast === undefined ? {} : { forecast }),
    ...(segments === undefined ? {} : { segments }),
    ...(nps === undefined ? {} : { nps }),
    ...(subscriptions === undefined ? {} : { subscriptions }),
    ...(scenario === undefined ? {} : { scenario }),
    ...(scenarios === undefined ? {} : { scenarios }),
    ...(customers === undefined ? {} : { customers }),
  };
}

/**
 * Open a snapshot: `input` is the file's text (checked for size, then parsed) or an already-parsed value. Answers
 * the typed snapshot and notes, or the one problem that keeps it from opening.
 */
export function restoreSnapshot(input: string | unknown, options: RestoreOptions = {}): RestoreResult {
  try {
    const notes = new Notes();
    const value = typeof input === 'string' ? parse(input) : input;
    const { document, version } = envelope(value);
    const current = migrate(document, version, options.migrations ?? MIGRATIONS, notes);
    const snapshot = read(current, notes);
    checkAgreement(snapshot);
    return { ok: true, snapshot, notes: notes.all() };
  } catch (err) {
    const why =
      err instanceof SnapshotProblem
        ? err.notice
        : // A value that is not plain data (a proxy that throws, a structure too deep), or a fault of ours.
          notice('unreadable', 'The file could not be read as a snapshot.');
    return { ok: false, problem: why.text, notice: why };
  }
}

/**
 * Open a snapshot file (a File or Blob): refused from its size before it is read when too large, else its text
 * through restoreSnapshot. For the page, which should load this module when a snapshot is opened (it is about 9 KB
 * gzip; the compute worker, near its 100 KB budget, does not carry it).
 */
export async function openSnapshotFile(file: Blob, options: RestoreOptions = {}): Promise<RestoreResult> {
  return snapshotTooLarge(file.size) ?? restoreSnapshot(await file.text(), options);
}
