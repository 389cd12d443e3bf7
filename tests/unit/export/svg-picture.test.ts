/**
 * The chart picture file, written from data: it keeps the title, the legend's text and the units, escapes whatever
 * the user typed, stands alone (no CSS variables, no scripts, no links out), and gets a file name any OS accepts.
 */
import { describe, expect, it } from 'vitest';
import { todayIso } from '../../../src/lib/format';
import { chartFileName, escapeXml, nodeMarkup, pictureSvg, rasterSize, resolveVars, wrapLines, type ChartPicture, type PictureNode } from '../../../src/core/export/svg-picture';

const LIGHT = { '--text': '#111827', '--muted': '#4b5563', '--surface': '#ffffff', '--border': '#d1d5db' };
const DARK = { '--text': '#e5e7eb', '--muted': '#a8b3c7', '--surface': '#111a2e', '--border': '#2c3a57' };

const text = (x: number, y: number, s: string, fill = 'var(--muted)'): PictureNode => ({ tag: 'text', attrs: { x, y, fill }, children: [s] });

function picture(vars: Record<string, string>, over: Partial<ChartPicture> = {}): ChartPicture {
  return {
    title: 'Cohorts: % still buying, by month',
    description: 'Each row is the customers who first bought in that month.',
    width: 400,
    height: 200,
    theme: { vars, background: 'var(--surface)', text: 'var(--text)', muted: 'var(--muted)', fontFamily: 'system-ui, "Noto Sans Thai", sans-serif' },
    body: [
      { tag: 'svg', attrs: { x: 0, y: 20, width: 300, height: 120, viewBox: '0 0 300 120' }, children: [
        { tag: 'rect', attrs: { x: 10, y: 10, width: 30, height: 20, fill: '#0072b2', stroke: 'var(--border)' }, children: [] },
        text(10, 60, '14.7%'),
      ] },
      text(0, 12, 'Net revenue per customer (₫)'),
      text(0, 190, 'Legend: share of the cohort still buying'),
    ],
    ...over,
  };
}

describe('pictureSvg', () => {
  it('holds the title (as text and as the file title), the description, the legend and the axis units', () => {
    const svg = pictureSvg(picture(LIGHT));
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(svg).toContain('<title>Cohorts: % still buying, by month</title>');
    expect(svg).toContain('>Cohorts: % still buying, by month</text>');
    expect(svg).toContain('Each row is the customers who first bought in that month.');
    expect(svg).toContain('>Legend: share of the cohort still buying</text>');
    expect(svg).toContain('>Net revenue per customer (₫)</text>');
    expect(svg).toContain('>14.7%</text>');
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  });

  it('resolves the theme: no var() is left, light and dark give their own colours', () => {
    const light = pictureSvg(picture(LIGHT));
    const dark = pictureSvg(picture(DARK));
    for (const svg of [light, dark]) expect(svg).not.toContain('var(');
    expect(light).toContain('fill="#ffffff"');
    expect(light).toContain('stroke="#d1d5db"');
    expect(dark).toContain('fill="#111a2e"');
    expect(dark).toContain('fill="#e5e7eb"'); // the title in the dark theme's text colour
    expect(dark).not.toContain('#ffffff');
  });

  it('escapes what the user typed: a title or label with markup stays text', () => {
    const evil = '<script>alert(1)</script> & "quotes" \'single\'';
    const svg = pictureSvg(picture(LIGHT, { title: evil, body: [text(0, 0, evil)] }));
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;single&#39;');
  });

  it('writes drawing only: no scripts, foreign objects, event handlers, styles or links out', () => {
    const body: PictureNode[] = [
      { tag: 'script', attrs: {}, children: ['alert(1)'] },
      { tag: 'foreignObject', attrs: {}, children: [{ tag: 'div', attrs: {}, children: ['x'] }] },
      { tag: 'image', attrs: { href: 'https://example.com/a.png' }, children: [] },
      { tag: 'rect', attrs: { onclick: 'alert(1)', onload: 'x', style: 'fill:url(https://e.com/x)', href: 'javascript:alert(1)', width: 5, fill: 'url(https://evil.example/p)' }, children: [] },
      { tag: 'rect', attrs: { width: 6, fill: 'url(#ramp)', 'x" onload="alert(1)': '1' }, children: [] },
    ];
    const svg = pictureSvg(picture(LIGHT, { body }));
    expect(svg).not.toMatch(/script|foreignObject|<image|onclick|onload|style=|javascript:|https?:\/\/(?!www\.w3\.org)/);
    expect(svg).toContain('<rect width="5"/>');
    expect(svg).toContain('<rect width="6" fill="url(#ramp)"/>');
  });

  it('makes room for a long title on several lines above the drawing', () => {
    const long = 'Predicted CLV over the next 12 months, per customer, with the 90% range of each estimate and the model used';
    const svg = pictureSvg(picture(LIGHT, { title: long, width: 300 }));
    const lines = [...svg.matchAll(/font-size="16"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(long);
    const height = Number(svg.match(/height="(\d+)"/)![1]);
    expect(height).toBeGreaterThan(200 + lines.length * 16);
  });
});

describe('pieces', () => {
  it('resolveVars: nested, with fallbacks, unknown ones', () => {
    expect(resolveVars('var(--text)', LIGHT)).toBe('#111827');
    expect(resolveVars('var(--nope, var(--muted))', LIGHT)).toBe('#4b5563');
    expect(resolveVars('var(--nope, rgb(1, 2, 3))', LIGHT)).toBe('rgb(1, 2, 3)');
    expect(resolveVars('1px solid var(--border)', DARK)).toBe('1px solid #2c3a57');
    expect(resolveVars('var(--nope)', LIGHT)).toBe('');
  });

  it('escapeXml drops characters XML forbids', () => {
    expect(escapeXml('a\u0000b\u0007c')).toBe('abc');
    expect(escapeXml('Tháng 1/2024 · ม.ค. 2567')).toBe('Tháng 1/2024 · ม.ค. 2567');
  });

  it('nodeMarkup keeps ids and gradients that point inside the file, and rounds numbers', () => {
    const grad: PictureNode = { tag: 'linearGradient', attrs: { id: 'p1-ramp' }, children: [{ tag: 'stop', attrs: { offset: '0%', 'stop-color': 'rgb(247, 251, 255)' }, children: [] }] };
    expect(nodeMarkup(grad, {})).toBe('<linearGradient id="p1-ramp"><stop offset="0%" stop-color="rgb(247, 251, 255)"/></linearGradient>');
    expect(nodeMarkup({ tag: 'circle', attrs: { cx: 1 / 3, cy: Number.NaN, r: 2 }, children: [] }, {})).toBe('<circle cx="0.33" r="2"/>');
  });

  it('nodeMarkup writes coordinates to the hundredth of a pixel', () => {
    expect(nodeMarkup({ tag: 'path', attrs: { d: 'M35.73662119622247,10L-4.123456,2', y: '61.654774396642196' }, children: [] }, {})).toBe('<path d="M35.73,10L-4.12,2" y="61.65"/>');
  });

  it('wrapLines keeps every word, in order', () => {
    const s = 'one two three four five six seven eight nine ten';
    const lines = wrapLines(s, 60, 12);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(s);
  });

  it('rasterSize: twice the size, less for a huge chart', () => {
    expect(rasterSize(400, 300)).toEqual({ width: 800, height: 600, scale: 2 });
    const big = rasterSize(5000, 4000);
    expect(big.width * big.height).toBeLessThanOrEqual(16_000_000 + 10_000);
    expect(big.scale).toBeLessThan(1);
  });
});

describe('chartFileName', () => {
  it('follows the title, with characters file systems refuse made dashes', () => {
    expect(chartFileName('Cohorts: % still buying, by month', 'svg')).toBe('Cohorts-still-buying-by-month.svg');
    expect(chartFileName('a/b\\c:d*e?f"g<h>i|j', 'png')).toBe('a-b-c-d-e-f-g-h-i-j.png');
    expect(chartFileName('Revenue (₫) per customer', '.csv')).toBe('Revenue-(-)-per-customer.csv');
  });

  it('keeps Vietnamese and Thai letters with their marks', () => {
    expect(chartFileName('Khách hàng còn mua theo tháng', 'png')).toBe('Khách-hàng-còn-mua-theo-tháng.png');
    // Thai vowel and tone marks are marks (\p{M}), not letters: they must stay.
    expect(chartFileName('ลูกค้าที่ยังซื้อ', 'png')).toBe('ลูกค้าที่ยังซื้อ.png');
    // Decomposed input (as macOS may give) is composed first.
    expect(chartFileName('Tha\u0301ng', 'svg')).toBe('Tháng.svg');
  });

  it('never empty, hidden, a device name or longer than 80 characters (none cut in half)', () => {
    expect(chartFileName('...', 'svg')).toBe('chart.svg');
    expect(chartFileName('<>', 'svg')).toBe('chart.svg');
    expect(chartFileName('.hidden', 'svg')).toBe('hidden.svg');
    expect(chartFileName('CON', 'png')).toBe('chart-CON.png');
    expect(chartFileName('nul', 'png')).toBe('chart-nul.png');
    expect(chartFileName('😀 📈', 'png')).toBe('chart.png');
    // A letter outside the BMP is two UTF-16 units: 80 whole letters, never a lone surrogate.
    const long = chartFileName('𠀀'.repeat(100), 'png');
    expect(long).toBe(`${'𠀀'.repeat(80)}.png`);
    expect(long.isWellFormed()).toBe(true);
  });
});

describe('todayIso', () => {
  it("is the user's calendar day, late in the evening too (not UTC's)", () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(todayIso(new Date(2026, 11, 31, 0, 1))).toBe('2026-12-31');
  });
});
