import { expect, test } from "vitest";
import { wideManager } from "./fixtures.ts";
import { referenceSessionInfoByToken, referenceTokenValue } from "./reference-port.ts";

test("the reference port's lookup by token finds the same session as ours, from the session id packed in the value", () => {
  const { manager, tokens } = wideManager(20, 5);
  for (const [k, t] of tokens.entries()) {
    const packed = referenceTokenValue(t.type, t.sessionId, `rnd${k}`, 1700003600);
    expect(referenceSessionInfoByToken(manager, packed)).toEqual(manager.getSessionInfoByToken(t.value));
  }
  expect(new Set(tokens.map((t) => t.sessionId)).size).toBe(20);
});
