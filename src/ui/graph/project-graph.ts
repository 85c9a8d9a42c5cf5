import {
  Grant,
  sessionKey,
  sessionKeyDepth,
  tokenStatusOf,
  type SessionManager,
  type SessionToken,
  type TokenStatusReason,
  type TokenStatusWarning,
} from "../../core/index.ts";
import { grantNodeStatus, sessionNodeStatus, STATUS_PRESENTATION, tokenNodeStatus, type NodeStatus } from "./node-status.ts";

export type NodeKind = "user" | "client" | "grant" | "token";

/**
 * Why a drawn token is not usable: `tokenStatus`'s reasons, and a revoked user session. SPEC §6
 * leaves that one out of `tokenStatus` (the playground revokes a user session's client sessions
 * with it); only an imported dump can revoke a user session alone, and its tokens must not be
 * drawn active under a grant drawn inactive.
 */
export type DrawnReason = TokenStatusReason | "user_session_revoked";

export interface TokenInfo {
  type: string;
  value: string;
  based_on: string | null;
  used: number;
  max_usage: number | undefined;
  issued_at: number;
  expires_at: number;
  not_before: number;
  supports_minting: string[];
  /** The token's own `isActive()`. */
  active: boolean;
  reasons: DrawnReason[];
  /** Position among the grant's tokens with the same value (0 for the first). */
  occurrence: number;
  /** Index in the grant's `issued_token`. */
  index: number;
  /** `based_on` names a value no token of the grant has (only possible in imported state). */
  danglingBasedOn: boolean;
}

export interface GrantInfo {
  id: string;
  scope: string[];
  expires_at: number;
  not_before: number;
  tokenCount: number;
  tokenTypes: string[];
}

export interface GraphNodeModel {
  /** Unique graph id (kind-prefixed, so a user "x" and a token "x" never collide). */
  id: string;
  kind: NodeKind;
  /** The contract id: user id, `user;;client`, session id, or token value (`data-node-id`). */
  contractId: string;
  status: NodeStatus;
  warnings: TokenStatusWarning[];
  /** Parent in the drawn tree: user → client → grant → token. */
  treeParent: string | null;
  /** Parent for layout and collapsing: the based_on token when there is one, else the tree parent. */
  layoutParent: string | null;
  userId: string;
  clientId?: string;
  /** The 3-part session id (grants and tokens). */
  sessionId?: string;
  token?: TokenInfo;
  grant?: GrantInfo;
  ariaLabel: string;
}

export type EdgeKind = "tree" | "based_on";

export interface GraphEdgeModel {
  id: string;
  kind: EdgeKind;
  source: string;
  target: string;
}

/** What one grant's tokens contribute to the graph; reused as is when the grant did not change. */
export interface TokenSlice {
  nodes: GraphNodeModel[];
  edges: GraphEdgeModel[];
  children: [parent: string, child: string][];
  tokenIds: [key: string, id: string][];
}

export interface ProjectedGraph {
  now: number;
  /** Each grant's token part, by session id. */
  tokenSlices: ReadonlyMap<string, TokenSlice>;
  nodes: GraphNodeModel[];
  edges: GraphEdgeModel[];
  byId: ReadonlyMap<string, GraphNodeModel>;
  /** Layout children of each node, in order. */
  children: ReadonlyMap<string, string[]>;
  /** Graph id of the first token with a value in a session: `${sessionId}#${value}` → id. */
  tokenIds: ReadonlyMap<string, string>;
}

export const userNodeId = (userId: string) => `u:${userId}`;
export const clientNodeId = (userId: string, clientId: string) => `c:${sessionKey(userId, clientId)}`;
export const grantNodeId = (sessionId: string) => `g:${sessionId}`;
// Length-prefixed so that no session id and value pair can spell another pair's id.
export const tokenNodeId = (sessionId: string, value: string, occurrence = 0) => `t:${occurrence}:${sessionId.length}:${sessionId}:${value}`;

const TOKEN_WORDS: Record<string, string> = {
  authorization_code: "authorization code",
  access_token: "access token",
  refresh_token: "refresh token",
  id_token: "ID token",
};

/** A token type in words ("access token"); custom types as they are named. */
export function tokenTypeWords(type: string): string {
  return TOKEN_WORDS[type] ?? type;
}

const BADGES: Record<string, string> = { authorization_code: "code", access_token: "AT", refresh_token: "RT", id_token: "ID" };

/** The short badge drawn on a token node: code / AT / RT / ID, or the custom type. */
export function tokenBadge(type: string): string {
  return BADGES[type] ?? type;
}

const KIND_WORDS: Record<NodeKind, string> = { user: "User session", client: "Client session", grant: "Grant", token: "Token" };

/** The node's accessible name: kind, id and status in words, and the warning if there is one. */
export function nodeAriaLabel(node: Pick<GraphNodeModel, "kind" | "contractId" | "token">, status: NodeStatus, warnings: readonly string[]): string {
  return ariaLabelFor(node.kind, node.contractId, status, node.token, warnings);
}

function ariaLabelFor(kind: NodeKind, contractId: string, status: NodeStatus, token?: TokenInfo, warnings: readonly string[] = []): string {
  const what = token ? `${KIND_WORDS.token} (${tokenTypeWords(token.type)})` : KIND_WORDS[kind];
  let text = `${what} ${contractId}, status: ${STATUS_PRESENTATION[status].label}`;
  if (token?.max_usage !== undefined) text += `, used ${token.used} of ${token.max_usage}`;
  if (warnings.includes("ancestor_revoked")) text += "; warning: a token it was minted from is revoked, but this one is not";
  return text;
}

export interface ProjectOptions {
  /** The projection of the state just before the last change, at the same virtual now. */
  previous?: ProjectedGraph;
  /** True for a grant (session id) the last change did not touch: its tokens are taken from `previous`. */
  unchanged?: (sessionId: string) => boolean;
}

/**
 * Projects the session manager onto graph nodes and edges: user, client session, grant and token
 * nodes with their effective status (from `tokenStatus` for tokens), tree edges and based_on edges.
 * Pure: reads the manager, changes nothing. With `previous` and `unchanged`, the token part of
 * grants the last operation did not touch is reused, so one mint in a 2,000-node graph projects
 * one grant's tokens, not all of them.
 */
export function projectGraph(manager: SessionManager, now: number = manager.clock.now(), options: ProjectOptions = {}): ProjectedGraph {
  const reusable = options.previous && options.previous.now === now ? options.previous : undefined;
  const slices = new Map<string, TokenSlice>();
  const nodes: GraphNodeModel[] = [];
  const edges: GraphEdgeModel[] = [];
  const children = new Map<string, string[]>();
  const tokenIds = new Map<string, string>();
  const addChild = (parent: string, child: string) => {
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  };

  for (const key of manager.keys()) {
    if (sessionKeyDepth(key) !== 1) continue; // users first, then walk down their subordinate lists in order
    const user = manager.get([key]);
    const uid = userNodeId(key);
    const userStatus = sessionNodeStatus(user.revoked);
    nodes.push({ id: uid, kind: "user", contractId: key, status: userStatus, warnings: [], treeParent: null, layoutParent: null, userId: key, ariaLabel: ariaLabelFor("user", key, userStatus) });

    for (const clientId of user.subordinate) {
      if (!manager.has([key, clientId])) continue;
      const client = manager.get([key, clientId]);
      const cid = clientNodeId(key, clientId);
      const clientContract = sessionKey(key, clientId);
      const clientStatus = sessionNodeStatus(client.revoked, user.revoked);
      nodes.push({
        id: cid, kind: "client", contractId: clientContract, status: clientStatus, warnings: [], treeParent: uid, layoutParent: uid,
        userId: key, clientId, ariaLabel: ariaLabelFor("client", clientContract, clientStatus),
      });
      edges.push({ id: `e:${uid}>${cid}`, kind: "tree", source: uid, target: cid });
      addChild(uid, cid);

      for (const grantId of client.subordinate) {
        if (!manager.has([key, clientId, grantId])) continue;
        const grant = manager.get([key, clientId, grantId]);
        const sessionId = sessionKey(key, clientId, grantId);
        const gid = grantNodeId(sessionId);
        const grantStatus = grantNodeStatus(
          { revoked: grant.revoked, expired: grant.isExpired(now), notYetValid: grant.notYetValid(now) },
          client.revoked || user.revoked,
        );
        nodes.push({
          id: gid, kind: "grant", contractId: sessionId, status: grantStatus, warnings: [], treeParent: cid, layoutParent: cid,
          userId: key, clientId, sessionId,
          grant: { id: grant.id, scope: [...grant.scope], expires_at: grant.expires_at, not_before: grant.not_before, tokenCount: grant.issued_token.length, tokenTypes: grant.tokenTypes() },
          ariaLabel: ariaLabelFor("grant", sessionId, grantStatus),
        });
        edges.push({ id: `e:${cid}>${gid}`, kind: "tree", source: cid, target: gid });
        addChild(cid, gid);
        const kept = reusable && options.unchanged?.(sessionId) ? reusable.tokenSlices.get(sessionId) : undefined;
        const slice = kept ?? projectTokens(manager, grant, sessionId, gid, now, key, clientId);
        slices.set(sessionId, slice);
        for (const n of slice.nodes) nodes.push(n);
        for (const e of slice.edges) edges.push(e);
        for (const [parent, child] of slice.children) addChild(parent, child);
        for (const [k, id] of slice.tokenIds) tokenIds.set(k, id);
      }
    }
  }

  return { now, tokenSlices: slices, nodes, edges, byId: new Map(nodes.map((n) => [n.id, n])), children, tokenIds };
}

function projectTokens(manager: SessionManager, grant: Grant, sessionId: string, gid: string, now: number, userId: string, clientId: string): TokenSlice {
  const out: TokenSlice = { nodes: [], edges: [], children: [], tokenIds: [] };
  const seen = new Map<string, number>();
  const ids: string[] = [];
  const occurrences: number[] = [];
  const parents: (string | undefined)[] = [];
  const indexOfId = new Map<string, number>();
  grant.issued_token.forEach((token, index) => {
    const occurrence = seen.get(token.value) ?? 0;
    seen.set(token.value, occurrence + 1);
    const tid = tokenNodeId(sessionId, token.value, occurrence);
    ids.push(tid);
    occurrences.push(occurrence);
    indexOfId.set(tid, index);
    const parent = token.based_on == null ? undefined : grant.getToken(token.based_on);
    const parentId = parent ? tokenNodeId(sessionId, parent.value, 0) : undefined;
    parents.push(parentId !== tid ? parentId : undefined);
  });
  // Imported state may hold based_on cycles; the layout tree must not, so each cycle is cut once.
  const layoutParents = [...parents];
  const state = new Uint8Array(ids.length); // 0 new, 1 on the current path, 2 done
  for (let start = 0; start < ids.length; start++) {
    const path: number[] = [];
    let i: number | undefined = start;
    while (i !== undefined && state[i] === 0) {
      state[i] = 1;
      path.push(i);
      const p: string | undefined = layoutParents[i];
      i = p === undefined ? undefined : indexOfId.get(p);
    }
    if (i !== undefined && state[i] === 1) layoutParents[i] = undefined;
    for (const j of path) state[j] = 2;
  }

  const sessions = { client: manager.getClientSessionInfo(sessionId), user: manager.getUserSessionInfo(sessionId) };
  grant.issued_token.forEach((token: SessionToken, index) => {
    const tid = ids[index];
    const occurrence = occurrences[index];
    if (occurrence === 0) out.tokenIds.push([`${sessionId}#${token.value}`, tid]);
    // Per token, not per value: a repeated value gets its own verdict.
    const status = tokenStatusOf(token, grant, sessions, now);
    const reasons: DrawnReason[] = sessions.user.revoked ? [...status.reasons, "user_session_revoked"] : status.reasons;
    const max = token.usage_rules.max_usage;
    const info: TokenInfo = {
      type: token.type,
      value: token.value,
      based_on: token.based_on,
      used: token.used,
      max_usage: typeof max === "number" ? max : undefined,
      issued_at: token.issued_at,
      expires_at: token.expires_at,
      not_before: token.not_before,
      supports_minting: Array.isArray(token.usage_rules.supports_minting) ? [...token.usage_rules.supports_minting] : [],
      active: token.isActive(now),
      reasons,
      occurrence,
      index,
      danglingBasedOn: token.based_on != null && grant.getToken(token.based_on) === undefined,
    };
    const nodeStatus = tokenNodeStatus({ reasons });
    const warnings = occurrence === 0 ? status.warnings : [];
    const layoutParent = layoutParents[index] ?? gid;
    out.nodes.push({
      id: tid, kind: "token", contractId: token.value, status: nodeStatus, warnings, treeParent: gid, layoutParent,
      userId, clientId, sessionId, token: info, ariaLabel: ariaLabelFor("token", token.value, nodeStatus, info, warnings),
    });
    out.edges.push({ id: `e:${gid}>${tid}`, kind: "tree", source: gid, target: tid });
    const basedOnParent = parents[index];
    if (basedOnParent) out.edges.push({ id: `b:${basedOnParent}>${tid}`, kind: "based_on", source: basedOnParent, target: tid });
    out.children.push([layoutParent, tid]);
  });
  return out;
}


/** Ids of every node below `id` in the layout tree (not including `id`). */
export function descendantIds(graph: Pick<ProjectedGraph, "children">, id: string): string[] {
  const out: string[] = [];
  const stack = [...(graph.children.get(id) ?? [])].reverse();
  while (stack.length) {
    const next = stack.pop()!;
    out.push(next);
    const kids = graph.children.get(next);
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}
