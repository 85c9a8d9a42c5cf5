import { authnEvent, authRequest, SCENARIO_SETTINGS, SCENARIO_START } from "./common.ts";
import type { ScenarioDefinition } from "./types.ts";

/** The sector shared by the shop and the forum (one operator), and the bank's own. */
export const RETAIL_SECTOR = "https://retail.example.com";
export const BANK_SECTOR = "https://bank.example.net";

/** Scenario 5: public, pairwise (two sectors) and ephemeral subject identifiers for one user at three clients. */
export const subjectTypesScenario: ScenarioDefinition = {
  id: "subject-types",
  title: "Subject identifiers: public, pairwise, ephemeral",
  summary: "One user logs in at three clients with each subject type. Public sub is the same everywhere; pairwise sub is the same within a sector and differs between sectors; ephemeral sub is new for every grant.",
  seed: "scenario:subject-types",
  start_time: SCENARIO_START,
  settings: SCENARIO_SETTINGS,
  script: (b) => {
    const login = (clientId: string, subType: string, sectorIdentifier: string | undefined, explanation: string) =>
      b.createSession(
        {
          authnEvent: authnEvent(b, "diana"),
          authReq: authRequest(clientId),
          userId: "diana",
          clientId,
          subType,
          ...(sectorIdentifier ? { sectorIdentifier } : {}),
        },
        explanation,
      );
    login("shop", "public", undefined, "diana logs in at the shop with a public subject: sub is SHA-256 of her user id and the provider's salt. Compare the grant's sub across the next steps.");
    login("forum", "public", undefined, "At the forum, also public: the same sub as at the shop, so the two clients can tell they see the same person.");
    login("bank", "public", undefined, "At the bank, public again: still the same sub. Public identifiers let any clients correlate a user.");
    login(
      "shop",
      "pairwise",
      RETAIL_SECTOR,
      `Now a pairwise subject at the shop, sector ${RETAIL_SECTOR}: sub is SHA-256 of user id, sector identifier and salt. It differs from the public one. The shop's client session now holds two grants.`,
    );
    login(
      "forum",
      "pairwise",
      RETAIL_SECTOR,
      "The forum is run by the same operator and registered the same sector identifier, so its pairwise sub equals the shop's.",
    );
    login(
      "bank",
      "pairwise",
      BANK_SECTOR,
      `The bank's sector is ${BANK_SECTOR}: a different pairwise sub, so the bank cannot match diana with the retail clients' records.`,
    );
    login("bank", "ephemeral", undefined, "An ephemeral subject at the bank: 32 random hex characters, unrelated to diana's id.");
    login("bank", "ephemeral", undefined, "Another ephemeral grant at the same bank gets a new random sub: not even one client can link the two.");
  },
};
