// `npm run bench`: the core's speed on this machine, against a port of the reference's scan-based
// algorithms. Vitest prints each group's table and how many times faster the fastest entry is.
import { bench, describe } from "vitest";
import { SessionManager } from "../index.ts";
import { chainManager, emptyManager, wideManager } from "./fixtures.ts";
import { referenceManagerRevoke, referenceSessionIdByToken } from "./reference-port.ts";

// Revoking an already revoked chain does the same walk (every flag is set again), so one chain serves every iteration.
// The reference port recurses once per level, so its chains stay short enough for the JS stack.
for (const length of [1_000, 3_000]) {
  describe(`recursive revocation of a ${length.toLocaleString("en")}-token based_on chain`, () => {
    const ours = chainManager(length);
    const ref = chainManager(length);
    bench("ours: per-grant based_on index (breadth first)", () => {
      ours.manager.revokeToken(ours.sessionId, ours.root, true);
    });
    bench("reference port: rescan every token per step", () => {
      referenceManagerRevoke(ref.manager, ref.sessionId, ref.root);
    }, { iterations: 5, time: 0 });
  });
}

describe("recursive revocation of a 100,000-token based_on chain (target: under 100 ms)", () => {
  const ours = chainManager(100_000);
  bench("ours: per-grant based_on index (breadth first)", () => {
    ours.manager.revokeToken(ours.sessionId, ours.root, true);
  }, { iterations: 10 });
  // The reference port would rescan 100,000 tokens 100,000 times (and recurse 100,000 deep): not run at this size.
});

describe("getSessionInfoByToken on a manager holding 100,000 tokens, 1,000 lookups per iteration (target: over 1,000,000 lookups/s = 1,000 hz)", () => {
  const { manager, values } = wideManager(1_000, 100);
  // Spread lookups over the whole index; batches of 1,000 keep the timer's own cost out of the figure.
  const batches = Array.from({ length: 64 }, (_, b) => Array.from({ length: 1_000 }, (_, k) => values[(b * 1_000 + k * 7919) % values.length]));
  let i = 0;
  bench("ours: value index", () => {
    for (const value of batches[(i = (i + 1) % batches.length)]) manager.getSessionInfoByToken(value);
  });
  let j = 0;
  bench("reference port: linear find_token over every grant", () => {
    for (let k = 0; k < 1_000; k++) referenceSessionIdByToken(manager, values[(j = (j + 7919) % values.length)]);
  }, { iterations: 3, time: 0 });
});

describe("createSession throughput", () => {
  let manager = emptyManager();
  let n = 0;
  bench("createSession (public sub: one SHA-256)", () => {
    if (++n % 50_000 === 0) manager = emptyManager();
    manager.createSession({ authReq: { client_id: `client_${n % 10}`, scope: "openid email" }, userId: `user_${n}` });
  });
});

describe("toJSON / fromJSON of 100,000 tokens (target: under 500 ms each)", () => {
  const { manager } = wideManager(1_000, 100);
  const json = JSON.parse(JSON.stringify(manager.toJSON()));
  bench("toJSON", () => {
    manager.toJSON();
  }, { iterations: 5 });
  bench("fromJSON (validates and rebuilds indexes)", () => {
    SessionManager.fromJSON(json);
  }, { iterations: 5 });
});
