import { BUILTIN_TOKEN_TYPES, DIVIDER, formatPath, InvalidStateFile, pairwiseId, publicId, type Problem } from "../core/index.ts";
import { describeDump, type PythonDumpDetection } from "./detect-python-dump.ts";
import { defineField, FieldReader } from "./field-reader.ts";
import {
  isClassWrapper,
  isRecord,
  recogniseClass,
  shortClassName,
  type PythonLibrary,
} from "./python-classes.ts";
import {
  KEPT_FORMAT,
  type DumpCounts,
  type DumpLayout,
  type DumpWarning,
  type DumpWarningCode,
  type KeptGrant,
  type KeptNode,
  type KeptSessionNode,
  type KeptToken,
  type KeptWrapped,
  type PythonDumpKept,
} from "./python-dump-types.ts";
import { KNOWN_PYTHON_FIELDS, regenerateSubordinate } from "./python-fields.ts";

export interface ReadDumpOptions {
  /** Read the dump as this library's, whatever its class names say. */
  library?: PythonLibrary;
  /** The salt for subjects made after the import; else one the dump confirms, else `fallbackSalt()`. */
  salt?: string;
  /** Where the virtual clock starts; else the latest time in the dump (see `startTimeOf`). */
  startTime?: number;
  /** The clock reading used when the dump holds no time at all. */
  now: () => number;
  /** A salt for when the dump holds none (drawn from the workspace's seed). */
  fallbackSalt: () => string;
}

/** A dump read into the playground's terms: a snapshot for `importState`, plus what only Python has. */
export interface ReadDump {
  detection: PythonDumpDetection;
  /** `SessionManager.toJSON()`-shaped, plus `python_dump` (the kept data, which the manager ignores). */
  snapshot: Record<string, unknown> & { db: Record<string, Record<string, unknown>>; salt: string };
  kept: PythonDumpKept;
  warnings: DumpWarning[];
  counts: DumpCounts;
  startTime: number;
  /** Token types beyond the four built in, which the workspace must know to hold and mint them. */
  customTypes: string[];
}

interface ReadNode {
  key: string;
  parts: string[];
  json: Record<string, unknown>;
  kept: KeptNode;
  /** The dump's subordinate list, when it had a valid one. */
  original?: string[];
  derived: string[];
  /** The same ids, for quick membership tests (a client may hold very many grants). */
  listed: Set<string>;
}

/**
 * Reads a parsed `SessionManager.dump()` of idpy-oidc or oidc-op. Damage that stops the dump from
 * being read (not an object, no `db`, fields of the wrong type) throws `InvalidStateFile` listing
 * every problem with its JSON path; structural oddities (dangling references, unknown classes) become
 * warnings and are kept so export can write them back.
 */
export function readPythonDump(data: unknown, options: ReadDumpOptions): ReadDump {
  if (!isRecord(data)) throw new InvalidStateFile([{ path: "", message: 'a session dump is a JSON object { "db": { ... } }' }]);
  if (data.format === "oidc-session-playground") {
    throw new InvalidStateFile([{ path: "format", message: "this is a playground state file, not a Python session dump; open it with Import" }]);
  }
  if (!Object.hasOwn(data, "db")) throw new InvalidStateFile([{ path: "db", message: 'is missing: a session dump has a "db" object' }]);
  if (!isRecord(data.db)) throw new InvalidStateFile([{ path: "db", message: 'must be an object mapping keys to ["<module>.<Class>", { ...fields }]' }]);
  const detection = describeDump(data, options.library);
  if (!detection) {
    throw new InvalidStateFile([
      {
        path: "db",
        message: "holds no class name from idpy-oidc (idpyoidc.*) or oidc-op (oidcop.*), so the library cannot be told; pass the library to read it anyway",
      },
    ]);
  }
  return new DumpReading(data, data.db, detection, options).run();
}

class DumpReading {
  readonly problems: Problem[] = [];
  readonly warnings: DumpWarning[] = [];
  readonly nodes = new Map<string, ReadNode>();
  readonly unplaced: Record<string, unknown> = {};
  /** The latest issue or authentication time seen (0: none). */
  latest = 0;
  readonly library: PythonLibrary;
  readonly layout: DumpLayout;

  constructor(
    readonly data: Record<string, unknown>,
    readonly db: Record<string, unknown>,
    readonly detection: PythonDumpDetection,
    readonly options: ReadDumpOptions,
  ) {
    this.library = detection.library;
    this.layout = detection.layout;
  }

  warn(code: DumpWarningCode, path: readonly PropertyKey[], message: string, key?: string, token?: { index: number; value: string }): void {
    this.warnings.push({ code, path: formatPath(path), ...(key !== undefined ? { key } : {}), ...(token ? { token } : {}), message });
  }

  run(): ReadDump {
    if (this.detection.mixed) this.warn("mixed_libraries", ["db"], `class names from both libraries; read as ${this.library}`);
    for (const key of Object.keys(this.db)) this.readEntry(key, this.db[key]);
    if (this.problems.length) throw new InvalidStateFile(this.problems);
    this.linkTree();
    this.checkTokens();
    const salt = this.chooseSalt();
    const startTime = this.startTime();
    const customTypes = this.customTypes();

    const top: Record<string, unknown> = {};
    for (const k of Object.keys(this.data)) if (k !== "db") defineField(top, k, this.data[k]);
    const kept: PythonDumpKept = {
      format: KEPT_FORMAT,
      version: 1,
      library: this.library,
      version_guess: this.detection.versionGuess,
      layout: this.layout,
      top,
      nodes: {},
      unplaced: this.unplaced,
    };
    const db: Record<string, Record<string, unknown>> = {};
    for (const node of this.nodes.values()) {
      defineField(db, node.key, node.json);
      defineField(kept.nodes, node.key, node.kept);
    }
    const snapshot = {
      salt,
      db,
      random: null,
      clock: { now: startTime },
      token_types: Object.fromEntries(customTypes.map((t) => [t, {}])),
      usage_policy: {},
      python_dump: kept,
    };
    return { detection: this.detection, snapshot, kept, warnings: this.warnings, counts: this.counts(), startTime, customTypes };
  }

  // ---- entries -------------------------------------------------------------------------------

  readEntry(key: string, entry: unknown): void {
    const parts = key.split(DIVIDER);
    if (key.length === 0 || parts.length > 3 || parts.some((p) => p.length === 0)) {
      defineField(this.unplaced, key, entry);
      this.warn("unplaced_key", ["db", key], "is not user, user;;client or user;;client;;grant: kept as is, not drawn", key);
      return;
    }
    if (!(Array.isArray(entry) && entry.length === 2 && typeof entry[0] === "string" && isRecord(entry[1]))) {
      this.problems.push({ path: formatPath(["db", key]), message: 'must be ["<module>.<Class>", { ...fields }]' });
      return;
    }
    const [cls, fields] = entry as [string, Record<string, unknown>];
    const node = parts.length === 3 ? this.readGrant(key, parts, cls, fields) : this.readSessionNode(key, parts, cls, fields);
    this.nodes.set(key, node);
  }

  checkClass(key: string, cls: string, expected: "user" | "client" | "grant"): void {
    const known = recogniseClass(cls);
    const what = { user: "a user session (UserSessionInfo)", client: "a client session (ClientSessionInfo)", grant: "a grant (Grant)" }[expected];
    if (!known) this.warn("unknown_class", ["db", key, 0], `class ${cls} is not known; read as ${what} because of its key, and kept as is`, key);
    else if (known.kind !== expected) this.warn("misplaced_class", ["db", key, 0], `class ${cls} under a key for ${what}; read as such`, key);
  }

  readSessionNode(key: string, parts: string[], cls: string, fields: Record<string, unknown>): ReadNode {
    const level = parts.length === 1 ? "user" : "client";
    this.checkClass(key, cls, level);
    const path = ["db", key, 1];
    const f = new FieldReader(fields, path, this.problems);
    let original: string[] | undefined;
    if (f.has("subordinate")) {
      const v = f.take("subordinate");
      if (Array.isArray(v) && v.every((s) => typeof s === "string")) original = [...v];
      else f.problem("subordinate", "must be a list of keys or ids");
    } else {
      f.consumed.add("subordinate");
      this.warn("missing_field", [...path, "subordinate"], "is missing; read as an empty list", key);
    }
    const revoked = f.bool("revoked");
    const extra = f.object("extra_args");
    const own = parts[parts.length - 1];
    const idField = this.layout.node_id_field === "id" ? "id" : level === "user" ? "user_id" : "client_id";
    if (!f.has(idField)) {
      f.consumed.add(idField);
      f.absent[idField] = own;
    } else if (fields[idField] === own) {
      f.consumed.add(idField);
    } else {
      this.warn("id_mismatch", [...path, idField], `is ${JSON.stringify(fields[idField])}, but the key says ${JSON.stringify(own)}; the key is used and the field kept`, key);
    }
    const rest = f.rest();
    this.warnUnknownFields(rest, level, path, key);
    const kept: KeptSessionNode = { level, class: cls, fields: rest, ...this.presence(f) };
    const json =
      level === "user"
        ? { type: "UserSessionInfo", user_id: own, subordinate: [], revoked, extra }
        : { type: "ClientSessionInfo", client_id: own, subordinate: [], revoked, extra };
    return { key, parts, json, kept, original, derived: [], listed: new Set() };
  }

  presence(f: FieldReader): { absent?: Record<string, unknown>; explicit?: Record<string, unknown> } {
    return {
      ...(Object.keys(f.absent).length ? { absent: f.absent } : {}),
      ...(Object.keys(f.explicit).length ? { explicit: f.explicit } : {}),
    };
  }

  warnUnknownFields(rest: Record<string, unknown>, kind: keyof typeof KNOWN_PYTHON_FIELDS, path: readonly PropertyKey[], key: string, token?: { index: number; value: string }): void {
    for (const name of Object.keys(rest)) {
      if (!(KNOWN_PYTHON_FIELDS[kind] as readonly string[]).includes(name)) this.warn("unknown_field", [...path, name], "is not understood: kept as is", key, token);
    }
  }

  warnMissing(f: FieldReader, names: readonly string[], key: string, token?: { index: number; value: string }): void {
    for (const name of f.missing) {
      if (names.includes(name)) this.warn("missing_field", [...f.path, name], `is missing; read as ${JSON.stringify(f.absent[name])}`, key, token);
    }
  }

  readItem(f: FieldReader): Record<string, unknown> {
    const usage = f.has("usage_rules") ? f.take("usage_rules") : undefined;
    return {
      issued_at: f.int("issued_at"),
      not_before: f.int("not_before"),
      expires_at: f.int("expires_at"),
      revoked: f.bool("revoked"),
      used: f.int("used"),
      usage_rules: usage === undefined ? f.object("usage_rules") : usage,
    };
  }

  /** `{ "<module>.<Class>": {...} }`, a bare object, or null. */
  readWrapped(f: FieldReader, key: string): { value: Record<string, unknown> | null; kept?: KeptWrapped } {
    if (!f.has(key)) return { value: null };
    const v = f.take(key);
    if (v === null) {
      f.explicit[key] = null;
      return { value: null };
    }
    if (isClassWrapper(v)) {
      const cls = Object.keys(v)[0];
      return { value: v[cls], kept: { class: cls } };
    }
    if (isRecord(v)) return { value: v, kept: {} };
    f.problem(key, `must be { "<module>.<Class>": { ... } } or absent`);
    return { value: null };
  }

  readGrant(key: string, parts: string[], cls: string, fields: Record<string, unknown>): ReadNode {
    this.checkClass(key, cls, "grant");
    const path = ["db", key, 1];
    const f = new FieldReader(fields, path, this.problems);
    const item = this.readItem(f);
    if (isRecord(item.usage_rules)) {
      for (const [type, rules] of Object.entries(item.usage_rules)) f.rules(["usage_rules", type], rules);
    } else f.problem("usage_rules", "must map token types to usage rules");
    this.warnMissing(f, ["issued_at", "not_before", "expires_at", "revoked", "used"], key);
    const authn = this.readWrapped(f, "authentication_event");
    const authz = this.readWrapped(f, "authorization_request");
    const authorization_details = f.nullableAny("authorization_details");
    const claims = f.object("claims");
    const resources = f.strings("resources");
    const scope = f.strings("scope");
    const sub = f.string("sub");
    const tokens: Record<string, unknown>[] = [];
    const keptTokens: KeptToken[] = [];
    if (f.has("issued_token")) {
      const list = f.take("issued_token");
      if (list === null || (Array.isArray(list) && list.length === 0)) f.explicit.issued_token = list;
      else if (!Array.isArray(list)) f.problem("issued_token", "must be a list of tokens");
      else {
        list.forEach((entry, i) => {
          const read = this.readToken(key, i, entry, [...path, "issued_token", i]);
          if (read) {
            tokens.push(read.json);
            keptTokens.push(read.kept);
          }
        });
      }
    }
    const rest = f.rest();
    this.warnUnknownFields(rest, "grant", path, key);
    if (typeof authn.value?.authn_time === "number" && Number.isSafeInteger(authn.value.authn_time)) this.noteTime(authn.value.authn_time);
    this.noteTime(item.issued_at as number);
    const kept: KeptGrant = {
      level: "grant",
      class: cls,
      fields: rest,
      ...this.presence(f),
      ...(authn.kept ? { authentication_event: authn.kept } : {}),
      ...(authz.kept ? { authorization_request: authz.kept } : {}),
      tokens: keptTokens,
    };
    const json = {
      type: "grant",
      id: parts[2],
      scope,
      claims,
      resources,
      authorization_details,
      authorization_request: authz.value,
      authentication_event: authn.value,
      sub,
      usage_rules: item.usage_rules,
      issued_token: tokens,
      issued_at: item.issued_at,
      not_before: item.not_before,
      expires_at: item.expires_at,
      revoked: item.revoked,
      used: item.used,
    };
    return { key, parts, json, kept, derived: [], listed: new Set() };
  }

  readToken(key: string, index: number, entry: unknown, path: PropertyKey[]): { json: Record<string, unknown>; kept: KeptToken } | null {
    let cls: string | undefined;
    let fields: Record<string, unknown>;
    let at = path;
    if (isClassWrapper(entry)) {
      cls = Object.keys(entry)[0];
      fields = entry[cls];
      at = [...path, cls];
    } else if (isRecord(entry)) {
      fields = entry;
    } else {
      this.problems.push({ path: formatPath(path), message: 'must be { "<module>.<Class>": { ...token } }' });
      return null;
    }
    const f = new FieldReader(fields, at, this.problems);
    const value = f.string("value");
    const token = { index, value };
    const known = cls ? recogniseClass(cls) : undefined;

    // The type: token_class (newer) or type (older); failing both, the one the class stands for.
    let typeField: DumpLayout["token_type_field"] | undefined;
    let type: string | undefined;
    for (const name of [this.layout.token_type_field, this.layout.token_type_field === "token_class" ? "type" : "token_class"] as const) {
      if (!f.has(name)) continue;
      const v = fields[name];
      if (typeof v !== "string") {
        f.problem(name, "must be a token type (a string)");
        f.consumed.add(name);
        typeField = name;
        break;
      }
      typeField = name;
      if (v.length > 0) {
        f.consumed.add(name);
        type = v;
      }
      break;
    }
    if (type === undefined) {
      type = known?.tokenType;
      if (type === undefined) {
        f.problem(typeField ?? "token_class", "names no token type, and the class does not say it either");
        type = "unknown";
      } else if (typeField === undefined) {
        f.absent[this.layout.token_type_field] = type;
        this.warn("missing_field", [...at, this.layout.token_type_field], `is missing; read as ${JSON.stringify(type)} from the class`, key, token);
      }
    }
    const item = this.readItem(f);
    f.rules("usage_rules", item.usage_rules);
    const json = {
      type,
      value,
      based_on: f.nullableString("based_on"),
      id: f.string("id"),
      scope: f.strings("scope"),
      claims: f.object("claims"),
      resources: f.strings("resources"),
      ...item,
    };
    this.warnMissing(f, ["value", "id", "issued_at", "not_before", "expires_at", "revoked", "used"], key, token);
    const rest = f.rest();
    this.warnUnknownFields(rest, "token", at, key, token);
    if (!cls) this.warn("unknown_class", path, "is written without its class wrapper; read as a token and kept as is", key, token);
    else if (!known) this.warn("unknown_class", [...path, cls], `class ${cls} is not known; read as a ${type} and kept as is`, key, token);
    else if (known.kind !== "token") this.warn("misplaced_class", [...path, cls], `class ${cls} is not a token class; read as a ${type}`, key, token);
    else if (known.tokenType !== undefined && known.tokenType !== type) {
      this.warn("class_type_mismatch", [...path, cls], `class ${shortClassName(cls)} stands for ${known.tokenType}, but the token says ${type}`, key, token);
    }
    this.noteTime(item.issued_at as number);
    const kept: KeptToken = {
      ...(cls !== undefined ? { class: cls } : {}),
      value,
      fields: rest,
      ...this.presence(f),
      ...(typeField !== undefined && typeField !== this.layout.token_type_field ? { type_field: typeField } : {}),
    };
    return { json, kept };
  }

  // ---- structure -----------------------------------------------------------------------------

  /**
   * Makes the tree the playground can hold: parents made up for orphans, subordinate lists resolved
   * (full keys or bare ids), dangling and duplicate entries dropped, unlisted children added.
   * The dump's own lists are kept so export writes them back.
   */
  linkTree(): void {
    // 1. Parents the dump lacks, so every node can be drawn under one.
    for (const node of [...this.nodes.values()]) {
      if (node.parts.length > 1) this.ensureParent(node);
    }
    // 2. Each list as the dump wrote it.
    for (const node of this.nodes.values()) {
      if (node.parts.length < 3 && node.original) this.resolveSubordinate(node);
    }
    // 3. Children their parent does not list.
    for (const node of this.nodes.values()) {
      if (node.parts.length === 1) continue;
      const parent = this.nodes.get(node.parts.slice(0, -1).join(DIVIDER))!;
      const id = node.parts[node.parts.length - 1];
      if (parent.listed.has(id)) continue;
      parent.derived.push(id);
      parent.listed.add(id);
      if (!(parent.kept as KeptSessionNode).synthetic) {
        this.warn("unlisted_node", ["db", node.key], `its parent "${parent.key}" does not list it in subordinate; drawn under it anyway`, node.key);
      }
    }
    for (const node of this.nodes.values()) {
      if (node.parts.length === 3) continue;
      node.json.subordinate = [...node.derived];
      const kept = node.kept as KeptSessionNode;
      const written = regenerateSubordinate(node.key, node.derived, this.layout);
      if (kept.synthetic) kept.subordinate = { original: written, derived: [...node.derived], dangling: [] };
      else if (!node.original) (kept.absent ??= {}).subordinate = written;
      else if (JSON.stringify(written) !== JSON.stringify(node.original)) {
        kept.subordinate = {
          original: node.original,
          derived: [...node.derived],
          dangling: node.original.filter((s) => this.resolves(node.key, s) === undefined),
        };
      }
    }
  }

  ensureParent(node: ReadNode): ReadNode {
    const parentKey = node.parts.slice(0, -1).join(DIVIDER);
    let parent = this.nodes.get(parentKey);
    if (!parent) {
      const parts = node.parts.slice(0, -1);
      const own = parts[parts.length - 1];
      const level = parts.length === 1 ? "user" : "client";
      const json =
        level === "user"
          ? { type: "UserSessionInfo", user_id: own, subordinate: [], revoked: false, extra: {} }
          : { type: "ClientSessionInfo", client_id: own, subordinate: [], revoked: false, extra: {} };
      parent = { key: parentKey, parts, json, kept: { level, fields: {}, synthetic: true }, derived: [], listed: new Set() };
      this.nodes.set(parentKey, parent);
      this.warn("missing_parent", ["db", node.key], `its parent "${parentKey}" is not in the dump; one is drawn to hold it (not written back)`, node.key);
      if (parts.length > 1) this.ensureParent(parent);
    }
    return parent;
  }

  /** The child id a subordinate entry names under `key` (full key or bare id), if the child exists. */
  resolves(key: string, entry: string): string | undefined {
    let id: string | undefined;
    if (entry.startsWith(key + DIVIDER)) id = entry.slice(key.length + DIVIDER.length);
    else id = entry;
    if (id.length === 0 || id.includes(DIVIDER)) return undefined;
    return this.nodes.has(key + DIVIDER + id) ? id : undefined;
  }

  resolveSubordinate(node: ReadNode): void {
    node.original!.forEach((entry, i) => {
      const path = ["db", node.key, 1, "subordinate", i];
      const id = this.resolves(node.key, entry);
      if (id === undefined) {
        this.warn("dangling_subordinate", path, `names "${entry}", which is not in the dump`, node.key);
      } else if (node.listed.has(id)) {
        this.warn("duplicate_subordinate", path, `lists "${entry}" a second time`, node.key);
      } else {
        node.derived.push(id);
        node.listed.add(id);
      }
    });
  }

  // ---- tokens --------------------------------------------------------------------------------

  checkTokens(): void {
    const everywhere = new Map<string, string>(); // value → first grant key holding it
    for (const node of this.nodes.values()) {
      if (node.parts.length !== 3) continue;
      for (const t of node.json.issued_token as { value: string }[]) if (!everywhere.has(t.value)) everywhere.set(t.value, node.key);
    }
    for (const node of this.nodes.values()) {
      if (node.parts.length !== 3) continue;
      const kept = node.kept as KeptGrant;
      const tokens = node.json.issued_token as { value: string; based_on: string | null; type: string }[];
      const tokenMap = isRecord(kept.fields.token_map) ? kept.fields.token_map : undefined;
      const first = new Map<string, number>();
      tokens.forEach((t, i) => {
        if (!first.has(t.value)) first.set(t.value, i);
      });
      tokens.forEach((t, i) => {
        const at = ["db", node.key, 1, "issued_token", i];
        const token = { index: i, value: t.value };
        if (t.based_on !== null) {
          const parent = first.get(t.based_on);
          if (parent === undefined) {
            const elsewhere = everywhere.get(t.based_on);
            this.warn(
              "dangling_based_on",
              [...at, "based_on"],
              elsewhere
                ? `names a token of another grant ("${elsewhere}"); based_on only links tokens within a grant`
                : "names a value no token of the dump has",
              node.key,
              token,
            );
          } else if (parent >= i) {
            this.warn("based_on_later_token", [...at, "based_on"], parent === i ? "names the token itself" : `names token ${parent}, issued later in the list`, node.key, token);
          }
        }
        if (first.get(t.value) !== i) {
          this.warn("duplicate_token_value", [...at, "value"], `token ${first.get(t.value)} of this grant has the same value`, node.key, token);
        } else if (everywhere.get(t.value) !== node.key) {
          this.warn("duplicate_token_value", [...at, "value"], `grant "${everywhere.get(t.value)}" holds a token with the same value`, node.key, token);
        }
        const hasClass = tokenMap ? Object.hasOwn(tokenMap, t.type) : Object.hasOwn(BUILTIN_TOKEN_TYPES, t.type);
        if (!hasClass) {
          this.warn(
            "token_type_without_class",
            [...at],
            tokenMap ? `its type "${t.type}" has no class in the grant's token_map` : `its type "${t.type}" is not one the library knows`,
            node.key,
            token,
          );
        }
      });
    }
  }

  // ---- salt, time, types, counts -------------------------------------------------------------

  /**
   * The salt for subjects made after the import. Dumps do not name it as such: oidc-op writes it as
   * `salt`; idpy-oidc's lives in its configuration (its `crypt_config` salt is the session-id
   * encrypter's, which is often the same). A candidate is used when it reproduces a grant's `sub`.
   */
  chooseSalt(): string {
    const candidates: string[] = [];
    if (typeof this.options.salt === "string") candidates.push(this.options.salt);
    if (typeof this.data.salt === "string") candidates.push(this.data.salt);
    const cc = this.data.crypt_config;
    if (isRecord(cc) && isRecord(cc.kwargs) && typeof cc.kwargs.salt === "string") candidates.push(cc.kwargs.salt);
    const samples: { user: string; sub: string; sector?: string }[] = [];
    for (const node of this.nodes.values()) {
      if (node.parts.length !== 3 || typeof node.json.sub !== "string" || !node.json.sub) continue;
      const req = node.json.authorization_request as Record<string, unknown> | null;
      const sector = req && typeof req.sector_identifier_uri === "string" ? req.sector_identifier_uri : undefined;
      samples.push({ user: node.parts[0], sub: node.json.sub, sector });
      if (samples.length >= 20) break;
    }
    for (const salt of candidates) {
      if (samples.some((s) => s.sub === publicId(s.user, salt) || (s.sector !== undefined && s.sub === pairwiseId(s.user, s.sector, salt)))) return salt;
    }
    if (typeof this.options.salt === "string") return this.options.salt;
    const chosen = candidates[0] ?? this.options.fallbackSalt();
    if (samples.length) {
      this.warn(
        "salt_unconfirmed",
        [],
        candidates.length
          ? "no salt in the dump reproduces its subjects; new subjects use the dump's salt field and may differ from the server's"
          : "the dump holds no salt (it is configuration); new subjects use a salt drawn from the seed and will differ from the server's",
      );
    }
    return chosen;
  }

  /**
   * When the dump was taken, as best it says: the latest issue time of a grant or token, or
   * authentication time. (Expiry times lie in the future and say nothing about the moment of the dump.)
   */
  startTime(): number {
    if (this.options.startTime !== undefined) return this.options.startTime;
    if (this.latest > 0) return this.latest;
    const now = this.options.now();
    this.warn("no_times", [], `the dump holds no issue or authentication time; the virtual clock starts at ${now}`);
    return now;
  }

  /** A time the dump records; 0 (what a missing field reads as) says nothing. */
  noteTime(t: number): void {
    if (t > this.latest) this.latest = t;
  }

  customTypes(): string[] {
    const types = new Set<string>();
    for (const node of this.nodes.values()) {
      if (node.parts.length !== 3) continue;
      for (const t of node.json.issued_token as { type: string }[]) types.add(t.type);
      const tokenMap = (node.kept as KeptGrant).fields.token_map;
      if (isRecord(tokenMap)) for (const t of Object.keys(tokenMap)) if (t.length) types.add(t);
    }
    return [...types].filter((t) => !Object.hasOwn(BUILTIN_TOKEN_TYPES, t));
  }

  counts(): DumpCounts {
    const counts: DumpCounts = { users: 0, clients: 0, grants: 0, tokens: 0, revoked: 0 };
    for (const node of this.nodes.values()) {
      if ((node.kept as KeptSessionNode).synthetic) continue;
      if (node.parts.length === 1) counts.users++;
      else if (node.parts.length === 2) counts.clients++;
      else {
        counts.grants++;
        const tokens = node.json.issued_token as { revoked: boolean }[];
        counts.tokens += tokens.length;
        counts.revoked += tokens.filter((t) => t.revoked).length;
      }
      if (node.json.revoked === true) counts.revoked++;
    }
    return counts;
  }
}
