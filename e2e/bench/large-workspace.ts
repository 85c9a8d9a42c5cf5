import { Workspace, type Operation } from "../../src/ops/index.ts";

const START = 1_700_000_000;

/**
 * A workspace whose graph has about `target` nodes: users with two clients each, two grants per
 * client, and per grant a code exchanged for access, refresh and ID tokens followed by a chain of
 * refreshes (each mints an access and a refresh token from the previous refresh token).
 */
export function largeWorkspace(target = 2000): { workspace: Workspace; nodes: number; lastRefresh: { sessionId: string; value: string } } {
  const ws = new Workspace({ name: `Benchmark (${target} nodes)`, seed: "bench-seed", start_time: START });
  const run = (operation: Operation) => {
    const e = ws.apply(operation);
    if ("error" in e) throw new Error(`${operation.op}: ${e.error.code} ${e.error.message}`);
    return e.result as Record<string, unknown>;
  };
  const users = 10, clients = 2, grants = 2;
  const sessionNodes = users + users * clients + users * clients * grants;
  const perGrant = Math.floor((target - sessionNodes) / (users * clients * grants));
  let nodes = sessionNodes;
  let lastRefresh = { sessionId: "", value: "" };
  for (let u = 0; u < users; u++) {
    for (let c = 0; c < clients; c++) {
      for (let g = 0; g < grants; g++) {
        const userId = `user_${u}`;
        const clientId = `client_${c}`;
        const authReq = { client_id: clientId, redirect_uri: "https://example.com/cb", scope: "openid email", response_type: "code" };
        const sessionId = run({ op: "createSession", args: { userId, clientId, authReq } }).sessionId as string;
        const code = run({ op: "mintToken", args: { sessionId, type: "authorization_code" } }).value as string;
        run({ op: "mintToken", args: { sessionId, type: "access_token", basedOn: code } });
        let rt = run({ op: "mintToken", args: { sessionId, type: "refresh_token", basedOn: code } }).value as string;
        run({ op: "mintToken", args: { sessionId, type: "id_token", basedOn: code } });
        run({ op: "registerUsage", args: { sessionId, value: code } });
        let tokens = 4;
        while (tokens + 2 <= perGrant) {
          run({ op: "mintToken", args: { sessionId, type: "access_token", basedOn: rt } });
          const next = run({ op: "mintToken", args: { sessionId, type: "refresh_token", basedOn: rt } }).value as string;
          run({ op: "revokeToken", args: { sessionId, value: rt } });
          rt = next;
          tokens += 2;
        }
        nodes += tokens;
        lastRefresh = { sessionId, value: rt };
      }
    }
  }
  return { workspace: ws, nodes, lastRefresh };
}

/**
 * A workspace with exactly `tokens` tokens for one user at one client: grants of up to 50 tokens,
 * each a code exchanged for an access, a refresh and an ID token, then refreshes from the
 * refresh token (an access and a refresh token each).
 */
export function tokensWorkspace(tokens: number): Workspace {
  const ws = new Workspace({ name: `Benchmark (${tokens} tokens)`, seed: "bench-tokens", start_time: START });
  const run = (operation: Operation) => {
    const e = ws.apply(operation);
    if ("error" in e) throw new Error(`${operation.op}: ${e.error.code} ${e.error.message}`);
    return e.result as Record<string, unknown>;
  };
  let left = tokens;
  while (left > 0) {
    const authReq = { client_id: "client_1", redirect_uri: "https://example.com/cb", scope: "openid email", response_type: "code" };
    const sessionId = run({ op: "createSession", args: { userId: "diana", clientId: "client_1", authReq } }).sessionId as string;
    const code = run({ op: "mintToken", args: { sessionId, type: "authorization_code" } }).value as string;
    left--;
    let rt: string | null = null;
    for (const type of ["access_token", "refresh_token", "id_token"]) {
      if (left === 0) break;
      const value = run({ op: "mintToken", args: { sessionId, type, basedOn: code } }).value as string;
      left--;
      if (type === "refresh_token") rt = value;
    }
    for (let inGrant = 4; rt && left > 0 && inGrant < 50; inGrant += 2) {
      run({ op: "mintToken", args: { sessionId, type: "access_token", basedOn: rt } });
      left--;
      if (left === 0) break;
      rt = run({ op: "mintToken", args: { sessionId, type: "refresh_token", basedOn: rt } }).value as string;
      left--;
    }
  }
  return ws;
}
