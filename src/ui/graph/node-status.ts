import { assertNever } from "../../core/index.ts";
import type { DrawnReason } from "./project-graph.ts";

/** What a graph node shows as its effective status (`data-status`). */
export type NodeStatus = "active" | "used" | "expired" | "not-yet-valid" | "revoked" | "inactive-ancestor";

export const NODE_STATUSES: readonly NodeStatus[] = ["active", "used", "expired", "not-yet-valid", "revoked", "inactive-ancestor"];

/** The status each reason alone would draw; every reason has one (a new reason is a compile error here). */
const REASON_STATUS: Record<DrawnReason, NodeStatus> = {
  revoked: "revoked",
  max_usage_reached: "used",
  expired: "expired",
  not_yet_valid: "not-yet-valid",
  grant_revoked: "inactive-ancestor",
  grant_expired: "inactive-ancestor",
  client_session_revoked: "inactive-ancestor",
  user_session_revoked: "inactive-ancestor",
};

/** Which status wins when a token has several reasons: its own state first. */
const PRECEDENCE: readonly NodeStatus[] = ["revoked", "used", "expired", "not-yet-valid", "inactive-ancestor"];

/**
 * The token's display status from `tokenStatus`. The token's own state wins over its ancestors'
 * (a revoked token under a revoked grant shows "revoked"), in the order revoked, used up, expired,
 * not yet valid; a token that is fine on its own but whose grant, client session or user session
 * is not shows "inactive-ancestor". Warnings never change the status: they are drawn as a separate
 * mark. Only a token without reasons is "active"; a reason this table does not know throws.
 */
export function tokenNodeStatus(status: { reasons: readonly DrawnReason[] }): NodeStatus {
  let best = PRECEDENCE.length;
  for (const reason of status.reasons) {
    const drawn = Object.hasOwn(REASON_STATUS, reason) ? REASON_STATUS[reason] : assertNever(reason as never, "token status reason");
    best = Math.min(best, PRECEDENCE.indexOf(drawn));
  }
  return best < PRECEDENCE.length ? PRECEDENCE[best] : "active";
}

/** A grant's status: its own flags first, then its client or user session's. */
export function grantNodeStatus(grant: { revoked: boolean; expired: boolean; notYetValid: boolean }, parentRevoked: boolean): NodeStatus {
  if (grant.revoked) return "revoked";
  if (grant.expired) return "expired";
  if (grant.notYetValid) return "not-yet-valid";
  if (parentRevoked) return "inactive-ancestor";
  return "active";
}

/** A user or client session's status: revoked, inactive because its user session is revoked, or active. */
export function sessionNodeStatus(revoked: boolean, parentRevoked = false): NodeStatus {
  if (revoked) return "revoked";
  if (parentRevoked) return "inactive-ancestor";
  return "active";
}

/** The words and icon for each status; colour is never the only signal. */
export const STATUS_PRESENTATION: Record<NodeStatus, { icon: string; label: string }> = {
  active: { icon: "●", label: "active" },
  used: { icon: "✓", label: "used up" },
  expired: { icon: "⌛", label: "expired" },
  "not-yet-valid": { icon: "◷", label: "not yet valid" },
  revoked: { icon: "✕", label: "revoked" },
  "inactive-ancestor": { icon: "⊘", label: "inactive: grant or client session not active" },
};

export const WARNING_PRESENTATION = { icon: "⚠", label: "revoked ancestor" } as const;
