import { clientNodeId } from "./builder.ts";
import { codeFlow, SCENARIO_SETTINGS, SCENARIO_START } from "./common.ts";
import type { ScenarioDefinition } from "./types.ts";

/** Scenario 4: `revokeClientSession`, and why each token's own `is_active()` still says true. */
export const logoutScenario: ScenarioDefinition = {
  id: "logout",
  title: "Logout: own versus effective status",
  summary: "Logging out revokes the client session and its grants, but no token. Each token's own is_active() still says true; only a check of the whole session shows that none is usable.",
  seed: "scenario:logout",
  start_time: SCENARIO_START,
  settings: SCENARIO_SETTINGS,
  script: (b) => {
    const { sessionId, refreshToken } = codeFlow(b);
    b.advanceClock(120, "Two minutes later the user logs out of the client.");
    b.revokeClientSession(
      sessionId,
      "revokeClientSession marks the client session revoked and each of its grants, as oidc-op does. The tokens keep their own flags: revoked is still false on each of them.",
      { focus: [clientNodeId(sessionId), sessionId] },
    );
    b.expectFailure(
      { op: "mintToken", args: { sessionId, type: "access_token", basedOn: refreshToken } },
      "minting_not_allowed",
      "The refresh token's own is_active() is true, because the reference looks at the token alone. But its grant is revoked, so minting from it is refused (reason grant_inactive). The token table shows own status active and effective status not usable, with the reasons grant_revoked and client_session_revoked.",
    );
  },
};
