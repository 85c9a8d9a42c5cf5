import { z } from "zod";
import { defineOperation, noRefusalFocus, noRevocation } from "../operation-definition.ts";
import { sessionId } from "../schema-parts.ts";

export const registerUsageArgs = z.strictObject({ sessionId, value: z.string().min(1).describe("Token value") });

/** Counts one use of a token (an authorization code may be used once). */
export const registerUsage = defineOperation({
  title: "Register usage",
  args: registerUsageArgs,
  apply: (args, { manager }): { used: number } => ({ used: manager.registerUsage(args.sessionId, args.value).used }),
  changes: (args) => ({ kind: "grant", sessionId: args.sessionId }),
  focus: ({ args }) => [args.value],
  refusalFocus: noRefusalFocus,
  revocation: noRevocation,
});
