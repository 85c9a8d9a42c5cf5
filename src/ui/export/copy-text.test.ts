import { describe, expect, it } from "vitest";
import { copyText } from "./copy-text.ts";

describe("copyText", () => {
  it("writes the text to the clipboard and says it did", async () => {
    const written: string[] = [];
    expect(await copyText("manager.mintToken(…)", { writeText: async (t) => void written.push(t) })).toBe(true);
    expect(written).toEqual(["manager.mintToken(…)"]);
  });

  it("answers false, without throwing, when the browser refuses or has no clipboard", async () => {
    expect(await copyText("x", { writeText: () => Promise.reject(new DOMException("Document is not focused.", "NotAllowedError")) })).toBe(false);
    expect(await copyText("x", undefined)).toBe(false);
    expect(await copyText("x", {} as never)).toBe(false);
  });
});
