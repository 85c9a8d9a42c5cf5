import { deflateSync, Inflate, inflateSync, strToU8 } from "fflate";
import { describe, expect, it, vi } from "vitest";
import { InvalidStateFile } from "../core/index.ts";
import { Workspace } from "../ops/index.ts";
import {
  decodeShareLink,
  encodeShareLink,
  hasShareLink,
  MAX_SHARE_INFLATED_BYTES,
  MAX_SHARE_LINK_BYTES,
  offerShareLink,
  ShareLinkTooLarge,
} from "./share-link.ts";
import { buildWorkspace, START, stateOf } from "./test-fixtures.ts";

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

function linkFor(json: unknown): string {
  return `state=${base64url(deflateSync(strToU8(typeof json === "string" ? json : JSON.stringify(json))))}`;
}

function problemsOf(fragment: string): InvalidStateFile {
  try {
    decodeShareLink(fragment);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidStateFile);
    return e as InvalidStateFile;
  }
  throw new Error("the link was accepted");
}

describe("share links", () => {
  it("round-trips a workspace through the URL fragment", () => {
    const workspace = buildWorkspace(60, "Shared flow");
    const fragment = encodeShareLink(workspace);
    expect(fragment).toMatch(/^state=[A-Za-z0-9_-]+$/);
    expect(hasShareLink(`#${fragment}`)).toBe(true);
    expect(hasShareLink("#view=graph")).toBe(false);
    expect(hasShareLink("")).toBe(false);
    const decoded = decodeShareLink(`#${fragment}`);
    expect(decoded).toBeInstanceOf(Workspace);
    expect(decoded.name).toBe("Shared flow");
    expect(decoded.settings).toEqual(workspace.settings);
    expect(stateOf(decoded)).toBe(stateOf(workspace));
  });

  it("holds format, version, name, seed, start time, settings and journal, and no snapshot", () => {
    const workspace = new Workspace({ name: "S", notes: "private notes", seed: "abc", start_time: START, settings: { salt: "pepper" } });
    workspace.apply({ op: "advanceClock", args: { seconds: 5 } });
    const payload = JSON.parse(new TextDecoder().decode(inflateSync(Buffer.from(encodeShareLink(workspace).slice("state=".length), "base64url"))));
    expect(Object.keys(payload).sort()).toEqual(["format", "journal", "name", "seed", "settings", "start_time", "version"]);
    expect(payload).toMatchObject({ format: "oidc-session-playground", version: 1, seed: "abc", start_time: START, settings: { salt: "pepper" } });
    expect(decodeShareLink(encodeShareLink(workspace)).manager.salt).toBe("pepper");
  });

  it("does not offer a link over 64 KB and says to export a file instead", () => {
    const big = buildWorkspace(3000, "Big");
    expect(() => encodeShareLink(big)).toThrow(ShareLinkTooLarge);
    const offer = offerShareLink(big);
    expect(offer.ok).toBe(false);
    if (!offer.ok) {
      expect(offer.error.size).toBeGreaterThan(MAX_SHARE_LINK_BYTES);
      expect(offer.error.message).toMatch(/Export it as a file/);
    }
    expect(offerShareLink(buildWorkspace(5))).toMatchObject({ ok: true });
  });

  it("refuses an oversized fragment before decoding it", () => {
    const error = problemsOf(`state=${"A".repeat(MAX_SHARE_LINK_BYTES)}`);
    expect(error.message).toMatch(/more than the 64 KB/);
  });

  it("refuses a decompression bomb, and stops inflating soon after 20 MB", () => {
    // About the largest bomb a 64 KB link can carry: 45 MB of spaces deflate to about 44 KB.
    const bomb = deflateSync(new Uint8Array(45 * 1024 * 1024).fill(32), { level: 9 });
    const fragment = `state=${base64url(bomb)}`;
    expect(fragment.length).toBeLessThan(MAX_SHARE_LINK_BYTES);
    const push = vi.spyOn(Inflate.prototype, "push");
    try {
      const error = problemsOf(fragment);
      expect(error.message).toMatch(/unpacks to more than 20 MB/);
      // Input goes in 1 KB steps; stopping at 20 of 45 MB means well under all of it was pushed.
      expect(push.mock.calls.length).toBeLessThan((Math.ceil(bomb.length / 1024) * 25) / 45);
    } finally {
      push.mockRestore();
    }
  });

  it("accepts what inflates to just under the limit as far as size goes (then JSON decides)", () => {
    const padded = deflateSync(new Uint8Array(MAX_SHARE_INFLATED_BYTES - 10).fill(32), { level: 9 });
    const error = problemsOf(`state=${base64url(padded)}`);
    expect(error.message).not.toMatch(/20 MB/);
    expect(error.message).toMatch(/not valid JSON/);
  });

  it.each([
    ["no state part", "view=1", /no "state=" part/],
    ["an empty state", "state=", /no "state=" part/],
    ["characters outside base64url", "state=abc+/def", /not base64url/],
    ["an impossible base64 length", "state=abcde", /not base64url/],
    ["bytes that are not DEFLATE data", `state=${base64url(new Uint8Array([255, 255, 255, 255, 1, 2, 3]))}`, /does not unpack|ends too early/],
  ])("refuses a corrupt link: %s", (_, fragment, message) => {
    expect(problemsOf(fragment).message).toMatch(message);
  });

  it("refuses a link cut off when copied", () => {
    const fragment = encodeShareLink(buildWorkspace(40));
    expect(problemsOf(fragment.slice(0, Math.floor(fragment.length * 0.6))).message).toMatch(/damaged|not valid JSON/);
  });

  it("refuses content that is not UTF-8", () => {
    const error = problemsOf(`state=${base64url(deflateSync(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))}`);
    expect(error.message).toMatch(/not UTF-8/);
  });

  it("validates like a state file: JSON, format, version, shape and replay", () => {
    const good = JSON.parse(new TextDecoder().decode(inflateSync(Buffer.from(encodeShareLink(buildWorkspace(12)).slice(6), "base64url"))));
    expect(problemsOf(linkFor("{ not json")).message).toMatch(/not valid JSON \(line 1, column 3\)/);
    expect(problemsOf(linkFor({ ...good, format: "other" })).problems[0].path).toBe("format");
    expect(problemsOf(linkFor({ ...good, version: 2 })).problems[0].message).toMatch(/newer than this playground reads/);
    expect(problemsOf(linkFor({ ...good, start_time: -1 })).problems.map((p) => p.path)).toContain("start_time");
    expect(problemsOf(linkFor({ ...good, snapshot: {} })).problems[0].message).toMatch(/snapshot/);
    const tampered = structuredClone(good);
    tampered.journal[3].result = { sessionId: "someone;;else;;x" };
    expect(problemsOf(linkFor(tampered)).problems[0].path).toBe("journal[3].result");
  });
});
