/**
 * A chart as a standalone SVG file: its title (and description) above, then the chart's own drawing as plain data
 * (SVG elements, text runs, boxes), with every colour already resolved. A file opened on its own has no page CSS, so
 * nothing in it may refer to the page: `var(--x)` is replaced by the theme's value, and only drawing elements and
 * attributes are written (no scripts, no event handlers, no links out), with every text escaped.
 *
 * Pure: the page collects the drawing (src/lib/chart-picture.ts); this writes the file.
 */

/** An SVG element as data: its tag, attributes and children (elements or text). */
export interface PictureNode {
  tag: string;
  attrs: Record<string, string | number>;
  children: (PictureNode | string)[];
}

/** The theme's colours and font, read from the page (its CSS variables resolved). */
export interface PictureTheme {
  /** Values of the page's CSS custom properties, by name with its dashes (`--text`). */
  vars: Record<string, string>;
  background: string;
  text: string;
  muted: string;
  fontFamily: string;
}

export interface ChartPicture {
  title: string;
  description?: string;
  /** The chart's drawing, positioned in a box of this size (CSS px). */
  width: number;
  height: number;
  body: PictureNode[];
  theme: PictureTheme;
  /** A line under the drawing (where the figures come from). */
  footer?: string;
}

/** Elements a chart file may hold: drawing only. */
const TAGS = new Set([
  'svg', 'g', 'path', 'rect', 'line', 'circle', 'ellipse', 'polyline', 'polygon', 'text', 'tspan', 'defs',
  'linearGradient', 'radialGradient', 'stop', 'pattern', 'clipPath', 'mask', 'title', 'desc',
]);
/** Attribute names that could run or fetch something. */
const UNSAFE_ATTR = /^(on|xmlns:|xlink:|href$|src$|style$)/i;
const NAME = /^[a-zA-Z][a-zA-Z0-9:_-]*$/;

const PAD = 16;
const TITLE_SIZE = 16;
const DESC_SIZE = 12;

/** `&`, `<`, `>`, quotes as entities; characters XML forbids dropped. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
  );
}

/** `var(--name)` and `var(--name, fallback)` replaced by the theme's values (nested ones too); unknown → fallback. */
export function resolveVars(value: string, vars: Record<string, string>): string {
  let out = value;
  for (let guard = 0; guard < 8 && out.includes('var('); guard++) {
    out = out.replace(/var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*(?:\([^()]*\)[^()]*)*))?\)/g, (_, name: string, fallback?: string) => {
      const v = vars[name];
      return v !== undefined && v.trim() !== '' ? v.trim() : (fallback ?? '').trim();
    });
  }
  return out;
}

/** A text broken into lines of at most `width` px, estimating glyphs at 0.58 em (generous for digits and Latin). */
export function wrapLines(text: string, width: number, fontSize: number): string[] {
  const perLine = Math.max(8, Math.floor(width / (fontSize * 0.58)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if ([...next].length > perLine && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function attrText(name: string, value: string | number, vars: Record<string, string>): string | null {
  if (!NAME.test(name) || UNSAFE_ATTR.test(name)) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? `${name}="${Math.round(value * 100) / 100}"` : null;
  let v = resolveVars(value, vars);
  // url(#id) points inside the file (gradients, patterns); any other url() would fetch.
  if (/url\(/i.test(v) && !/^\s*url\(\s*['"]?#[\w-]+['"]?\s*\)\s*$/i.test(v)) return null;
  if (/javascript:|expression\(/i.test(v)) return null;
  // Coordinates to the hundredth of a pixel: the page's 14 digits would only make the file larger.
  if (name !== 'id' && name !== 'font-family') v = v.replace(/(\d\.\d\d)\d+/g, '$1');
  v = v.replace(/"/g, "'");
  return `${name}="${escapeXml(v)}"`;
}

/** One element and its children as SVG markup (elements outside the drawing list are left out with their children). */
export function nodeMarkup(node: PictureNode | string, vars: Record<string, string>): string {
  if (typeof node === 'string') return escapeXml(node);
  if (!TAGS.has(node.tag)) return '';
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => attrText(k, v, vars))
    .filter((a): a is string => a !== null);
  const open = [node.tag, ...attrs].join(' ');
  const inner = node.children.map((c) => nodeMarkup(c, vars)).join('');
  return inner ? `<${open}>${inner}</${node.tag}>` : `<${open}/>`;
}

/** The whole file: a standalone SVG document (UTF-8), sized in px, on the theme's background. */
export function pictureSvg(p: ChartPicture): string {
  const { theme } = p;
  const vars = theme.vars;
  const width = Math.ceil(Math.max(p.width, 200) + 2 * PAD);
  const textWidth = width - 2 * PAD;
  const titleLines = wrapLines(p.title, textWidth, TITLE_SIZE);
  const descLines = p.description ? wrapLines(p.description, textWidth, DESC_SIZE) : [];
  const footLines = p.footer ? wrapLines(p.footer, textWidth, DESC_SIZE - 1) : [];
  let y = PAD;
  const head: string[] = [];
  for (const line of titleLines) {
    y += TITLE_SIZE * 1.3;
    head.push(`<text x="${PAD}" y="${Math.round(y - 4)}" font-size="${TITLE_SIZE}" font-weight="600" fill="${escapeXml(resolveVars(theme.text, vars))}">${escapeXml(line)}</text>`);
  }
  for (const line of descLines) {
    y += DESC_SIZE * 1.4;
    head.push(`<text x="${PAD}" y="${Math.round(y - 3)}" font-size="${DESC_SIZE}" fill="${escapeXml(resolveVars(theme.muted, vars))}">${escapeXml(line)}</text>`);
  }
  y += 10;
  const bodyTop = Math.round(y);
  y += Math.ceil(p.height);
  const foot: string[] = [];
  if (footLines.length) y += 8;
  for (const line of footLines) {
    y += (DESC_SIZE - 1) * 1.4;
    foot.push(`<text x="${PAD}" y="${Math.round(y - 3)}" font-size="${DESC_SIZE - 1}" fill="${escapeXml(resolveVars(theme.muted, vars))}">${escapeXml(line)}</text>`);
  }
  const height = Math.ceil(y + PAD);
  const body = p.body.map((n) => nodeMarkup(n, vars)).join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(theme.fontFamily.replace(/"/g, "'"))}">`,
    `<title>${escapeXml(p.title)}</title>`,
    p.description ? `<desc>${escapeXml(p.description)}</desc>` : '',
    `<rect width="100%" height="100%" fill="${escapeXml(resolveVars(theme.background, vars))}"/>`,
    ...head,
    `<g transform="translate(${PAD} ${bodyTop})">${body}</g>`,
    ...foot,
    '</svg>',
  ].join('\n');
}

/** The pixel size a picture is rasterised at: `scale` times its size, less when that would exceed `maxPixels`. */
export function rasterSize(width: number, height: number, scale = 2, maxPixels = 16_000_000): { width: number; height: number; scale: number } {
  const s = Math.max(0.1, Math.min(scale, Math.sqrt(maxPixels / Math.max(1, width * height))));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)), scale: s };
}

export { chartFileName } from './file-name';
