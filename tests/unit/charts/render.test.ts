/**
 * Chart rendering on fixed inputs, server-side (svelte/server), compared with stored SVG snapshots: a change in
 * what a chart draws shows up as a reviewable diff. Plus hand-checked facts about the markup.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import LorenzChart from '../../../src/charts/LorenzChart.svelte';
import DistributionChart from '../../../src/charts/DistributionChart.svelte';
import CohortHeatmap from '../../../src/charts/CohortHeatmap.svelte';
import CohortCurves from '../../../src/charts/CohortCurves.svelte';
import { concentration, histogram } from '../../../src/core/figures';
import type { Cohorts } from '../../../src/core/types';

/** Svelte's hydration comments and scoped class hashes are noise in a snapshot. */
const clean = (html: string) => html.replace(/<!--[^>]*-->/g, '').replace(/ ?svelte-[a-z0-9]+/g, '').replace(/class=""/g, '');

const cohorts: Cohorts = {
  period: 'month',
  rows: [
    { cohort: '2024-01', customers: 2, active: [2, 1, 0, 1], revenue: [1550000, 150000, 0, 600000] },
    { cohort: '2024-02', customers: 1, active: [1, 1, 0], revenue: [2000000, 750000, 0] },
  ],
};

describe('chart rendering', () => {
  it('Lorenz curve of four customers', () => {
    const c = concentration([10, 20, 30, 40]);
    const { body } = render(LorenzChart, { props: { points: c.lorenz } });
    expect(body).toContain('role="slider"');
    expect(clean(body)).toMatchSnapshot();
  });

  it('histogram of CLV with one bar per bin and axis labels', () => {
    const h = histogram([5, 15, 15, 25, 25, 25], { bins: 3, min: 0, max: 30 });
    const { body } = render(DistributionChart, { props: { histogram: h, currency: 'USD' } });
    expect(body.match(/<rect /g)?.length).toBe(3);
    expect(body).toContain('$0');
    expect(clean(body)).toMatchSnapshot();
  });

  it('cohort heatmap: one cell per cohort period, retention values, weighted average row', () => {
    const { body } = render(CohortHeatmap, { props: { cohorts, currency: 'VND' } });
    expect(body.match(/role="gridcell"/g)?.length).toBe(7);
    expect(body.match(/role="row"/g)?.length).toBe(2);
    // January: 1 of 2 in month 1 → "50"; the weighted average of month 1 over both cohorts: (1 + 1) / 3 → "67".
    expect(body).toContain('>50</text>');
    expect(body).toContain('>67</text>');
    expect(clean(body)).toMatchSnapshot();
  });

  it('cohort heatmap as a table, cumulative revenue per customer', () => {
    const { body } = render(CohortHeatmap, { props: { cohorts, currency: 'VND', metric: 'cumulativePerCustomer', asTable: true } });
    // January, month 3: (1,550,000 + 150,000 + 0 + 600,000) / 2 = 1,150,000.
    expect(body).toContain('₫1,150,000');
    expect(clean(body)).toMatchSnapshot();
  });

  it('cohort curves draw one line per cohort and the average', () => {
    const { body } = render(CohortCurves, { props: { rows: cohorts.rows, period: 'month', currency: 'VND' } });
    expect(body.match(/class="line[ "]/g)?.length).toBe(2);
    expect(body.match(/class="avg[ "]/g)?.length).toBe(1);
    expect(clean(body)).toMatchSnapshot();
  });
});
