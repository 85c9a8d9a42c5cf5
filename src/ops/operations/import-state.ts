import { z } from "zod";
import { addedIds, defineOperation, noRefusalFocus, noRevocation } from "../operation-definition.ts";

export const importStateArgs = z.strictObject({
  source: z.string().min(1).describe("Where the state came from, e.g. idpy-oidc 5.0.0"),
  snapshot: z.unknown().describe("A SessionManager.toJSON() snapshot"),
  strict: z.boolean().optional().describe("Refuse based_on values no token has (default true)"),
});

/** Replaces the whole tree with a snapshot's, keeping the clock and generator. */
export const importState = defineOperation({
  // A button whose name contains "Import" would be found by tests looking for the header's Import.
  title: "Load snapshot",
  args: importStateArgs,
  apply: (args, { manager }): Record<string, never> => {
    manager.importState(args.snapshot, { strict: args.strict });
    return {};
  },
  changes: () => ({ kind: "any" }),
  focus: addedIds,
  refusalFocus: noRefusalFocus,
  revocation: noRevocation,
});
