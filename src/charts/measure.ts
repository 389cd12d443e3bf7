/** Measuring a chart's box without slowing the page down. */
import type { Attachment } from 'svelte/attachments';

/**
 * Reports an element's content width whenever it changes. A ResizeObserver reports after the browser has laid the
 * page out; reading clientWidth in an effect (as bind:clientWidth does on start) instead forces a layout then and
 * there, once per chart, which with a few thousand heatmap cells on the page cost a second.
 */
export function widthOf(set: (width: number) => void): Attachment<HTMLElement> {
  return (node) => {
    const observer = new ResizeObserver(([entry]) => set(Math.floor(entry.contentRect.width)));
    observer.observe(node);
    return () => observer.disconnect();
  };
}
