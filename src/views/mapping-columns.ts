/**
 * Which columns the mapping screen draws. A file of 100,000 columns listed in each of the 14 role pickers and its
 * preview made 1.2 million page elements and froze the page for most of a minute; the screen draws a bounded number
 * and finds any other column by name.
 */

/** Columns listed in each role picker when no search is typed, and the most a search lists. */
export const LISTED_COLUMNS = 100;
/** Columns shown in the preview table. */
export const PREVIEWED_COLUMNS = 30;

/** The chosen columns (roles set), without repeats or nulls. */
function chosenOf(chosen: readonly (number | null | undefined)[], width: number): number[] {
  return [...new Set(chosen.filter((c): c is number => typeof c === 'number' && c >= 0 && c < width))];
}

/**
 * The columns each role picker lists, in file order: every chosen column, then the first columns, or those whose name
 * holds `query` (case and accents ignored), up to LISTED_COLUMNS more. `total` is how many columns match (all of them
 * without a query), so the screen can say how many are not listed.
 */
export function listedColumns(header: readonly string[], chosen: readonly (number | null | undefined)[], query: string, limit = LISTED_COLUMNS): { columns: number[]; matching: number } {
  const keep = new Set(chosenOf(chosen, header.length));
  const q = fold(query.trim());
  let matching = 0;
  let added = 0;
  for (let c = 0; c < header.length; c++) {
    if (q !== '' && !fold(header[c]).includes(q)) continue;
    matching++;
    if (added < limit && !keep.has(c)) {
      keep.add(c);
      added++;
    }
  }
  return { columns: [...keep].sort((a, b) => a - b), matching };
}

/** The columns the preview shows, in file order: the chosen ones and the first, PREVIEWED_COLUMNS in all (or more chosen). */
export function previewedColumns(width: number, chosen: readonly (number | null | undefined)[], limit = PREVIEWED_COLUMNS): number[] {
  const keep = new Set(chosenOf(chosen, width));
  for (let c = 0; c < width && keep.size < limit; c++) keep.add(c);
  return [...keep].sort((a, b) => a - b);
}

const foldCache = new Map<string, string>();
/** Lower case without accents, for matching a typed search to column names. */
function fold(text: string): string {
  let folded = foldCache.get(text);
  if (folded === undefined) {
    if (foldCache.size > 200_000) foldCache.clear();
    folded = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/đ/g, 'd');
    foldCache.set(text, folded);
  }
  return folded;
}
