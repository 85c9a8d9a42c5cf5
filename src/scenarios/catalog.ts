import { InvalidArgument } from "../core/index.ts";
import { Workspace, type JournalEntry } from "../ops/index.ts";
import { buildScenario, type BuiltScenario } from "./builder.ts";
import { codeFlowScenario } from "./code-flow.ts";
import { codeReplayScenario } from "./code-replay.ts";
import { expiryScenario } from "./expiry.ts";
import { logoutScenario } from "./logout.ts";
import { nonRecursiveRevokeScenario } from "./non-recursive-revoke.ts";
import { refreshScenario } from "./refresh.ts";
import { severalGrantsScenario } from "./several-grants.ts";
import { subjectTypesScenario } from "./subject-types.ts";
import type { Scenario, ScenarioDefinition } from "./types.ts";

/** Every guided scenario, in gallery order. */
export const SCENARIO_DEFINITIONS: readonly ScenarioDefinition[] = [
  codeFlowScenario,
  refreshScenario,
  codeReplayScenario,
  logoutScenario,
  subjectTypesScenario,
  expiryScenario,
  severalGrantsScenario,
  nonRecursiveRevokeScenario,
];

export const SCENARIO_IDS: readonly string[] = SCENARIO_DEFINITIONS.map((d) => d.id);

// Built once, on first use: the steps and the journal never change for a given definition.
const built = new Map<string, BuiltScenario>();

function builtScenario(id: string): BuiltScenario {
  let b = built.get(id);
  if (!b) {
    const def = SCENARIO_DEFINITIONS.find((d) => d.id === id);
    if (!def) throw new InvalidArgument(`Unknown scenario "${id}". Known scenarios: ${SCENARIO_IDS.join(", ")}.`, [{ path: "id", message: "is not a scenario id" }]);
    b = buildScenario(def);
    built.set(id, b);
  }
  return b;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every scenario as plain data (a copy: callers may keep or change it). */
export function listScenarios(): Scenario[] {
  return SCENARIO_IDS.map((id) => copy(builtScenario(id).scenario));
}

/** One scenario as plain data; throws `InvalidArgument` for an unknown id. */
export function getScenario(id: string): Scenario {
  return copy(builtScenario(id).scenario);
}

/** The scenario's journal (a copy): entry k is step k. */
export function scenarioJournal(id: string): JournalEntry[] {
  return copy(builtScenario(id).workspace.journal);
}

/**
 * A fresh workspace holding the scenario's whole journal, named after its title, with the summary
 * as notes. Each call returns a new workspace, replayed from the journal.
 */
export function loadScenario(id: string): Workspace {
  const { scenario } = builtScenario(id);
  return new Workspace(
    { name: scenario.title, notes: scenario.summary, seed: scenario.seed, start_time: scenario.start_time, settings: scenario.settings },
    scenarioJournal(id),
  );
}
