// `npm run bench`: the core's speed on this machine, against ports of the reference's algorithms
// (reference-port.ts). Vitest prints each group's table and how many times faster the fastest entry
// is; targets are written into the benches' names and printed at the end as met or missed.
import { bench, describe } from "vitest";
import { SessionManager } from "../index.ts";
import { chainManager, emptyManager, wideManager } from "./fixtures.ts";
import { referenceManagerRevoke, referenceSessionInfoByToken, referenceTokenValue } from "./reference-port.ts";

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

describe("recursive revocation of a 100,000-token based_on chain", () => {
  const ours = chainManager(100_000);
  bench("ours: per-grant based_on index (breadth first) [target: mean < 100 ms]", () => {
    ours.manager.revokeToken(ours.sessionId, ours.root, true);
  }, { iterations: 10 });
  // The reference port would rescan 100,000 tokens 100,000 times (and recurse 100,000 deep): not run at this size.
});

// The reference finds the session from the token value itself: its token handler packs the session
// id into the value (and encrypts it), so the lookup is a decode and a walk down the tree, O(1).
// Ours keeps an index of every value instead, because a value need not come from a token handler
// (a Python dump, a test, a value typed in the console). Both are O(1); this shows what the index
// costs or saves against the decode, leaving out the reference's decryption.
describe("getSessionInfoByToken on a manager holding 100,000 tokens, 1,000 lookups per iteration (1,000 hz = 1,000,000 lookups/s)", () => {
  const { manager, tokens } = wideManager(1_000, 100);
  // Spread lookups over the whole index; batches of 1,000 keep the timer's own cost out of the figure.
  const picks = Array.from({ length: 64 }, (_, b) => Array.from({ length: 1_000 }, (_, k) => tokens[(b * 1_000 + k * 7919) % tokens.length]));
  const batches = picks.map((batch) => batch.map((t) => t.value));
  const encoded = picks.map((batch) => batch.map((t, k) => referenceTokenValue(t.type, t.sessionId, `rnd${k}`, 1700003600)));
  let i = 0;
  bench("ours: value index [target: hz > 1000]", () => {
    for (const value of batches[(i = (i + 1) % batches.length)]) manager.getSessionInfoByToken(value);
  });
  let j = 0;
  bench("reference port: decode the session id from the value, then get_session_info", () => {
    for (const value of encoded[(j = (j + 1) % encoded.length)]) referenceSessionInfoByToken(manager, value);
  });
});

describe("createSession throughput", () => {
  let manager = emptyManager();
  let n = 0;
  bench("createSession (public sub: one SHA-256)", () => {
    if (++n % 50_000 === 0) manager = emptyManager();
    manager.createSession({ authReq: { client_id: `client_${n % 10}`, scope: "openid email" }, userId: `user_${n}` });
  });
});

describe("toJSON / fromJSON of 100,000 tokens", () => {
  const { manager } = wideManager(1_000, 100);
  const json = JSON.parse(JSON.stringify(manager.toJSON()));
  bench("toJSON [target: mean < 500 ms]", () => {
    manager.toJSON();
  }, { iterations: 5 });
  bench("fromJSON (validates and rebuilds indexes) [target: mean < 500 ms]", () => {
    SessionManager.fromJSON(json);
  }, { iterations: 5 });
});
