import { codeFlow, SCENARIO_SETTINGS, SCENARIO_START } from "./common.ts";
import type { ScenarioDefinition } from "./types.ts";

/** Scenario 2: a refresh token mints a new access token; the old one stays valid until it expires. */
export const refreshScenario: ScenarioDefinition = {
  id: "refresh",
  title: "Refreshing an access token",
  summary: "After the code flow, the refresh token mints a second access token. The first one is not revoked: it stays valid until its own expiry.",
  seed: "scenario:refresh",
  start_time: SCENARIO_START,
  settings: SCENARIO_SETTINGS,
  script: (b) => {
    const { sessionId, refreshToken } = codeFlow(b);
    b.advanceClock(1800, "Half an hour passes. The first access token has 30 minutes left.");
    b.mintToken(
      { sessionId, type: "access_token", basedOn: refreshToken },
      "The client uses its refresh token at the token endpoint and gets a new access token, minted from the refresh token (based_on is the refresh token's value).",
    );
    b.registerUsage(
      sessionId,
      refreshToken,
      "The token endpoint registers a use of the refresh token. It has no max_usage, so it stays active and can be used again.",
    );
    b.advanceClock(
      1801,
      "Another 30 minutes and a second pass. Nothing revoked the first access token: it was valid right up to its expires_at and only now, one second past it, is it expired. The new one has half an hour left.",
    );
  },
};
