import { codeFlow, SCENARIO_SETTINGS, SCENARIO_START } from "./common.ts";
import type { ScenarioDefinition } from "./types.ts";

/** Scenario 1: an authorization code becomes an access, a refresh and an ID token, and is used once. */
export const codeFlowScenario: ScenarioDefinition = {
  id: "code-flow",
  title: "Authorization code flow",
  summary: "A user logs in, the client receives a code and exchanges it for an access, a refresh and an ID token; then the code's single use is registered.",
  seed: "scenario:code-flow",
  start_time: SCENARIO_START,
  settings: SCENARIO_SETTINGS,
  script: (b) => {
    codeFlow(b);
  },
};
