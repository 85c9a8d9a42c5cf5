import { authnEvent, authRequest, SCENARIO_SETTINGS, SCENARIO_START } from "./common.ts";
import type { ScenarioDefinition } from "./types.ts";

/** Scenario 6: the clock passes the code's expires_at, then the access token's. */
export const expiryScenario: ScenarioDefinition = {
  id: "expiry",
  title: "Expiry on the virtual clock",
  summary: "The virtual clock moves past a code's expires_at (active at that very second, expired one second later), then past an access token's.",
  seed: "scenario:expiry",
  start_time: SCENARIO_START,
  settings: SCENARIO_SETTINGS,
  script: (b) => {
    const sessionId = b.createSession(
      { authnEvent: authnEvent(b, "diana"), authReq: authRequest("client_1"), userId: "diana", clientId: "client_1" },
      "diana logs in at client_1; the provider creates her session and a grant.",
    );
    const lateCode = b.mintToken(
      { sessionId, type: "authorization_code" },
      "A code is minted. Its expires_at is issued_at + 300: codes are short-lived on purpose.",
    );
    b.advanceClock(
      300,
      "Exactly 300 seconds later the clock reads the code's expires_at. The code is still active: it expires only when now is past expires_at.",
      { focus: lateCode },
    );
    b.advanceClock(1, "One more second: now the code is expired. Its own is_active() is false and its effective status gives the reason expired.");
    b.expectFailure(
      { op: "mintToken", args: { sessionId, type: "access_token", basedOn: lateCode } },
      "minting_not_allowed",
      "The client arrives too late: exchanging the expired code is refused with minting_not_allowed, reason token_inactive.",
    );
    const code = b.mintToken({ sessionId, type: "authorization_code" }, "The user goes through the authorization step again and gets a fresh code.");
    const accessToken = b.mintToken(
      { sessionId, type: "access_token", basedOn: code },
      "This time the client is quick: the code mints an access token that expires an hour from now.",
    );
    b.registerUsage(sessionId, code, "The code's single use is registered.");
    b.advanceClock(3601, "An hour and a second later the access token is expired too; a client must now refresh or send the user back to log in.", {
      focus: accessToken,
    });
  },
};
