import { expect } from "vitest";
import { InvalidStateFile } from "../core/index.ts";

/** Runs `fn`, expecting `InvalidStateFile`; returns it so a test can read its problems. */
export function caughtStateFile(fn: () => unknown): InvalidStateFile {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidStateFile);
    return e as InvalidStateFile;
  }
  throw new Error("expected InvalidStateFile");
}
