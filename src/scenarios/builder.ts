import { InvalidArgument, sessionKey, unpackSessionKey } from "../core/index.ts";
import { Workspace, type JournalEntry, type Operation, type OperationName, type OperationOf, type OperationResults } from "../ops/index.ts";
import { defaultFocus, nodeIds } from "./focus.ts";
import type { Scenario, ScenarioDefinition, ScenarioStep } from "./types.ts";

export interface StepOptions {
  /** Node id(s) the step changes; worked out from the operation and its result when omitted. */
  focus?: string | string[];
}

/** A scenario with the workspace its steps produced: step k is journal entry k. */
export interface BuiltScenario {
  scenario: Scenario;
  workspace: Workspace;
}

/**
 * Runs a workspace while recording each operation as a scenario step. Steps that should succeed
 * throw here when they fail (and `expectFailure` when they succeed), so a scenario cannot quietly
 * drift from the semantics it explains when the core changes.
 */
export class ScenarioBuilder {
  readonly workspace: Workspace;
  readonly steps: ScenarioStep[] = [];

  constructor(workspace: Workspace) {
    this.workspace = workspace;
  }

  /** The workspace's virtual time, in epoch seconds. */
  get now(): number {
    return this.workspace.manager.clock.now();
  }

  #record(operation: Operation, explanation: string, options: StepOptions, expectError?: string): JournalEntry {
    const manager = this.workspace.manager;
    const before = { ids: nodeIds(manager), now: manager.clock.now() };
    const entry = this.workspace.apply(operation);
    const focus = options.focus === undefined ? defaultFocus(entry, before, manager) : typeof options.focus === "string" ? [options.focus] : [...options.focus];
    const step: ScenarioStep = { seq: entry.seq, operation: entry.operation, explanation, focus };
    if (expectError !== undefined) step.expectError = expectError;
    this.steps.push(step);
    return entry;
  }

  /** Applies an operation that must succeed and returns its result. */
  step<K extends OperationName>(operation: OperationOf<K>, explanation: string, options: StepOptions = {}): OperationResults[K] {
    const entry = this.#record(operation, explanation, options);
    if ("error" in entry) {
      throw new Error(`Scenario step ${entry.seq} (${operation.op}) failed with ${entry.error.code}: ${entry.error.message}`);
    }
    return entry.result as OperationResults[K];
  }

  /** Applies an operation that must be refused with `code`; the journal keeps it, as bug reports do. */
  expectFailure(operation: Operation, code: string, explanation: string, options: StepOptions = {}): { code: string; message: string } {
    const entry = this.#record(operation, explanation, options, code);
    if (!("error" in entry)) throw new Error(`Scenario step ${entry.seq} (${operation.op}) was expected to fail with ${code}, but it succeeded.`);
    if (entry.error.code !== code) throw new Error(`Scenario step ${entry.seq} (${operation.op}) failed with ${entry.error.code}, not ${code}: ${entry.error.message}`);
    return entry.error;
  }

  // Readable shorthands for the scripts; each is one step.

  createSession(args: OperationOf<"createSession">["args"], explanation: string, options?: StepOptions): string {
    return this.step({ op: "createSession", args }, explanation, options).sessionId;
  }

  addGrant(args: OperationOf<"addGrant">["args"], explanation: string, options?: StepOptions): string {
    return this.step({ op: "addGrant", args }, explanation, options).sessionId;
  }

  /** Mints a token and returns its value. */
  mintToken(args: OperationOf<"mintToken">["args"], explanation: string, options?: StepOptions): string {
    return this.step({ op: "mintToken", args }, explanation, options).value;
  }

  registerUsage(sessionId: string, value: string, explanation: string, options?: StepOptions): number {
    return this.step({ op: "registerUsage", args: { sessionId, value } }, explanation, options).used;
  }

  /** Revokes a token (and with `recursive`, all minted from it); returns the revoked values. */
  revokeToken(sessionId: string, value: string, recursive: boolean, explanation: string, options?: StepOptions): string[] {
    return this.step({ op: "revokeToken", args: { sessionId, value, recursive } }, explanation, options).revoked;
  }

  revokeGrant(sessionId: string, explanation: string, options?: StepOptions): void {
    this.step({ op: "revokeGrant", args: { sessionId } }, explanation, options);
  }

  revokeClientSession(sessionId: string, explanation: string, options?: StepOptions): void {
    this.step({ op: "revokeClientSession", args: { sessionId } }, explanation, options);
  }

  removeSession(sessionId: string, explanation: string, options?: StepOptions): void {
    this.step({ op: "removeSession", args: { sessionId } }, explanation, options);
  }

  advanceClock(seconds: number, explanation: string, options?: StepOptions): number {
    return this.step({ op: "advanceClock", args: { seconds } }, explanation, options).now;
  }
}

/** Runs a scenario's script in a fresh workspace (named after the scenario) and returns its steps and the workspace. */
export function buildScenario(def: ScenarioDefinition): BuiltScenario {
  const workspace = new Workspace({ name: def.title, notes: def.summary, seed: def.seed, start_time: def.start_time, settings: def.settings });
  const builder = new ScenarioBuilder(workspace);
  def.script(builder);
  if (builder.steps.length !== workspace.journal.length || builder.steps.some((s, i) => s.seq !== i + 1)) {
    // Only possible if a script applied operations to the workspace behind the builder's back.
    throw new InvalidArgument(`Scenario "${def.id}" must apply every operation through its builder, so that step k is journal entry k.`);
  }
  const scenario: Scenario = {
    id: def.id,
    title: def.title,
    summary: def.summary,
    seed: def.seed,
    start_time: def.start_time,
    ...(def.settings ? { settings: def.settings } : {}),
    steps: builder.steps,
  };
  return { scenario, workspace };
}

/** The client-session node id of a session id (`user;;client`). */
export function clientNodeId(sessionId: string): string {
  const [userId, clientId] = unpackSessionKey(sessionId);
  return sessionKey(userId, clientId);
}
