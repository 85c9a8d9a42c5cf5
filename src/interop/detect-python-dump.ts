import { DIVIDER, sessionKeyDepth } from "../core/index.ts";
import { isClassWrapper, isRecord, libraryOfClass, type PythonLibrary } from "./python-classes.ts";
import { DEFAULT_LAYOUTS, type DumpLayout } from "./python-dump-types.ts";

/** Which library wrote a dump, and a guess at its version from the class names and fields it uses. */
export interface PythonDumpDetection {
  library: PythonLibrary;
  /** A range, e.g. `4.x–5.x`: dumps carry no version number, only the shapes each version writes. */
  versionGuess: string;
  /** What the library and version guess rest on, in words. */
  basis: string[];
  layout: DumpLayout;
  /** True when class names from both libraries appear. */
  mixed: boolean;
}

/**
 * Tells whether `input` (JSON text or a parsed value) is a `SessionManager.dump()` of idpy-oidc or
 * oidc-op. Returns `null` for anything else (a playground state file, other JSON, text that is not
 * JSON). Never throws.
 */
export function detectPythonDump(input: unknown): PythonDumpDetection | null {
  let data = input;
  if (typeof input === "string") {
    try {
      data = JSON.parse(input);
    } catch {
      return null;
    }
  }
  try {
    return describeDump(data);
  } catch {
    return null; // detection is a guess: a value that cannot even be walked is simply not a dump
  }
}

/** As `detectPythonDump` for a parsed value; with `forced`, reports that library whatever the classes say. */
export function describeDump(data: unknown, forced?: PythonLibrary): PythonDumpDetection | null {
  if (!isRecord(data) || !isRecord(data.db)) return null;
  const db = data.db;
  const entries = Object.entries(db);
  const pairs = entries.filter(([, v]) => Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && isRecord(v[1])) as [
    string,
    [string, Record<string, unknown>],
  ][];
  // A playground snapshot also has `db`, but its values are node objects, not [class, fields] pairs.
  if (entries.length > 0 && pairs.length === 0 && !forced) return null;

  const votes: Record<PythonLibrary, number> = { "idpy-oidc": 0, "oidc-op": 0 };
  const vote = (name: unknown) => {
    const lib = typeof name === "string" ? libraryOfClass(name) : undefined;
    if (lib) votes[lib]++;
  };
  const ev = { id: 0, userId: 0, full: 0, bare: 0, tokenClass: 0, type: 0 };
  for (const [key, [cls, fields]] of pairs) {
    vote(cls);
    const depth = sessionKeyDepth(key);
    if (depth <= 2) {
      if (Object.hasOwn(fields, "id")) ev.id++;
      if (Object.hasOwn(fields, "user_id") || Object.hasOwn(fields, "client_id")) ev.userId++;
      if (Array.isArray(fields.subordinate)) {
        for (const s of fields.subordinate) {
          if (typeof s !== "string") continue;
          if (s.includes(DIVIDER)) ev.full++;
          else ev.bare++;
        }
      }
    } else {
      for (const k of ["authentication_event", "authorization_request"]) if (isClassWrapper(fields[k])) vote(Object.keys(fields[k] as object)[0]);
      if (Array.isArray(fields.issued_token)) {
        for (const item of fields.issued_token) {
          let token = item;
          if (isClassWrapper(item)) {
            const name = Object.keys(item)[0];
            vote(name);
            token = item[name];
          }
          if (!isRecord(token)) continue;
          if (Object.hasOwn(token, "token_class")) ev.tokenClass++;
          else if (Object.hasOwn(token, "type")) ev.type++;
        }
      }
    }
  }

  const basis: string[] = [];
  let library: PythonLibrary;
  if (forced) {
    library = forced;
    basis.push(`library given by the caller (${forced})`);
  } else if (votes["idpy-oidc"] || votes["oidc-op"]) {
    library = votes["idpy-oidc"] >= votes["oidc-op"] ? "idpy-oidc" : "oidc-op";
    basis.push(library === "idpy-oidc" ? "class names in idpyoidc.*" : "class names in oidcop.* / oidcmsg.*");
  } else if (isRecord(data.crypt_config)) {
    library = "idpy-oidc";
    basis.push("a top-level crypt_config (idpy-oidc writes one; oidc-op writes key and salt)");
  } else if (typeof data.key === "string" || typeof data.salt === "string") {
    library = "oidc-op";
    basis.push("top-level key / salt (oidc-op writes them; idpy-oidc writes crypt_config)");
  } else {
    return null;
  }
  const mixed = votes["idpy-oidc"] > 0 && votes["oidc-op"] > 0;
  if (mixed) basis.push(`class names from both libraries (${votes["idpy-oidc"]} idpy-oidc, ${votes["oidc-op"]} oidc-op)`);

  const defaults = DEFAULT_LAYOUTS[library];
  const layout: DumpLayout = {
    node_id_field: ev.id > ev.userId ? "id" : ev.userId > ev.id ? "user_id" : defaults.node_id_field,
    subordinate: ev.full > ev.bare ? "full_keys" : ev.bare > ev.full ? "bare_ids" : defaults.subordinate,
    token_type_field: ev.tokenClass > ev.type ? "token_class" : ev.type > ev.tokenClass ? "type" : defaults.token_type_field,
  };

  let versionGuess: string;
  if (library === "idpy-oidc") {
    if (ev.type > ev.tokenClass || ev.userId > ev.id) {
      versionGuess = "1.x";
      if (ev.userId > ev.id) basis.push("session nodes carry user_id / client_id (idpy-oidc 1.x)");
      if (ev.type > ev.tokenClass) basis.push("tokens name their type `type`, not `token_class`");
    } else if (ev.id > 0) {
      versionGuess = "4.x–5.x";
      basis.push("session nodes carry `id`" + (ev.full > ev.bare ? " and subordinate lists full keys" : "") + " (as in 4.3 and 5.0)");
    } else {
      versionGuess = "unknown";
      basis.push("no session node or token tells the version apart");
    }
  } else if (ev.tokenClass > ev.type) {
    versionGuess = "2.x";
    basis.push("tokens name their type `token_class` (oidc-op 2.x)");
  } else if (ev.type > ev.tokenClass) {
    versionGuess = "1.x";
    basis.push("tokens name their type `type` (oidc-op 1.x)");
  } else {
    versionGuess = "1.x–2.x";
    basis.push("no token tells the version apart");
  }
  return { library, versionGuess, basis, layout, mixed };
}
