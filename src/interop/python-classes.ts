/**
 * What the playground knows about the class names idpy-oidc and oidc-op write into a dump:
 * `[ "<module>.<Class>", { ...fields } ]` for db entries and `{ "<module>.<Class>": {...} }` for nested objects.
 */

export type PythonLibrary = "idpy-oidc" | "oidc-op";
export const PYTHON_LIBRARIES: readonly PythonLibrary[] = ["idpy-oidc", "oidc-op"];

/** Module prefixes per library: session classes, the authentication event, messages. */
const MODULES: Record<PythonLibrary, { session: string; authn: string; message: string }> = {
  "idpy-oidc": { session: "idpyoidc.server.session", authn: "idpyoidc.server.authn_event", message: "idpyoidc.message" },
  "oidc-op": { session: "oidcop.session", authn: "oidcop.authn_event", message: "oidcmsg" },
};

/** What a recognised class is, in the playground's terms. */
export type ClassKind = "user" | "client" | "grant" | "token" | "authn_event" | "authorization_request";

export interface RecognisedClass {
  library: PythonLibrary;
  kind: ClassKind;
  /** The token type a token class stands for (`SessionToken` stands for any). */
  tokenType?: string;
}

/** Token class (short name) → token type, as in the libraries' TOKEN_MAP. */
export const TOKEN_CLASS_TYPES: Readonly<Record<string, string>> = {
  AuthorizationCode: "authorization_code",
  AccessToken: "access_token",
  RefreshToken: "refresh_token",
  IDToken: "id_token",
};
const TYPE_TOKEN_CLASSES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(TOKEN_CLASS_TYPES).map(([cls, type]) => [type, cls]),
);

function knownClasses(library: PythonLibrary): Map<string, RecognisedClass> {
  const m = MODULES[library];
  const out = new Map<string, RecognisedClass>([
    [`${m.session}.info.UserSessionInfo`, { library, kind: "user" }],
    [`${m.session}.info.ClientSessionInfo`, { library, kind: "client" }],
    [`${m.session}.grant.Grant`, { library, kind: "grant" }],
    [`${m.session}.grant.ExchangeGrant`, { library, kind: "grant" }],
    [`${m.session}.token.SessionToken`, { library, kind: "token" }],
    [`${m.authn}.AuthnEvent`, { library, kind: "authn_event" }],
    [`${m.message}.oidc.AuthorizationRequest`, { library, kind: "authorization_request" }],
    [`${m.message}.oauth2.AuthorizationRequest`, { library, kind: "authorization_request" }],
  ]);
  for (const [cls, type] of Object.entries(TOKEN_CLASS_TYPES)) out.set(`${m.session}.token.${cls}`, { library, kind: "token", tokenType: type });
  return out;
}

const KNOWN = new Map<string, RecognisedClass>([...knownClasses("idpy-oidc"), ...knownClasses("oidc-op")]);

/** The library and role of a class name, or `undefined` when the playground does not know it. */
export function recogniseClass(name: string): RecognisedClass | undefined {
  return KNOWN.get(name);
}

/** Which library a class name's module belongs to, whether or not the class itself is known. */
export function libraryOfClass(name: string): PythonLibrary | undefined {
  if (name.startsWith("idpyoidc.")) return "idpy-oidc";
  if (name.startsWith("oidcop.") || name.startsWith("oidcmsg.")) return "oidc-op";
  return undefined;
}

/** The class a library writes for each role. */
export function standardClass(library: PythonLibrary, kind: Exclude<ClassKind, "token">): string {
  const m = MODULES[library];
  switch (kind) {
    case "user":
      return `${m.session}.info.UserSessionInfo`;
    case "client":
      return `${m.session}.info.ClientSessionInfo`;
    case "grant":
      return `${m.session}.grant.Grant`;
    case "authn_event":
      return `${m.authn}.AuthnEvent`;
    case "authorization_request":
      return `${m.message}.oidc.AuthorizationRequest`;
  }
}

/** The class a library writes for a token type; custom types use the generic `SessionToken`. */
export function standardTokenClass(library: PythonLibrary, type: string): string {
  return `${MODULES[library].session}.token.${Object.hasOwn(TYPE_TOKEN_CLASSES, type) ? TYPE_TOKEN_CLASSES[type] : "SessionToken"}`;
}

/** The grant's `token_map` a library writes by default (type → class). */
export function standardTokenMap(library: PythonLibrary): Record<string, string> {
  return Object.fromEntries(Object.keys(TYPE_TOKEN_CLASSES).map((type) => [type, standardTokenClass(library, type)]));
}

/**
 * A class name of one library as the other names it: `idpyoidc.server.*` ↔ `oidcop.*` and
 * `idpyoidc.message.*` ↔ `oidcmsg.*`. Other names (an application's own classes) stay as they are.
 */
export function translateClass(name: string, from: PythonLibrary, to: PythonLibrary): string {
  if (from === to) return name;
  if (to === "oidc-op") {
    if (name.startsWith("idpyoidc.server.")) return "oidcop." + name.slice("idpyoidc.server.".length);
    if (name.startsWith("idpyoidc.message.")) return "oidcmsg." + name.slice("idpyoidc.message.".length);
    return name;
  }
  if (name.startsWith("oidcop.")) return "idpyoidc.server." + name.slice("oidcop.".length);
  if (name.startsWith("oidcmsg.")) return "idpyoidc.message." + name.slice("oidcmsg.".length);
  return name;
}

/** The part after the last dot: `idpyoidc.server.session.token.AccessToken` → `AccessToken`. */
export function shortClassName(name: string): string {
  const i = name.lastIndexOf(".");
  return i < 0 ? name : name.slice(i + 1);
}

/**
 * True for the one-key wrapper `{ "<module>.<Class>": { ...fields } }` the libraries write for nested
 * objects. A plain object with one dotted key holding an object is taken to be one.
 */
export function isClassWrapper(value: unknown): value is Record<string, Record<string, unknown>> {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/.test(keys[0]) && isRecord(value[keys[0]]);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
