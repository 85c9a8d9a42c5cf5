import { authnEvent, authRequest, SCENARIO_SETTINGS, SCENARIO_START } from "./common.ts";
import type { ScenarioDefinition } from "./types.ts";

/** Scenario 7: several grants for one user and client, the lookups over them, and removal cleaning up upward. */
export const severalGrantsScenario: ScenarioDefinition = {
  id: "several-grants",
  title: "Several grants, then removing sessions",
  summary: "One user and one client collect three grants (plus one at a second client). grants() and getSidsByUserId() list them; removeSession deletes grants one by one and removes a client or user session once it is left empty.",
  seed: "scenario:several-grants",
  start_time: SCENARIO_START,
  settings: SCENARIO_SETTINGS,
  script: (b) => {
    const first = b.createSession(
      { authnEvent: authnEvent(b, "diana"), authReq: authRequest("client_1", { scope: "openid" }), userId: "diana", clientId: "client_1" },
      "diana logs in at client_1 with scope openid. User session, client session and the first grant appear.",
    );
    b.advanceClock(60, "A minute passes.");
    const second = b.createSession(
      { authnEvent: authnEvent(b, "diana"), authReq: authRequest("client_1", { scope: "openid email" }), userId: "diana", clientId: "client_1" },
      "client_1 asks again, now for openid email. The existing client session is kept and a second grant is added under it (the reference overwrote the client session here, orphaning the first grant).",
    );
    const code = b.mintToken({ sessionId: second, type: "authorization_code" }, "A code is minted in the second grant, so that removing it later also removes a token.");
    const third = b.addGrant(
      { userId: "diana", clientId: "client_1", grant: { scope: ["openid", "profile"], claims: { userinfo: { name: null } } } },
      "addGrant adds a third grant directly, as an authorization step that widens consent would. grants({ userId: \"diana\", clientId: \"client_1\" }) now returns these three grants, in order.",
    );
    const other = b.createSession(
      { authnEvent: authnEvent(b, "diana"), authReq: authRequest("client_2"), userId: "diana", clientId: "client_2" },
      "diana also logs in at client_2. getSidsByUserId(\"diana\") now returns four session ids: three at client_1, one at client_2.",
    );
    b.removeSession(first, "removeSession deletes the first grant. client_1 still has two grants, so its client session stays.");
    b.removeSession(
      second,
      `Removing the second grant takes its code with it: looking the code up by value now fails with unknown_token.`,
      { focus: [second, code] },
    );
    b.removeSession(third, "The last grant of client_1 goes, and with it the now empty client session diana;;client_1. diana's user session stays for client_2.");
    b.removeSession(other, "Removing the last grant of the last client leaves nothing under diana, so her user session is removed as well: the tree is empty.");
  },
};
