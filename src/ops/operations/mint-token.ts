import { z } from "zod";
import { defineOperation, noRevocation } from "../operation-definition.ts";
import { seconds, sessionId, stringList, usageRulesSchema } from "../schema-parts.ts";

export const mintTokenArgs = z.strictObject({
  sessionId,
  type: z.string().min(1).describe("Token type").meta({ default: "authorization_code", examples: ["authorization_code", "access_token", "refresh_token", "id_token"] }),
  value: z.string().min(1).optional().describe("Token value (generated when empty)"),
  basedOn: z.string().min(1).optional().describe("Value of the token to mint from"),
  usageRules: usageRulesSchema.optional().describe("Usage rules for this token"),
  scope: stringList.optional().describe("Scope (default: from the based_on chain, else the grant)"),
  claims: z.record(z.string(), z.unknown()).optional().describe("Claims"),
  resources: stringList.optional().describe("Resources"),
  expiresIn: seconds.optional().describe("Expires in (seconds)"),
  expiresAt: seconds.optional().describe("Expires at (epoch seconds)"),
  notBefore: seconds.optional().describe("Not before (epoch seconds)"),
});

/** A token in a grant, optionally minted from another token of it. */
export const mintToken = defineOperation({
  title: "Mint token",
  args: mintTokenArgs,
  apply: ({ sessionId, type, ...options }, { manager }): { value: string; id: string } => {
    const token = manager.mintToken(sessionId, type, options);
    return { value: token.value, id: token.id };
  },
  changes: (args) => ({ kind: "grant", sessionId: args.sessionId }),
  focus: ({ result }) => [result.value],
  // A refused mint points at the token it was to be minted from.
  refusalFocus: (args) => (typeof args.basedOn === "string" ? [args.basedOn] : []),
  revocation: noRevocation,
});
