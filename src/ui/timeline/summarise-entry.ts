import { sessionKey, unpackSessionKey } from "../../core/index.ts";
import { isOperationName, type JournalEntry, type OperationName, type OperationOf, type OperationResults } from "../../ops/index.ts";
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
  const parts = unpackSessionKey(s);
  if (parts.length === 3) return sessionKey(parts[0], parts[1], shortId(parts[2], 6));
  return s;
}

/** An operation in words: its arguments that matter, and its result ("" when there is nothing to say). */
interface EntryWords<K extends OperationName> {
  args(a: Partial<Record<keyof OperationOf<K>["args"], unknown>>): string;
  result(r: Partial<Record<keyof OperationResults[K], unknown>>): string;
}

const done = () => "→ done";
const sessionOnly = (a: { sessionId?: unknown }) => `session ${session(a.sessionId)}`;
const clockResult = (r: { now?: unknown }) => (typeof r.now === "number" ? `→ now ${formatTime(r.now)}` : "");

// Arguments and results are read defensively: a stored journal is checked, but only as JSON.
const WORDS: { [K in OperationName]: EntryWords<K> } = {
  createSession: {
    args: (a) => {
      const req = (a.authReq ?? {}) as Record<string, unknown>;
      const client = str(a.clientId) ?? str(req.client_id) ?? "?";
      const sub = str(a.subType);
      return `user ${str(a.userId) ?? "?"}, client ${client}${sub && sub !== "public" ? `, ${sub} subject` : ""}${str(a.sectorIdentifier) ? ` (sector ${a.sectorIdentifier})` : ""}`;
    },
    result: (r) => `→ ${session(r.sessionId)}`,
  },
  addGrant: {
    args: (a) => `user ${str(a.userId) ?? "?"}, client ${str(a.clientId) ?? "?"}`,
    result: (r) => `→ ${session(r.sessionId)}`,
  },
  mintToken: {
    args: (a) => {
      const from = str(a.basedOn);
      return `${str(a.type) ?? "?"}${from ? ` from ${shortId(from, SHORT)}` : ""}, session ${session(a.sessionId)}`;
    },
    result: (r) => `→ ${shortId(str(r.value) ?? "?", SHORT)}`,
  },
  registerUsage: {
    args: (a) => `${shortId(str(a.value) ?? "?", SHORT)}, session ${session(a.sessionId)}`,
    result: (r) => (typeof r.used === "number" ? `→ used ${r.used}` : ""),
  },
  revokeToken: {
    args: (a) => `${shortId(str(a.value) ?? "?", SHORT)}${a.recursive === true ? ", recursive" : ""}, session ${session(a.sessionId)}`,
    result: (r) => `→ ${Array.isArray(r.revoked) ? r.revoked.length : 0} revoked`,
  },
  revokeGrant: { args: sessionOnly, result: done },
  revokeClientSession: { args: sessionOnly, result: done },
  removeSession: { args: sessionOnly, result: done },
  advanceClock: {
    args: (a) => (typeof a.seconds === "number" ? `+${formatDuration(a.seconds)}` : ""),
    result: clockResult,
  },
  setClock: {
    args: (a) => (typeof a.now === "number" ? `to ${formatTime(a.now)}` : ""),
    result: clockResult,
  },
  importState: {
    args: (a) => (str(a.source) ? `from ${a.source}` : ""),
    result: done,
  },
};

const wordsFor = (op: string): EntryWords<OperationName> | undefined => (isOperationName(op) ? (WORDS[op] as EntryWords<OperationName>) : undefined);

/** Summarises a journal entry for the timeline; a refused entry keeps its error code and message. */
export function summariseEntry(entry: JournalEntry): EntrySummary {
  const op = entry.operation.op;
  const args = (entry.operation.args ?? {}) as Record<string, unknown>;
  const failed = "error" in entry;
  return {
    seq: entry.seq,
    op,
    title: operationTitle(op),
    args: wordsFor(op)?.args(args) ?? "",
    result: failed ? "" : (wordsFor(op)?.result((entry.result ?? {}) as Record<string, unknown>) ?? "→ done"),
    error: failed ? { code: entry.error.code, message: entry.error.message } : null,
    at: formatTime(entry.at),
  };
}

/** The whole summary as one line, for an accessible name. */
export function summaryText(s: EntrySummary): string {
  const outcome = s.error ? `refused: ${s.error.code}` : s.result;
  return `Step ${s.seq}: ${s.title}${s.args ? ` (${s.args})` : ""} ${outcome}`.trim();
}
