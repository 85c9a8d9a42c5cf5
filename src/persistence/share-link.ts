import { deflateSync, Inflate, strToU8 } from "fflate";
import { formatPath, InvalidStateFile, type Problem } from "../core/index.ts";
import { parseJsonText, STATE_FILE_FORMAT, STATE_FILE_VERSION, stateFileSchema, Workspace, type JournalEntry } from "../ops/index.ts";

// A share link carries the workspace in the URL fragment (`#state=…`), which browsers never send
// to a server. It holds what replay needs (no snapshot: the receiver rebuilds and checks it).

/** The fragment parameter holding the workspace. */
export const SHARE_LINK_PARAM = "state";
/** Longest fragment offered or accepted; larger workspaces are shared as files. */
export const MAX_SHARE_LINK_BYTES = 64 * 1024;
/** Most a share link may inflate to; beyond that it is refused (a decompression bomb). */
export const MAX_SHARE_INFLATED_BYTES = 20 * 1024 * 1024;

/** The workspace is too large for a link. */
export class ShareLinkTooLarge extends Error {
  readonly code = "share_link_too_large";
  readonly size: number;
  readonly limit = MAX_SHARE_LINK_BYTES;
  constructor(size: number) {
    super(
      `This workspace needs a ${Math.ceil(size / 1024)} KB link, more than the ${MAX_SHARE_LINK_BYTES / 1024} KB a link may hold. Export it as a file and send the file instead.`,
    );
    this.name = new.target.name;
    this.size = size;
  }
}

/** What the link's JSON holds: a state file without `exported_at`, `notes` and `snapshot`. */
const shareSchema = stateFileSchema.omit({ exported_at: true, notes: true, snapshot: true });

/** The fragment (without "#") holding the workspace: `state=<base64url(deflate(json))>`. Throws `ShareLinkTooLarge`. */
export function encodeShareLink(workspace: Workspace): string {
  const payload = {
    format: STATE_FILE_FORMAT,
    version: STATE_FILE_VERSION,
    name: workspace.name,
    seed: workspace.seed,
    start_time: workspace.start_time,
    settings: workspace.settings,
    journal: workspace.journal,
  };
  const fragment = `${SHARE_LINK_PARAM}=${toBase64Url(deflateSync(strToU8(JSON.stringify(payload)), { level: 9 }))}`;
  if (fragment.length > MAX_SHARE_LINK_BYTES) throw new ShareLinkTooLarge(fragment.length);
  return fragment;
}

/** `encodeShareLink` for a UI deciding whether to offer a link: the fragment, or why there is none. */
export function offerShareLink(workspace: Workspace): { ok: true; fragment: string } | { ok: false; error: ShareLinkTooLarge } {
  try {
    return { ok: true, fragment: encodeShareLink(workspace) };
  } catch (e) {
    if (e instanceof ShareLinkTooLarge) return { ok: false, error: e };
    throw e;
  }
}

/** True when a URL fragment (`location.hash`, with or without "#") carries a shared workspace. */
export function hasShareLink(fragment: string): boolean {
  return new URLSearchParams(fragment.replace(/^#/, "").slice(0, MAX_SHARE_LINK_BYTES + 1)).has(SHARE_LINK_PARAM);
}

/**
 * Rebuilds the workspace a share link carries, checking it as a state file is checked (format,
 * version, shape, and a replay of the journal). Throws `InvalidStateFile` saying what is wrong.
 */
export function decodeShareLink(fragment: string): Workspace {
  const raw = fragment.replace(/^#/, "");
  if (raw.length > MAX_SHARE_LINK_BYTES) {
    throw refuse(`the link is ${Math.ceil(raw.length / 1024)} KB, more than the ${MAX_SHARE_LINK_BYTES / 1024} KB a share link may hold`);
  }
  const encoded = new URLSearchParams(raw).get(SHARE_LINK_PARAM);
  if (encoded === null || encoded === "") throw refuse(`the link holds no "${SHARE_LINK_PARAM}=" part`);
  const bytes = fromBase64Url(encoded);
  if (!bytes) throw refuse("the link is damaged: it is not base64url text (was it cut off or changed when copied?)");
  const inflated = inflateAtMost(bytes, MAX_SHARE_INFLATED_BYTES);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(inflated);
  } catch {
    throw refuse("the link is damaged: its content is not UTF-8 text");
  }
  return workspaceFromShare(parseJsonText(text));
}

function workspaceFromShare(data: unknown): Workspace {
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new InvalidStateFile([{ path: "", message: "a shared workspace is a JSON object" }]);
  const record = data as Record<string, unknown>;
  if (record.format !== STATE_FILE_FORMAT) {
    throw new InvalidStateFile([
      { path: "format", message: `is ${JSON.stringify(record.format)}, not "${STATE_FILE_FORMAT}": this is not an OIDC Session Playground link` },
    ]);
  }
  if (typeof record.version === "number" && record.version > STATE_FILE_VERSION) {
    throw new InvalidStateFile([
      { path: "version", message: `is ${record.version}, newer than this playground reads (${STATE_FILE_VERSION}); open it with a newer version` },
    ]);
  }
  const parsed = shareSchema.safeParse(data);
  if (!parsed.success) {
    throw new InvalidStateFile(parsed.error.issues.map((issue): Problem => ({ path: formatPath(issue.path), message: issue.message })));
  }
  const { name, seed, start_time, settings, journal } = parsed.data;
  // Replays every entry and checks it comes out as recorded (InvalidStateFile naming the entry if not).
  return new Workspace({ name, seed, start_time, settings }, journal as JournalEntry[]);
}

/** Inflates raw DEFLATE data, stopping as soon as the output passes `limit` bytes. */
function inflateAtMost(data: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > limit) throw new InflateLimit();
    chunks.push(chunk);
    finished = final;
  });
  // Small input steps bound the output of one step (DEFLATE expands at most ~1032:1), so a bomb
  // is stopped after about a megabyte past the limit rather than after inflating all of it.
  const step = 1024;
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let i = 0; i < data.length; i += step) inflater.push(data.subarray(i, i + step), i + step >= data.length);
  } catch (e) {
    if (e instanceof InflateLimit) {
      throw refuse(`the link unpacks to more than ${limit / 1024 / 1024} MB, more than any workspace a link can carry; it was not opened`);
    }
    throw refuse("the link is damaged: it does not unpack (was it cut off or changed when copied?)");
  }
  if (!finished) throw refuse("the link is damaged: it ends too early");
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

class InflateLimit extends Error {}

function refuse(message: string): InvalidStateFile {
  return new InvalidStateFile([{ path: "", message }], `This share link cannot be opened: ${message}.`);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}
