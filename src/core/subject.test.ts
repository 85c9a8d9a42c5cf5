import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { pairwiseId, publicId } from "./index.ts";
import { newManager, caught, AUTH_REQ, authnEvent } from "./test-helpers.ts";

// A copy of ../shared/test-vectors/subject-ids.json, kept in the repo so the test does not depend on a path outside it.
const vectors = JSON.parse(readFileSync(new URL("./fixtures/subject-ids.json", import.meta.url), "utf8")) as {
  public: { user_id: string; salt: string; sub: string }[];
  pairwise: { user_id: string; sector_identifier: string; salt: string; sub: string }[];
};

describe("subject identifiers", () => {
  test.each(vectors.public)("public sub for $user_id with salt '$salt' matches the reference", (v) => {
    expect(publicId(v.user_id, v.salt)).toBe(v.sub);
  });

  test.each(vectors.pairwise)("pairwise sub for $user_id at $sector_identifier matches the reference", (v) => {
    expect(pairwiseId(v.user_id, v.sector_identifier, v.salt)).toBe(v.sub);
  });

  test("createSession computes public, pairwise and ephemeral subjects", () => {
    const { manager } = newManager({ salt: "natriumklorid" });
    const pub = manager.getGrant(manager.createSession({ authnEvent: authnEvent(), authReq: AUTH_REQ, userId: "diana" }));
    expect(pub.sub).toBe("1263f240bdbcde39d5663ab55d17a1e17c9642afde06e6abfce9eb08226c26c4");
    const pw = manager.getGrant(
      manager.createSession({ authnEvent: authnEvent(), authReq: AUTH_REQ, userId: "diana", subType: "pairwise", sectorIdentifier: "https://all.example.com" }),
    );
    expect(pw.sub).toBe("a525fab6508cf1bc485900a722e4fd7968cf8981cec35dfe41f58a1d27c610e5");
    const fromUri = manager.getGrant(
      manager.createSession({ authReq: { ...AUTH_REQ, sector_identifier_uri: "https://all.example.com" }, userId: "diana", subType: "pairwise" }),
    );
    expect(fromUri.sub).toBe(pw.sub);
    const e1 = manager.getGrant(manager.createSession({ authReq: AUTH_REQ, userId: "diana", subType: "ephemeral" }));
    const e2 = manager.getGrant(manager.createSession({ authReq: AUTH_REQ, userId: "diana", subType: "ephemeral" }));
    expect(e1.sub).toMatch(/^[0-9a-f]{32}$/);
    expect(e2.sub).not.toBe(e1.sub);
  });

  test("uses a registered subject function for a custom subject type", () => {
    const { manager } = newManager({ salt: "s", subjectFunctions: { hashed: (uid, { salt }) => `${uid}-${salt}` } });
    const sid = manager.createSession({ authReq: AUTH_REQ, userId: "diana", subType: "hashed" });
    expect(manager.getGrant(sid).sub).toBe("diana-s");
  });

  test("refuses an unknown subject type", () => {
    const { manager } = newManager();
    const e = caught(() => manager.createSession({ authReq: AUTH_REQ, userId: "diana", subType: "secret" }));
    expect(e.code).toBe("invalid_argument");
    expect(e.message).toMatch(/subType/);
  });
});
