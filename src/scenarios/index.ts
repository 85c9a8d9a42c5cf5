/** Guided scenarios: journals with a plain-words explanation per step, for the gallery and the explanation panel. */
export type { Scenario, ScenarioDefinition, ScenarioStep } from "./types.ts";
export { buildScenario, clientNodeId, ScenarioBuilder, type BuiltScenario, type StepOptions } from "./builder.ts";
export { defaultFocus } from "./focus.ts";
export { getScenario, listScenarios, loadScenario, SCENARIO_DEFINITIONS, SCENARIO_IDS, scenarioJournal } from "./catalog.ts";
export { authnEvent, authRequest, codeFlow, SCENARIO_SETTINGS, SCENARIO_START, type CodeFlowTokens } from "./common.ts";
export { codeFlowScenario } from "./code-flow.ts";
export { refreshScenario } from "./refresh.ts";
export { codeReplayScenario } from "./code-replay.ts";
export { logoutScenario } from "./logout.ts";
export { BANK_SECTOR, RETAIL_SECTOR, subjectTypesScenario } from "./subject-types.ts";
export { expiryScenario } from "./expiry.ts";
export { severalGrantsScenario } from "./several-grants.ts";
export { nonRecursiveRevokeScenario } from "./non-recursive-revoke.ts";
