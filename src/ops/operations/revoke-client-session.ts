import { z } from "zod";
import { sessionKey, unpackSessionKey } from "../../core/index.ts";
import { defineOperation, nodeIds, noRefusalFocus } from "../operation-definition.ts";
import { sessionId } from "../schema-parts.ts";

export const clientSessionIdArgs = z.strictObject({ sessionId: sessionId.describe("Session id: user;;client or user;;client;;grant") });

/** The user and client parts of a 2- or 3-part session id. */
function clientOf(sessionId: string): { userId: string; clientId: string } {
  const [userId = "", clientId = ""] = unpackSessionKey(sessionId);
  return { userId, clientId };
}

/** A logout: revokes the client session and each of its grants. */
export const revokeClientSession = defineOperation({
  title: "Revoke client session",
  args: clientSessionIdArgs,
  apply: (args, { manager }): Record<string, never> => {
    manager.revokeClientSession(args.sessionId);
    return {};
  },
  // Every grant of the client session: its tokens now read client_session_revoked.
  changes: (args) => ({ kind: "clientSession", ...clientOf(args.sessionId) }),
  focus: ({ args, manager }) => {
    const { userId, clientId } = clientOf(args.sessionId);
    const client = sessionKey(userId, clientId);
    return [client, ...[...nodeIds(manager)].filter((k) => k.startsWith(sessionKey(client, "")))];
  },
  refusalFocus: noRefusalFocus,
  revocation: (args) => {
    const { userId, clientId } = clientOf(args.sessionId);
    return userId && clientId ? { kind: "clientSession", userId, clientId } : null;
  },
});
