/**
 * Validation and migration of snapshot files opened from outside. A snapshot is untrusted input: every field
 * the app reads is checked for type and range before use, and older versions are migrated to the current one.
 */
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotV1 } from './schema';

export type SnapshotCheck = { ok: true; snapshot: SnapshotV1 } | { ok: false; errors: string[] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COHORT = /^\d{4}-(\d{2}|W\d{2}|Q[1-4])$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

class Checker {
  errors: string[] = [];
  need(cond: boolean, path: string, what: string): boolean {
    if (!cond) this.errors.push(`${path}: ${what}`);
    return cond;
  }
  count(o: Obj, key: string, path: string) {
    this.need(isCount(o[key]), `${path}.${key}`, 'must be a whole number ≥ 0');
  }
  num(o: Obj, key: string, path: string) {
    this.need(isNum(o[key]), `${path}.${key}`, 'must be a finite number');
  }
  dateOrNull(o: Obj, key: string, path: string) {
    const v = o[key];
    this.need(v === null || (typeof v === 'string' && DATE.test(v)), `${path}.${key}`, 'must be YYYY-MM-DD or null');
  }
  str(o: Obj, key: string, path: string, max = 1000) {
    const v = o[key];
    this.need(typeof v === 'string' && v.length <= max, `${path}.${key}`, `must be text (≤ ${max} characters)`);
  }
}

function checkDataset(c: Checker, d: unknown) {
  if (!isObj(d)) return void c.need(false, 'dataset', 'missing or not an object');
  const ds = d;
  c.str(ds, 'name', 'dataset');
  c.need(ds.currency === null || (typeof ds.currency === 'string' && /^[A-Z]{3}$/.test(ds.currency)),
    'dataset.currency', 'must be an ISO 4217 code or null');
  for (const k of ['rowsRead', 'rowsAccepted', 'rowsRejected', 'customers', 'purchases', 'refunds']) c.count(ds, k, 'dataset');
  c.num(ds, 'netRevenue', 'dataset');
  c.dateOrNull(ds, 'firstDate', 'dataset');
  c.dateOrNull(ds, 'lastDate', 'dataset');
  if (isCount(ds.rowsRead) && isCount(ds.rowsAccepted) && isCount(ds.rowsRejected)) {
    c.need(ds.rowsRead === ds.rowsAccepted + ds.rowsRejected, 'dataset.rowsRead', 'must equal rowsAccepted + rowsRejected');
  }
  if (c.need(Array.isArray(ds.rejected), 'dataset.rejected', 'must be a list')) {
    (ds.rejected as unknown[]).forEach((g, i) => {
      const p = `dataset.rejected[${i}]`;
      if (!isObj(g)) return void c.need(false, p, 'must be an object');
      c.str(g, 'reason', p);
      c.count(g, 'count', p);
      c.need(Array.isArray(g.examples) && g.examples.length <= 20, `${p}.examples`, 'must be a list of at most 20');
    });
  }
}

function checkCohorts(c: Checker, v: unknown) {
  if (!isObj(v)) return void c.need(false, 'cohorts', 'missing or not an object');
  c.need(['month', 'week', 'quarter'].includes(v.period as string), 'cohorts.period', 'must be month, week or quarter');
  if (!c.need(Array.isArray(v.rows), 'cohorts.rows', 'must be a list')) return;
  (v.rows as unknown[]).forEach((r, i) => {
    const p = `cohorts.rows[${i}]`;
    if (!isObj(r)) return void c.need(false, p, 'must be an object');
    c.need(typeof r.cohort === 'string' && COHORT.test(r.cohort), `${p}.cohort`, 'must look like YYYY-MM, YYYY-Www or YYYY-Qn');
    c.count(r, 'customers', p);
    c.need(Array.isArray(r.active) && r.active.every(isCount), `${p}.active`, 'must be a list of counts');
    c.need(Array.isArray(r.revenue) && r.revenue.every(isNum), `${p}.revenue`, 'must be a list of numbers');
  });
}

/** Bring an older or current snapshot to the current version. Version 1 is the first, so it passes through. */
export function migrateSnapshot(raw: Obj): Obj {
  return raw;
}

/** Check an untrusted parsed JSON value; on success it is a SnapshotV1 safe to render. */
export function validateSnapshot(value: unknown): SnapshotCheck {
  const c = new Checker();
  if (!isObj(value)) return { ok: false, errors: ['The file is not a JSON object.'] };
  if (value.format !== SNAPSHOT_FORMAT) return { ok: false, errors: [`format: must be "${SNAPSHOT_FORMAT}"`] };
  if (!Number.isInteger(value.version) || (value.version as number) < 1) {
    return { ok: false, errors: ['version: must be a whole number ≥ 1'] };
  }
  if ((value.version as number) > SNAPSHOT_VERSION) {
    return { ok: false, errors: [`version: ${value.version} is newer than this app understands (${SNAPSHOT_VERSION}); update the app.`] };
  }
  const v = migrateSnapshot(value);
  c.need(typeof v.createdAt === 'string' && !Number.isNaN(Date.parse(v.createdAt)), 'createdAt', 'must be an ISO timestamp');
  c.str(v, 'app', '');
  checkDataset(c, v.dataset);
  if (c.need(isObj(v.settings), 'settings', 'missing or not an object')) {
    const s = v.settings as Obj;
    c.dateOrNull(s, 'observationEnd', 'settings');
    c.need(s.timeUnit === 'day' || s.timeUnit === 'week', 'settings.timeUnit', 'must be day or week');
  }
  checkCohorts(c, v.cohorts);
  return c.errors.length ? { ok: false, errors: c.errors } : { ok: true, snapshot: v as unknown as SnapshotV1 };
}
