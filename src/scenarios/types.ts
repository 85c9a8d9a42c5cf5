import type { Operation, WorkspaceSettings } from "../ops/index.ts";
import type { ScenarioBuilder } from "./builder.ts";

/**
 * One step of a guided scenario: the operation it applies (journal entry `seq`), what it shows
 * in plain words, and the graph nodes it changes.
 */
export interface ScenarioStep {
  /** The journal entry this step is: step k is entry k (1-based). */
  seq: number;
  operation: Operation;
  /** Plain words, 1–3 sentences. */
  explanation: string;
  /**
   * Graph node ids the step changes: a user id, `user;;client`, a session id `user;;client;;grant`,
   * or a token value. A step that removes nodes names them too (they exist at step `seq - 1`).
   */
  focus: string[];
  /** Set when the step is meant to be refused: the error code the journal records for it. */
  expectError?: string;
}

/** A built scenario: plain data, ready for a gallery and an explanation panel. */
export interface Scenario {
  id: string;
  title: string;
  /** One or two sentences for the gallery card. */
  summary: string;
  seed: string;
  start_time: number;
  settings?: WorkspaceSettings;
  steps: ScenarioStep[];
}

/**
 * How a scenario is written: a script that drives a `ScenarioBuilder`, which runs a workspace while
 * recording, so steps can refer to ids the earlier steps generated (session ids, token values).
 */
export interface ScenarioDefinition {
  id: string;
  title: string;
  summary: string;
  seed: string;
  start_time: number;
  settings?: WorkspaceSettings;
  script: (b: ScenarioBuilder) => void;
}
