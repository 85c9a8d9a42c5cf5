import { codeFlow, SCENARIO_SETTINGS, SCENARIO_START } from "./common.ts";
import type { ScenarioDefinition } from "./types.ts";

/** Scenario 8: revoking a refresh token without recursion leaves the access tokens minted from it usable. */
export const nonRecursiveRevokeScenario: ScenarioDefinition = {
  id: "non-recursive-revoke",
  title: "Revoking without recursion",
  summary: "revokeToken without recursive revokes one token only. An access token minted from a revoked refresh token stays usable; the playground warns about it (ancestor_revoked), and a recursive revocation fixes it.",
  seed: "scenario:non-recursive-revoke",
  start_time: SCENARIO_START,
  settings: SCENARIO_SETTINGS,
  script: (b) => {
    const { sessionId, refreshToken } = codeFlow(b);
    b.advanceClock(600, "Ten minutes later the client refreshes.");
    b.mintToken({ sessionId, type: "access_token", basedOn: refreshToken }, "The refresh token mints a second access token.");
    b.revokeToken(
      sessionId,
      refreshToken,
      false,
      "The client revokes its refresh token (RFC 7009), and the provider calls revokeToken with recursive false, the default. Only the refresh token is revoked.",
    );
    b.expectFailure(
      { op: "mintToken", args: { sessionId, type: "access_token", basedOn: refreshToken } },
      "minting_not_allowed",
      "The revoked refresh token itself cannot mint any more (token_inactive). But the access token it minted before is untouched: its own status and its effective status are both active, with the warning ancestor_revoked.",
    );
    b.revokeToken(
      sessionId,
      refreshToken,
      true,
      "To close the gap the provider revokes the refresh token again, recursively: now the access token minted from it is revoked too. The first access token, minted from the code, is still valid.",
    );
  },
};
