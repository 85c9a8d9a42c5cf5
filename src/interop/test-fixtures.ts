// Loads the real Python dumps kept beside the tests (copied from shared/fixtures/python-dumps).
import { readFileSync } from "node:fs";

export const FIXTURES = ["idpy-oidc-code-flow", "idpy-oidc-two-clients-pairwise", "idpy-oidc-revoked", "oidc-op-code-flow"] as const;
export type FixtureName = (typeof FIXTURES)[number];

export function fixtureText(name: FixtureName): string {
  return readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8");
}

/** A fresh parsed copy of a fixture, to edit in a test. */
export function fixture(name: FixtureName): { db: Record<string, [string, Record<string, unknown>]>; [k: string]: unknown } {
  return JSON.parse(fixtureText(name));
}

export const T0 = 1700000000;
/** Public `diana` with the fixtures' salt, and pairwise `diana` at https://all.example.com (README). */
export const PUBLIC_DIANA = "1263f240bdbcde39d5663ab55d17a1e17c9642afde06e6abfce9eb08226c26c4";
export const PAIRWISE_DIANA = "a525fab6508cf1bc485900a722e4fd7968cf8981cec35dfe41f58a1d27c610e5";

/** The result of a journal entry that must have succeeded. */
export function resultOf<T>(entry: { result: unknown } | { error: { code: string; message: string } }): T {
  if (!("result" in entry)) throw new Error(`the operation failed: ${entry.error.code} ${entry.error.message}`);
  return entry.result as T;
}
