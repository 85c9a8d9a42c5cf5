const encoder = new TextEncoder();

/**
 * `text` encoded as UTF-8. Chromium's `TextEncoder.encodeInto` into a buffer sized for ASCII
 * (state JSON nearly always is) takes about a third of the time `encode` or `new Blob([text])`
 * spends on the same string: 155 ms against 520 ms for a 21 MB imported state.
 */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  const ascii = new Uint8Array(text.length);
  const first = encoder.encodeInto(text, ascii);
  if (first.read === text.length) return ascii.subarray(0, first.written);
  // Past the first non-ASCII character: each UTF-16 unit left takes at most 3 bytes.
  const bytes = new Uint8Array(first.written + (text.length - first.read) * 3);
  bytes.set(ascii.subarray(0, first.written));
  const rest = encoder.encodeInto(text.slice(first.read), bytes.subarray(first.written));
  return bytes.subarray(0, first.written + rest.written);
}

/** A Blob of `text` (as `new Blob([text], { type })` makes it, byte for byte), encoded the faster way. */
export function textBlob(text: string, type = "application/json"): Blob {
  return new Blob([utf8(text)], { type });
}
