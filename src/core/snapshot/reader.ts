/**
 * Reading an untrusted value (parsed JSON, or any object a caller hands over) one field at a time into the app's own
 * values. Every reader checks type and range and returns a fresh value; the first value that does not fit stops the
 * reading with a {@link SnapshotProblem}: one sentence saying where and what, also as a notice (code and values)
 * for translation.
 *
 * Safety: only own data properties are read (never a getter, never an inherited value), objects are never copied,
 * and keys from the input never become keys of an output object; fields nobody asked for are listed as dropped.
 */
import { notice } from '../notice';
import type { Notice, NoticeVars } from '../types';
import { dayOfDate, isTimestamp } from './calendar';
import { isCurrencyCode } from './currencies';
import { MAX_ROWS, MAX_YEAR, MIN_YEAR, SNAPSHOT_VERSION } from './schema';

/** Why a snapshot cannot be opened. */
export class SnapshotProblem extends Error {
  constructor(readonly notice: Notice) {
    super(notice.text);
    this.name = 'SnapshotProblem';
  }
}

/** Stop reading: `text` is the one sentence shown to the user, `code` and `vars` its translation key and values. */
export function problem(code: string, text: string, vars: NoticeVars = {}): never {
  throw new SnapshotProblem(notice(code, text, vars));
}

/** Numbers in messages: whole numbers grouped by thousands (1,000,000), others as JavaScript writes them. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return new Intl.NumberFormat('en-US', { useGrouping: true }).format(n);
  return Object.is(n, -0) ? '-0' : String(n);
}

/** "1 row", "2 rows": a count and its noun. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

/** Quoted text in messages, cut to 40 characters; JSON quoting keeps it on one line. */
export function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** What a value is, in a few words, for "found …". */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** The path of a field: `dataset.rowsRead`, or `dataset["odd key"]` for a key that is not a plain name. */
export function fieldPath(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key) && key.length <= 40) return path ? `${path}.${key}` : key;
  return `${path}[${quoted(key)}]`;
}

export const itemPath = (path: string, index: number) => `${path}[${index}]`;

export function isRecord(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own data property's value, or undefined when there is none. A getter is refused, not run. */
export function ownValue(holder: object, key: string, path: string): unknown {
  const d = Object.getOwnPropertyDescriptor(holder, key);
  if (d === undefined) return undefined;
  if (!('value' in d)) problem('not-data', `${path} is computed by code, not written data.`, { path });
  return d.value;
}

/** Notes about what was left out or changed while reading; at most MAX_NOTES, then one that counts the rest. */
export class Notes {
  static readonly MAX_NOTES = 50;
  private readonly list: Notice[] = [];
  private more = 0;

  add(note: Notice): void {
    if (this.list.length < Notes.MAX_NOTES) this.list.push(note);
    else this.more++;
  }

  dropped(path: string): void {
    this.add(notice('field-dropped', `${path} is not part of a version ${SNAPSHOT_VERSION} snapshot, so it was left out.`, { path }));
  }

  all(): Notice[] {
    if (this.more === 0) return [...this.list];
    return [...this.list, notice('more-notes', `${formatNumber(this.more)} more notes like these were left out.`, { count: this.more })];
  }
}

/** Read one value at `path`; throws a SnapshotProblem when it does not fit. */
export type Reader<T> = (value: unknown, path: string) => T;

/** "path: expected …, found …." `kind` lets a translation pick its wording (it is the notice's variant). */
export function unexpected(path: string, kind: string, expected: string, found: unknown, vars: NoticeVars = {}): never {
  const text = `${path}: expected ${expected}, found ${describe(found)}.`;
  return problem('unexpected-value', text, { path, found: describe(found), variant: kind, ...vars });
}

/** The fields of one object. Read each with `required` or `optional`, then `done()` notes the fields not read. */
export class Fields {
  private readonly read = new Set<string>();

  constructor(
    private readonly holder: object,
    readonly path: string,
    private readonly notes: Notes,
  ) {}

  at(key: string): string {
    return fieldPath(this.path, key);
  }

  required<T>(key: string, reader: Reader<T>): T {
    this.read.add(key);
    const value = ownValue(this.holder, key, this.at(key));
    if (value === undefined) problem('missing', `${this.at(key)} is missing.`, { path: this.at(key) });
    return reader(value, this.at(key));
  }

  /** Undefined when the field is absent. */
  optional<T>(key: string, reader: Reader<T>): T | undefined {
    this.read.add(key);
    const value = ownValue(this.holder, key, this.at(key));
    return value === undefined ? undefined : reader(value, this.at(key));
  }

  /** Mark fields as handled elsewhere, so they are not noted as dropped. */
  handled(...keys: string[]): void {
    for (const key of keys) this.read.add(key);
  }

  /** Note every field that was not read: it is not part of the snapshot and is left out of the result. */
  done(): void {
    for (const key of Object.keys(this.holder)) if (!this.read.has(key)) this.notes.dropped(this.at(key));
  }
}

/** An object's fields, to be read one by one. */
export const record =
  (notes: Notes): Reader<Fields> =>
  (value, path) => {
    if (!isRecord(value)) unexpected(path, 'object', 'an object', value);
    return new Fields(value, path, notes);
  };

/** A list of at most `max` items, each read by `item`. */
export const listOf =
  <T>(max: number, item: Reader<T>): Reader<T[]> =>
  (value, path) => {
    if (!Array.isArray(value)) unexpected(path, 'list', 'a list', value);
    if (value.length > max) {
      problem('list-too-long', `${path}: the list has ${plural(value.length, 'entry', 'entries')}; at most ${formatNumber(max)} are allowed.`, { path, count: value.length, max });
    }
    const out: T[] = [];
    for (let i = 0; i < value.length; i++) out.push(item(ownValue(value, String(i), itemPath(path, i)), itemPath(path, i)));
    return out;
  };

/** Accepts null as well. */
export const orNull =
  <T>(reader: Reader<T>): Reader<T | null> =>
  (value, path) =>
    value === null ? null : reader(value, path);

/** A whole number from `min` to `max` (a safe integer); -0 reads as 0. */
export const integer =
  (min: number, max: number): Reader<number> =>
  (value, path) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      unexpected(path, 'integer', `a whole number from ${formatNumber(min)} to ${formatNumber(max)}`, value, { min, max });
    }
    return value + 0;
  };

/** A count: a whole number from 0 to `max`. */
export const count = (max = MAX_ROWS): Reader<number> => integer(0, max);

/** A finite number from `min` to `max`; -0 reads as 0. */
export const number =
  (min: number, max: number): Reader<number> =>
  (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      unexpected(path, 'number', `a number from ${formatNumber(min)} to ${formatNumber(max)}`, value, { min, max });
    }
    return value + 0;
  };

/** A finite number above 0 and at most `max`. */
export const positive =
  (max: number): Reader<number> =>
  (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
      unexpected(path, 'positive', `a number above 0 and at most ${formatNumber(max)}`, value, { max });
    }
    return value;
  };

/** Text of at most `max` characters (at least `min`). */
export const text =
  (max: number, min = 0): Reader<string> =>
  (value, path) => {
    if (typeof value !== 'string') unexpected(path, 'text', 'text', value);
    if (value.length > max) {
      problem('text-too-long', `${path}: the text has ${plural(value.length, 'character')}; at most ${formatNumber(max)} are allowed.`, { path, length: value.length, max });
    }
    if (value.length < min) unexpected(path, 'text', `text of at least ${formatNumber(min)} character${min === 1 ? '' : 's'}`, value, { min });
    return value;
  };

/** true or false. */
export const flag: Reader<boolean> = (value, path) => {
  if (typeof value !== 'boolean') unexpected(path, 'boolean', 'true or false', value);
  return value;
};

/** One of a closed set of names. */
export const oneOf =
  <T extends string>(choices: readonly T[]): Reader<T> =>
  (value, path) => {
    const found = choices.find((c) => c === value);
    if (found === undefined) {
      const list = choices.map((c) => JSON.stringify(c));
      const names = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
      unexpected(path, 'choice', `${choices.length === 1 ? '' : 'one of '}${names}`, value, { choices: choices.join(', ') });
    }
    return found;
  };

/** A real calendar date written YYYY-MM-DD. */
export const date: Reader<string> = (value, path) => {
  if (typeof value !== 'string' || value.length !== 10 || dayOfDate(value) === null) {
    unexpected(path, 'date', `a real date written YYYY-MM-DD, from ${MIN_YEAR}-01-01 to ${MAX_YEAR}-12-31`, value, { min: MIN_YEAR, max: MAX_YEAR });
  }
  return value;
};

/** An ISO 8601 timestamp such as 2026-11-22T10:00:00.000Z. */
export const timestamp: Reader<string> = (value, path) => {
  if (typeof value !== 'string' || value.length > 40 || !isTimestamp(value)) {
    unexpected(path, 'timestamp', 'a date and time such as "2026-11-22T10:00:00.000Z"', value);
  }
  return value;
};

/** An ISO 4217 currency code, or null. */
export const currency: Reader<string | null> = (value, path) => {
  if (value === null) return null;
  if (typeof value !== 'string' || !isCurrencyCode(value)) unexpected(path, 'currency', 'an ISO 4217 currency code such as "EUR", or null', value);
  return value;
};
