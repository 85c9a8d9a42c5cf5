import { IdpyOidcSessionManager } from "./idpy-oidc-5.0.ts";
import { OidcOpSessionManager } from "./oidc-op-2.4.ts";
import type { PythonSessionManager } from "./python-session-manager.ts";

/** The semantics a workspace runs under: the SPEC's session manager, or a real library's. */
export type SemanticsName = "playground" | "idpy-oidc-5.0" | "oidc-op-2.4";
export type LibrarySemantics = Exclude<SemanticsName, "playground">;
export const SEMANTICS_NAMES: readonly SemanticsName[] = ["playground", "idpy-oidc-5.0", "oidc-op-2.4"];

export interface LibraryProfile {
  readonly semantics: LibrarySemantics;
  /** The library's name as the traces and dumps give it. */
  readonly library: "idpy-oidc" | "oidc-op";
  readonly version: string;
  readonly label: string;
  /** Whether a node's subordinate lists its children by full key (idpy-oidc) or by bare id (oidc-op). */
  readonly subordinateByFullKey: boolean;
  /** How the library differs from the playground, in plain words, each naming the library function. */
  readonly differences: readonly string[];
  /** The node's own id field: `id` (idpy-oidc) or `user_id` / `client_id` (oidc-op). */
  readonly idField: (kind: "user" | "client") => "id" | "user_id" | "client_id";
  create(options: ConstructorParameters<typeof IdpyOidcSessionManager>[0]): PythonSessionManager;
}

export const LIBRARY_PROFILES: Record<LibrarySemantics, LibraryProfile> = {
  "idpy-oidc-5.0": {
    semantics: "idpy-oidc-5.0",
    library: "idpy-oidc",
    version: "5.0.0",
    label: "idpy-oidc 5.0",
    subordinateByFullKey: true,
    differences: [
      "Minting from a token counts as a use of it: a code (max_usage 1) is used up by its first mint, so a refresh or ID token minted from it afterwards is refused with MintingNotAllowed (Grant.mint_token: based_on.used += 1).",
      "Minting in a grant that is revoked or expired returns None: nothing is minted and nothing is raised (Grant.mint_token).",
      "A mint without its own usage rules shares the grant's rules for that type, and the token's class writes its defaults into them (SessionToken.set_defaults).",
      "createSession without client_id files the session under client \"\"; the request's client_id is not read (SessionManager.make_path).",
      "The request's resource becomes the grant's resources (SessionManager.create_grant).",
      "Subordinate lists hold full keys (\"diana;;client_1;;g1\") (Database.set).",
      "A recursive revokeToken revokes every token with that value, and a token minted from its own value recurses until RecursionError (Grant.revoke_token).",
      "removeSession of a session already gone returns None and still walks up the path (Database.delete).",
      "Calls on a removed session raise KeyError or InvalidBranchID (Database.get, GrantManager.branch_info).",
      "addGrant takes path=[user, client] and returns a session id; expires_in is dropped and not_before raises TypeError (GrantManager.add_grant).",
    ],
    idField: () => "id",
    create: (o) => new IdpyOidcSessionManager(o),
  },
  "oidc-op-2.4": {
    semantics: "oidc-op-2.4",
    library: "oidc-op",
    version: "2.4.3",
    label: "oidc-op 2.4",
    subordinateByFullKey: false,
    differences: [
      "Minting never counts as a use of the token minted from; the grant's own used goes up per mint (Grant.mint_token).",
      "Minting in a grant that is revoked or expired returns None: nothing is minted and nothing is raised (Grant.mint_token).",
      "createSession sets the grant's scope only from scopes=, never from the request: without it the scope is [] (SessionManager.create_grant).",
      "addGrant lists the new grant twice in the client session's subordinate (SessionManager.add_grant after Database.set).",
      "A grant added for a user with no session yet makes a user node with user_id \"\" (Database.set).",
      "removeSession while the client session keeps other grants also stores the client session under the bare client id: a stray record that stays (Database.delete).",
      "A mint without its own usage rules shares the grant's rules for that type, and the token's class writes its defaults into them (SessionToken.set_defaults).",
      "A recursive revokeToken follows the first token with that value only, and a token minted from its own value recurses until RecursionError (SessionManager._revoke_dependent).",
      "getSessionInfo with grant and authentication_event raises TypeError: 'Grant' object is not subscriptable (SessionManager.get_session_info).",
      "Calls on a removed session raise KeyError('No such UserID'), ValueError or NoSuchGrant (Database.get).",
    ],
    idField: (kind) => (kind === "user" ? "user_id" : "client_id"),
    create: (o) => new OidcOpSessionManager(o),
  },
};

/** The profile of a library as traces and dumps name it ("idpy-oidc", "oidc-op"). */
export function profileOfLibrary(name: string): LibraryProfile | undefined {
  return Object.values(LIBRARY_PROFILES).find((p) => p.library === name);
}
