// A faithful port of the reference's (idpy-oidc) scan-based algorithms, kept only as the
// benchmark's baseline: recursive revocation rescans every issued token at each step, and
// finding a token by value walks the tokens one by one.
import type { Grant, SessionManager, SessionToken } from "../index.ts";

/** `Grant.revoke_token(value, based_on, recursive)` as the reference writes it (recursion and all). */
export function referenceRevokeToken(grant: Grant, value = "", basedOn = "", recursive = true): void {
  for (const t of grant.issued_token) {
    if (!value && !basedOn) t.revoked = true;
    else if (value && basedOn) {
      if (value === t.value && basedOn === t.based_on) t.revoked = true;
    } else if (value) {
      if (t.value === value) {
        t.revoked = true;
        if (recursive) referenceRevokeToken(grant, "", t.value);
      }
    } else if (basedOn) {
      if (t.based_on === basedOn) {
        t.revoked = true;
        if (recursive) referenceRevokeToken(grant, "", t.value);
      }
    }
  }
}

/** `SessionManager.revoke_token(session_id, value, recursive=True)`: find, revoke, then rescan for children. */
export function referenceManagerRevoke(manager: SessionManager, sessionId: string, value: string): void {
  const grant = manager.getGrant(sessionId);
  const token = referenceFindToken(grant, value);
  if (!token) throw new Error("UnknownToken");
  token.revoked = true;
  referenceRevokeToken(grant, "", value);
}

/** `find_token`: a linear walk over the grant's tokens. */
export function referenceFindToken(grant: Grant, value: string): SessionToken | undefined {
  for (const t of grant.issued_token) if (t.value === value) return t;
  return undefined;
}

/** Session lookup by token without an index: walk every grant's tokens until the value turns up. */
export function referenceSessionIdByToken(manager: SessionManager, value: string): string {
  const json = manager.keys();
  for (const key of json) {
    if (key.split(";;").length !== 3) continue;
    if (referenceFindToken(manager.getGrant(key), value)) return key;
  }
  throw new Error("UnknownToken");
}
