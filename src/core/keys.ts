import { InvalidArgument, InvalidSessionId } from "./errors.ts";

/** Joins the parts of a session key, as the reference does. */
export const DIVIDER = ";;";

declare const sessionIdBrand: unique symbol;

/**
 * A session id made by `sessionKey` from its parts: `user;;client;;grant` (a grant) or
 * `user;;client` (a client session). Branded, so a string split and joined by hand is not one;
 * every `;;` of the code base lives in this file.
 */
export type SessionId = string & { readonly [sessionIdBrand]: true };

/** `sessionKey("diana", "client_1", grantId)` → `"diana;;client_1;;<grantId>"`. */
export function sessionKey(userId: string, clientId: string, grantId: string): SessionId;
export function sessionKey(userId: string, clientId: string): SessionId;
export function sessionKey(...parts: string[]): string;
export function sessionKey(...parts: string[]): string {
  return parts.join(DIVIDER);
}

/** Splits a session key into its parts. */
export function unpackSessionKey(key: string): string[] {
  return key.split(DIVIDER);
}

/** How many ids a key holds: 1 for a user session, 2 for a client session, 3 for a grant. */
export function sessionKeyDepth(key: string): number {
  return unpackSessionKey(key).length;
}

/** The parts of a 2- or 3-part session id by name; missing parts are "". */
export function sessionIdParts(sessionId: string): { userId: string; clientId: string; grantId: string } {
  const [userId = "", clientId = "", grantId = ""] = unpackSessionKey(sessionId);
  return { userId, clientId, grantId };
}

/** Throws `InvalidArgument` unless `id` can be one part of a session key. */
export function assertId(id: unknown, what: string): asserts id is string {
  if (typeof id !== "string" || id.length === 0) {
    throw new InvalidArgument(`${what} must be a non-empty string, got ${describe(id)}.`, [
      { path: what, message: "must be a non-empty string" },
    ]);
  }
  if (id.includes(DIVIDER)) {
    throw new InvalidArgument(`${what} "${id}" contains "${DIVIDER}", which separates the parts of a session id; choose an id without it.`, [
      { path: what, message: `must not contain "${DIVIDER}"` },
    ]);
  }
}

/**
 * Unpacks a session id into exactly the number of parts a call needs
 * (`counts` lists the accepted numbers), or throws `InvalidSessionId`.
 */
export function parseSessionId(sessionId: unknown, counts: readonly [3]): [userId: string, clientId: string, grantId: string];
export function parseSessionId(sessionId: unknown, counts: readonly [2]): [userId: string, clientId: string];
export function parseSessionId(sessionId: unknown, counts: readonly number[]): string[];
export function parseSessionId(sessionId: unknown, counts: readonly number[]): string[] {
  if (typeof sessionId !== "string") {
    throw new InvalidSessionId(sessionId, `A session id must be a string like "user;;client;;grant", got ${describe(sessionId)}.`);
  }
  const parts = unpackSessionKey(sessionId);
  if (!counts.includes(parts.length) || parts.some((p) => p.length === 0)) {
    const wanted = counts.map((n) => (n === 3 ? '"user;;client;;grant"' : n === 2 ? '"user;;client"' : '"user"')).join(" or ");
    throw new InvalidSessionId(
      sessionId,
      `"${sessionId}" is not a valid session id here: expected ${wanted} with non-empty parts.`,
    );
  }
  return parts;
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value.length === 0 ? "an empty string" : `the string "${value.length > 60 ? value.slice(0, 60) + "…" : value}"`;
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}
