import { defineOperation, nodeIds, noRefusalFocus, noRevocation } from "../operation-definition.ts";
import { sessionIdArgs } from "./session-id-args.ts";

/** Removes a grant, then any client and user session left empty. */
export const removeSession = defineOperation({
  title: "Remove session",
  args: sessionIdArgs,
  apply: (args, { manager }): Record<string, never> => {
    manager.removeSession(args.sessionId);
    return {};
  },
  // A grant goes; the others keep their tokens and flags.
  changes: () => ({ kind: "none" }),
  focus: ({ before, manager }) => {
    const after = nodeIds(manager);
    return [...before.ids].filter((k) => !after.has(k));
  },
  refusalFocus: noRefusalFocus,
  revocation: noRevocation,
});
