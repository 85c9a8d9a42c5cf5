import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

// The layers depend one way: ui → store → persistence → ops → core.
// Each layer may not import from the layers above it (excalidraw keeps its package boundary the same way).
// scenarios (guided journals) and export (journal → code) sit above ops, beside persistence, below store.
const above = {
  core: ["ops", "persistence", "store", "ui", "interop", "scenarios", "export"],
  ops: ["persistence", "store", "ui", "interop", "scenarios", "export"],
  // Persistence stores journals and state files; it knows nothing of Python dumps, guided scenarios or code export.
  persistence: ["store", "ui", "interop", "scenarios", "export"],
  interop: ["persistence", "store", "ui"],
  scenarios: ["persistence", "store", "ui", "interop", "export"],
  export: ["persistence", "store", "ui", "interop"],
  store: ["ui"],
};

const layerRules = Object.entries(above).map(([layer, banned]) => ({
  files: [`src/${layer}/**/*.{ts,tsx}`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          ...banned.map((b) => ({ group: [`**/${b}/*`, `**/${b}`], message: `src/${layer} may not depend on src/${b} (dependencies go ui → store → persistence → ops → core).` })),
          ...(layer === "core"
            ? [{ group: ["react", "react-*", "dexie", "@xyflow/*", "zustand", "zustand/*", "fake-indexeddb*"], message: "The core is pure TypeScript: no React, Dexie or DOM." }]
            : []),
        ],
      },
    ],
  },
}));

// Files that exist only for tests and benchmarks; everything else under src/ ships in the app.
const testOnly = ["src/**/*.test.{ts,tsx}", "src/**/*.bench.ts", "src/**/test-helpers.ts", "src/**/test-fixtures.ts", "src/test-support/**", "src/ui/test/**", "src/core/bench/**"];

// A second rule name (the typescript-eslint twin of no-restricted-imports), so this boundary
// applies on top of the layer rules instead of replacing them for the same files.
const productionRules = {
  files: ["src/**/*.{ts,tsx}"],
  ignores: testOnly,
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        patterns: [
          { group: ["**/test-support/*", "**/test-support"], message: "Production code may not import src/test-support (test-only code)." },
          { group: ["**/e2e/*", "**/e2e"], message: "Production code may not import e2e/ (end-to-end tests)." },
          { group: ["**/*.test.ts", "**/*.test.tsx", "**/test-helpers.ts", "**/test-fixtures.ts", "**/ui/test/*"], message: "Production code may not import test helpers." },
          { group: ["fast-check", "vitest", "vitest/*", "@playwright/*", "fake-indexeddb", "fake-indexeddb/*", "@testing-library/*"], message: "Production code may not import test libraries." },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ["dist", "node_modules", "test-results", "playwright-report", "src/test-support/bad-state-files/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.tsx", "src/ui/**/*.ts", "src/store/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    // The core runs the same in Node and in the page: no browser-only globals.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", ...["window", "document", "indexedDB", "localStorage", "sessionStorage", "navigator", "location"].map((name) => ({ name, message: "The core may not use browser-only APIs." }))],
    },
  },
  {
    // Session ids are made and taken apart in one place (SessionId, sessionKey, unpackSessionKey).
    // Tests, the reference model and the Python reference port spell ids out on purpose; prose
    // ("user;;client;;grant" in a label) is allowed, a ";;" at either end of a string or template piece is not.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/core/keys.ts", "src/**/*.test.{ts,tsx}", "src/**/*.bench.ts", "src/core/bench/**", "src/test-support/**", "src/**/test-helpers.ts", "src/**/test-fixtures.ts", "src/ui/test/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "Literal[value=/^;;|;;$/]", message: 'Build and split session ids with sessionKey / unpackSessionKey / sessionIdParts from src/core/keys.ts, not ";;".' },
        { selector: "TemplateElement[value.raw=/^;;|;;$/]", message: 'Build session ids with sessionKey from src/core/keys.ts, not ";;".' },
      ],
    },
  },
  ...layerRules,
  productionRules,
);
