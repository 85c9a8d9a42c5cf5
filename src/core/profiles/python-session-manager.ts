import { DIVIDER } from "../keys.ts";
import { pairwiseId, publicId } from "../subject.ts";
import { contains, PyError, PyGrant, PyNode, PyToken, type Dict, type PyRecord } from "./python-objects.ts";

/** What `Grant.mint_token` is called with (the trace's `call`, after the session id and context). */
export interface PyMintArgs {
  token_class: string;
  value: string;
  based_on?: PyToken | null;
  usage_rules?: Dict;
  scope?: unknown;
  expires_in?: number;
  expires_at?: number;
  not_before?: number;
  claims?: Dict;
  resources?: string[];
}

export interface PyCreateSessionArgs {
  authn_event: Dict | null;
  auth_req: Dict | null;
  user_id: string;
  client_id?: string;
  sub_type?: string;
  token_usage_rules?: Dict;
  scopes?: unknown;
}

export interface PySessionInfoFlags {
  user_session_info?: boolean;
  client_session_info?: boolean;
  grant?: boolean;
  authentication_event?: boolean;
  authorization_request?: boolean;
}

export { DIVIDER };

/**
 * An encrypted session id as the endpoint flows write it: `ENCn(user;;client;;grant)`, the n-th
 * distinct ciphertext and what it decrypts to. The libraries' session ids are ciphertexts with no
 * `;;` in them, so `unpack_session_key` of one is a one-part path (a stray record's key).
 */
export const ENCRYPTED_SESSION_ID = /^ENC\d+\((.*)\)$/s;

export function isEncryptedSessionId(key: string): boolean {
  return ENCRYPTED_SESSION_ID.test(key);
}

/**
 * The part both libraries' `SessionManager`s share: a dict of records keyed by `;;`-joined paths
 * (a `Map` keeps Python's insertion order, and reassigning a key keeps its place), a virtual clock,
 * and the subject functions. A session id here is the decrypted path: the libraries encrypt it,
 * and the traces show it decrypted.
 */
export abstract class PythonSessionManager {
  readonly db = new Map<string, PyRecord>();
  #now: () => number;
  /** The session salt subjects hash with (replaced when a state is loaded). */
  salt: string;
  #ephemeral: () => string;
  /** The symbol the next grant gets (g1, g2, … as the traces name them). */
  nextGrantId: () => string;

  constructor(options: { now: () => number; salt: string; ephemeral: () => string; nextGrantId: () => string }) {
    this.#now = options.now;
    this.salt = options.salt;
    this.#ephemeral = options.ephemeral;
    this.nextGrantId = options.nextGrantId;
  }

  now(): number {
    return this.#now();
  }

  /** `session_key` / `branch_key` */
  key(...parts: string[]): string {
    return parts.join(DIVIDER);
  }

  /** `decrypt_session_id` of an id this manager made (the path, split). */
  decrypt(sessionId: string): string[] {
    const encrypted = ENCRYPTED_SESSION_ID.exec(sessionId);
    return (encrypted ? encrypted[1]! : sessionId).split(DIVIDER);
  }

  /** `sub_func[sub_type](user_id, salt=…, sector_identifier=…)`: an unknown type is a KeyError. */
  subject(subType: string, userId: string, sectorIdentifier: string): string {
    switch (subType) {
      case "public":
        return publicId(userId, this.salt);
      case "pairwise":
        return pairwiseId(userId, sectorIdentifier, this.salt);
      case "ephemeral":
        return this.#ephemeral();
      default:
        throw new PyError("KeyError", subType);
    }
  }

  /** `db[key]`: a KeyError naming the key. */
  item(key: string): PyRecord {
    const v = this.db.get(key);
    if (v === undefined) throw new PyError("KeyError", key);
    return v;
  }

  /** `Database.set(path, value)`: both libraries write records through it. */
  abstract set(path: string[], value: PyRecord): void;
  /** `sm[session_id]`: the grant the session id names. */
  abstract lookup(sessionId: string): PyRecord;
  abstract createSession(args: PyCreateSessionArgs): string;
  /** `add_grant`; returns the session id and what the call returned (a session id or a Grant). */
  abstract addGrant(userId: string, clientId: string, grantArgs: Dict): { sessionId: string; returned: string | PyGrant };
  abstract findToken(sessionId: string, value: string): PyToken | null;
  abstract mintToken(grant: PyRecord, sessionId: string, args: PyMintArgs): PyToken | null;
  abstract revokeToken(sessionId: string, value: string, recursive?: boolean): void;
  abstract revokeGrant(sessionId: string): void;
  abstract revokeClientSession(sessionId: string): void;
  abstract removeSession(sessionId: string): void;
  abstract getSessionInfo(sessionId: string, flags: PySessionInfoFlags): unknown;
  abstract getClientSessionInfo(sessionId: string): PyRecord;
  abstract getUserSessionInfo(sessionId: string): PyRecord;
  abstract grants(userId: string, clientId: string): PyRecord[];
  /** The grant and node records as the libraries' `Grant.parameter` lists them (add_grant filters on it). */
  abstract readonly grantParameters: readonly string[];

  /** `get_authentication_event(sid)` = `get_session_info(sid, authentication_event=True)["authentication_event"]`. */
  getAuthenticationEvent(sessionId: string): unknown {
    return (this.getSessionInfo(sessionId, { authentication_event: true }) as Dict).authentication_event;
  }

  /** `get_session_info_by_token`: the token handler parses the value; these scripted values never parse. */
  getSessionInfoByToken(value: string): never {
    throw new PyError("UnknownToken", value);
  }

  /** `get_sids_by_user_id` exists in neither library. */
  getSidsByUserId(): never {
    throw new PyError("AttributeError", "'SessionManager' object has no attribute 'get_sids_by_user_id'");
  }

  /** `Grant(**args)`: keyword arguments `Grant.__init__` does not take raise a TypeError. */
  protected newGrant(args: Dict): PyGrant {
    for (const k of Object.keys(args)) {
      if (!GRANT_INIT_ARGS.has(k)) throw new PyError("TypeError", `Grant.__init__() got an unexpected keyword argument '${k}'`);
    }
    return new PyGrant(this.now(), this.nextGrantId(), args);
  }

  protected filterGrantArgs(kwargs: Dict): Dict {
    const out: Dict = {};
    for (const [k, v] of Object.entries(kwargs)) if (this.grantParameters.includes(k)) out[k] = v;
    return out;
  }
}

/** The keyword arguments of `Grant.__init__` in both libraries (idpy-oidc adds two it fills itself). */
const GRANT_INIT_ARGS = new Set([
  "scope", "claims", "resources", "authorization_details", "authorization_request", "authentication_event",
  "issued_token", "usage_rules", "issued_at", "expires_in", "expires_at", "revoked", "token_map", "sub", "extra",
]);

/** Item.parameter + Grant.parameter, the same in both libraries. */
export const GRANT_PARAMETERS = [
  "expires_at", "issued_at", "not_before", "revoked", "usage_rules", "used",
  "authentication_event", "authorization_details", "authorization_request", "claims", "extra", "issued_token",
  "resources", "scope", "sub", "token_map",
] as const;

/** `if "resource" in auth_req` etc. on a request that may be None. */
export function requestHas(authReq: Dict | null, key: string): boolean {
  return contains(authReq, key);
}

export { PyNode };
