import { describe, expect, it } from "vitest";
import { checkName, MAX_NAME_LENGTH, stateFileName, uniqueName } from "./names.ts";

describe("workspace names", () => {
  it("keeps a free name and suffixes a taken one with the first free number", () => {
    expect(uniqueName("Demo", ["Other"])).toBe("Demo");
    expect(uniqueName("Demo", ["Demo"])).toBe("Demo (2)");
    expect(uniqueName("Demo", ["Demo", "Demo (2)", "Demo (4)"])).toBe("Demo (3)");
  });

  it("replaces an existing suffix instead of stacking another", () => {
    expect(uniqueName("Demo (2)", ["Demo", "Demo (2)"])).toBe("Demo (3)");
    expect(uniqueName("Flow (v2)", ["Flow (v2)"])).toBe("Flow (v2) (2)");
  });

  it("stays within the length limit when suffixing", () => {
    const long = "x".repeat(MAX_NAME_LENGTH);
    const name = uniqueName(long, [long]);
    expect(name).toHaveLength(MAX_NAME_LENGTH);
    expect(name.endsWith(" (2)")).toBe(true);
  });

  it("trims a typed name and refuses an empty or overlong one", () => {
    expect(checkName("  Flow ")).toBe("Flow");
    expect(() => checkName("   ")).toThrow(/must not be empty/);
    expect(() => checkName("y".repeat(MAX_NAME_LENGTH + 1))).toThrow(/at most 200 characters/);
  });
});

describe("state file names", () => {
  it.each([
    ["Code flow", "Code flow.oidc-session.json"],
    ['a/b\\\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j.oidc-session.json"],
    ["tab\there\nnewline", "tab_here_newline.oidc-session.json"],
    ["..hidden.", "hidden.oidc-session.json"],
    ["CON", "_CON.oidc-session.json"],
    ["nul.txt", "_nul.txt.oidc-session.json"],
    ["///", "_.oidc-session.json"],
    ["   ", "workspace.oidc-session.json"],
    ["Ünïcødé 流程", "Ünïcødé 流程.oidc-session.json"],
  ])("%j → %j", (name, file) => {
    expect(stateFileName(name)).toBe(file);
  });

  it("cuts very long names", () => {
    expect(stateFileName("z".repeat(300))).toBe(`${"z".repeat(100)}.oidc-session.json`);
  });
});
