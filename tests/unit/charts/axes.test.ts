import { describe, expect, it } from 'vitest';
import { scaleLinear, scaleLog } from 'd3';
import {
  compactLabels, fitDateTicks, fitTicks, integerLabels, percentLabels, stepIndex, textWidth, tickDigits, ticksOf, ticksOverlap,
} from '../../../src/charts/axes';

const labelsOf = (ticks: { label: string }[]) => ticks.map((t) => t.label);
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('chart axes and keyboard steps', () => {
  it('turns a scale into labelled tick positions', () => {
    const ticks = ticksOf(scaleLinear().domain([0, 1]).range([0, 100]), 2, (v) => `${v * 100}%`);
    expect(ticks).toEqual([
      { value: 0, position: 0, label: '0%' },
      { value: 0.5, position: 50, label: '50%' },
      { value: 1, position: 100, label: '100%' },
    ]);
  });

  it('steps through data points with arrows, jumps with Home/End, stays in range, ignores other keys', () => {
    expect(stepIndex('ArrowRight', 0, 5)).toBe(1);
    expect(stepIndex('ArrowUp', 4, 5)).toBe(4);
    expect(stepIndex('ArrowLeft', 0, 5)).toBe(0);
    expect(stepIndex('ArrowDown', 3, 5)).toBe(2);
    expect(stepIndex('Home', 3, 5)).toBe(0);
    expect(stepIndex('End', 0, 5)).toBe(4);
    expect(stepIndex('ArrowRight', -1, 5)).toBe(0);
    expect(stepIndex('a', 2, 5)).toBeNull();
    expect(stepIndex('End', 0, 0)).toBeNull();
  });
});

describe('tick labels', () => {
  it('keeps the significant digits round ticks need: from the largest value down to the spacing', () => {
    expect(tickDigits([0, 50_000, 100_000, 150_000])).toBe(2); // 150K
    expect(tickDigits([9_500, 10_000, 10_500])).toBe(3); // 10.5K
    expect(tickDigits([0, 200, 400, 600, 800, 1_000, 1_200, 1_400])).toBe(2); // 1.4K
    expect(tickDigits([0, 0.5, 1, 1.5])).toBe(2);
    expect(tickDigits([0, 100_000, 200_000])).toBe(1);
  });

  it('writes compact money in the reader\'s locale, with no more digits than the ticks need', () => {
    expect([0, 50_000, 100_000, 150_000].map(compactLabels('en-US')([0, 50_000, 100_000, 150_000]))).toEqual(['0', '50K', '100K', '150K']);
    expect([9_500, 10_000, 10_500].map(compactLabels('en-US', 'USD')([9_500, 10_000, 10_500]))).toEqual(['$9.5K', '$10K', '$10.5K']);
    // Vietnamese: "N" (nghìn) for thousands, "Tr" (triệu) for millions, a decimal comma; the đồng sign after.
    const vnd = [0, 400_000, 800_000, 1_200_000];
    expect(vnd.map(compactLabels('vi-VN', 'VND')(vnd))).toEqual(['0 ₫', '400 N ₫', '800 N ₫', '1,2 Tr ₫'].map((s) => s.replace(/ /g, '\u00a0')));
    // Thai, in baht.
    expect([0, 1_000_000, 2_000_000].map(compactLabels('th-TH', 'THB')([0, 1_000_000, 2_000_000]))).toEqual(['฿0', '฿1M', '฿2M']);
  });

  it('writes shares with the decimals their spacing needs, and counts as the reader writes them', () => {
    expect([0, 0.25, 0.5].map(percentLabels('en-US')([0, 0.25, 0.5]).bind(null))).toEqual(['0%', '25%', '50%']);
    expect([0, 0.02, 0.04].map(percentLabels('en-US')([0, 0.02, 0.04]))).toEqual(['0%', '2%', '4%']);
    expect([0, 0.005, 0.01].map(percentLabels('en-US')([0, 0.005, 0.01]))).toEqual(['0%', '0.5%', '1%']);
    expect([0, 5_000, 10_000].map(integerLabels('vi-VN')([0, 5_000, 10_000]))).toEqual(['0', '5.000', '10.000']);
  });

  it('estimates label widths generously, with Thai marks above and below the letters taking no width', () => {
    expect(textWidth('100%', 12)).toBeCloseTo((3 * 0.58 + 0.88) * 12, 9);
    expect(textWidth('ที่', 12)).toBe(0.6 * 12); // ท + two marks above it
  });
});

describe('ticks that fit', () => {
  it('gives one tick per 70 px of an x axis (at least 52 px apart), fewer when the labels would touch', () => {
    const money = compactLabels('en-US');
    const wide = fitTicks(scaleLinear().domain([0, 232_713]).range([0, 560]), money, 'x');
    expect(labelsOf(wide)).toEqual(['0', '50K', '100K', '150K', '200K']);
    const narrow = fitTicks(scaleLinear().domain([0, 232_713]).range([0, 250]), money, 'x');
    expect(labelsOf(narrow)).toEqual(['0', '100K', '200K']);
    expect(ticksOverlap(narrow, 'x')).toBe(false);
    // Long labels on a short axis: fewer ticks still, until none touch.
    const long = fitTicks(scaleLinear().domain([0, 1_000_000]).range([0, 120]), compactLabels('en-US', 'USD'), 'x');
    expect(ticksOverlap(long, 'x')).toBe(false);
    expect(long.length).toBeGreaterThanOrEqual(2);
  });

  it('gives a y tick per 34 px at most', () => {
    expect(labelsOf(fitTicks(scaleLinear().domain([0, 1]).range([200, 0]), percentLabels('en-US'), 'y'))).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    expect(labelsOf(fitTicks(scaleLinear().domain([0, 1]).range([80, 0]), percentLabels('en-US'), 'y'))).toEqual(['0%', '50%', '100%']);
  });

  it('marks a log axis at powers of ten, with 2 and 5 between them when there is room', () => {
    const labels = compactLabels('en-US');
    expect(labelsOf(fitTicks(scaleLog().domain([1, 100_000]).range([0, 300]), labels, 'x'))).toEqual(['1', '10', '100', '1K', '10K', '100K']);
    expect(labelsOf(fitTicks(scaleLog().domain([1, 100]).range([0, 500]), labels, 'x'))).toEqual(['1', '2', '5', '10', '20', '50', '100']);
  });

  it('marks a time axis at month starts, or at years when the months would not fit', () => {
    const x = scaleLinear().domain([day('2010-12-01'), day('2011-12-09')]).range([0, 500]);
    const months = fitDateTicks(x, 'en-US');
    // Every second month fits 500 px ("Jan 2011" is about 55 px); a phone's 190 px take half years, which D3's own
    // time ticks skip (from a quarter straight to a year).
    expect(labelsOf(months)).toEqual(['Jan 2011', 'Mar 2011', 'May 2011', 'Jul 2011', 'Sep 2011', 'Nov 2011']);
    expect(months[0].value).toBe(day('2011-01-01'));
    expect(labelsOf(fitDateTicks(x.copy().range([0, 190]), 'en-US'))).toEqual(['Jan 2011', 'Jul 2011']);
    const years = fitDateTicks(scaleLinear().domain([day('1997-01-01'), day('2001-06-30')]).range([0, 300]), 'en-US');
    expect(labelsOf(years)).toEqual(['1997', '1998', '1999', '2000', '2001']);
    // Thai readers see Buddhist-era years.
    expect(labelsOf(fitDateTicks(scaleLinear().domain([day('1997-01-01'), day('2001-06-30')]).range([0, 300]), 'th-TH'))[0]).toMatch(/2540/);
  });
});
