// After every `vite build`: the JavaScript the first screen loads (the entry chunk and every chunk it
// imports statically, not the lazily loaded ones or workers), gzipped, against the 200 KB target.
import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";

export const INITIAL_JS_TARGET_BYTES = 200 * 1024;

interface ChunkLike {
  type: "chunk" | "asset";
  fileName: string;
  isEntry?: boolean;
  imports?: string[];
  code?: string;
}

/** The entry chunks' file names and the static imports they pull in, transitively. */
export function initialChunks(bundle: Record<string, ChunkLike>): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const chunk = bundle[name];
    if (!chunk || chunk.type !== "chunk" || seen.has(name)) return;
    seen.add(name);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const chunk of Object.values(bundle)) if (chunk.type === "chunk" && chunk.isEntry) visit(chunk.fileName);
  return [...seen].sort();
}

export function initialJsReport(bundle: Record<string, ChunkLike>): { files: string[]; gzipBytes: number; met: boolean; text: string } {
  const files = initialChunks(bundle);
  const gzipBytes = files.reduce((sum, name) => sum + gzipSync(bundle[name].code ?? "").length, 0);
  const met = gzipBytes <= INITIAL_JS_TARGET_BYTES;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const text = `initial JS: ${kb(gzipBytes)} gzipped in ${files.length} chunk(s) [target: at most ${kb(INITIAL_JS_TARGET_BYTES)}: ${met ? "met" : "MISSED"}]`;
  return { files, gzipBytes, met, text };
}

export function initialJsSize(): Plugin {
  return {
    name: "initial-js-size",
    apply: "build",
    writeBundle(_options, bundle) {
      // Only the app's build: a worker's own bundle has no HTML entry of its own to load first.
      if (!Object.keys(bundle).some((name) => name.endsWith(".html"))) return;
      const report = initialJsReport(bundle as unknown as Record<string, ChunkLike>);
      console.log(`${report.text}\n  ${report.files.join("\n  ")}`);
    },
  };
}
