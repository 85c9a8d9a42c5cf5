// Shared fixtures for the core's own tests (not exported from the core).
import { createVirtualClock, type VirtualClock } from "./clock.ts";
import { createSeededRandom } from "./random.ts";
import { SessionManager, type SessionManagerOptions } from "./session-manager.ts";

export const T0 = 1700000000;

export const AUTH_REQ = {
  client_id: "client_1",
  redirect_uri: "https://example.com/cb",
  scope: "openid email",
  response_type: "code",
  state: "STATE",
};

export function authnEvent(uid = "diana", now = T0) {
  return { uid, authn_info: "urn:oasis:names:tc:SAML:2.0:ac:classes:Password", authn_time: now, valid_until: now + 86400 };
}

export function newManager(options: SessionManagerOptions = {}, seed = "test-seed"): { manager: SessionManager; clock: VirtualClock } {
  const clock = createVirtualClock(T0);
  const manager = new SessionManager({ clock, random: createSeededRandom(seed), ...options });
  return { manager, clock };
}

/** A manager with one session for diana at client_1. */
export function withSession(options: SessionManagerOptions = {}) {
  const { manager, clock } = newManager(options);
  const sid = manager.createSession({ authnEvent: authnEvent(), authReq: AUTH_REQ, userId: "diana" });
  return { manager, clock, sid, grant: manager.getGrant(sid) };
}

/** Runs `fn`, expecting it to throw; returns the error. */
export function caught(fn: () => unknown): Error & { code?: string; reason?: string; problems?: { path: string; message: string }[] } {
  try {
    fn();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error("expected the call to throw");
}
