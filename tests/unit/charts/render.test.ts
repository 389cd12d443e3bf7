/**
 * Chart rendering on fixed inputs, server-side (svelte/server), compared with stored SVG snapshots: a change in
 * what a chart draws shows up as a reviewable diff. Plus hand-checked facts about the markup: charts are drawn at
 * their real size (so their 12 px text stays 12 px on a phone), ticks are round and never run together, colour
 * scales have a legend, and the cohort heatmap is honest about a period in progress and thin averages.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import LorenzChart from '../../../src/charts/LorenzChart.svelte';
import DistributionChart from '../../../src/charts/DistributionChart.svelte';
import CohortHeatmap from '../../../src/charts/CohortHeatmap.svelte';
import CohortCurves from '../../../src/charts/CohortCurves.svelte';
import RfHeatmap from '../../../src/charts/RfHeatmap.svelte';
import HoldoutBars from '../../../src/charts/HoldoutBars.svelte';
import { concentration, histogram } from '../../../src/core/figures';
import { cohortView } from '../../../src/charts/cohort-scales';
import { textWidth, CHART_FONT } from '../../../src/charts/axes';
import type { Cohorts } from '../../../src/core/types';
import type { RfGrid } from '../../../src/core/forecast';

/** Svelte's hydration comments and scoped class hashes are noise in a snapshot. */
const clean = (html: string) => html.replace(/<!--[^>]*-->/g, '').replace(/ ?svelte-[a-z0-9]+/g, '').replace(/ ?class=""/g, '').replace(/class=" /g, 'class="').replace(/ >/g, '>');

interface Text { x: number; y: number; label: string; anchor: string }
/** The `<text>` elements with a class, with their positions. */
function texts(html: string, cls = 'tick'): Text[] {
  return [...clean(html).matchAll(/<text([^>]*)>([^<]*)<\/text>/g)]
    .filter((m) => (/ class="([^"]*)"/.exec(m[1])?.[1] ?? '').split(' ').includes(cls))
    .map((m) => ({
      x: Number(/ x="([^"]+)"/.exec(m[1])?.[1]),
      y: Number(/ y="([^"]+)"/.exec(m[1])?.[1]),
      anchor: / text-anchor="([^"]+)"/.exec(m[1])?.[1] ?? 'start',
      label: m[2],
    }));
}
/** x-axis labels: centred ones on one baseline, left to right. */
const xLabels = (html: string, nth = 0) => {
  const centred = texts(html).filter((t) => t.anchor === 'middle');
  const baselines = [...new Set(centred.map((t) => t.y))];
  return centred.filter((t) => t.y === baselines[nth]).sort((a, b) => a.x - b.x);
};
/** y-axis labels: right-aligned ones, top to bottom. */
const yLabels = (html: string) => texts(html).filter((t) => t.anchor === 'end').sort((a, b) => a.y - b.y);

/** Labels centred on an axis that touch (closer than half their widths plus 4 px), as "a|b". */
function xOverlaps(labels: Text[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < labels.length; i++) {
    if (labels[i].x - labels[i - 1].x < (textWidth(labels[i].label) + textWidth(labels[i - 1].label)) / 2 + 4) out.push(`${labels[i - 1].label}|${labels[i].label}`);
  }
  return out;
}
const yOverlaps = (labels: Text[]) => labels.slice(1).filter((t, i) => t.y - labels[i].y < CHART_FONT + 2).map((t) => t.label);
/** The first SVG's drawn size and its viewBox: equal sizes mean the chart is not scaled (nor its text). */
function svgSize(html: string): { width: number; viewBoxWidth: number } {
  const m = /<svg width="([\d.]+)" height="[\d.]+" viewBox="0 0 ([\d.]+) [\d.]+"/.exec(html);
  return { width: Number(m?.[1]), viewBoxWidth: Number(m?.[2]) };
}

/**
 * Four monthly cohorts with the data ending on 9 May 2024: May (every row's last entry) has 9 of its 31 days.
 * Retention by hand: January 2/4, 1/4, 2/4, (May) 1/4; February 1/2, 0/2, (May) 1/2; March 1/4, (May) 2/4;
 * April (May) 0/2.
 */
const cohorts: Cohorts = {
  period: 'month',
  rows: [
    { cohort: '2024-01', customers: 4, active: [4, 2, 1, 2, 1], revenue: [400, 100, 50, 120, 30] },
    { cohort: '2024-02', customers: 2, active: [2, 1, 0, 1], revenue: [300, 60, 0, 40] },
    { cohort: '2024-03', customers: 4, active: [4, 1, 2], revenue: [500, 80, 90] },
    { cohort: '2024-04', customers: 2, active: [2, 0], revenue: [150, 0] },
  ],
  lastPeriod: { days: 9, length: 31 },
};

/** Net revenue per customer shaped like Online Retail's: most below 1,000, a long tail up to 232,713.30, one refund. */
const skewed = [-1165.3, ...Array.from({ length: 200 }, (_, i) => (i * 37) % 900), 12000, 45000, 232713.3];

describe('chart rendering', () => {
  it('Lorenz curve of four customers, drawn at the width it is given', () => {
    const c = concentration([10, 20, 30, 40]);
    const { body } = render(LorenzChart, { props: { points: c.lorenz, width: 300 } });
    expect(body).toContain('role="slider"');
    expect(svgSize(body)).toEqual({ width: 300, viewBoxWidth: 300 });
    // 300 px leave room for three x labels (one per 70 px of plot), the 189 px tall plot for six y labels.
    expect(xLabels(body).map((t) => t.label)).toEqual(['0%', '50%', '100%']);
    expect(yLabels(body).map((t) => t.label)).toEqual(['100%', '80%', '60%', '40%', '20%', '0%']);
    // The axis titles are HTML around the plot, not text inside it that could sit on the tick labels.
    expect(clean(body)).toContain('<div class="axis-title y-title">Share of net revenue</div>');
    expect(clean(body)).toContain('<div class="axis-title x-title">Share of customers, from least to most revenue</div>');
    expect(clean(render(LorenzChart, { props: { points: c.lorenz, width: 480 } }).body)).toMatchSnapshot();
  });

  it('histogram ticks are round amounts, compact, fewer on a narrow chart, and never run together', () => {
    const linear = histogram(skewed, { bins: 30 });
    const narrow = render(DistributionChart, { props: { histogram: linear, currency: null, width: 300 } }).body;
    const wide = render(DistributionChart, { props: { histogram: linear, currency: null, width: 600 } }).body;
    expect(narrow.match(/<rect /g)?.length).toBe(30);
    // Not the bins' edges (-1,165.3, 6,630.32 …) but round values on the amount axis.
    expect(xLabels(narrow).map((t) => t.label)).toEqual(['0', '100K', '200K']);
    expect(xLabels(wide).map((t) => t.label)).toEqual(['0', '50K', '100K', '150K', '200K']);
    expect(xOverlaps(xLabels(narrow))).toEqual([]);
    expect(xOverlaps(xLabels(wide))).toEqual([]);
    // Counts: the first bin holds 201 of the 204 customers.
    expect(yLabels(narrow).map((t) => t.label)).toEqual(['250', '200', '150', '100', '50', '0']);
    // The axis ends on its top tick.
    expect(yLabels(narrow)[0].y).toBe(10);
    expect(yOverlaps(yLabels(narrow))).toEqual([]);
    // On the log scale, powers of ten in the currency; the title says the scale.
    const log = render(DistributionChart, { props: { histogram: histogram(skewed, { bins: 30, scale: 'log' }), currency: 'USD', width: 300 } }).body;
    expect(xLabels(log).map((t) => t.label)).toEqual(['$1', '$10', '$100', '$1K', '$10K', '$100K']);
    expect(xOverlaps(xLabels(log))).toEqual([]);
    expect(log).toContain('Net revenue per customer (log scale)');
    expect(svgSize(narrow)).toEqual({ width: 300, viewBoxWidth: 300 });
    // Amounts from a little above 0 (predicted CLV, 2.5 and up) are drawn on an axis from 0.
    const positive = render(DistributionChart, { props: { histogram: histogram(skewed.filter((v) => v > 0).map((v) => v + 2.5), { bins: 30 }), currency: null, width: 300 } }).body;
    expect(xLabels(positive).map((t) => t.label)).toEqual(['0', '100K', '200K']);
    expect(clean(render(DistributionChart, { props: { histogram: histogram([5, 15, 15, 25, 25, 25], { bins: 3, min: 0, max: 30 }), currency: 'USD', width: 440 } }).body)).toMatchSnapshot();
  });

  it('the y axis leaves room for its widest label', () => {
    const body = render(DistributionChart, { props: { histogram: histogram([...Array(12_000).fill(5), 50], { bins: 5 }), currency: null, width: 300 } }).body;
    const labels = yLabels(body);
    expect(labels.map((t) => t.label)).toEqual(['12,000', '10,000', '8,000', '6,000', '4,000', '2,000', '0']);
    // Each label ends 6 px left of the plot, and starts inside the drawing.
    for (const t of labels) expect(t.x - textWidth(t.label)).toBeGreaterThanOrEqual(0);
  });

  it('frequency × recency heatmap: a legend for its colours, labels that fit the width', () => {
    const grid: RfGrid = {
      frequencies: ['0', '1', '2', '3+'],
      recencyEdges: [0.25, 0.5, 0.75, 1],
      mean: [[0.1, 0.2, NaN, 0.4], [0.05, 0.3, 0.5, 0.9], [0.02, 0.1, 0.6, 0.95], [0.01, 0.2, 0.7, 1]],
      count: [[3, 1, 0, 2], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]],
    };
    const { body } = render(RfHeatmap, { props: { grid, format: (v: number) => `${Math.round(v * 100)}%`, label: 'P(alive)', width: 300, testid: 'rf' } });
    // 15 customers' cells (one cell is empty), each with a colour; frequency labels; recency shares below.
    expect(clean(body).match(/<rect x="[^"]+" y="[^"]+" width="32" height="32" fill="#/g)?.length).toBe(15);
    // The legend: viridis from 0 (#440154) to the largest mean, 1 (#fde725), with round labels under it.
    expect(body).toContain('data-testid="rf-legend"');
    const stops = [...body.matchAll(/<stop offset="([^"]+)" stop-color="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(stops).toHaveLength(11);
    expect(stops[0]).toEqual(['0%', '#440154']);
    expect(stops[10]).toEqual(['100%', '#fde725']);
    expect(xLabels(body, 1).map((t) => t.label)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    // The grid's recency labels, 0% to 100%, and the last one stays inside the drawing (it is centred on the edge).
    const recency = xLabels(body, 0);
    expect(recency.map((t) => t.label)).toEqual(['0%', '50%', '100%']);
    const last = recency[recency.length - 1];
    expect(last.x + textWidth(last.label) / 2).toBeLessThanOrEqual(svgSize(body).width);
    expect(body).toContain('Colour: the mean over the customers in the cell');
    // The values are spread (half the cells at a tenth of the largest or more): no log scale offered.
    expect(body).not.toContain('Logarithmic colours');
    expect(clean(body)).toMatchSnapshot();
  });

  it('holdout bars label every group when they fit', () => {
    const check = {
      byFrequency: ['0', '1', '2', '3', '4', '5', '6+'].map((frequency, i) => ({ frequency, customers: 10 + i, predicted: 0.2 * i, actual: 0.25 * i })),
    } as unknown as Parameters<typeof HoldoutBars>[1]['check'];
    const { body } = render(HoldoutBars, { props: { check, width: 300 } });
    expect(xLabels(body).map((t) => t.label)).toEqual(['0', '1', '2', '3', '4', '5', '6+']);
    expect(xOverlaps(xLabels(body))).toEqual([]);
    // The largest bar is 1.5 (6+ repeat purchases, actual); the axis ends on the round tick above, in steps of 0.5.
    expect(yLabels(body).map((t) => t.label)).toEqual(['2', '1.5', '1', '0.5', '0']);
  });
});

describe('cohort heatmap', () => {
  const view = cohortView(cohorts);

  it('one cell per cohort period, the period in progress hatched, the cohort sizes beside the rows', () => {
    const { body } = render(CohortHeatmap, { props: { view, currency: 'VND' } });
    expect(body.match(/role="gridcell"/g)?.length).toBe(5 + 4 + 3 + 2);
    expect(body.match(/role="row"/g)?.length).toBe(4);
    // May, each row's last entry, is hatched: four cells, and a key that says 9 of 31 days.
    expect(body.match(/data-partial=""/g)?.length).toBe(4);
    expect(body).toContain('In progress (9 of 31 days)');
    // Sizes next to the names: 4, 2, 4, 2 customers and 12 in all.
    expect(texts(body, 'size').map((t) => t.label)).toEqual(['Customers', '4', '2', '4', '2', '12']);
    // January, month 1: 2 of 4 → "50".
    expect(texts(body, 'val').slice(0, 5).map((t) => t.label)).toEqual(['100', '50', '25', '50', '25']);
  });

  it('averages only whole periods, and only where at least three cohorts have them', () => {
    const { body } = render(CohortHeatmap, { props: { view, currency: 'VND' } });
    const values = texts(body, 'val').map((t) => t.label);
    // Month 0: all four cohorts, 100%. Month 1: January, February, March ((2 + 1 + 1) of (4 + 2 + 4) = 40%); April's
    // month 1 is May, in progress, so it is left out (with it: 4 of 12 = 33%). Months 2–4: two cohorts or fewer.
    expect(values.slice(-5)).toEqual(['100', '40', '–', '–', '–']);
    expect(body).toContain('shown only where at least 3 cohorts have');
  });

  it('has a legend for its colours: retention from month 1, up to the largest share', () => {
    const { body } = render(CohortHeatmap, { props: { view, currency: 'VND' } });
    expect(body).toContain('data-testid="cohort-legend"');
    expect(body).toContain('Colour: % still buying, from month 1 on');
    // The largest share after month 0 is 50% (January months 1 and 3, February months 1 and 3, March month 2).
    expect(xLabels(body.slice(body.indexOf('cohort-legend')), 0).map((t) => t.label)).toEqual(['0%', '10%', '20%', '30%', '40%', '50%']);
    expect(clean(body)).toMatchSnapshot();
  });

  it('as a table, cumulative revenue per customer with the period in progress marked', () => {
    const { body } = render(CohortHeatmap, { props: { view, currency: 'VND', metric: 'cumulativePerCustomer', asTable: true } });
    // January, month 3: (400 + 100 + 50 + 120) / 4 = 167.5 → ₫168; month 4 (May) is marked.
    expect(clean(body)).toContain('<td>₫168</td>');
    expect(clean(body)).toContain('<td class="partial">₫175 *</td>');
    // Average at month 1: (125 × 4 + 180 × 2 + 145 × 4) / 10 = 144.
    expect(clean(body)).toContain('<td>₫144</td><td>–</td>');
    expect(clean(body)).toMatchSnapshot();
  });

  it('cohort curves: solid lines to the last whole period, dashed into the one in progress, the average where it stands', () => {
    const body = clean(render(CohortCurves, { props: { view, currency: 'VND', width: 480 } }).body);
    // By default the cohorts with two whole months or more: January, February, March (April has one).
    expect(body.match(/class="line"/g)?.length).toBe(3);
    expect(body.match(/class="line partial"/g)?.length).toBe(3);
    // The average through months 0 and 1 only: one move and one line segment.
    const avg = /<path d="([^"]*)" class="avg/.exec(body)?.[1] ?? '';
    expect(avg.match(/[ML]/g)).toEqual(['M', 'L']);
    expect(svgSize(body)).toEqual({ width: 480, viewBoxWidth: 480 });
    expect(xOverlaps(xLabels(body))).toEqual([]);
    expect(clean(body)).toMatchSnapshot();
  });
});
