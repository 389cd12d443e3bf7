/**
 * Gzip files as the import sees them: told by their first bytes (never by their name), their inflated size capped
 * (a small file can inflate past what a tab can hold: a "gzip bomb"), and the progress of their reading measured on
 * the inflated bytes, which the compressed bytes consumed tell badly (a 0.3 MB file can hold 100 MB of text, and the
 * decompressor takes in the whole file long before its text has been read).
 */
import { ImportError } from './import-error';

export { isGzipMagic } from './gzip-magic';

/**
 * The inflated size a gzip file declares in its last 4 bytes (ISIZE, little-endian): the size modulo 2^32 of its
 * last member. Exact for a one-member file under 4 GiB, which every file the cap lets through is (unless the file
 * is several gzip members one after the other, or lies: then progress falls back to the compressed bytes).
 */
export function declaredInflatedSize(trailer: Uint8Array): number | null {
  if (trailer.length < 4) return null;
  const n = trailer.length;
  return (trailer[n - 4] | (trailer[n - 3] << 8) | (trailer[n - 2] << 16) | (trailer[n - 1] << 24)) >>> 0;
}

const MIB = 1 << 20;
const GIB = 1 << 30;

/**
 * The most text a gzip file may inflate to: a quarter of the device's memory, between 256 MiB and 4 GiB (2 GiB when
 * the device does not say). Why a quarter: the import keeps each row it accepts (about 150 bytes a row in Chromium
 * for about 36 bytes of CSV text), so the table of a file of this size takes about the device's memory again; a
 * larger file would crash the tab before it is read, and a real export this large is better split.
 * `deviceMemoryGiB`: navigator.deviceMemory (Chromium rounds it and caps it at 8) or the machine's memory in Node.
 */
export function inflatedLimit(deviceMemoryGiB: number | null | undefined): number {
  if (deviceMemoryGiB === null || deviceMemoryGiB === undefined || !(deviceMemoryGiB > 0)) return 2 * GIB;
  return Math.min(4 * GIB - 1, Math.max(256 * MIB, Math.floor((deviceMemoryGiB * GIB) / 4)));
}

/** A size in bytes for a message: "2 GB", "512 MB". */
export function sizeText(bytes: number): string {
  if (bytes >= GIB) return `${+(bytes / GIB).toFixed(1)} GB`;
  return `${Math.round(bytes / MIB)} MB`;
}

export const GZIP_TOO_LARGE = 'gzip-too-large';
export const GZIP_BROKEN = 'gzip-broken';
export const GZIP_BROKEN_TEXT = 'This file is gzip-compressed but its compressed data is damaged or cut short, so it cannot be read. Download or compress it again.';

/**
 * Counts the inflated bytes of one gzip file as they are read: stops the read past the limit, and says how far
 * through the file the reading is, in compressed bytes (the scale of the file's size, which the progress bar shows).
 */
export class GzipMeter {
  inflated = 0;

  constructor(
    /** The compressed file's size. */
    readonly compressedBytes: number,
    /** Its declared inflated size (declaredInflatedSize), or null. */
    readonly declared: number | null,
    readonly limit: number,
  ) {}

  /** Count `n` more inflated bytes; past the limit, an ImportError saying so. */
  add(n: number): void {
    this.inflated += n;
    if (this.inflated > this.limit) {
      const limit = sizeText(this.limit);
      throw new ImportError(
        GZIP_TOO_LARGE,
        `This compressed file expands to more than ${limit}, more than this device can read safely, so the reading was stopped. If it is a real export, decompress it and split it into smaller files.`,
        { limit },
      );
    }
  }

  /**
   * How far through the file the reading is, on the scale of the compressed size: the inflated bytes read over the
   * declared size when that holds; else the compressed bytes consumed. Either way below the file's size until the
   * reading ends, so the bar never shows 100% while text is still coming.
   */
  progress(consumedCompressed: number): number {
    const total = this.compressedBytes;
    const declared = this.declared;
    const estimate = declared !== null && declared > 0 && this.inflated <= declared ? (total * this.inflated) / declared : consumedCompressed;
    return Math.max(0, Math.min(estimate, total * 0.999));
  }
}
