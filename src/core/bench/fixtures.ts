import { createSeededRandom, createVirtualClock, SessionManager } from "../index.ts";

export const T0 = 1700000000;

export function emptyManager(seed = "bench"): SessionManager {
  return new SessionManager({ clock: createVirtualClock(T0), random: createSeededRandom(seed) });
}

/** One grant holding a based_on chain: a code, then `length - 1` refresh tokens each minted from the previous. */
export function chainManager(length: number): { manager: SessionManager; sessionId: string; root: string } {
  const manager = emptyManager();
  const sessionId = manager.createSession({ authReq: { client_id: "client_1", scope: "openid" }, userId: "diana" });
  const grant = manager.getGrant(sessionId);
  let parent = grant.mintToken("authorization_code", { usageRules: { supports_minting: ["refresh_token"] } });
  const root = parent.value;
  for (let i = 1; i < length; i++) parent = grant.mintToken("refresh_token", { basedOn: parent });
  return { manager, sessionId, root };
}

/** A token as the benchmarks look it up: its value, the session holding it and its type. */
export interface MintedToken {
  value: string;
  sessionId: string;
  type: string;
}

/** `sessions` sessions with `perSession` tokens each (a code and access tokens minted from it). */
export function wideManager(sessions: number, perSession: number): { manager: SessionManager; values: string[]; tokens: MintedToken[] } {
  const manager = emptyManager();
  const tokens: MintedToken[] = [];
  for (let s = 0; s < sessions; s++) {
    const sid = manager.createSession({ authReq: { client_id: `client_${s % 10}`, scope: "openid" }, userId: `user_${Math.floor(s / 10)}` });
    const grant = manager.getGrant(sid);
    const code = grant.mintToken("authorization_code");
    tokens.push({ value: code.value, sessionId: sid, type: code.type });
    for (let i = 1; i < perSession; i++) {
      const t = grant.mintToken("access_token", { basedOn: code });
      tokens.push({ value: t.value, sessionId: sid, type: t.type });
    }
  }
  return { manager, values: tokens.map((t) => t.value), tokens };
}
