import type { LibrarySemantics } from "../core/index.ts";
import { pyLiteral, pyString } from "./literals.ts";

/** Which reference implementation the code is written for. */
export type PythonTarget = "idpy-oidc" | "oidc-op";

/** What the generated file needs to know of one library: its names, its call shapes, and how to build its server. */
export interface TargetInfo {
  /** The library's name in comments ("idpy-oidc"). */
  library: string;
  title: string;
  /** The package and version the file is written for, as a reader installs it. */
  requirement: string;
  /** The profile that models the library, for the replay the assertions come from. */
  semantics: LibrarySemantics;
  imports: string[];
  /** Where each exception class the library may raise is imported from (builtins need nothing). */
  exceptionModules: Record<string, string>;
  /** Modules whose `utc_time_sans_frac` session items and authentication events read the time through. */
  clockModules: string[];
  /** The keyword `Grant.mint_token` takes the server context by, and the Server's attribute holding it. */
  contextKeyword: string;
  /** idpy-oidc 5: `add_grant(path=[user, client])` returns a session id; oidc-op: `add_grant(user, client)` returns a Grant. */
  addGrantByPath: boolean;
  /** idpy-oidc takes a mint's `claims=` as a list of names, oidc-op as the dict. */
  claimsAsNames: boolean;
  /** The import path prefix of the library's server package, for class names in the configuration. */
  pkg: string;
  /** The code handler's configuration (idpy-oidc's needs its own encryption keys). */
  codeHandler: Record<string, unknown>;
  /** `session_params` of the configuration, given the session salt. */
  sessionParams: (salt: string) => Record<string, unknown>;
  /** More configuration the Server needs (oidc-op's Server reads an endpoint list). */
  extraConf: Record<string, unknown>;
}

const PASSWORD = "playground-export-not-secret";

export const TARGETS: Record<PythonTarget, TargetInfo> = {
  "idpy-oidc": {
    library: "idpy-oidc",
    title: "idpy-oidc 5.0 (module idpyoidc.server.session)",
    requirement: "idpyoidc 5.0.0",
    semantics: "idpy-oidc-5.0",
    imports: [
      "from idpyoidc.message.oidc import AuthorizationRequest",
      "from idpyoidc.server import Server",
      "from idpyoidc.server.authn_event import AuthnEvent",
    ],
    exceptionModules: {
      MintingNotAllowed: "idpyoidc.server.session",
      InvalidBranchID: "idpyoidc.server.exception",
      NoSuchGrant: "idpyoidc.server.exception",
      NoSuchClientSession: "idpyoidc.server.exception",
      UnknownToken: "idpyoidc.server.token.exception",
    },
    clockModules: ["idpyoidc.server.session.token", "idpyoidc.server.authn_event"],
    contextKeyword: "context",
    addGrantByPath: true,
    claimsAsNames: true,
    pkg: "idpyoidc.server",
    codeHandler: {
      lifetime: 600,
      kwargs: {
        crypt_conf: {
          kwargs: {
            keys: {
              key_defs: [
                { type: "OCT", use: ["enc"], kid: "password" },
                { type: "OCT", use: ["enc"], kid: "salt" },
              ],
            },
            iterations: 1,
          },
        },
      },
    },
    extraConf: {},
    sessionParams: (salt) => ({ encrypter: { class: "cryptojwt.jwe.fernet.FernetEncrypter", kwargs: { password: PASSWORD, salt, iterations: 1 } } }),
  },
  "oidc-op": {
    library: "oidc-op",
    title: "oidc-op 2.4 (module oidcop.session)",
    requirement: "oidcop 2.4.3",
    semantics: "oidc-op-2.4",
    imports: ["from oidcmsg.oidc import AuthorizationRequest", "from oidcop.authn_event import AuthnEvent", "from oidcop.server import Server"],
    exceptionModules: {
      MintingNotAllowed: "oidcop.session",
      NoSuchGrant: "oidcop.session.database",
      NoSuchClientSession: "oidcop.session.database",
      UnknownToken: "oidcop.token.exception",
    },
    clockModules: ["oidcop.session.token", "oidcop.authn_event"],
    contextKeyword: "endpoint_context",
    addGrantByPath: false,
    claimsAsNames: false,
    pkg: "oidcop",
    codeHandler: { lifetime: 600 },
    sessionParams: (salt) => ({ password: PASSWORD, salt }),
    extraConf: {
      endpoint: {
        authorization_endpoint: { path: "{}/authorization", class: "oidcop.oidc.authorization.Authorization", kwargs: {} },
        token_endpoint: { path: "{}/token", class: "oidcop.oidc.token.Token", kwargs: {} },
      },
    },
  },
};

/** The import line for an exception class the file expects, or null for a Python builtin. */
export function exceptionImport(target: TargetInfo, pyClass: string): string | null {
  const module = target.exceptionModules[pyClass];
  return module ? `from ${module} import ${pyClass}` : null;
}

/**
 * The `server` and `clock` fixtures, so the file runs as is. The server is configured as the
 * libraries' own session-manager tests configure theirs (keys, a token handler per built-in token
 * class, a claims interface), with the workspace's salt, so public and pairwise subjects agree,
 * and with the users and clients the journal names.
 */
export function fixtureLines(target: TargetInfo, o: { salt: string; users: string[]; clients: string[]; startTime: number }): string[] {
  const pkg = target.pkg;
  const users: Record<string, unknown> = {};
  o.users.forEach((u, i) => {
    users[u] = { sub: u, name: `User ${i + 1}`, email: `user${i + 1}@example.org`, email_verified: true };
  });
  const audience = ["https://example.org/appl"];
  const conf = {
    issuer: "https://example.com/",
    httpc_params: { verify: false, timeout: 1 },
    keys: {
      key_defs: [
        { type: "RSA", key: "", use: ["sig"] },
        { type: "EC", crv: "P-256", use: ["sig"] },
      ],
      uri_path: "static/jwks.json",
    },
    jwks_uri: "https://example.com/jwks.json",
    token_handler_args: {
      jwks_def: { private_path: "private/token_jwks.json", read_only: false, key_defs: [{ type: "oct", bytes: "24", use: ["enc"], kid: "code" }] },
      code: target.codeHandler,
      token: { class: `${pkg}.token.jwt_token.JWTToken`, kwargs: { lifetime: 3600, add_claims_by_scope: true, aud: audience } },
      refresh: { class: `${pkg}.token.jwt_token.JWTToken`, kwargs: { lifetime: 3600, aud: audience } },
      id_token: { class: `${pkg}.token.id_token.IDToken`, kwargs: {} },
    },
    session_params: target.sessionParams(o.salt),
    template_dir: "template",
    claims_interface: { class: `${pkg}.session.claims.ClaimsInterface`, kwargs: {} },
    ...target.extraConf,
  };
  return [
    `USERS = ${pyLiteral(users)}`,
    `CLIENTS = ${pyLiteral(o.clients)}`,
    "",
    "",
    "@pytest.fixture",
    "def server(tmp_path, monkeypatch):",
    `    """The library's Server, configured as its own session-manager tests configure theirs.`,
    "",
    "    It writes key files, so it is built in a scratch folder.",
    '    """',
    "    monkeypatch.chdir(tmp_path)",
    `    conf = ${pyLiteral(conf, 4)}`,
    `    conf["userinfo"] = {"class": ${pyString(`${pkg}.user_info.UserInfo`)}, "kwargs": {"db": USERS}}`,
    "    built = Server(conf)",
    `    built.${target.contextKeyword}.cdb = {`,
    "        client_id: {",
    '            "client_id": client_id,',
    '            "client_secret": "a client secret for this test only",',
    '            "redirect_uris": [("https://client.example.org/cb", None)],',
    '            "response_types": ["code"],',
    '            "token_endpoint_auth_method": "client_secret_post",',
    '            "allowed_scopes": ["openid", "profile", "email", "address", "phone", "offline_access"],',
    "        }",
    "        for client_id in CLIENTS",
    "    }",
    "    return built",
    "",
    "",
    "class VirtualClock:",
    '    """The playground\'s clock: whole seconds that move only when told to."""',
    "",
    "    def __init__(self, now):",
    "        self.now = now",
    "",
    "    def __call__(self):",
    "        return self.now",
    "",
    "    def advance(self, seconds):",
    "        self.now += seconds",
    "",
    "    def set(self, now):",
    "        self.now = now",
    "",
    "",
    "@pytest.fixture",
    "def clock(monkeypatch):",
    `    virtual = VirtualClock(${o.startTime})`,
    ...target.clockModules.map((m) => `    monkeypatch.setattr(${pyString(`${m}.utc_time_sans_frac`)}, virtual)`),
    "    return virtual",
  ];
}
