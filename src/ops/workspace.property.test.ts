import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { SessionManager } from "../core/index.ts";
import { Coverage } from "../test-support/coverage.ts";
import { commandsParams, isFullRun, propertyParams, propertyTimeout } from "../test-support/fast-check-params.ts";
import { checkAgainstModel, checkQueries, checkRevocationOrder, checkRoundTrip, checkTree, expectedRevocation, InvariantError } from "../test-support/invariants.ts";
import { expandSpec, opSpec, prologueSpec, resolveOperation, SETTINGS, type OpSpec, type SnapshotHistory } from "../test-support/operation-arbitraries.ts";
import { REGRESSIONS } from "../test-support/regressions.ts";
import { SessionModel, type Prediction } from "../test-support/session-model.ts";
import { canonicalJson, createManager, replay, runOperation, Workspace, type JournalEntry, type Operation } from "./index.ts";

const MAX = Number.MAX_SAFE_INTEGER;

interface Real {
  ws: Workspace;
  history: SnapshotHistory;
  /** The journal replayed entry by entry on a manager of its own. */
  shadow: SessionManager;
}

const coverage = new Coverage();

function fail(message: string): never {
  throw new InvariantError(message);
}

/** One JSON operation through `Workspace.apply`, then every invariant. */
class ApplyCommand implements fc.Command<SessionModel, Real> {
  constructor(readonly spec: OpSpec) {}

  check(): boolean {
    return true;
  }

  run(model: SessionModel, real: Real): void {
    for (const spec of expandSpec(this.spec)) step(spec, model, real, this.spec.op === "chain" ? "chain " : "");
  }

  toString(): string {
    return JSON.stringify(this.spec);
  }
}

function step(spec: OpSpec, model: SessionModel, real: Real, prefix = ""): void {
  const { ws, history, shadow } = real;
  const { operation, expected } = resolveOperation(spec, model, history);
  const op = operation as { op: string; args: Record<string, unknown> };
  const prediction: Prediction = expected ?? model.predict(op, "op");
  const before = history.snapshots[history.snapshots.length - 1];
  const revocation =
    prediction.ok && op.op === "revokeToken"
      ? expectedRevocation(model, model.grants().find((r) => r.sessionId === op.args.sessionId)!, op.args.value as string, op.args.recursive === true)
      : undefined;
  const at = model.now;

  const entry: JournalEntry = ws.apply(operation);
  const snapshot = ws.manager.toJSON();
  const after = JSON.stringify(snapshot);

  if (entry.seq !== ws.journal.length || entry.at !== at) fail(`journal entry numbered ${entry.seq} at ${entry.at}, expected ${ws.journal.length} at ${at}`);
  const label = prefix + (spec.op === "garbage" ? "garbage" : op.op);
  coverage.hit("error" in entry ? `${label} → ${entry.error.code}` : `${label} → ok`);
  if (revocation && revocation.length > 2) coverage.hit("recursive revocation of 2+ descendants");
  if (revocation && new Set(revocation.map((r) => r.level)).size > 2) coverage.hit("recursive revocation 2+ levels deep");
  if ("error" in entry) {
    if (prediction.ok) fail(`expected success, got ${entry.error.code}: ${entry.error.message}`);
    if (entry.error.code !== prediction.code) fail(`expected ${prediction.code}, got ${entry.error.code}: ${entry.error.message}`);
    if (after !== before) fail(`a failed ${op.op} (${entry.error.code}) changed the state:\n${before}\n${after}`);
  } else {
    if (!prediction.ok) fail(`expected ${prediction.code}, but it succeeded with ${JSON.stringify(entry.result)}`);
    checkResult(op, entry.result as Record<string, unknown>, model);
    if (revocation) checkRevocationOrder((entry.result as { revoked: string[] }).revoked, revocation, "revokeToken");
    model.commit(op, entry.result as Record<string, unknown>, "op");
  }
  history.snapshots.push(after);

  checkTree(snapshot.db);
  checkAgainstModel(model, snapshot);
  checkRoundTrip(ws.manager, after);
  checkQueries(ws.manager, model);
  noteState(model);

  // Replay, one entry at a time: a second manager built from the workspace's base runs the recorded
  // operation the way `replay` does; it must record the same outcome and reach the same bytes.
  // (The property also calls `replay` on the whole journal at the end of every run.)
  const again = runOperation(shadow, JSON.parse(JSON.stringify(entry.operation)) as Operation, entry.seq);
  if (canonicalJson(again) !== canonicalJson(entry)) fail(`replaying entry ${entry.seq} records ${JSON.stringify(again)}, not ${JSON.stringify(entry)}`);
  const replayed = JSON.stringify(shadow.toJSON());
  if (replayed !== after) fail(`replaying the journal gives a different state:\n${after}\n${replayed}`);
}

/** Records situations worth reaching: shared and repeated values, revoked ancestors. */
function noteState(model: SessionModel): void {
  const refs = model.grants();
  const holders = new Map<string, number>();
  for (const ref of refs) {
    const values = ref.grant.tokens.map((t) => t.value);
    if (new Set(values).size < values.length) coverage.hit("state: a value repeated within a grant");
    for (const v of new Set(values)) holders.set(v, (holders.get(v) ?? 0) + 1);
    for (const t of ref.grant.tokens) if (model.tokenStatus(ref, t, model.now).warnings.length) coverage.hit("state: a token with a revoked ancestor");
  }
  if ([...holders.values()].some((n) => n > 1)) coverage.hit("state: a value held by two sessions");
  if (model.users.some((u) => u.clients.length > 1)) coverage.hit("state: a user with two clients");
}

function checkResult(op: { op: string; args: Record<string, unknown> }, result: Record<string, unknown>, model: SessionModel): void {
  const hex32 = /^[0-9a-f]{32}$/;
  switch (op.op) {
    case "createSession": {
      const parts = String(result.sessionId).split(";;");
      if (parts.length !== 3 || parts[0] !== op.args.userId || !hex32.test(parts[2])) fail(`createSession returned ${JSON.stringify(result)}`);
      break;
    }
    case "addGrant":
      if (!hex32.test(String(result.grantId)) || result.sessionId !== `${op.args.userId};;${op.args.clientId};;${result.grantId}`) fail(`addGrant returned ${JSON.stringify(result)}`);
      break;
    case "mintToken":
      if (!hex32.test(String(result.id))) fail(`mintToken id ${JSON.stringify(result.id)}`);
      if (op.args.value !== undefined ? result.value !== op.args.value : typeof result.value !== "string" || !/_[0-9a-f]{32}$/.test(result.value)) {
        fail(`mintToken value ${JSON.stringify(result.value)}`);
      }
      break;
    case "registerUsage": {
      const token = model.firstToken(model.grantOf(op.args.sessionId as string)!, op.args.value)!;
      if (result.used !== token.used + 1) fail(`registerUsage returned ${JSON.stringify(result)}, the model counts ${token.used + 1}`);
      break;
    }
    case "advanceClock":
      if (result.now !== model.now + (op.args.seconds as number)) fail(`advanceClock returned ${JSON.stringify(result)}`);
      break;
    case "setClock":
      if (result.now !== op.args.now) fail(`setClock returned ${JSON.stringify(result)}`);
      break;
  }
}

/** What 1,000 runs must reach, and how often at least (the generator's health, not the code's). */
const REQUIRED_COVERAGE: Record<string, number> = {
  ...Object.fromEntries(
    ["createSession", "addGrant", "mintToken", "registerUsage", "revokeToken", "revokeGrant", "revokeClientSession", "removeSession", "advanceClock", "setClock", "importState"].map((op) => [`${op} → ok`, 50]),
  ),
  "createSession → invalid_argument": 20,
  "addGrant → invalid_argument": 20,
  ...Object.fromEntries(
    ["invalid_argument", "invalid_session_id", "no_such_user_session", "no_such_client_session", "no_such_grant", "unknown_token", "unknown_token_type", "minting_not_allowed"].map((c) => [`mintToken → ${c}`, 5]),
  ),
  "registerUsage → unknown_token": 20,
  "revokeToken → unknown_token": 20,
  "removeSession → no_such_grant": 5,
  "advanceClock → invalid_argument": 20,
  "setClock → invalid_argument": 5,
  "importState → invalid_state_file": 20,
  "garbage → invalid_argument": 20,
  "recursive revocation of 2+ descendants": 10,
  "recursive revocation 2+ levels deep": 10,
  "state: a value repeated within a grant": 20,
  "state: a value held by two sessions": 20,
  "state: a token with a revoked ancestor": 20,
  "state: a user with two clients": 20,
};

const baseArb = fc.record({
  seed: fc.constantFrom("seed-1", "seed-2", "", "__proto__"),
  start: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(1_700_000_000, 0, 86_400) }, { weight: 1, arbitrary: fc.constant(MAX - 200) }),
  settings: fc.nat(SETTINGS.length - 1),
});

function newRun(base: { seed: string; start: number; settings: number }): { model: SessionModel; real: Real } {
  const settings = SETTINGS[base.settings];
  const ws = new Workspace({ name: "property", seed: base.seed, start_time: base.start, settings });
  const model = new SessionModel(base.start, settings);
  return { model, real: { ws, history: { snapshots: [JSON.stringify(ws.manager.toJSON())] }, shadow: createManager(ws.base) } };
}

/** The checks at the end of a run: whole-journal replay, state file round trip, time travel, undo. */
function finishRun({ ws, history }: Real): void {
  const snapshots = history.snapshots;
  if (JSON.stringify(replay(ws.base, ws.journal).toJSON()) !== snapshots[snapshots.length - 1]) fail("replay of the whole journal gives a different state");
  const text = ws.toStateFile({ exportedAt: "2025-01-01T00:00:00.000Z" });
  const loaded = Workspace.fromStateFile(text);
  const now = JSON.stringify(ws.manager.toJSON());
  if (JSON.stringify(loaded.manager.toJSON()) !== now) fail("a saved state file loads into a different state");
  if (loaded.toStateFile({ exportedAt: "2025-01-01T00:00:00.000Z" }) !== text) fail("saving a loaded state file changes it");
  const k = Math.floor(ws.journal.length / 2);
  if (JSON.stringify(ws.stateAt(k).toJSON()) !== snapshots[k]) fail(`stateAt(${k}) differs from the state after step ${k}`);
  if (JSON.stringify(ws.fork(k).manager.toJSON()) !== snapshots[k]) fail(`fork(${k}) differs from the state after step ${k}`);
  if (ws.journal.length > 0) {
    ws.undo();
    if (JSON.stringify(ws.manager.toJSON()) !== snapshots[snapshots.length - 2]) fail("undo does not return to the previous state");
  }
}

describe("Workspace.apply under random operation sequences (model-based)", () => {
  test("every operation of SPEC §10, valid or not, keeps the tree whole, replayable and in agreement with the model", () => {
    fc.assert(
      fc.property(baseArb, prologueSpec, fc.commands([opSpec(true).map((s) => new ApplyCommand(s))], commandsParams(20)), (base, prologue, commands) => {
        const { model, real } = newRun(base);
        for (const spec of prologue) step(spec, model, real);
        fc.modelRun(() => ({ model, real }), commands);
        finishRun(real);
      }),
      propertyParams(1000),
    );
    if (process.env.FC_COVERAGE) console.log(coverage.table());
    if (isFullRun()) expect(coverage.missing(REQUIRED_COVERAGE)).toEqual([]);
  }, propertyTimeout());

  test.each(REGRESSIONS.map((r) => [r.name, r] as const))("counterexample it found: %s", (_name, r) => {
    const { model, real } = newRun(r.base);
    for (const spec of r.specs) for (const s of expandSpec(spec)) step(s, model, real);
    finishRun(real);
  });
});
