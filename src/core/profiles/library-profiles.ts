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
    idField: () => "id",
    create: (o) => new IdpyOidcSessionManager(o),
  },
  "oidc-op-2.4": {
    semantics: "oidc-op-2.4",
    library: "oidc-op",
    version: "2.4.3",
    label: "oidc-op 2.4",
    subordinateByFullKey: false,
    idField: (kind) => (kind === "user" ? "user_id" : "client_id"),
    create: (o) => new OidcOpSessionManager(o),
  },
};

/** The profile of a library as traces and dumps name it ("idpy-oidc", "oidc-op"). */
export function profileOfLibrary(name: string): LibraryProfile | undefined {
  return Object.values(LIBRARY_PROFILES).find((p) => p.library === name);
}
