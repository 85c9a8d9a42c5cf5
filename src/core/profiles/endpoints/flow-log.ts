// The record of what an endpoint did to a library's session database: its session-level calls in
// order (nested calls after their caller, with a depth), and the endpoint's own field writes as
// `direct_change` events, in the shape of the recorded flows (oracle-traces README, "Endpoint flows").
import { sessionKeyDepth } from "../../keys.ts";
import { nodeRecord, normalizeState } from "../normalize.ts";
import { PyError, PyGrant, PyNode, PyToken, type Dict } from "../python-objects.ts";
import { isEncryptedSessionId, type PythonSessionManager } from "../python-session-manager.ts";

export type FlowOutcome =
  | { kind: "returned"; value: unknown }
  | { kind: "returned_none" }
  | { kind: "raised"; exception: string; message: string };

/** One session-level call: `call` is `Class.method` (or `revoke` on a node, grant or token). */
export interface FlowCall {
  call: string;
  depth: number;
  grant?: string;
  token?: string;
  node?: unknown;
  args: unknown[];
  kwargs: Record<string, unknown>;
  outcome: FlowOutcome;
}

/** A field write the endpoint made itself, between two calls; `note` says which (`CODE-1.used -= 1`). */
export interface DirectChange {
  event: "direct_change";
  note: string;
}

export type FlowEntry = FlowCall | DirectChange;

/** A direct write that lowered a token's `used` in a grant record; `event` is its index in the entries. */
export interface UsedAdjustment {
  key: string;
  token: string;
  field: "used";
  from: number;
  to: number;
  event: number;
}

/** A message the libraries pass as an object (`AuthnEvent`, `AuthorizationRequest`): logged by class. */
export class PyMessage {
  constructor(
    readonly className: string,
    readonly value: Dict,
  ) {}
}

/** Opaque values the recorder writes as placeholders (the server context). */
export const CONTEXT = "<context>";

/** How the flows write a value in a call's arguments or outcome: tokens and grants by reference, nodes in full. */
export function encodeFlowValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof PyToken) return { class: v.className, value: v.value };
  if (v instanceof PyGrant) return { class: "Grant", id: v.id };
  if (v instanceof PyNode) return { class: v.className, ...nodeRecord(v) };
  if (v instanceof PyMessage) return { class: v.className, value: JSON.parse(JSON.stringify(v.value)) as unknown };
  if (Array.isArray(v)) return v.map(encodeFlowValue);
  if (typeof v === "object") return Object.fromEntries(Object.entries(v as Dict).map(([k, x]) => [k, encodeFlowValue(x)]));
  return v;
}

export class FlowLog {
  readonly entries: FlowEntry[] = [];
  readonly usedAdjustments: UsedAdjustment[] = [];
  #depth = 0;

  constructor(private readonly sm: PythonSessionManager) {}

  /** Runs `fn` as the logged call `name` on `target`, with its nested calls after it at a deeper level. */
  call<T>(name: string, target: { grant?: PyGrant; token?: PyToken; node?: PyNode } | null, args: unknown[], kwargs: Dict, fn: () => T): T {
    const entry: FlowCall = { call: name, depth: this.#depth, args: encodeFlowValue(args) as unknown[], kwargs: encodeFlowValue(kwargs) as Dict, outcome: { kind: "returned_none" } };
    if (target?.grant) entry.grant = target.grant.id;
    if (target?.token) entry.token = target.token.value;
    if (target?.node) entry.node = encodeFlowValue(target.node);
    this.entries.push(entry);
    this.#depth += 1;
    try {
      const v = fn();
      entry.outcome = v === null || v === undefined ? { kind: "returned_none" } : { kind: "returned", value: encodeFlowValue(v) };
      return v;
    } catch (e) {
      if (e instanceof PyError) entry.outcome = { kind: "raised", exception: e.pyClass, message: e.message };
      throw e;
    } finally {
      this.#depth -= 1;
    }
  }

  /** The endpoint's own field writes (not a logged call); lowered `used` counters are listed as adjustments. */
  direct(note: string, fn: () => void): void {
    const before = this.#usedCounters();
    const snapshot = JSON.stringify(normalizeState(this.sm));
    fn();
    // A write that leaves the database as it was is no event (the recorder diffs states).
    if (JSON.stringify(normalizeState(this.sm)) === snapshot) return;
    const index = this.entries.length;
    const last = this.entries[index - 1];
    // Consecutive writes between two calls are one event, as the recorder sees them.
    if (last && "event" in last) last.note += `; ${note}`;
    else this.entries.push({ event: "direct_change", note });
    const event = last && "event" in last ? index - 1 : index;
    for (const [id, after] of this.#usedCounters()) {
      const was = before.get(id);
      if (was && after.used < was.used) this.usedAdjustments.push({ key: after.key, token: after.value, field: "used", from: was.used, to: after.used, event });
    }
  }

  #usedCounters(): Map<string, { key: string; value: string; used: number }> {
    const out = new Map<string, { key: string; value: string; used: number }>();
    for (const [key, r] of this.sm.db) {
      if (!(r instanceof PyGrant) || isEncryptedSessionId(key) || sessionKeyDepth(key) !== 3) continue;
      r.issued_token.forEach((t, i) => out.set(`${key}#${i}`, { key, value: t.value, used: t.used }));
    }
    return out;
  }
}
