// Ports of the reference's (idpy-oidc) algorithms, kept only as the benchmark's baselines.
// Recursive revocation is ported line for line: it rescans every issued token at each step.
// Lookup by token is ported as the reference does it: the session id is carried inside the token
// value, so finding the session is a decode and a walk down the tree, O(1) in the number of tokens.
import type { Grant, SessionInfo, SessionManager, SessionToken } from "../index.ts";

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

/**
 * A token value as the reference's default token handler lays it out before encrypting it: the
 * fields (random part, token class, session id, expiry) packed as `length:value` pairs. Here it is
 * only base64url-encoded, not encrypted, so the baseline below leaves out the reference's AES
 * decryption and is, if anything, faster than the reference.
 */
export function referenceTokenValue(tokenClass: string, sessionId: string, random: string, expiresAt: number): string {
  const packed = [random, tokenClass, sessionId, String(expiresAt)].map((part) => `${part.length}:${part}`).join("");
  return base64url(packed);
}

/** `get_session_info_by_token`: decode the session id from the value, then `get_session_info(session_id)`. */
export function referenceSessionInfoByToken(manager: SessionManager, value: string): SessionInfo {
  const fields = unpack(fromBase64url(value));
  const sessionId = fields[2];
  if (!sessionId) throw new Error("WrongTokenClass");
  return manager.getSessionInfo(sessionId);
}

function base64url(text: string): string {
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): string {
  return atob(text.replace(/-/g, "+").replace(/_/g, "/"));
}

/** The inverse of the `length:value` packing above. */
function unpack(packed: string): string[] {
  const parts: string[] = [];
  let at = 0;
  while (at < packed.length) {
    const colon = packed.indexOf(":", at);
    if (colon < 0) throw new Error("bad packing");
    const length = Number(packed.slice(at, colon));
    parts.push(packed.slice(colon + 1, colon + 1 + length));
    at = colon + 1 + length;
  }
  return parts;
}
