import { InvalidArgument, NoSuchClientSession, NoSuchGrant, NoSuchUserSession } from "./errors.ts";
import { Grant } from "./grant.ts";
import { assertId, sessionKey } from "./keys.ts";
import { ClientSessionInfo, UserSessionInfo } from "./session-info.ts";

/** A node of the session tree: user session, client session or grant. */
export type SessionNode = UserSessionInfo | ClientSessionInfo | Grant;

const LEVEL_NAMES = ["user id", "client id", "grant id"];

/**
 * The tree store: user sessions hold client sessions, which hold grants, each kept under its
 * `;;`-joined key. Parents list their children's ids in `subordinate`.
 */
export class Database {
  /** Every node by key, in the order first stored; toJSON follows this order. */
  protected readonly db = new Map<string, SessionNode>();

  /** Hook for subclasses: a node was stored under `key` (replacing `previous`, if any). */
  protected onStore(_key: string, _node: SessionNode, _previous: SessionNode | undefined): void {}
  /** Hook for subclasses: the node under `key` was removed. */
  protected onRemove(_key: string, _node: SessionNode): void {}

  /**
   * Stores `value` at `path` (1–3 ids). Missing ancestors are created and each child id is added
   * to its parent's `subordinate`; an existing node at `path` is replaced, and only that node.
   */
  set(path: readonly string[], value: SessionNode): void {
    checkPath(path);
    const expected = [UserSessionInfo, ClientSessionInfo, Grant][path.length - 1];
    if (!(value instanceof expected)) {
      throw new InvalidArgument(`A node at depth ${path.length} must be a ${expected.name}.`, [{ path: "value", message: `must be a ${expected.name}` }]);
    }
    const created: [string, SessionNode][] = [];
    let parent: UserSessionInfo | ClientSessionInfo | undefined;
    for (let i = 0; i < path.length - 1; i++) {
      const key = sessionKey(...path.slice(0, i + 1));
      let node = this.db.get(key) as UserSessionInfo | ClientSessionInfo | undefined;
      if (!node) {
        node = i === 0 ? new UserSessionInfo({ user_id: path[0] }) : new ClientSessionInfo({ client_id: path[1] });
        created.push([key, node]);
        this.db.set(key, node);
      }
      if (parent && !parent.subordinate.includes(path[i])) parent.subordinate.push(path[i]);
      parent = node;
    }
    if (parent && !parent.subordinate.includes(path[path.length - 1])) parent.subordinate.push(path[path.length - 1]);
    const key = sessionKey(...path);
    const previous = this.db.get(key);
    this.db.set(key, value);
    for (const [k, n] of created) this.onStore(k, n, undefined);
    this.onStore(key, value, previous);
  }

  /** The node at `path`, typed by the path's length; throws `NoSuchUserSession`, `NoSuchClientSession` or `NoSuchGrant`. */
  get(path: readonly [userId: string]): UserSessionInfo;
  get(path: readonly [userId: string, clientId: string]): ClientSessionInfo;
  get(path: readonly [userId: string, clientId: string, grantId: string]): Grant;
  get(path: readonly string[]): SessionNode;
  get(path: readonly string[]): SessionNode {
    checkPath(path);
    const user = this.db.get(path[0]);
    if (!(user instanceof UserSessionInfo)) throw new NoSuchUserSession(path[0]);
    if (path.length === 1) return user;
    const client = this.db.get(sessionKey(path[0], path[1]));
    if (!user.subordinate.includes(path[1]) || !(client instanceof ClientSessionInfo)) throw new NoSuchClientSession(path[0], path[1]);
    if (path.length === 2) return client;
    const grant = this.db.get(sessionKey(path[0], path[1], path[2]));
    if (!client.subordinate.includes(path[2]) || !(grant instanceof Grant)) throw new NoSuchGrant(path[0], path[1], path[2]);
    return grant;
  }

  /** True when `get(path)` would succeed. */
  has(path: readonly string[]): boolean {
    try {
      this.get(path);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Deletes the node at `path` and its whole subtree, removes its id from the parent's
   * `subordinate`, then deletes each ancestor left with no subordinates. A missing node is a no-op.
   * Deviation: the reference left the subtree of a deleted user or client behind.
   */
  delete(path: readonly string[]): void {
    checkPath(path);
    const key = sessionKey(...path);
    const node = this.db.get(key);
    if (!node) return;
    this.#deleteSubtree(path, node);
    for (let depth = path.length - 1; depth >= 1; depth--) {
      const parentKey = sessionKey(...path.slice(0, depth));
      const parent = this.db.get(parentKey) as UserSessionInfo | ClientSessionInfo | undefined;
      if (!parent) break;
      const i = parent.subordinate.indexOf(path[depth]);
      if (i >= 0) parent.subordinate.splice(i, 1);
      if (parent.subordinate.length > 0) break;
      this.db.delete(parentKey);
      this.onRemove(parentKey, parent);
    }
  }

  #deleteSubtree(path: readonly string[], node: SessionNode): void {
    if (!(node instanceof Grant)) {
      for (const child of node.subordinate) {
        const childPath = [...path, child];
        const childNode = this.db.get(sessionKey(...childPath));
        if (childNode) this.#deleteSubtree(childPath, childNode);
      }
    }
    const key = sessionKey(...path);
    this.db.delete(key);
    this.onRemove(key, node);
  }

  /** Assigns `fields` to the node at `path` and stores it again. */
  update(path: readonly string[], fields: Record<string, unknown>): SessionNode {
    const node = this.get(path);
    Object.assign(node, fields);
    this.set(path, node);
    return node;
  }

  /** Every stored key, in storage order. */
  keys(): string[] {
    return [...this.db.keys()];
  }

  /** Number of stored nodes. */
  get size(): number {
    return this.db.size;
  }
}

function checkPath(path: readonly string[]): void {
  if (!Array.isArray(path) || path.length < 1 || path.length > 3) {
    throw new InvalidArgument("A path is a list of 1 to 3 ids: [userId], [userId, clientId] or [userId, clientId, grantId].", [
      { path: "path", message: "must hold 1 to 3 ids" },
    ]);
  }
  path.forEach((id, i) => assertId(id, LEVEL_NAMES[i]));
}
