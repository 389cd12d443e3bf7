/**
 * The promises of an aggregate-only snapshot (aggregate-only.ts), checked when it is opened, so that a receiver can
 * trust `dataset.aggregateOnly: true`: no per-customer rows, no quoted lines of the file, no group of fewer than
 * `dataset.k` customers shown, and no suppressed group that could be worked out from a total. Groups are suppressed
 * only in aggregate-only snapshots.
 */
import { smallCohortCell, tooSmall } from './aggregate-only';
import { formatNumber as n, itemPath, plural, problem } from './reader';
import { NPS_GROUP_NAMES, type SnapshotV1 } from './schema';

/** Where the snapshot suppresses a group: the first such path, or null. */
function firstSuppressed(s: SnapshotV1): string | null {
  const row = s.cohorts.rows.findIndex((r) => r.customers === null);
  if (row >= 0) return `${itemPath('cohorts.rows', row)}.suppressed`;
  for (const [i, r] of s.cohorts.rows.entries()) {
    const p = r.revenue?.indexOf(null) ?? -1;
    if (p >= 0) return `${itemPath('cohorts.rows', i)}.revenue[${p}]`;
  }
  const share = s.historical?.concentration.topShares.findIndex((t) => t.suppressed) ?? -1;
  if (share >= 0) return `${itemPath('historical.concentration.topShares', share)}.suppressed`;
  const segment = Object.entries(s.segments?.counts ?? {}).find(([, c]) => c?.customers === null);
  if (segment) return `segments.counts.${segment[0]}.suppressed`;
  const group = NPS_GROUP_NAMES.find((g) => s.nps?.byGroup[g].customers === null);
  return group ? `nps.byGroup.${group}.suppressed` : null;
}

/** Groups whose sizes add up to a published total: none shown under k, and never exactly one suppressed among shown. */
function groupsOfTotal(path: (i: number) => string, what: string, sizes: (number | null)[], k: number): void {
  sizes.forEach((size, i) => {
    if (size !== null && tooSmall(size, k)) {
      problem('aggregate-small-group', `${path(i)}.customers: ${plural(size, 'customer')}, fewer than k = ${n(k)}; an aggregate-only snapshot suppresses such a ${what}.`, {
        path: `${path(i)}.customers`, customers: size, k, variant: what,
      });
    }
  });
  const hidden = sizes.flatMap((size, i) => (size === null ? [i] : []));
  if (hidden.length === 1 && sizes.some((size) => size !== null && size > 0)) {
    problem('aggregate-lone-suppressed', `${path(hidden[0])}: the only suppressed ${what}; its figures could be worked out from the total and the others, so another must be suppressed with it.`, {
      path: path(hidden[0]), variant: what,
    });
  }
}

/** In the cohorts shown, no period's revenue from fewer than k buyers, and never exactly one revenue unknown in all. */
function cohortCells(s: SnapshotV1, k: number): void {
  let unknown = 0;
  let shown = false;
  let lone = '';
  s.cohorts.rows.forEach((row, i) => {
    if (row.customers === null) {
      unknown++;
      lone = itemPath('cohorts.rows', i);
      return;
    }
    row.revenue.forEach((revenue, p) => {
      const path = `${itemPath('cohorts.rows', i)}.revenue[${p}]`;
      if (revenue === null) {
        unknown++;
        lone = path;
      } else if (revenue !== 0) shown = true;
      if (smallCohortCell(row.active[p], revenue, k)) {
        problem('aggregate-small-cell', `${path}: the revenue of ${plural(row.active[p], 'buying customer')}, fewer than k = ${n(k)}; an aggregate-only snapshot suppresses it.`, {
          path, customers: row.active[p], k,
        });
      }
    });
  });
  if (unknown === 1 && shown) {
    problem('aggregate-lone-suppressed', `${lone}: the only revenue suppressed among the cohorts; it could be worked out from the net revenue and the others, so another must be suppressed with it.`, {
      path: lone, variant: 'cohort revenue',
    });
  }
}

export function aggregateOnlyRules(s: SnapshotV1): void {
  const d = s.dataset;
  if (d.aggregateOnly !== true) {
    if (d.k !== undefined) problem('aggregate-k-without', `dataset.k: ${n(d.k)}, but dataset.aggregateOnly is not true; k belongs to aggregate-only snapshots.`, { path: 'dataset.k', k: d.k });
    const where = firstSuppressed(s);
    if (where) problem('aggregate-suppressed-in-full', `${where}: a group is suppressed, but dataset.aggregateOnly is not true; only aggregate-only snapshots suppress groups.`, { path: where });
    return;
  }
  const k = d.k;
  if (k === undefined) problem('aggregate-k-missing', 'dataset.k is missing: an aggregate-only snapshot says below how many customers a group is suppressed.', { path: 'dataset.k' });
  if (s.customers !== undefined) {
    problem('aggregate-customers', `customers: an aggregate-only snapshot holds no per-customer rows, but ${plural(s.customers.length, 'row is', 'rows are')} written.`, { path: 'customers', count: s.customers.length });
  }
  d.rejected.forEach((g, i) => {
    const path = `${itemPath('dataset.rejected', i)}.examples`;
    if (g.examples.length > 0) {
      problem('aggregate-examples', `${path}: an aggregate-only snapshot quotes no line of the file, but ${plural(g.examples.length, 'example is', 'examples are')} written.`, { path, count: g.examples.length });
    }
  });
  groupsOfTotal((i) => itemPath('cohorts.rows', i), 'cohort', s.cohorts.rows.map((r) => r.customers), k);
  cohortCells(s, k);
  if (s.segments) {
    const names = Object.keys(s.segments.counts) as (keyof typeof s.segments.counts)[];
    groupsOfTotal((i) => `segments.counts.${names[i]}`, 'segment', names.map((name) => s.segments!.counts[name]!.customers), k);
  }
  if (s.historical) {
    // Nested groups (top 1% within top 10% …): each shown share covers k customers or more, and differs from the
    // largest smaller one shown by none or by k or more.
    const shares = s.historical.concentration.topShares;
    const order = shares.map((_, i) => i).sort((a, b) => shares[a].customers - shares[b].customers || a - b);
    let shown = 0;
    for (const i of order) {
      const t = shares[i];
      if (t.suppressed) continue;
      const path = `${itemPath('historical.concentration.topShares', i)}.share`;
      if (t.customers < k || tooSmall(t.customers - shown, k)) {
        const few = t.customers < k ? t.customers : t.customers - shown;
        problem('aggregate-small-share', `${path}: the share of ${plural(few, 'customer')}${t.customers < k ? '' : ' more than a smaller group shown'}, fewer than k = ${n(k)}, is shown; an aggregate-only snapshot suppresses it.`, {
          path, customers: few, k,
        });
      }
      shown = t.customers;
    }
  }
  if (s.nps) {
    for (const name of NPS_GROUP_NAMES) {
      const size = s.nps.byGroup[name].customers;
      const path = `nps.byGroup.${name}.customers`;
      if (size !== null && tooSmall(size, k)) {
        problem('aggregate-small-group', `${path}: ${plural(size, 'customer')}, fewer than k = ${n(k)}; an aggregate-only snapshot suppresses such a group.`, { path, customers: size, k, variant: 'group' });
      }
    }
  }
}
