import { codeFlow, SCENARIO_SETTINGS, SCENARIO_START } from "./common.ts";
import type { ScenarioDefinition } from "./types.ts";

/** Scenario 3: a second exchange of the same code is refused, and the provider revokes everything minted from it. */
export const codeReplayScenario: ScenarioDefinition = {
  id: "code-replay",
  title: "Authorization code replay",
  summary: "Someone presents an already used code a second time. Minting from it is refused, and the provider answers by revoking the code and every token minted from it, recursively.",
  seed: "scenario:code-replay",
  start_time: SCENARIO_START,
  settings: SCENARIO_SETTINGS,
  script: (b) => {
    const { sessionId, code, refreshToken } = codeFlow(b);
    b.advanceClock(60, "A minute later the client refreshes.");
    b.mintToken(
      { sessionId, type: "access_token", basedOn: refreshToken },
      "The refresh token mints a second access token: a grandchild of the code, two based_on links away from it.",
    );
    b.advanceClock(30, "An attacker who intercepted the code tries it 30 seconds later, still within the code's 5 minutes.");
    b.expectFailure(
      { op: "mintToken", args: { sessionId, type: "access_token", basedOn: code } },
      "minting_not_allowed",
      "The second exchange is refused with minting_not_allowed, reason token_inactive: the code has reached its max_usage of 1. The failed call changes nothing but stays in the journal.",
    );
    b.revokeToken(
      sessionId,
      code,
      true,
      "RFC 6749 §4.1.2 says a replayed code should revoke the tokens issued from it, since one of the two parties is an attacker. A recursive revocation walks based_on links: the code, its three tokens, then the access token minted from the refresh token.",
    );
  },
};
