import type { JournalEntry } from "../../ops/index.ts";
import { operationTitle } from "../console/form-model.ts";
import { formatDuration, formatTime, shortId } from "../format.ts";

/** One timeline entry in words: what was called, with what, and what came of it. */
export interface EntrySummary {
  seq: number;
  /** The operation's name, e.g. "mintToken". */
  op: string;
  /** Its title, e.g. "Mint token". */
  title: string;
  /** The arguments that matter, shortened: "access_token from code_4f…, session diana;;client_1;;9a…". */
  args: string;
  /** The result in words ("→ at_3c…"), or "" for a refused entry. */
  result: string;
  /** The refusal's code and message, when the operation was refused. */
  error: { code: string; message: string } | null;
  /** Virtual time the entry ran at, as text. */
  at: string;
}

const SHORT = 16;

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** A session id with its grant id shortened: user;;client;;9a3f…. */
function session(id: unknown): string {
  const s = str(id);
  if (!s) return "?";
  const parts = s.split(";;");
  if (parts.length === 3) return `${parts[0]};;${parts[1]};;${shortId(parts[2], 6)}`;
  return s;
}

function argsText(op: string, a: Record<string, unknown>): string {
  switch (op) {
    case "createSession": {
      const req = (a.authReq ?? {}) as Record<string, unknown>;
      const client = str(a.clientId) ?? str(req.client_id) ?? "?";
      const sub = str(a.subType);
      return `user ${str(a.userId) ?? "?"}, client ${client}${sub && sub !== "public" ? `, ${sub} subject` : ""}${str(a.sectorIdentifier) ? ` (sector ${a.sectorIdentifier})` : ""}`;
    }
    case "addGrant":
      return `user ${str(a.userId) ?? "?"}, client ${str(a.clientId) ?? "?"}`;
    case "mintToken": {
      const from = str(a.basedOn);
      return `${str(a.type) ?? "?"}${from ? ` from ${shortId(from, SHORT)}` : ""}, session ${session(a.sessionId)}`;
    }
    case "registerUsage":
      return `${shortId(str(a.value) ?? "?", SHORT)}, session ${session(a.sessionId)}`;
    case "revokeToken":
      return `${shortId(str(a.value) ?? "?", SHORT)}${a.recursive === true ? ", recursive" : ""}, session ${session(a.sessionId)}`;
    case "revokeGrant":
    case "revokeClientSession":
    case "removeSession":
      return `session ${session(a.sessionId)}`;
    case "advanceClock":
      return typeof a.seconds === "number" ? `+${formatDuration(a.seconds)}` : "";
    case "setClock":
      return typeof a.now === "number" ? `to ${formatTime(a.now)}` : "";
    case "importState":
      return str(a.source) ? `from ${a.source}` : "";
    default:
      return "";
  }
}

function resultText(op: string, r: Record<string, unknown>): string {
  switch (op) {
    case "createSession":
    case "addGrant":
      return `→ ${session(r.sessionId)}`;
    case "mintToken":
      return `→ ${shortId(str(r.value) ?? "?", SHORT)}`;
    case "registerUsage":
      return typeof r.used === "number" ? `→ used ${r.used}` : "";
    case "revokeToken": {
      const revoked = Array.isArray(r.revoked) ? r.revoked.length : 0;
      return `→ ${revoked} revoked`;
    }
    case "advanceClock":
    case "setClock":
      return typeof r.now === "number" ? `→ now ${formatTime(r.now)}` : "";
    default:
      return "→ done";
  }
}

/** Summarises a journal entry for the timeline; a refused entry keeps its error code and message. */
export function summariseEntry(entry: JournalEntry): EntrySummary {
  const op = entry.operation.op;
  const args = (entry.operation.args ?? {}) as Record<string, unknown>;
  const failed = "error" in entry;
  return {
    seq: entry.seq,
    op,
    title: operationTitle(op),
    args: argsText(op, args),
    result: failed ? "" : resultText(op, (entry.result ?? {}) as Record<string, unknown>),
    error: failed ? { code: entry.error.code, message: entry.error.message } : null,
    at: formatTime(entry.at),
  };
}

/** The whole summary as one line, for an accessible name. */
export function summaryText(s: EntrySummary): string {
  const outcome = s.error ? `refused: ${s.error.code}` : s.result;
  return `Step ${s.seq}: ${s.title}${s.args ? ` (${s.args})` : ""} ${outcome}`.trim();
}
