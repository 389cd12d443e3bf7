/**
 * What a phone screen must hold, checked in a page laid out at its real width. Playwright's `isMobile` lets Chromium
 * widen the layout viewport to the content, which hides sideways overflow; these checks are meant for a plain
 * 360-px-wide viewport instead, where a too-wide element makes the page scroll sideways.
 */
import type { Browser, Page } from '@playwright/test';

export const PHONE = { width: 360, height: 740 };

/** A 360-px-wide page without `isMobile` (see above), touch enabled, in a language. */
export async function phonePage(browser: Browser, language: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true });
  const page = await context.newPage();
  await page.addInitScript((code) => localStorage.setItem('clv.locale', code), language);
  return page;
}

/** Wait until charts have been measured and drawn at their boxes' widths (a resize observer, then a frame). */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)))));
}

/**
 * Everything a reader would have to scroll sideways to see: the page's own scroll width when it exceeds the screen,
 * and each visible element whose visible part (its box clipped by every ancestor that clips or scrolls) ends right
 * of the screen, as "tag.class[data-testid] right=…px (text…)". An element inside a box that scrolls within the
 * screen is fine: the box is on screen and scrolls by itself. Only the outermost offender of a subtree is listed.
 */
export async function sidewaysOverflow(page: Page, width = PHONE.width): Promise<string[]> {
  return page.evaluate((limit) => {
    const out: string[] = [];
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > limit) out.push(`document scrollWidth=${scrollWidth}px`);
    const describe = (el: Element, right: number) => {
      const classes = (el.getAttribute('class') ?? '').split(/\s+/).filter((c) => c && !c.startsWith('svelte-'));
      const cls = classes.length ? `.${classes.join('.')}` : '';
      const id = el.getAttribute('data-testid');
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${cls}${id ? `[data-testid=${id}]` : ''} right=${Math.round(right)}px${text ? ` (${text})` : ''}`;
    };
    const walk = (el: Element, clipRight: number) => {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') return;
      const box = el.getBoundingClientRect();
      const clipped = style.clip !== 'auto' && style.position === 'absolute';
      if (clipped) return; // visually hidden text, for screen readers only
      const visibleRight = Math.min(box.right, clipRight);
      if (box.width > 0 && box.height > 0 && visibleRight > limit + 0.5 && box.left < clipRight) {
        out.push(describe(el, visibleRight));
        return;
      }
      const clips = style.overflowX !== 'visible';
      const inner = clips ? Math.min(clipRight, box.right) : clipRight;
      for (const child of el.children) walk(child, inner);
    };
    walk(document.body, Infinity);
    return out;
  }, width);
}

/**
 * Chart text drawn smaller than `min` CSS px: each SVG text's font size times the scale its SVG is drawn at (an SVG
 * shrunk by its viewBox shrinks its text), as "testid: size px 'text'".
 */
export async function smallChartText(page: Page, min = 11): Promise<string[]> {
  return page.evaluate((limit) => {
    const out: string[] = [];
    for (const text of document.querySelectorAll('svg text')) {
      const el = text as SVGTextElement;
      if (!el.textContent?.trim() || el.getBoundingClientRect().width === 0) continue;
      const ctm = el.getScreenCTM();
      if (!ctm) continue;
      const size = parseFloat(getComputedStyle(el).fontSize) * Math.hypot(ctm.a, ctm.b);
      if (size < limit - 0.05) {
        const chart = el.closest('[data-testid]')?.getAttribute('data-testid') ?? el.ownerSVGElement?.getAttribute('aria-label') ?? '?';
        out.push(`${chart}: ${size.toFixed(1)}px '${el.textContent.trim().slice(0, 30)}'`);
      }
    }
    return out;
  }, min);
}

/**
 * Pairs of chart texts that overlap on screen (their drawn boxes intersect by more than a pixel), per SVG, as
 * "testid: 'a' × 'b'": tick labels that run together, or an axis label under a title.
 */
export async function overlappingChartText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const svg of document.querySelectorAll('svg')) {
      const boxes = [...svg.querySelectorAll('text')]
        .filter((t) => t.textContent?.trim())
        .map((t) => ({ text: t.textContent!.trim(), box: t.getBoundingClientRect() }))
        .filter((b) => b.box.width > 0);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].box;
          const b = boxes[j].box;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 1 && h > 1) {
            const chart = svg.closest('[data-testid]')?.getAttribute('data-testid') ?? svg.getAttribute('aria-label') ?? '?';
            out.push(`${chart}: '${boxes[i].text.slice(0, 24)}' × '${boxes[j].text.slice(0, 24)}'`);
          }
        }
      }
    }
    return out;
  });
}
