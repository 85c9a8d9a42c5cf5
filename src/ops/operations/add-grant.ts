import { z } from "zod";
import { sessionKey, type GrantFields } from "../../core/index.ts";
import { addedIds, defineOperation, noRefusalFocus, noRevocation } from "../operation-definition.ts";
import { id } from "../schema-parts.ts";

export const addGrantArgs = z.strictObject({
  userId: id.describe("User id").meta({ default: "diana" }),
  clientId: id.describe("Client id").meta({ default: "client_1" }),
  grant: z.record(z.string(), z.unknown()).describe("Grant fields: scope, claims, resources, usage_rules, expires_in, …"),
});

/** Another grant for a user and client, with the fields given. */
export const addGrant = defineOperation({
  title: "Add grant",
  args: addGrantArgs,
  apply: (args, { manager }): { sessionId: string; grantId: string } => {
    const grant = manager.addGrant(args.userId, args.clientId, args.grant as Omit<GrantFields, "id">);
    return { sessionId: sessionKey(args.userId, args.clientId, grant.id), grantId: grant.id };
  },
  changes: () => ({ kind: "none" }),
  focus: addedIds,
  refusalFocus: noRefusalFocus,
  revocation: noRevocation,
});
