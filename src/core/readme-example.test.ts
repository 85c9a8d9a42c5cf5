// The README's TypeScript blocks, run as they are written there, so the documentation cannot drift
// from the code. A line `expression; // → value` in a block is checked: the expression must equal
// the value (`// → name itself`: be that very object).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** The README's ```ts blocks, in order. */
function typeScriptBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** A block as a module: imports from the repository's root, and each `// →` line as an assertion. */
function runnable(block: string): { code: string; checks: number } {
  let checks = 0;
  const lines = block.split("\n").map((line) => {
    const m = /^(.*?);\s*\/\/ → (.*)$/.exec(line);
    if (!m) return line;
    checks++;
    const itself = /^(\w+) itself$/.exec(m[2]);
    return itself ? `expect(${m[1]}).toBe(${itself[1]});` : `expect(${m[1]}).toEqual(${m[2]});`;
  });
  // A `// →` comment on a line of its own gives the value of the statement before it.
  for (let i = 1; i < lines.length; i++) {
    const m = /^\/\/ → (.*)$/.exec(lines[i]);
    const prev = /^(.*);$/.exec(lines[i - 1]);
    if (m && prev) {
      checks++;
      lines[i - 1] = `expect(${prev[1]}).toEqual(${m[1]});`;
      lines[i] = "";
    }
  }
  const code = `import { expect } from "vitest";\n${lines.join("\n")}`.replace(/from "\.\/(src\/[^"]+)"/g, (_, path: string) => `from ${JSON.stringify(pathToFileURL(join(ROOT, path)).href)}`);
  return { code, checks };
}

const blocks = typeScriptBlocks(README);

test("the README has its two TypeScript blocks, the API tour and the operations", () => {
  expect(blocks).toHaveLength(2);
  expect(blocks[0]).toContain("new SessionManager(");
  expect(blocks[1]).toContain("new Workspace(");
});

test.each(blocks.map((block, i) => [i + 1, block] as const))("README block %i runs as written and gives the results its comments show", async (_n, block) => {
  const { code, checks } = runnable(block);
  // Every `// →` line became an assertion (the tour states 10 results, the operations block 2).
  expect(checks).toBeGreaterThanOrEqual(2);
  const dir = mkdtempSync(join(tmpdir(), "readme-example-"));
  const file = join(dir, "block.ts");
  writeFileSync(file, code);
  await import(/* @vite-ignore */ pathToFileURL(file).href);
});

test("the tour checks every result the earlier retyped copy of it checked", () => {
  const { checks } = runnable(blocks[0]);
  expect(checks).toBe(10);
  expect(runnable(blocks[1]).checks).toBe(2);
});
