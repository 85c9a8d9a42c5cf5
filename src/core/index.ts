/**
 * The session manager of an OpenID Provider, after the IdentityPython session manager
 * (oidcendpoint, oidc-op, idpy-oidc). Pure TypeScript: no React, Dexie or DOM.
 */
export { DIVIDER, parseSessionId, sessionIdParts, sessionKey, sessionKeyDepth, unpackSessionKey, type SessionId } from "./keys.ts";
export { assertNever } from "./assert-never.ts";
export { createVirtualClock, isVirtualClock, systemClock, type Clock, type VirtualClock } from "./clock.ts";
export { createSeededRandom, randomSeed, restoreSeededRandom, type Random, type RandomState, type SeededRandom } from "./random.ts";
export { publicId, pairwiseId, type SubjectFunction } from "./subject.ts";
export {
  AmbiguousToken,
  InvalidArgument,
  InvalidSessionId,
  InvalidStateFile,
  MintingNotAllowed,
  NoSuchClientSession,
  NoSuchGrant,
  NoSuchUserSession,
  SessionError,
  UnknownToken,
  UnknownTokenType,
  type MintingNotAllowedReason,
  type Problem,
} from "./errors.ts";
export { BUILTIN_TOKEN_TYPES, type TokenMap, type UsageRules } from "./usage-rules.ts";
export { SessionItem, type ItemFields } from "./item.ts";
export {
  AccessToken,
  AuthorizationCode,
  IdToken,
  RefreshToken,
  SessionToken,
  type SessionTokenJSON,
  type TokenFields,
} from "./token.ts";
export { Grant, GRANT_FIELD_NAMES, type AuthnEvent, type GrantFields, type GrantJSON, type GrantOptions, type MintOptions } from "./grant.ts";
export { ClientSessionInfo, UserSessionInfo } from "./session-info.ts";
export { Database, type SessionNode } from "./database.ts";
export {
  SessionManager,
  type CreateSessionArgs,
  type ManagerMintOptions,
  type SessionInfo,
  type SessionInfoFlags,
  type SessionManagerOptions,
} from "./session-manager.ts";
export { TOKEN_STATUS_REASONS, tokenStatusOf, type TokenSessions, type TokenStatus, type TokenStatusReason, type TokenStatusWarning } from "./token-status.ts";
export { managerSnapshotSchema, parseSnapshot, type ManagerSnapshot, type NodeJSON } from "./snapshot.ts";
export { cloneJson, deepNesting, formatPath, MAX_NESTING, type Json } from "./json.ts";
export { createAuthnEvent } from "./authn-event.ts";
export { LIBRARY_PROFILES, profileOfLibrary, SEMANTICS_NAMES, type LibraryProfile, type LibrarySemantics, type SemanticsName } from "./profiles/library-profiles.ts";
export { PyError } from "./profiles/python-objects.ts";
export type { PythonSessionManager } from "./profiles/python-session-manager.ts";
export { stepNotes } from "./profiles/step-notes.ts";
