import { InvalidArgument } from "./errors.ts";
import { cloneJson } from "./json.ts";
import { assertId } from "./keys.ts";

/** The user level of the tree: one per user id. `subordinate` lists client ids. */
export class UserSessionInfo {
  readonly type = "UserSessionInfo";
  user_id: string;
  subordinate: string[];
  revoked: boolean;
  extra: Record<string, unknown>;

  /** `new UserSessionInfo({ user_id, ...extra })`; keys other than the declared fields go to `extra`. */
  constructor(fields: { user_id: string; subordinate?: string[]; revoked?: boolean; extra?: Record<string, unknown>; [k: string]: unknown }) {
    const { user_id, subordinate, revoked, extra, type: _type, ...rest } = fields;
    assertId(user_id, "user_id");
    this.user_id = user_id;
    this.subordinate = checkSubordinate(subordinate);
    this.revoked = revoked === true;
    this.extra = { ...(extra ?? {}), ...rest };
  }

  revoke(): void {
    this.revoked = true;
  }

  isRevoked(): boolean {
    return this.revoked;
  }

  toJSON(): { type: "UserSessionInfo"; user_id: string; subordinate: string[]; revoked: boolean; extra: Record<string, unknown> } {
    return { type: this.type, user_id: this.user_id, subordinate: [...this.subordinate], revoked: this.revoked, extra: cloneJson(this.extra) };
  }
}

/** The client level of the tree: one per user id + client id. `subordinate` lists grant ids. */
export class ClientSessionInfo {
  readonly type = "ClientSessionInfo";
  client_id: string;
  subordinate: string[];
  revoked: boolean;
  extra: Record<string, unknown>;

  /** `new ClientSessionInfo({ client_id, ...extra })`; keys other than the declared fields go to `extra`. */
  constructor(fields: { client_id: string; subordinate?: string[]; revoked?: boolean; extra?: Record<string, unknown>; [k: string]: unknown }) {
    const { client_id, subordinate, revoked, extra, type: _type, ...rest } = fields;
    assertId(client_id, "client_id");
    this.client_id = client_id;
    this.subordinate = checkSubordinate(subordinate);
    this.revoked = revoked === true;
    this.extra = { ...(extra ?? {}), ...rest };
  }

  revoke(): void {
    this.revoked = true;
  }

  isRevoked(): boolean {
    return this.revoked;
  }

  toJSON(): { type: "ClientSessionInfo"; client_id: string; subordinate: string[]; revoked: boolean; extra: Record<string, unknown> } {
    return { type: this.type, client_id: this.client_id, subordinate: [...this.subordinate], revoked: this.revoked, extra: cloneJson(this.extra) };
  }
}

function checkSubordinate(subordinate: unknown): string[] {
  if (subordinate === undefined) return [];
  if (!Array.isArray(subordinate) || subordinate.some((s) => typeof s !== "string")) {
    throw new InvalidArgument("subordinate must be a list of ids.", [{ path: "subordinate", message: "must be a list of strings" }]);
  }
  return [...new Set(subordinate as string[])];
}
