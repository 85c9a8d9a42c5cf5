// What a library did at one step that the playground would not have, in words, found by comparing
// the library's database before and after the step (the traces' normalized form).
import { unpackSessionKey } from "../keys.ts";
import type { LibraryProfile } from "./library-profiles.ts";

type Db = Record<string, Record<string, unknown>>;
type TokenRec = { value: string; used: number; type: string };
type Outcome = { kind: string; exception?: string; message?: string };

const tokensOf = (db: Db, key: string): TokenRec[] => ((db[key]?.issued_token as TokenRec[] | undefined) ?? []);

/** Notes for one step: `operation` as the journal has it, `before` / `after` the library's normalized db. */
export function stepNotes(profile: LibraryProfile, operation: { op: string; args?: unknown }, outcome: Outcome, before: Db, after: Db): string[] {
  const notes: string[] = [];
  const a = (operation.args ?? {}) as Record<string, unknown>;
  const lib = profile.label;
  if (outcome.kind === "raised") notes.push(`${lib} raises ${outcome.exception} here${outcome.message ? `: ${outcome.message}` : ""}`);
  if (outcome.kind === "returned_none" && operation.op === "mintToken") notes.push(`${lib} returns None here: nothing was minted (Grant.mint_token returns None in a grant that is not active)`);
  for (const [key, rec] of Object.entries(after)) {
    const was = before[key];
    if (rec.kind === "other" && !was) notes.push(`${lib} also stores a ${String(rec.class)} under the bare key "${key}", a stray record that stays (Database.delete)`);
    if (rec.kind === "grant" && was?.kind === "grant") {
      const old = tokensOf(before, key);
      for (const t of tokensOf(after, key)) {
        const o = old.find((x) => x.value === t.value && x.type === t.type);
        if (o && t.used > o.used && operation.op === "mintToken" && a.basedOn === t.value) {
          notes.push(`${lib} counts this mint as a use of ${t.value} (used ${o.used} → ${t.used}; Grant.mint_token adds one to based_on.used)`);
        }
      }
      if (operation.op === "mintToken" && JSON.stringify(rec.usage_rules) !== JSON.stringify(was.usage_rules)) {
        notes.push(`the grant's usage_rules changed: the new token shares the grant's usage_rules["${String(a.type)}"] dict and its class wrote its defaults into it (SessionToken.set_defaults)`);
      }
    }
    if (rec.kind === "client" && (operation.op === "addGrant" || operation.op === "createSession")) {
      const sub = rec.subordinate as string[];
      if (new Set(sub).size !== sub.length) notes.push(`${lib} lists the new grant twice in the client session's subordinate (SessionManager.add_grant appends after Database.set already did)`);
    }
    if (rec.kind === "grant" && !was && operation.op === "createSession") {
      const req = (a.authReq ?? null) as Record<string, unknown> | null;
      if (a.scopes === undefined && req?.scope && Array.isArray(rec.scope) && rec.scope.length === 0) {
        notes.push(`${lib} takes the grant's scope only from scopes=, not from the request: the grant's scope is [] (SessionManager.create_grant)`);
      }
      if (a.clientId === undefined && unpackSessionKey(key)[1] === "") notes.push(`${lib} files this session under client "" : without client_id= it does not read the request's client_id (SessionManager.make_path)`);
    }
  }
  return notes;
}
