import { z } from "zod";
import { defineOperation, noRefusalFocus } from "../operation-definition.ts";
import { sessionId } from "../schema-parts.ts";

export const revokeTokenArgs = z.strictObject({
  sessionId,
  value: z.string().min(1).describe("Token value"),
  recursive: z.boolean().optional().describe("Also revoke every token minted from it"),
});

/** Revokes a token, and with `recursive` every token minted from it. */
export const revokeToken = defineOperation({
  title: "Revoke token",
  args: revokeTokenArgs,
  apply: (args, { manager }): { revoked: string[] } => ({ revoked: manager.revokeToken(args.sessionId, args.value, args.recursive ?? false) }),
  changes: (args) => ({ kind: "grant", sessionId: args.sessionId }),
  focus: ({ result }) => [...result.revoked],
  refusalFocus: noRefusalFocus,
  revocation: (args, result) => ({ kind: "token", sessionId: args.sessionId, value: args.value, revoked: result.revoked }),
});
