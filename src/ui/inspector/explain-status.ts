import { assertNever } from "../../core/index.ts";
import { formatDuration, formatTime } from "../format.ts";
import { tokenTypeWords, type GraphNodeModel, type ProjectedGraph } from "../graph/project-graph.ts";

export interface Explanation {
  kind: "ok" | "reason" | "warning";
  /** Plain words; text between backticks is code. */
  text: string;
}


/** The nearest token up the based_on chain that is revoked, and whether it is the direct parent. */
export function revokedAncestor(graph: Pick<ProjectedGraph, "byId">, node: GraphNodeModel): { node: GraphNodeModel; direct: boolean } | null {
  const seen = new Set<string>([node.id]);
  let id = node.token && !node.token.danglingBasedOn ? node.layoutParent : null;
  let direct = true;
  while (id && !seen.has(id)) {
    const n = graph.byId.get(id);
    if (!n || n.kind !== "token") return null;
    if (n.token!.reasons.includes("revoked")) return { node: n, direct };
    seen.add(id);
    id = n.layoutParent;
    direct = false;
  }
  return null;
}

/**
 * Why a node is or is not usable, in plain words: every reason `tokenStatus` gives, and every
 * warning, including the surprising ones (a token that still passes `is_active()` under a
 * revoked grant; a token that outlived a revoked parent).
 */
export function explainNode(graph: Pick<ProjectedGraph, "byId" | "now">, node: GraphNodeModel): Explanation[] {
  const now = graph.now;
  const out: Explanation[] = [];
  if (node.kind === "token" && node.token) {
    const t = node.token;
    const what = tokenTypeWords(t.type);
    for (const reason of t.reasons) {
      switch (reason) {
        case "revoked":
          out.push({ kind: "reason", text: `This ${what} was revoked.` });
          break;
        case "expired":
          out.push({ kind: "reason", text: `It expired at ${formatTime(t.expires_at)} (${formatDuration(now - t.expires_at)} ago in virtual time).` });
          break;
        case "not_yet_valid":
          out.push({ kind: "reason", text: `It is not valid before ${formatTime(t.not_before)} (${formatDuration(t.not_before - now)} from now in virtual time).` });
          break;
        case "max_usage_reached":
          out.push({
            kind: "reason",
            text: `It has been used ${t.used} of ${t.max_usage} time${t.max_usage === 1 ? "" : "s"}, so it cannot be used again, and nothing can be minted from it.`,
          });
          break;
        case "grant_revoked":
          out.push({
            kind: "reason",
            text: t.active
              ? `This ${what} is still \`is_active()\` on its own, but its grant was revoked: an endpoint that only checks the token would still accept it.`
              : "Its grant was revoked as well.",
          });
          break;
        case "grant_expired": {
          const grant = node.treeParent ? graph.byId.get(node.treeParent)?.grant : undefined;
          const when = grant ? ` at ${formatTime(grant.expires_at)}` : "";
          out.push({
            kind: "reason",
            text: t.active
              ? `This ${what} is still \`is_active()\` on its own, but its grant expired${when}: an endpoint that only checks the token would still accept it.`
              : `Its grant expired${when} as well.`,
          });
          break;
        }
        case "client_session_revoked":
          out.push({
            kind: "reason",
            text: t.active
              ? `This ${what} is still \`is_active()\` on its own, but its client session was revoked (a logout): an endpoint that only checks the token would still accept it.`
              : "Its client session was revoked as well.",
          });
          break;
        case "user_session_revoked":
          out.push({
            kind: "reason",
            text: t.active
              ? `This ${what} is still \`is_active()\` on its own, but its user session was revoked: an endpoint that only checks the token would still accept it.`
              : "Its user session was revoked as well.",
          });
          break;
        default:
          assertNever(reason, "token status reason");
      }
    }
    if (node.warnings.includes("ancestor_revoked")) {
      const anc = revokedAncestor(graph, node);
      const parentWords = anc ? tokenTypeWords(anc.node.token!.type) : "token";
      const where = anc && !anc.direct ? `${parentWords} \`${anc.node.contractId}\` up its based_on chain` : `${parentWords} this was minted from`;
      out.push({
        kind: "warning",
        // Tense: a token that no longer works on its own (expired, used up) does not "still work".
        text: t.active
          ? `The ${where} is revoked, but this ${what} was not: revoke recursively to reach it. Until then it still works, because only a recursive revocation reaches the tokens minted from a token.`
          : `The ${where} is revoked, but this ${what} was not. It no longer works anyway: it is not active on its own.`,
      });
    }
    if (t.danglingBasedOn) {
      out.push({ kind: "warning", text: `Its based_on names \`${t.based_on}\`, which no token of this grant has (imported state can hold such links).` });
    }
    if (!t.reasons.length) {
      const mints = t.supports_minting.length ? ` It can mint: ${t.supports_minting.map(tokenTypeWords).join(", ")}.` : "";
      out.unshift({ kind: "ok", text: `This ${what} is active: an endpoint that checks the token, its grant and its client session accepts it.${mints}` });
    }
    return out;
  }
  if (node.kind === "grant" && node.grant) {
    const g = node.grant;
    switch (node.status) {
      case "revoked":
        out.push({
          kind: "reason",
          text: "This grant was revoked: nothing can be minted from it. Its tokens keep their own flags, so each still passes `is_active()` on its own; only an endpoint that checks the grant refuses them.",
        });
        break;
      case "expired":
        out.push({ kind: "reason", text: `This grant expired at ${formatTime(g.expires_at)} (${formatDuration(now - g.expires_at)} ago in virtual time): nothing can be minted from it.` });
        break;
      case "not-yet-valid":
        out.push({ kind: "reason", text: `This grant is not valid before ${formatTime(g.not_before)}.` });
        break;
      case "inactive-ancestor":
        out.push({ kind: "reason", text: "Its client session (or user session) was revoked, though the grant itself was not." });
        break;
      default:
        out.push({ kind: "ok", text: `This grant is active: tokens can be minted from it (${g.tokenTypes.map(tokenTypeWords).join(", ")}).` });
    }
    return out;
  }
  const what = node.kind === "client" ? "client session" : "user session";
  if (node.status === "revoked") {
    out.push({
      kind: "reason",
      text: node.kind === "client" ? "This client session was revoked (as a logout does); each of its grants was revoked with it." : `This ${what} was revoked.`,
    });
  } else if (node.status === "inactive-ancestor") {
    out.push({ kind: "reason", text: "Its user session was revoked." });
  } else out.push({ kind: "ok", text: `This ${what} is active.` });
  return out;
}
