import { z } from "zod";
import type { CreateSessionArgs } from "../../core/index.ts";
import { addedIds, defineOperation, noRefusalFocus, noRevocation } from "../operation-definition.ts";
import { id, rulesPerType, stringList } from "../schema-parts.ts";

export const createSessionArgs = z.strictObject({
  authnEvent: z.record(z.string(), z.unknown()).nullable().optional().describe("Authentication event { uid, authn_info, authn_time, valid_until }"),
  authReq: z.record(z.string(), z.unknown()).nullable().optional().describe("Authorization request { client_id, redirect_uri, scope, response_type, … }"),
  userId: id.describe("User id").meta({ default: "diana" }),
  clientId: id.optional().describe("Client id (defaults to authReq.client_id)").meta({ default: "client_1" }),
  subType: z.string().optional().describe("Subject type: public, pairwise or ephemeral").meta({ default: "public" }),
  sectorIdentifier: z.string().optional().describe("Sector identifier (pairwise subjects)"),
  tokenUsageRules: rulesPerType.optional().describe("Usage rules per token type for this grant"),
  scopes: z.union([stringList, z.string()]).optional().describe("Scopes (default: authReq.scope)"),
});

/** A login: user session, client session and grant, created as needed. */
export const createSession = defineOperation({
  title: "Create session",
  args: createSessionArgs,
  apply: (args, { manager }): { sessionId: string } => ({ sessionId: manager.createSession(args as CreateSessionArgs) }),
  // A grant appears; the others keep their tokens and flags.
  changes: () => ({ kind: "none" }),
  focus: addedIds,
  refusalFocus: noRefusalFocus,
  revocation: noRevocation,
});
