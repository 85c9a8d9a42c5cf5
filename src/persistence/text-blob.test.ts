import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textBlob, utf8 } from "./text-blob.ts";

describe("utf8", () => {
  it("encodes any string exactly as TextEncoder does, ASCII or not", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.string({ unit: "grapheme", maxLength: 50 }), (a, b) => {
        for (const text of [a, b, a + b, b + a]) expect([...utf8(text)]).toEqual([...new TextEncoder().encode(text)]);
      }),
    );
  });

  it("encodes characters of every width after a long ASCII run", () => {
    const text = `${"x".repeat(1000)}é€😀\u{10FFFF}\uD800z`;
    expect([...utf8(text)]).toEqual([...new TextEncoder().encode(text)]);
  });
});

describe("textBlob", () => {
  it("holds the same bytes and type as a Blob of the string", async () => {
    const text = '{"name":"Zoë","value":"😀"}';
    const blob = textBlob(text);
    expect(blob.type).toBe("application/json");
    expect(blob.size).toBe(new Blob([text]).size);
    expect(await blob.text()).toBe(text);
  });
});
