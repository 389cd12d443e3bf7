/** Save generated content as a file on the user's device (no network involved). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

/** A file name derived from user text, safe on every OS. */
export function safeFileName(name: string, suffix: string): string {
  // Marks (\p{M}) are letters' parts: Thai vowels and tones, decomposed Vietnamese accents.
  const base = [...name.normalize('NFC').replace(/\.[a-z0-9]+(\.gz)?$/i, '').replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '-')].slice(0, 80).join('') || 'dataset';
  return `${base}${suffix}`;
}
