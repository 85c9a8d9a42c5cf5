import type { PythonLibrary } from "./python-classes.ts";

/** How a dump spells the things the two libraries (and their versions) write differently. */
export interface DumpLayout {
  /** Session nodes name themselves `id` (idpy-oidc 4+) or `user_id` / `client_id` (oidc-op, idpy-oidc 1.x). */
  node_id_field: "id" | "user_id";
  /** `subordinate` lists full child keys (`diana;;client_1`, idpy-oidc) or bare ids (`client_1`, oidc-op). */
  subordinate: "full_keys" | "bare_ids";
  /** Tokens name their type `token_class` (newer) or `type` (older). */
  token_type_field: "token_class" | "type";
}

/** The layout each library writes today. */
export const DEFAULT_LAYOUTS: Readonly<Record<PythonLibrary, DumpLayout>> = {
  "idpy-oidc": { node_id_field: "id", subordinate: "full_keys", token_type_field: "token_class" },
  "oidc-op": { node_id_field: "user_id", subordinate: "bare_ids", token_type_field: "token_class" },
};

/** Stable names of the structural problems an import reports (they are often the bug being reported). */
export type DumpWarningCode =
  | "dangling_subordinate" // a subordinate entry names no node
  | "duplicate_subordinate" // a subordinate entry is listed twice
  | "unlisted_node" // a node its parent's subordinate does not list
  | "missing_parent" // a node whose parent is not in the dump (one was made up to draw it)
  | "unplaced_key" // a db key that is not user, user;;client or user;;client;;grant
  | "unknown_class" // a class the playground does not know (kept as is)
  | "misplaced_class" // a known class at the wrong level of the tree
  | "unknown_field" // a field the playground does not understand (kept as is)
  | "id_mismatch" // a session node's id field differs from its key
  | "missing_field" // a field every version writes is absent (read as the library's default)
  | "dangling_based_on" // based_on names a value no token of the grant has
  | "based_on_later_token" // based_on names a token issued later in the list
  | "token_type_without_class" // a token type the grant's token_map has no class for
  | "class_type_mismatch" // a token class that stands for another token type
  | "duplicate_token_value" // two tokens share a value
  | "mixed_libraries" // class names from both libraries
  | "salt_unconfirmed" // the salt used for new subjects could not be checked against the dump's
  | "no_times"; // nothing in the dump says when it was taken

export interface DumpWarning {
  code: DumpWarningCode;
  /** JSON path in the dump, e.g. `db["diana;;client_1"][1].subordinate[1]`. */
  path: string;
  /** The db key of the node concerned, so the graph can mark it. */
  key?: string;
  /** The token concerned: its position in the grant's `issued_token` and its value. */
  token?: { index: number; value: string };
  message: string;
}

export interface DumpCounts {
  users: number;
  clients: number;
  grants: number;
  tokens: number;
  /** `revoked: true` flags on user sessions, client sessions, grants and tokens together. */
  revoked: number;
}

/**
 * What an imported item had that the playground's model has no place for, so export can write it
 * back. Fields the model holds (times, flags, counters, scope, …) are read from the live state at
 * export time; everything here is verbatim from the dump.
 */
export interface KeptItem {
  /** The qualified class name as the dump wrote it; absent for a token written without a wrapper. */
  class?: string;
  /** Fields the model has no place for, verbatim: library-only ones (`name`, `session_id`, `token_map`, …) and unknown ones. */
  fields: Record<string, unknown>;
  /** Fields the model reads that the dump did not have, with the value export would write; left out again while unchanged. */
  absent?: Record<string, unknown>;
  /** Fields the dump wrote although null or empty (the libraries leave such fields out), with that value. */
  explicit?: Record<string, unknown>;
}

export interface KeptSessionNode extends KeptItem {
  level: "user" | "client";
  /** The dump's `subordinate` when it differs from what export would write (other spelling, duplicates, dangling entries). */
  subordinate?: {
    original: unknown[];
    /** The child ids the playground read from it; while the node still has exactly these, `original` is written back. */
    derived: string[];
    /** Entries that named no node: written back after the live children when the children change. */
    dangling: unknown[];
  };
  /** Not in the dump: made up to hold a node whose parent was missing. Not written back while its children are unchanged. */
  synthetic?: boolean;
}

export interface KeptWrapped {
  /** The class of the wrapper; absent when the dump wrote the object without one. */
  class?: string;
}

export interface KeptToken extends KeptItem {
  /** The token's value at import, to recognise it at export. */
  value: string;
  /** Set when this token spelled its type differently from the rest of the dump. */
  type_field?: DumpLayout["token_type_field"];
}

export interface KeptGrant extends KeptItem {
  level: "grant";
  authentication_event?: KeptWrapped;
  authorization_request?: KeptWrapped;
  /** One entry per issued token, in order. */
  tokens: KeptToken[];
}

export type KeptNode = KeptSessionNode | KeptGrant;

export const KEPT_FORMAT = "python-dump-kept";

/**
 * Everything a dump held beyond the session manager's own state. It travels inside the
 * `importState` journal entry's snapshot (as `snapshot.python_dump`, which the manager ignores), so
 * it survives undo, replay, state files and storage, and export finds it there.
 */
export interface PythonDumpKept {
  format: typeof KEPT_FORMAT;
  version: 1;
  library: PythonLibrary;
  version_guess: string;
  layout: DumpLayout;
  /** Every top-level field but `db`, verbatim (`crypt_config`; `key`, `salt`; anything else). */
  top: Record<string, unknown>;
  /** Per db key. */
  nodes: Record<string, KeptNode>;
  /** db entries that cannot be placed in the tree (bad keys), verbatim. */
  unplaced: Record<string, unknown>;
}
