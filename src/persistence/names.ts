import { InvalidArgument } from "../core/index.ts";

/** The longest workspace name; state files refuse longer ones, so nothing longer is stored. */
export const MAX_NAME_LENGTH = 200;

/** Checks a name a person typed; returns it trimmed or throws `InvalidArgument` saying what to change. */
export function checkName(name: unknown): string {
  if (typeof name !== "string" || name.trim().length === 0) {
    throw new InvalidArgument("A workspace name must not be empty.", [{ path: "name", message: "must be a non-empty string" }]);
  }
  const trimmed = name.trim();
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw new InvalidArgument(`A workspace name can have at most ${MAX_NAME_LENGTH} characters (this one has ${trimmed.length}).`, [
      { path: "name", message: `must have at most ${MAX_NAME_LENGTH} characters` },
    ]);
  }
  return trimmed;
}

/** Cuts a derived name (fork, import suffix) to the length limit. */
export function fitName(name: string, reserve = 0): string {
  const limit = MAX_NAME_LENGTH - reserve;
  return name.length <= limit ? name : name.slice(0, limit).trimEnd();
}

/**
 * `name` if no existing workspace has it, else the name with the first free suffix
 * " (2)", " (3)", … An existing suffix is replaced rather than stacked, so importing
 * "Demo (2)" next to "Demo" and "Demo (2)" gives "Demo (3)".
 */
export function uniqueName(name: string, existing: Iterable<string>): string {
  const taken = new Set(existing);
  if (!taken.has(name)) return name;
  const base = /^(.*\S) \(\d+\)$/.exec(name)?.[1] ?? name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = fitName(base, suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

// Characters no common file system accepts in a name, plus control characters.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f]+/g;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** `<name>.oidc-session.json`, with the name made safe for Windows, macOS and Linux file systems. */
export function stateFileName(name: string): string {
  let safe = name.normalize("NFC").replace(UNSAFE, "_").replace(/\s+/g, " ").trim();
  safe = safe.replace(/^[.\s]+|[.\s]+$/g, ""); // no hidden files, no trailing dots (Windows drops them)
  if (RESERVED.test(safe)) safe = `_${safe}`;
  // Leave room for the extension within the common 255-byte limit (names can be non-ASCII).
  safe = Array.from(safe).slice(0, 100).join("").trim();
  return `${safe || "workspace"}.oidc-session.json`;
}
