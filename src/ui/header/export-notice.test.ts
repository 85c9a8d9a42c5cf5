import { describe, expect, it } from "vitest";
import { MAX_STATE_FILE_BYTES } from "../../ops/index.ts";
import { exportNotice } from "./export-notice.ts";

describe("exportNotice", () => {
  it("says nothing about a file the playground can import again", () => {
    expect(exportNotice("demo.oidc-session.json", MAX_STATE_FILE_BYTES)).toBeNull();
  });

  it("warns, with the size and the limit, when the exported file is over the import limit", () => {
    const text = exportNotice("big.oidc-session.json", 66 * 1024 * 1024);
    expect(text).toContain("big.oidc-session.json is 66.0 MB, over the 50 MB");
    expect(text).toContain("cannot open it again");
  });
});
