// Builds workspaces through operations, the way the UI does, for the UI's own tests.
import { Workspace, type JournalEntry, type Operation } from "../../ops/index.ts";

export const T0 = 1700000000;
export const AUTH_REQ = { client_id: "client_1", redirect_uri: "https://example.com/cb", scope: "openid email", response_type: "code" };

export function newWorkspace(name = "test"): Workspace {
  return new Workspace({ name, seed: "ui-test-seed", start_time: T0 });
}

/** Applies an operation and returns its result, failing the test on a refused operation. */
export function run<T = Record<string, unknown>>(ws: Workspace, operation: Operation): T {
  const entry: JournalEntry = ws.apply(operation);
  if ("error" in entry) throw new Error(`${operation.op} failed: ${entry.error.code} ${entry.error.message}`);
  return entry.result as T;
}

/** diana at client_1 with a code, and an access, refresh and ID token minted from it. */
export function codeFlow(ws: Workspace = newWorkspace(), userId = "diana", clientId = "client_1") {
  const { sessionId } = run<{ sessionId: string }>(ws, { op: "createSession", args: { userId, clientId, authReq: { ...AUTH_REQ, client_id: clientId } } });
  const code = run<{ value: string }>(ws, { op: "mintToken", args: { sessionId, type: "authorization_code", expiresIn: 600 } }).value;
  const at = run<{ value: string }>(ws, { op: "mintToken", args: { sessionId, type: "access_token", basedOn: code } }).value;
  const rt = run<{ value: string }>(ws, { op: "mintToken", args: { sessionId, type: "refresh_token", basedOn: code } }).value;
  const idt = run<{ value: string }>(ws, { op: "mintToken", args: { sessionId, type: "id_token", basedOn: code } }).value;
  run(ws, { op: "registerUsage", args: { sessionId, value: code } });
  return { ws, sessionId, code, at, rt, idt };
}
