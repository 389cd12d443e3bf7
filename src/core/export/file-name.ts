/** File names for downloads made from titles people read (any language). */

const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A file name from a chart's title, safe on Windows, macOS, Linux, Android and iOS: letters of any script with their
 * marks (Thai vowels and tones, Vietnamese accents) kept, characters a file system refuses and spaces made `-`,
 * no leading or trailing dot or dash, no reserved device name, at most 80 characters (never half a character).
 */
export function chartFileName(title: string, extension: string): string {
  const cleaned = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}._()-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  let base = [...cleaned].slice(0, 80).join('').replace(/[-.]+$/, '');
  if (!base || RESERVED.test(base)) base = `chart${base ? `-${base}` : ''}`;
  return `${base}.${extension.replace(/^\./, '')}`;
}
