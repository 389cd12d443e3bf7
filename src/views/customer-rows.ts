/** The customer tables' window: which rows to draw for a scroll position (the search and sort are in core). */
/** The rows to render for a scroll position: a window of the list plus a few rows either side. */
export function visibleWindow(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 6) {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (total - end) * rowHeight };
}
