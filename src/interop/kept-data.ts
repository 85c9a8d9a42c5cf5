import { z } from "zod";
import type { JournalEntry, Workspace } from "../ops/index.ts";
import { isRecord, recogniseClass } from "./python-classes.ts";
import { KEPT_FORMAT, type KeptGrant, type KeptItem, type KeptNode, type KeptToken, type PythonDumpKept } from "./python-dump-types.ts";
import { KNOWN_PYTHON_FIELDS, PYTHON_FIELD_NOTES } from "./python-fields.ts";

const record = z.record(z.string(), z.unknown());
const item = { class: z.string().optional(), fields: record, absent: record.optional(), explicit: record.optional() };
const wrapped = z.object({ class: z.string().optional() });
const layout = z.object({
  node_id_field: z.enum(["id", "user_id"]),
  subordinate: z.enum(["full_keys", "bare_ids"]),
  token_type_field: z.enum(["token_class", "type"]),
});
const keptToken = z.object({ ...item, value: z.string(), type_field: z.enum(["token_class", "type"]).optional() });
const keptNode = z.discriminatedUnion("level", [
  z.object({
    ...item,
    level: z.enum(["user", "client"]),
    subordinate: z.object({ original: z.array(z.unknown()), derived: z.array(z.string()), dangling: z.array(z.unknown()) }).optional(),
    synthetic: z.boolean().optional(),
  }),
  z.object({
    ...item,
    level: z.literal("grant"),
    authentication_event: wrapped.optional(),
    authorization_request: wrapped.optional(),
    tokens: z.array(keptToken),
  }),
]);

/** The shape of kept data; checked before use, since it comes back from stored journals and state files. */
export const pythonDumpKeptSchema = z.object({
  format: z.literal(KEPT_FORMAT),
  version: z.literal(1),
  library: z.enum(["idpy-oidc", "oidc-op"]),
  version_guess: z.string(),
  layout,
  top: record,
  nodes: z.record(z.string(), keptNode),
  unplaced: record,
});

/** Something kept data can be found in: a workspace (its journal), an import result, or the data itself. */
export type KeptSource = Workspace | { kept: PythonDumpKept } | PythonDumpKept | null | undefined;

/**
 * The data a Python dump import kept for export: from the newest `importState` entry of a
 * workspace's journal (a later import of something else replaced the state, so then there is none),
 * from an import result, or as given. `null` when there is none or it is damaged.
 */
export function keptDataOf(source: KeptSource): PythonDumpKept | null {
  if (!source || typeof source !== "object") return null;
  if ("format" in source) return checked(source);
  if ("journal" in source && Array.isArray(source.journal)) return keptInJournal(source.journal);
  if ("kept" in source) return checked(source.kept);
  return null;
}

function keptInJournal(journal: readonly JournalEntry[]): PythonDumpKept | null {
  for (let i = journal.length - 1; i >= 0; i--) {
    const entry = journal[i];
    if (entry.operation.op !== "importState" || !("result" in entry)) continue;
    const snapshot = entry.operation.args.snapshot;
    return isRecord(snapshot) ? checked(snapshot.python_dump) : null;
  }
  return null;
}

// Checked once per object: the inspector asks for kept fields on every selection, and a big dump's kept data is big.
const checkedCache = new WeakMap<object, PythonDumpKept | null>();

function checked(value: unknown): PythonDumpKept | null {
  if (!isRecord(value)) return null;
  const cached = checkedCache.get(value);
  if (cached !== undefined) return cached;
  // zod rebuilds objects; the original keeps every field exactly as stored.
  const result = pythonDumpKeptSchema.safeParse(value).success ? (value as unknown as PythonDumpKept) : null;
  checkedCache.set(value, result);
  return result;
}

/** One thing an import kept as is, for the inspector. */
export interface KeptField {
  /** The field's name in the Python object, or `(class)`, `(entry)`, `authorization_request (class)`, … */
  name: string;
  value: unknown;
  /**
   * `unknown_class` / `unknown_field`: not understood, kept as is; `python_field`: a field only the
   * library has (shown, kept as is); `original_value`: the dump's own spelling, written back while
   * nothing changes it; `made_up`: a node drawn to hold orphans, not in the dump; `unplaced`: an
   * entry that does not fit the tree, kept as is.
   */
  kind: "unknown_class" | "unknown_field" | "python_field" | "original_value" | "made_up" | "unplaced";
  message: string;
}

const NOT_UNDERSTOOD = "not understood: kept as is";

/**
 * What an import kept as is for a node (by db key) or, with `token`, for one of a grant's tokens
 * (by value, the first with it, or by position). Empty when nothing was kept.
 */
export function keptFields(source: KeptSource, key: string, token?: string | { index: number }): KeptField[] {
  const kept = keptDataOf(source);
  if (!kept) return [];
  if (Object.hasOwn(kept.unplaced, key)) {
    return [{ name: "(entry)", value: kept.unplaced[key], kind: "unplaced", message: "does not fit the tree (bad key): kept as is, not drawn" }];
  }
  const node: KeptNode | undefined = Object.hasOwn(kept.nodes, key) ? kept.nodes[key] : undefined;
  if (!node) return [];
  if (token !== undefined) {
    if (node.level !== "grant") return [];
    const t = findKeptToken(node, token);
    return t ? itemFields(t, "token") : [];
  }
  if (node.level !== "grant" && node.synthetic) {
    return [{ name: "(node)", value: null, kind: "made_up", message: "not in the dump: drawn to hold nodes whose parent was missing; not written back" }];
  }
  const out = itemFields(node, node.level);
  if (node.level === "grant") {
    for (const k of ["authentication_event", "authorization_request"] as const) {
      const w = node[k];
      if (!w) continue;
      if (w.class === undefined) out.push({ name: `${k} (class)`, value: null, kind: "original_value", message: "written without its class wrapper: written back the same way" });
      else if (!recogniseClass(w.class)) out.push({ name: `${k} (class)`, value: w.class, kind: "unknown_class", message: NOT_UNDERSTOOD });
    }
  } else if (node.subordinate) {
    out.push({
      name: "subordinate",
      value: node.subordinate.original,
      kind: "original_value",
      message: "the dump's own list (with entries the tree cannot hold): written back as is while the children stay the same",
    });
  }
  return out;
}

function findKeptToken(grant: KeptGrant, token: string | { index: number }): KeptToken | undefined {
  if (typeof token === "string") return grant.tokens.find((t) => t.value === token);
  return grant.tokens[token.index];
}

function itemFields(item: KeptItem, kind: keyof typeof KNOWN_PYTHON_FIELDS): KeptField[] {
  const out: KeptField[] = [];
  const expected = kind === "token" ? "token" : kind;
  if (item.class === undefined) {
    if (kind === "token") out.push({ name: "(class)", value: null, kind: "original_value", message: "written without its class wrapper: written back the same way" });
  } else {
    const known = recogniseClass(item.class);
    if (!known) out.push({ name: "(class)", value: item.class, kind: "unknown_class", message: NOT_UNDERSTOOD });
    else if (known.kind !== expected) out.push({ name: "(class)", value: item.class, kind: "unknown_class", message: `a ${known.kind} class at this place: kept as is` });
  }
  const known: readonly string[] = KNOWN_PYTHON_FIELDS[kind];
  for (const [name, value] of Object.entries(item.fields)) {
    if (known.includes(name)) out.push({ name, value, kind: "python_field", message: `${PYTHON_FIELD_NOTES[name] ?? "a field of the library"}: kept as is` });
    else out.push({ name, value, kind: "unknown_field", message: NOT_UNDERSTOOD });
  }
  return out;
}
