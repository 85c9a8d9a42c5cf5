import { isPlainJsonObject } from "../ops/index.ts";
import { textBlob } from "./text-blob.ts";

/**
 * `new Blob([JSON.stringify(value)])`, byte for byte, written a slice at a time: the members of
 * `value[key]` (a snapshot's `db`, nearly all of it) are stringified and encoded about
 * `sliceChars` characters at a time, with `pause()` awaited between slices. At 100,000 tokens,
 * writing a snapshot in one go held the page for about a second; sliced, input is handled
 * between slices. `value` must not change until the promise settles.
 */
export async function jsonBlobInSlices(value: Record<string, unknown>, key: string, pause: () => Promise<void>, sliceChars = 1 << 20): Promise<Blob> {
  const parts: BlobPart[] = [];
  let text = "{";
  let members = 0;
  for (const name of Object.keys(value)) {
    const member = value[name];
    const prefix = `${members > 0 ? "," : ""}${JSON.stringify(name)}:`;
    if (name !== key || !isPlainJsonObject(member)) {
      const json = JSON.stringify(member);
      if (json === undefined) continue; // left out, as JSON.stringify leaves out undefined and functions
      text += prefix + json;
      members++;
      continue;
    }
    parts.push(`${text}${prefix}{`);
    members++;
    let slice: string[] = [];
    let chars = 0;
    let written = 0;
    const flush = () => {
      parts.push(textBlob((written > 0 ? "," : "") + slice.join(",")));
      written += slice.length;
      slice = [];
      chars = 0;
    };
    for (const inner of Object.keys(member)) {
      const json = JSON.stringify(member[inner]);
      if (json === undefined) continue;
      const part = `${JSON.stringify(inner)}:${json}`;
      slice.push(part);
      chars += part.length;
      if (chars >= sliceChars) {
        flush();
        await pause();
      }
    }
    if (slice.length) flush();
    text = "}";
  }
  parts.push(`${text}}`);
  return new Blob(parts, { type: "application/json" });
}
