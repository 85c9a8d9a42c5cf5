import { defineOperation, noRefusalFocus } from "../operation-definition.ts";
import { sessionIdArgs } from "./session-id-args.ts";

/** Revokes a grant: nothing more can be minted from it; its tokens keep their own flags. */
export const revokeGrant = defineOperation({
  title: "Revoke grant",
  args: sessionIdArgs,
  apply: (args, { manager }): Record<string, never> => {
    manager.revokeGrant(args.sessionId);
    return {};
  },
  changes: (args) => ({ kind: "grant", sessionId: args.sessionId }),
  focus: ({ args }) => [args.sessionId],
  refusalFocus: noRefusalFocus,
  revocation: (args) => ({ kind: "grant", sessionId: args.sessionId }),
});
