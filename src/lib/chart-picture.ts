/**
 * A chart as it stands on the page, made into a picture file: the SVGs it draws (with their computed colours, fonts
 * and strokes written on each element), the HTML text around them (axis titles, legends, notes) as SVG text at the
 * same places, and coloured boxes (legend swatches, cells). Controls (selects, fields, unchecked choices) and live tooltips
 * are left out. Loaded on demand: only a download needs it.
 */
import { chartFileName } from '../core/export/file-name';
import { pictureSvg, rasterSize, type ChartPicture, type PictureNode, type PictureTheme } from '../core/export/svg-picture';

/** Properties written onto each SVG element: what its page CSS decided. */
const SVG_PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'font-size', 'font-weight', 'font-family', 'text-anchor', 'dominant-baseline', 'paint-order', 'visibility',
] as const;
/** Attributes copied from the page's SVG elements (geometry, references); the rest (aria, tabindex, classes) is not. */
const SVG_ATTRS = new Set([
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'd', 'points', 'transform', 'viewBox',
  'id', 'offset', 'stop-color', 'stop-opacity', 'patternUnits', 'patternTransform', 'gradientUnits', 'gradientTransform',
  'fx', 'fy', 'fr', 'preserveAspectRatio', 'dx', 'dy', 'fill', 'stroke', 'text-anchor', 'dominant-baseline', 'clip-path', 'mask',
]);
const THEME_VARS = ['--bg', '--surface', '--surface-2', '--text', '--muted', '--border', '--border-strong', '--accent', '--accent-ink', '--accent-soft', '--focus', '--danger', '--danger-soft'];

const transparent = (c: string) => !c || c === 'transparent' || /^rgba\(.*,\s*0\)$/.test(c);

/** The theme as the page shows it now (light or dark). */
export function currentTheme(from: Element = document.documentElement): PictureTheme {
  const root = getComputedStyle(document.documentElement);
  const vars = Object.fromEntries(THEME_VARS.map((name) => [name, root.getPropertyValue(name).trim()]));
  const box = getComputedStyle(from);
  let background = box.backgroundColor;
  for (let el: Element | null = from; el && transparent(background); el = el.parentElement) background = getComputedStyle(el).backgroundColor;
  if (transparent(background)) background = vars['--surface'] || '#ffffff';
  return { vars, background, text: vars['--text'] || box.color, muted: vars['--muted'] || box.color, fontFamily: root.fontFamily };
}

/** Where an element would be if no box between it and `root` were scrolled. */
function offsetOf(el: Element, root: Element, origin: DOMRect): { left: number; top: number } {
  const r = el.getBoundingClientRect();
  let left = r.left - origin.left;
  let top = r.top - origin.top;
  for (let p = el.parentElement; p && p !== root.parentElement; p = p.parentElement) {
    left += p.scrollLeft;
    top += p.scrollTop;
  }
  return { left, top };
}

/** Left out of a picture: controls, live tooltips, text for screen readers only, anything marked so. */
function skipped(el: Element, style: CSSStyleDeclaration): boolean {
  if (style.display === 'none' || style.visibility === 'hidden') return true;
  if (el.matches('select, textarea, summary, [role="status"], [data-picture="skip"], input:not([type="checkbox"])')) return true;
  if (style.position === 'absolute' && style.clip !== 'auto') return true;
  // A choice: an unchecked one is not in the picture; a radio group is the title's business.
  if (el.matches('label') && el.querySelector('input[type="radio"], input[type="checkbox"]:not(:checked)')) return true;
  // The caption of a set of checkboxes asks the reader to choose ("Cohorts to show"): the picture shows the chosen.
  if (el.matches('fieldset > legend') && el.parentElement?.querySelector('input[type="checkbox"]')) return true;
  return el instanceof HTMLInputElement && !el.checked;
}

/** Properties a child takes from its parent: written only where they differ from the parent's. */
const INHERITED = new Set(['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin', 'font-size', 'font-weight', 'font-family', 'text-anchor', 'paint-order', 'visibility']);
const NOT_DRAWN = /^(defs|linearGradient|radialGradient|stop|pattern|clipPath|mask)$/i;

function svgNode(el: Element, parent: CSSStyleDeclaration | null): PictureNode | null {
  const style = getComputedStyle(el);
  if (style.display === 'none') return null;
  const attrs: Record<string, string> = {};
  for (const a of el.attributes) if (SVG_ATTRS.has(a.name)) attrs[a.name] = a.value;
  if (!NOT_DRAWN.test(el.tagName)) {
    for (const p of SVG_PROPS) {
      const v = style.getPropertyValue(p);
      if (!v || v === 'auto' || (p === 'opacity' && v === '1')) continue;
      if (parent && INHERITED.has(p) && parent.getPropertyValue(p) === v) {
        delete attrs[p];
        continue;
      }
      if (!parent || INHERITED.has(p) || v !== 'normal') attrs[p] = v;
    }
  }
  const children: (PictureNode | string)[] = [];
  for (const c of el.childNodes) {
    if (c.nodeType === Node.TEXT_NODE) {
      if (c.textContent) children.push(c.textContent);
    } else if (c instanceof Element) {
      const n = svgNode(c, style);
      if (n) children.push(n);
    }
  }
  return { tag: el.tagName.replace(/^svg:/, ''), attrs, children };
}

/** A text node as SVG text, one piece per line it is laid out on. */
function textRuns(node: Text, root: Element, origin: DOMRect, out: PictureNode[]) {
  const parent = node.parentElement!;
  const style = getComputedStyle(parent);
  const text = node.textContent ?? '';
  const words: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/\S+/g)) words.push({ start: m.index!, end: m.index! + m[0].length });
  if (!words.length) return;
  const range = document.createRange();
  const lines: { top: number; left: number; bottom: number; text: string }[] = [];
  const shift = offsetOf(parent, root, origin);
  const parentBox = parent.getBoundingClientRect();
  for (const w of words) {
    range.setStart(node, w.start);
    range.setEnd(node, w.end);
    const r = range.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const left = r.left - parentBox.left + shift.left;
    const top = r.top - parentBox.top + shift.top;
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.top - top) < r.height / 2) last.text += ` ${text.slice(w.start, w.end)}`;
    else lines.push({ top, left, bottom: top + r.height, text: text.slice(w.start, w.end) });
  }
  for (const l of lines) {
    out.push({
      tag: 'text',
      attrs: {
        x: l.left,
        y: l.top + (l.bottom - l.top) * 0.78,
        fill: style.color,
        'font-size': style.fontSize,
        'font-weight': style.fontWeight,
        'font-family': style.fontFamily,
      },
      children: [l.text],
    });
  }
}

function walk(el: Element, root: Element, origin: DOMRect, out: PictureNode[]) {
  const style = getComputedStyle(el);
  if (el !== root && skipped(el, style)) return;
  if (el instanceof SVGSVGElement) {
    const { left, top } = offsetOf(el, root, origin);
    const r = el.getBoundingClientRect();
    const node = svgNode(el, null);
    if (!node) return;
    node.attrs.x = String(left);
    node.attrs.y = String(top);
    node.attrs.width = String(r.width);
    node.attrs.height = String(r.height);
    node.attrs['font-size'] = style.fontSize;
    node.attrs['font-family'] = style.fontFamily;
    node.attrs.overflow = 'visible';
    out.push(node);
    return;
  }
  if (el instanceof HTMLInputElement) {
    // A checked box in a legend: drawn as a small ticked square.
    const { left, top } = offsetOf(el, root, origin);
    const r = el.getBoundingClientRect();
    const s = Math.min(r.width, r.height);
    out.push({ tag: 'rect', attrs: { x: left + 1, y: top + 1, width: s - 2, height: s - 2, rx: 2, fill: 'none', stroke: style.color, 'stroke-width': 1.2 }, children: [] });
    out.push({ tag: 'path', attrs: { d: `M${left + s * 0.25} ${top + s * 0.5} l${s * 0.18} ${s * 0.2} l${s * 0.32} ${-s * 0.4}`, fill: 'none', stroke: style.color, 'stroke-width': 1.6 }, children: [] });
    return;
  }
  if (el !== root && el instanceof HTMLElement) {
    const bg = style.backgroundColor;
    const borderW = parseFloat(style.borderTopWidth) || 0;
    const border = style.borderTopColor;
    if (!transparent(bg) || (borderW > 0 && !transparent(border) && style.borderTopStyle !== 'none' && el.offsetWidth < 40)) {
      const { left, top } = offsetOf(el, root, origin);
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) {
        out.push({
          tag: 'rect',
          attrs: { x: left, y: top, width: r.width, height: r.height, rx: parseFloat(style.borderTopLeftRadius) || 0, fill: transparent(bg) ? 'none' : bg, ...(borderW > 0 && !transparent(border) ? { stroke: border, 'stroke-width': borderW } : {}) },
          children: [],
        });
      }
    }
  }
  for (const c of el.childNodes) {
    if (c.nodeType === Node.TEXT_NODE) textRuns(c as Text, root, origin, out);
    else if (c instanceof Element) walk(c, root, origin, out);
  }
}

/** The drawing of a chart's box, as data, and the size it takes (the whole drawing, also what is scrolled away). */
export function collectDrawing(root: HTMLElement): { body: PictureNode[]; width: number; height: number } {
  const origin = root.getBoundingClientRect();
  const body: PictureNode[] = [];
  walk(root, root, origin, body);
  let width = root.scrollWidth;
  let height = root.scrollHeight;
  for (const n of body) {
    const x = Number(n.attrs.x ?? 0) + Number(n.attrs.width ?? 0);
    const y = Number(n.attrs.y ?? 0) + Number(n.attrs.height ?? 0);
    if (Number.isFinite(x)) width = Math.max(width, x);
    if (Number.isFinite(y)) height = Math.max(height, y);
  }
  return { body, width: Math.ceil(width), height: Math.ceil(height) };
}

/** The chart in `root` as a standalone SVG file's text. */
export function chartSvg(root: HTMLElement, title: string, description?: string, footer?: string): string {
  const drawing = collectDrawing(root);
  const picture: ChartPicture = { title, description, footer, ...drawing, theme: currentTheme(root) };
  return pictureSvg(picture);
}

/** An SVG file's text drawn into a PNG, at twice its size (crisp on a high-density screen or in print). */
export async function svgToPng(svg: string): Promise<Blob> {
  const size = svg.match(/<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"/);
  const w = Number(size?.[1] ?? 800);
  const h = Number(size?.[2] ?? 600);
  const px = rasterSize(w, h, Math.max(2, window.devicePixelRatio || 1));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image(w, h);
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = px.width;
    canvas.height = px.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D canvas.');
    ctx.scale(px.scale, px.scale);
    ctx.drawImage(img, 0, 0, w, h);
    return await new Promise<Blob>((done, fail) => canvas.toBlob((b) => (b ? done(b) : fail(new Error('PNG encoding failed.'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export { chartFileName };
