import type { Grant } from "./grant.ts";
import type { ClientSessionInfo, UserSessionInfo } from "./session-info.ts";
import type { SessionToken } from "./token.ts";

/** Why a token is not usable, in the order `tokenStatus` reports them. */
export const TOKEN_STATUS_REASONS = [
  "revoked",
  "expired",
  "not_yet_valid",
  "max_usage_reached",
  "grant_revoked",
  "grant_expired",
  "client_session_revoked",
] as const;
export type TokenStatusReason = (typeof TOKEN_STATUS_REASONS)[number];
export type TokenStatusWarning = "ancestor_revoked";

export interface TokenStatus {
  /** The token's own `isActive()`, as the reference computes it. */
  active: boolean;
  /** Whether an endpoint that checks the whole session would accept it. */
  effective: boolean;
  reasons: TokenStatusReason[];
  warnings: TokenStatusWarning[];
}

/** The sessions above a token's grant. */
export interface TokenSessions {
  client: ClientSessionInfo;
  user: UserSessionInfo;
}

/**
 * `tokenStatus` for a token already in hand (values may repeat, so a value does not always name
 * the token meant): its own flags and lifetime, its grant's, its client and user session's, and
 * the ancestor walk. These are SPEC §6's seven reasons exactly: a revoked user session whose client
 * sessions were left as they were (only an imported dump holds one) is not among them; the graph
 * adds it (`DrawnReason` in ui/graph/project-graph.ts).
 */
export function tokenStatusOf(token: SessionToken, grant: Grant, sessions: TokenSessions, now: number): TokenStatus {
  const reasons: TokenStatusReason[] = [];
  if (token.revoked) reasons.push("revoked");
  if (token.isExpired(now)) reasons.push("expired");
  if (token.notYetValid(now)) reasons.push("not_yet_valid");
  if (token.maxUsageReached()) reasons.push("max_usage_reached");
  if (grant.revoked) reasons.push("grant_revoked");
  if (grant.isExpired(now)) reasons.push("grant_expired");
  if (sessions.client.revoked) reasons.push("client_session_revoked");
  const warnings: TokenStatusWarning[] = [];
  if (!token.revoked && revokedAncestor(grant, token)) warnings.push("ancestor_revoked");
  return { active: token.isActive(now), effective: reasons.length === 0, reasons, warnings };
}

/** True when some token up `token`'s `based_on` chain is revoked. */
function revokedAncestor(grant: Grant, token: SessionToken): boolean {
  const seen = new Set<SessionToken>([token]);
  let t = grant.parentOf(token);
  while (t && !seen.has(t)) {
    if (t.revoked) return true;
    seen.add(t);
    t = grant.parentOf(t);
  }
  return false;
}
