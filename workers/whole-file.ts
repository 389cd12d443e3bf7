/** Reading a small file whole in the worker; in the summary jobs' chunk, not the worker's own script (its size budget). */
import { gunzipChunks, isGzip } from './file-bytes';

/** A small file's whole text bytes (a summary, a cohort table): inflated when it is gzip, within the inflation cap. */
export async function readWholeFile(file: Blob): Promise<Uint8Array> {
  if (!(await isGzip(file))) return new Uint8Array(await file.arrayBuffer());
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of gunzipChunks(file).chunks) {
    parts.push(chunk);
    length += chunk.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
