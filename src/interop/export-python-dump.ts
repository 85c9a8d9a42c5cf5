import { InvalidArgument, SessionManager, type ManagerSnapshot } from "../core/index.ts";
import { Workspace } from "../ops/index.ts";
import { defineField } from "./field-reader.ts";
import { keptDataOf } from "./kept-data.ts";
import {
  isRecord,
  PYTHON_LIBRARIES,
  shortClassName,
  standardClass,
  standardTokenClass,
  standardTokenMap,
  translateClass,
  type PythonLibrary,
} from "./python-classes.ts";
import {
  DEFAULT_LAYOUTS,
  type DumpLayout,
  type KeptGrant,
  type KeptItem,
  type KeptSessionNode,
  type KeptToken,
  type KeptWrapped,
  type PythonDumpKept,
} from "./python-dump-types.ts";
import { FIELD_ORDER, regenerateSubordinate } from "./python-fields.ts";

export interface ExportPythonDumpOptions {
  /** Spell parts of the dump differently (default: as the target library writes today, or as the imported dump did). */
  layout?: Partial<DumpLayout>;
  /**
   * Data an import kept (unknown classes and fields, crypt_config / key / salt, original spellings).
   * Default: found in the workspace's journal or the import result. `null` writes the state alone.
   */
  kept?: PythonDumpKept | null;
  /** JSON indentation (default 2). */
  space?: number;
}

type Source = Workspace | SessionManager | { workspace: Workspace; kept?: PythonDumpKept };
type NodeJSON = ManagerSnapshot["db"][string];
type GrantJSON = Extract<NodeJSON, { type: "grant" }>;
type TokenJSON = GrantJSON["issued_token"][number];
type SessionJSON = Exclude<NodeJSON, { type: "grant" }>;

/** Top-level fields that belong to one library: dropped when writing for the other. */
const LIBRARY_TOP_FIELDS: Record<PythonLibrary, readonly string[]> = { "idpy-oidc": ["crypt_config"], "oidc-op": ["key", "salt"] };

/** Request fields the libraries' messages hold as lists but write as space-separated strings. */
const SPACE_SEPARATED = ["scope", "response_type", "prompt", "acr_values", "ui_locales", "claims_locales"];

/**
 * Writes a workspace's (or manager's) state as a `SessionManager.dump()` of `flavour`, so that the
 * library's `session_manager.load(...)` reads it: class names with that library's module prefix,
 * subordinate full keys (idpy-oidc) or bare ids (oidc-op), `id` or `user_id`/`client_id`,
 * `token_class`, null and empty fields left out as the libraries do. What an import kept (unknown
 * classes and fields, `crypt_config`, `key`, `salt`, the dump's own spellings) is written back.
 * Configuration and keys the dump did not hold are not made up: the server keeps its own.
 */
export function exportPythonDump(source: Source, flavour: PythonLibrary, options: ExportPythonDumpOptions = {}): string {
  return JSON.stringify(exportPythonDumpValue(source, flavour, options), null, options.space ?? 2);
}

/** As `exportPythonDump`, as a JSON value. */
export function exportPythonDumpValue(source: Source, flavour: PythonLibrary, options: ExportPythonDumpOptions = {}): Record<string, unknown> {
  if (!PYTHON_LIBRARIES.includes(flavour)) {
    throw new InvalidArgument(`Unknown dump flavour ${JSON.stringify(flavour)}; use idpy-oidc or oidc-op.`, [{ path: "flavour", message: "must be idpy-oidc or oidc-op" }]);
  }
  const manager = source instanceof SessionManager ? source : source instanceof Workspace ? source.manager : source.workspace.manager;
  const kept = options.kept !== undefined ? options.kept : keptDataOf(source instanceof SessionManager ? null : source instanceof Workspace ? source : source.workspace);
  return new DumpWriter(manager, flavour, kept, options.layout).write();
}

class DumpWriter {
  readonly layout: DumpLayout;
  readonly from: PythonLibrary;

  constructor(
    readonly manager: SessionManager,
    readonly flavour: PythonLibrary,
    readonly kept: PythonDumpKept | null,
    layout: Partial<DumpLayout> | undefined,
  ) {
    this.from = kept?.library ?? flavour;
    this.layout = { ...DEFAULT_LAYOUTS[flavour], ...(kept && kept.library === flavour ? kept.layout : {}), ...(layout ?? {}) };
  }

  cls(name: string): string {
    return translateClass(name, this.from, this.flavour);
  }

  write(): Record<string, unknown> {
    const snapshot = this.manager.toJSON();
    const db: Record<string, unknown> = {};
    for (const [key, node] of Object.entries(snapshot.db)) {
      const k = this.kept && Object.hasOwn(this.kept.nodes, key) ? this.kept.nodes[key] : undefined;
      if (node.type === "grant") {
        defineField(db, key, this.grant(node, k?.level === "grant" ? k : undefined));
      } else {
        const level = node.type === "UserSessionInfo" ? "user" : "client";
        const sk = k && k.level === level ? k : undefined;
        // A parent made up to hold orphans is left out again, unless the playground gave it new children.
        if (sk?.synthetic && sameList(node.subordinate, sk.subordinate?.derived)) continue;
        defineField(db, key, this.sessionNode(key, node, sk));
      }
    }
    for (const [key, entry] of Object.entries(this.kept?.unplaced ?? {})) if (!Object.hasOwn(db, key)) defineField(db, key, entry);

    const out: Record<string, unknown> = { db };
    for (const [name, value] of Object.entries(this.kept?.top ?? {})) {
      if (name === "db") continue;
      if (this.from !== this.flavour && LIBRARY_TOP_FIELDS[this.from].includes(name)) continue;
      defineField(out, name, value);
    }
    // oidc-op writes its subject salt; idpy-oidc keeps it in configuration, not in the dump.
    if (this.flavour === "oidc-op" && !Object.hasOwn(out, "salt")) out.salt = this.manager.salt;
    return out;
  }

  sessionNode(key: string, node: SessionJSON, k: KeptSessionNode | undefined): [string, Record<string, unknown>] {
    const level = node.type === "UserSessionInfo" ? "user" : "client";
    const own = node.type === "UserSessionInfo" ? node.user_id : node.client_id;
    let subordinate: unknown[];
    if (k?.subordinate && !k.synthetic && sameList(node.subordinate, k.subordinate.derived)) subordinate = k.subordinate.original;
    else subordinate = [...regenerateSubordinate(key, node.subordinate, this.layout), ...(k?.subordinate?.dangling ?? [])];
    const idField = this.layout.node_id_field === "id" ? "id" : level === "user" ? "user_id" : "client_id";
    const fields = finish(
      {
        subordinate,
        revoked: node.revoked,
        type: k ? undefined : node.type,
        extra_args: node.extra,
        [idField]: own,
      },
      k,
      FIELD_ORDER.session,
    );
    return [k?.class !== undefined ? this.cls(k.class) : standardClass(this.flavour, level), fields];
  }

  grant(node: GrantJSON, k: KeptGrant | undefined): [string, Record<string, unknown>] {
    const keptMap = k && isRecord(k.fields.token_map) ? this.tokenMap(k.fields.token_map) : undefined;
    const tokenMap = keptMap ?? (k ? undefined : standardTokenMap(this.flavour));
    const tokens = node.issued_token.map((t, i) => {
      const kt = k && k.tokens[i]?.value === t.value ? k.tokens[i] : undefined;
      return this.token(t, kt, tokenMap);
    });
    const gen: Record<string, unknown> = {
      expires_at: node.expires_at,
      issued_at: node.issued_at,
      not_before: node.not_before,
      revoked: node.revoked,
      usage_rules: node.usage_rules,
      used: node.used,
      authentication_event: this.wrap(node.authentication_event, k, k?.authentication_event, "authn_event"),
      authorization_details: node.authorization_details,
      authorization_request: this.wrap(k ? node.authorization_request : pythonRequest(node.authorization_request), k, k?.authorization_request, "authorization_request"),
      claims: node.claims,
      extra: k ? undefined : {},
      resources: node.resources,
      scope: node.scope,
      sub: node.sub,
      issued_token: tokens,
      token_map: k ? undefined : tokenMap,
    };
    const fields = finish(gen, k, FIELD_ORDER.grant);
    if (keptMap && Object.hasOwn(fields, "token_map")) fields.token_map = keptMap;
    return [k?.class !== undefined ? this.cls(k.class) : standardClass(this.flavour, "grant"), fields];
  }

  /** A kept token_map with its class names in the target library's modules. */
  tokenMap(map: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [type, cls] of Object.entries(map)) defineField(out, type, typeof cls === "string" ? this.cls(cls) : cls);
    return out;
  }

  wrap(value: Record<string, unknown> | null, k: KeptGrant | undefined, w: KeptWrapped | undefined, kind: "authn_event" | "authorization_request"): unknown {
    if (value === null) return null;
    if (k && w && w.class === undefined) return value; // the dump wrote it bare
    const cls = w?.class !== undefined ? this.cls(w.class) : standardClass(this.flavour, kind);
    const out: Record<string, unknown> = {};
    defineField(out, cls, value);
    return out;
  }

  token(t: TokenJSON, kt: KeptToken | undefined, tokenMap: Record<string, unknown> | undefined): unknown {
    const mapped = tokenMap && Object.hasOwn(tokenMap, t.type) && typeof tokenMap[t.type] === "string" ? (tokenMap[t.type] as string) : undefined;
    const cls = kt ? (kt.class !== undefined ? this.cls(kt.class) : undefined) : (mapped ?? standardTokenClass(this.flavour, t.type));
    const modern = this.layout.token_type_field === "token_class";
    const typeField = kt?.type_field ?? this.layout.token_type_field;
    const fields = finish(
      {
        expires_at: t.expires_at,
        issued_at: t.issued_at,
        not_before: t.not_before,
        revoked: t.revoked,
        usage_rules: t.usage_rules,
        used: t.used,
        based_on: t.based_on,
        claims: t.claims,
        id: t.id,
        name: kt || cls === undefined ? undefined : shortClassName(cls),
        resources: t.resources,
        scope: t.scope,
        [typeField]: t.type,
        value: t.value,
        // What the libraries' AccessToken and IDToken add; a session id handed to a client cannot be made here.
        token_type: !kt && modern && t.type === "access_token" ? "bearer" : undefined,
        session_id: !kt && modern && t.type === "id_token" ? "" : undefined,
      },
      kt,
      FIELD_ORDER.token,
    );
    if (cls === undefined) return fields; // the dump wrote this token without a class wrapper
    const out: Record<string, unknown> = {};
    defineField(out, cls, fields);
    return out;
  }
}

/**
 * The fields of one Python object: generated ones (left out when None, and `issued_token` when
 * empty, as the libraries do; left out when the dump lacked them and they are unchanged), then the
 * kept ones verbatim, in the libraries' field order.
 */
function finish(gen: Record<string, unknown>, k: KeptItem | undefined, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(gen)) {
    if (value === undefined) continue;
    if (k?.absent && Object.hasOwn(k.absent, name) && sameJson(k.absent[name], value)) continue;
    if (value === null || (name === "issued_token" && Array.isArray(value) && value.length === 0)) {
      if (k?.explicit && Object.hasOwn(k.explicit, name)) out[name] = k.explicit[name];
      continue;
    }
    out[name] = value;
  }
  if (k) for (const [name, value] of Object.entries(k.fields)) defineField(out, name, value);
  const ordered: Record<string, unknown> = {};
  for (const name of order) if (Object.hasOwn(out, name)) ordered[name] = out[name];
  for (const name of Object.keys(out)) if (!Object.hasOwn(ordered, name)) defineField(ordered, name, out[name]);
  return ordered;
}

/** A request made in the playground, as the libraries' messages write it (space-separated lists). */
function pythonRequest(req: Record<string, unknown> | null): Record<string, unknown> | null {
  if (req === null) return null;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(req)) {
    const joined = SPACE_SEPARATED.includes(name) && Array.isArray(value) && value.every((v) => typeof v === "string");
    defineField(out, name, joined ? (value as string[]).join(" ") : value);
  }
  return out;
}

function sameList(a: readonly string[], b: readonly string[] | undefined): boolean {
  return !!b && a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
