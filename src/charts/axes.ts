/**
 * Axes as plain data, so charts render them as Svelte markup: round ("nice") tick values from D3 scales, as many as
 * fit the length without their labels running together, labels with just the digits the ticks need (compact money
 * such as 132K or 1.2M in the reader's locale), and the room the labels take, so a chart reserves it.
 */
import { utcMonth, utcYear, type ScaleLinear, type ScaleLogarithmic } from 'd3';
import { formatMonth } from '../lib/format';

export interface Tick {
  value: number;
  position: number;
  label: string;
}

/** Chart text size in CSS px: charts are drawn at their real size, so this is the size on screen. */
export const CHART_FONT = 12;

/** Labels for a set of tick values: given all of them, so the digits can follow their spacing. */
export type TickLabels = (values: number[]) => (v: number) => string;

/** Ticks of a scale, at most `count` (D3's nice values), each labelled. */
export function ticksOf(scale: ScaleLinear<number, number> | ScaleLogarithmic<number, number>, count: number, format: (v: number) => string): Tick[] {
  return scale.ticks(count).map((value) => ({ value, position: scale(value), label: format(value) }));
}

// Widths in em of the glyphs of system sans-serif fonts, rounded up: digits are tabular (about 0.55 em), narrow
// punctuation and spaces about 0.3, Thai vowel and tone marks sit above or below the letter and take no width.
const NARROW = new Set([...'.,:;\'|!ilIjft() ']);
const WIDE = new Set([...'MWmw%₫฿€$£@']);
function glyphEm(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code === 0x0e31 || (code >= 0x0e34 && code <= 0x0e3a) || (code >= 0x0e47 && code <= 0x0e4e)) return 0;
  if (code >= 0x0300 && code <= 0x036f) return 0;
  if (NARROW.has(ch)) return 0.32;
  if (WIDE.has(ch)) return 0.88;
  if (ch >= '0' && ch <= '9') return 0.58;
  if (ch >= 'A' && ch <= 'Z') return 0.68;
  return 0.6;
}

/** A generous estimate of a label's width in px (it must never be narrower than the drawn text). */
export function textWidth(text: string, font = CHART_FONT): number {
  let em = 0;
  for (const ch of text) em += glyphEm(ch);
  return em * font;
}

/** Whether labels centred at `position` (x axis) or stacked at `position` (y axis) keep `gap` px apart. */
export function ticksOverlap(ticks: Tick[], axis: 'x' | 'y', font = CHART_FONT, gap = 6): boolean {
  for (let i = 1; i < ticks.length; i++) {
    const d = Math.abs(ticks[i].position - ticks[i - 1].position);
    const need = axis === 'x' ? (textWidth(ticks[i].label, font) + textWidth(ticks[i - 1].label, font)) / 2 + gap : font + gap / 2;
    if (d < need) return true;
  }
  return false;
}

/**
 * Round tick values of a scale whose labels fit along its range without touching: starting from one tick per
 * `spacing` px (at most `max`), fewer until they fit. A log scale keeps powers of ten (and 2 and 5 times them when
 * there is room). Every label is made from the whole set of values, so they share their digits.
 */
export function fitTicks(
  scale: ScaleLinear<number, number> | ScaleLogarithmic<number, number>,
  labels: TickLabels,
  axis: 'x' | 'y',
  { font = CHART_FONT, spacing = axis === 'x' ? 70 : 34, max = 10 }: { font?: number; spacing?: number; max?: number } = {},
): Tick[] {
  const [a, b] = scale.range();
  const length = Math.abs(b - a);
  const make = (values: number[]): Tick[] => {
    const label = labels(values);
    return values.map((value) => ({ value, position: scale(value), label: label(value) }));
  };
  if ('base' in scale) {
    const all = scale.ticks();
    const decades = all.filter((v) => isMantissa(v, [1]));
    for (const keep of [[1, 2, 5], [1, 3]]) {
      const ticks = make(all.filter((v) => isMantissa(v, keep)));
      if (ticks.length <= max && ticks.length * spacing <= length * 1.5 && !ticksOverlap(ticks, axis, font)) return ticks;
    }
    return thin(make(decades.length ? decades : scale.domain()), axis, font);
  }
  // D3 takes the count as a hint (ticks(8) over 0–232,713 gives twelve, 20K apart): fewer until they are at least
  // three quarters of `spacing` apart and their labels do not touch.
  const crowded = (ticks: Tick[]) => ticks.length > 1 && Math.abs(ticks[1].position - ticks[0].position) < spacing * 0.75;
  let count = Math.max(1, Math.min(max, Math.floor(length / spacing)));
  let ticks = make(scale.ticks(count));
  while (count > 1 && (crowded(ticks) || ticksOverlap(ticks, axis, font))) {
    count--;
    const fewer = scale.ticks(count);
    if (fewer.length < ticks.length) ticks = make(fewer);
  }
  return thin(ticks, axis, font);
}

const DAY_MS = 86_400_000;
const yearFormats = new Map<string, Intl.DateTimeFormat>();

/** Calendar steps a time axis may take, in months: a month, two, a quarter, half a year, then years. */
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200];

/**
 * Ticks of a scale over day numbers at calendar boundaries (the starts of months, quarters, half years or years),
 * labelled "Jan 2011" or, with steps of a year or more, "2011" (in the reader's calendar: Thai shows Buddhist-era
 * years): the smallest step whose labels keep 12 px apart and at least `spacing` px.
 */
export function fitDateTicks(scale: ScaleLinear<number, number>, locale: string, { font = CHART_FONT, spacing = 40 } = {}): Tick[] {
  const [d0, d1] = scale.domain();
  const first = utcMonth.ceil(new Date(d0 * DAY_MS));
  const end = new Date(d1 * DAY_MS + 1);
  let year = yearFormats.get(locale);
  if (!year) yearFormats.set(locale, (year = new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' })));
  const yearOf = year;
  const make = (months: number): Tick[] => {
    const dates = months < 12 ? utcMonth.every(months)!.range(first, end) : utcYear.every(months / 12)!.range(utcYear.ceil(first), end);
    return dates.map((d) => {
      const day = Math.round(d.getTime() / DAY_MS);
      return { value: day, position: scale(day), label: months < 12 ? formatMonth(d.toISOString().slice(0, 7), locale) : yearOf.format(d) };
    });
  };
  let ticks: Tick[] = [];
  for (const months of MONTH_STEPS) {
    ticks = make(months);
    const apart = ticks.length < 2 || Math.abs(ticks[1].position - ticks[0].position) >= spacing;
    if (apart && !ticksOverlap(ticks, 'x', font, 12)) return ticks;
  }
  return thin(ticks, 'x', font, 12);
}

/** Every other label dropped until none overlap (for a scale whose fewest nice ticks still collide). */
function thin(ticks: Tick[], axis: 'x' | 'y', font: number, gap = 6): Tick[] {
  let out = ticks;
  while (out.length > 2 && ticksOverlap(out, axis, font, gap)) out = out.filter((_, i) => i % 2 === 0);
  return out;
}

function isMantissa(v: number, keep: number[]): boolean {
  if (v <= 0) return false;
  const m = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
  return keep.some((k) => Math.abs(m - k) < 1e-6);
}

/**
 * Significant digits that tell round tick values apart: the digits from the largest value's first down to the
 * spacing's first (ticks 0, 50K … 150K need 2: 150K; 9.5K, 10K, 10.5K need 3).
 */
export function tickDigits(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((x, y) => x - y);
  let step = Infinity;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] > sorted[i - 1]) step = Math.min(step, sorted[i] - sorted[i - 1]);
  const top = Math.max(...sorted.map(Math.abs), 0);
  if (!Number.isFinite(step) || top === 0) return 2;
  const digits = Math.floor(Math.log10(top) + 1e-9) - Math.floor(Math.log10(step) + 1e-9) + 1;
  return Math.max(1, Math.min(6, digits));
}

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

/** Compact numbers (1.5K, 132K, 1.2M in English; 132 N, 1,2 Tr in Vietnamese) with the digits the set needs. */
export function compactLabels(locale: string, currency: string | null = null): TickLabels {
  return (values) => {
    const f = numberFormat(locale, {
      notation: 'compact',
      maximumSignificantDigits: tickDigits(values),
      ...(currency ? { style: 'currency', currency } : {}),
    });
    return (v) => f.format(v);
  };
}

/** Shares as percentages with the decimals their spacing needs (0%, 25%, 50% or 0%, 2.5%, 5%). */
export function percentLabels(locale: string): TickLabels {
  return (values) => {
    let step = Infinity;
    for (let i = 1; i < values.length; i++) step = Math.min(step, Math.abs(values[i] - values[i - 1]));
    const decimals = Number.isFinite(step) && step > 0 ? Math.max(0, Math.min(3, -Math.floor(Math.log10(step * 100) + 1e-9))) : 0;
    const f = numberFormat(locale, { style: 'percent', maximumFractionDigits: decimals });
    return (v) => f.format(v);
  };
}

/** Whole numbers as the reader writes them (1,000 or 1.000). */
export function integerLabels(locale: string): TickLabels {
  return (values) => {
    const top = Math.max(0, ...values.map(Math.abs));
    if (top >= 100_000) return compactLabels(locale)(values);
    const f = numberFormat(locale, { maximumFractionDigits: values.some((v) => !Number.isInteger(v)) ? 2 : 0 });
    return (v) => f.format(v);
  };
}

/** Room above the plot (half the top y label stands above it) and below it for one line of x labels. */
export const PLOT_TOP = Math.ceil(CHART_FONT / 2) + 4;
export const X_LABELS = CHART_FONT + 14;
/** Baseline of the x labels below the plot's bottom. */
export const X_LABEL_DY = CHART_FONT + 7;

/** How many y ticks a chart `height` px tall starts from (as fitTicks does): to make its domain end on one. */
export function yCount(height: number): number {
  return Math.max(1, Math.min(10, Math.floor((height - X_LABELS - PLOT_TOP) / 34)));
}

/**
 * The room around a plot whose axes carry these labels: left fits the widest y label, right half of the last x
 * label (it is centred on the plot's edge), top and bottom as above (bottom without x labels: a few px).
 */
export function margins(yLabels: string[], { xLabels = true, lastX = '', font = CHART_FONT } = {}): { l: number; r: number; t: number; b: number } {
  const widest = Math.max(0, ...yLabels.map((s) => textWidth(s, font)));
  return {
    l: Math.ceil(widest) + 8,
    r: Math.max(10, Math.ceil(textWidth(lastX, font) / 2) + 2),
    t: PLOT_TOP,
    b: xLabels ? X_LABELS : 6,
  };
}

/** The width to draw a chart at: its box's measured width, else (on the server, before layout) the fallback. */
export function drawWidth(measured: number, fallback: number, min = 200): number {
  return Math.max(min, Math.floor(measured > 0 ? measured : fallback));
}

/** Okabe–Ito: eight colours that stay distinct for the common kinds of colour blindness. */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/**
 * The next data point for a key press in a chart explored by keyboard: arrows step, Home and End jump; null when
 * the key is not for the chart.
 */
export function stepIndex(key: string, index: number, count: number): number | null {
  if (count <= 0) return null;
  if (key === 'ArrowRight' || key === 'ArrowUp') return Math.min(count - 1, index + 1);
  if (key === 'ArrowLeft' || key === 'ArrowDown') return Math.max(0, index - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}
