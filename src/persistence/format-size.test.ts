import { describe, expect, it } from "vitest";
import { formatSize } from "./format-size.ts";

describe("formatSize", () => {
  it("gives kilobytes below a megabyte (at least 1) and megabytes with one decimal above", () => {
    expect(formatSize(10)).toBe("1 KB");
    expect(formatSize(300 * 1024)).toBe("300 KB");
    expect(formatSize(66.1 * 1024 * 1024)).toBe("66.1 MB");
  });
});
