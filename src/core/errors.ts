import { sessionKey } from "./keys.ts";

/** A problem found while validating a state file, snapshot or argument, located by a JSON path. */
export interface Problem {
  path: string;
  message: string;
}

/**
 * Base class of every error the session manager throws. `code` is stable and meant for
 * programs (the UI switches on it); `message` is meant for people and says what to change.
 */
export class SessionError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
  /** Plain JSON form, as journal entries record it. */
  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** A session id that does not unpack to the parts the call needs. */
export class InvalidSessionId extends SessionError {
  readonly sessionId: unknown;
  constructor(sessionId: unknown, message: string) {
    super("invalid_session_id", message);
    this.sessionId = sessionId;
  }
}

/** An argument is missing, has the wrong type or names something unsupported. */
export class InvalidArgument extends SessionError {
  readonly problems: Problem[];
  constructor(message: string, problems: Problem[] = []) {
    super("invalid_argument", message);
    this.problems = problems;
  }
}

export class NoSuchUserSession extends SessionError {
  readonly userId: string;
  constructor(userId: string) {
    super("no_such_user_session", `No user session for user "${userId}". Create a session for this user first.`);
    this.userId = userId;
  }
}

export class NoSuchClientSession extends SessionError {
  readonly userId: string;
  readonly clientId: string;
  constructor(userId: string, clientId: string) {
    super(
      "no_such_client_session",
      `User "${userId}" has no session with client "${clientId}". Check the client id, or create a session for this user and client.`,
    );
    this.userId = userId;
    this.clientId = clientId;
  }
}

export class NoSuchGrant extends SessionError {
  readonly sessionId: string;
  constructor(userId: string, clientId: string, grantId: string) {
    super(
      "no_such_grant",
      `Client session "${sessionKey(userId, clientId)}" has no grant "${grantId}". Check the session id; the grant may have been removed.`,
    );
    this.sessionId = sessionKey(userId, clientId, grantId);
  }
}

export class UnknownToken extends SessionError {
  readonly value: string;
  constructor(value: string, where?: string) {
    super(
      "unknown_token",
      where
        ? `No token with value "${value}" in session "${where}". Check the value, or mint the token first.`
        : `No session holds a token with value "${value}". Check the value, or mint the token first.`,
    );
    this.value = value;
  }
}

export class AmbiguousToken extends SessionError {
  readonly value: string;
  readonly sessionIds: string[];
  constructor(value: string, sessionIds: string[]) {
    super(
      "ambiguous_token",
      `The token value "${value}" is held in ${sessionIds.length} sessions (${sessionIds.join(", ")}); pass the session id to say which one you mean.`,
    );
    this.value = value;
    this.sessionIds = sessionIds;
  }
}

export class UnknownTokenType extends SessionError {
  readonly tokenType: string;
  constructor(tokenType: string, known: readonly string[]) {
    super(
      "unknown_token_type",
      `Unknown token type "${tokenType}". Use one of: ${known.join(", ")}, or register the type in the token map.`,
    );
    this.tokenType = tokenType;
  }
}

/** Why minting was refused. */
export type MintingNotAllowedReason = "grant_inactive" | "not_supported" | "token_inactive";

export class MintingNotAllowed extends SessionError {
  readonly reason: MintingNotAllowedReason;
  constructor(reason: MintingNotAllowedReason, message: string) {
    super("minting_not_allowed", message);
    this.reason = reason;
  }
}

/** A state file, snapshot or dump that cannot be loaded; `problems` lists each defect with its JSON path. */
export class InvalidStateFile extends SessionError {
  readonly problems: Problem[];
  constructor(problems: Problem[], summary?: string) {
    const shown = problems.slice(0, 5).map((p) => `${p.path || "(root)"}: ${p.message}`);
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : "";
    super(
      "invalid_state_file",
      summary ?? `The state cannot be loaded: ${shown.join("; ")}${more}.`,
    );
    this.problems = problems;
  }
}
