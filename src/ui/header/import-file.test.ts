import { describe, expect, it } from "vitest";
import { Workspace } from "../../ops/index.ts";
import { looksLikeStateFile } from "./import-file.ts";

describe("looksLikeStateFile", () => {
  it("recognises exported state files, compact and indented, without parsing them", () => {
    const workspace = new Workspace({ name: "W", seed: "s", start_time: 1_700_000_000 });
    expect(looksLikeStateFile(workspace.toStateFile())).toBe(true);
    expect(looksLikeStateFile(workspace.toStateFile({ space: 2 }))).toBe(true);
  });

  it("leaves anything else to be detected by parsing: a Python dump, another format, a state file with its keys moved", () => {
    expect(looksLikeStateFile('{"db": {"diana": ["idpyoidc.server.session.info.UserSessionInfo", {}]}, "salt": "x"}')).toBe(false);
    expect(looksLikeStateFile('{"format": "something-else"}')).toBe(false);
    expect(looksLikeStateFile('{"version": 1, "format": "oidc-session-playground"}')).toBe(false);
  });
});
