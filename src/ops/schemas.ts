import { z } from "zod";

// One schema per operation of SPEC §10, each in its operation's file under operations/. The console's
// forms are generated from these (field descriptions and defaults live there), and every operation is
// checked against them before the core runs it, so the UI can never drift from the core.

import { rulesPerType, seconds } from "./schema-parts.ts";
import { OPERATION_NAMES, OPERATIONS, type OperationName, type OperationResults } from "./registry.ts";

export { usageRulesSchema } from "./schema-parts.ts";
export { createSessionArgs } from "./operations/create-session.ts";
export { addGrantArgs } from "./operations/add-grant.ts";
export { mintTokenArgs } from "./operations/mint-token.ts";
export { registerUsageArgs } from "./operations/register-usage.ts";
export { revokeTokenArgs } from "./operations/revoke-token.ts";
export { sessionIdArgs } from "./operations/session-id-args.ts";
export { clientSessionIdArgs } from "./operations/revoke-client-session.ts";
export { advanceClockArgs } from "./operations/advance-clock.ts";
export { setClockArgs } from "./operations/set-clock.ts";
export { importStateArgs } from "./operations/import-state.ts";
export { OPERATION_NAMES, type OperationName, type OperationResults };

type ArgsOf = { [K in OperationName]: (typeof OPERATIONS)[K]["args"] };

/** Each operation's argument schema, by name. */
export const operationArgs = Object.fromEntries(OPERATION_NAMES.map((op) => [op, OPERATIONS[op].args])) as ArgsOf;

export const operationSchema = z.discriminatedUnion(
  "op",
  OPERATION_NAMES.map((op) => z.strictObject({ op: z.literal(op), args: operationArgs[op] })) as unknown as [
    z.ZodObject<{ op: z.ZodLiteral<OperationName>; args: z.ZodType }>,
  ],
);

/** A plain JSON operation: what the UI issues and the journal records. */
export type Operation = { [K in OperationName]: { op: K; args: z.input<(typeof operationArgs)[K]> } }[OperationName];
export type OperationOf<K extends OperationName> = Extract<Operation, { op: K }>;

export type OperationResult = OperationResults[OperationName];

export const settingsSchema = z.strictObject({
  salt: z.string().optional().describe("Salt for subject identifiers (default: drawn from the seed)"),
  usagePolicy: rulesPerType.optional().describe("Default usage rules per token type"),
  tokenTypes: rulesPerType.optional().describe("Custom token types and their default usage rules"),
  semantics: z
    .enum(["playground", "idpy-oidc-5.0", "oidc-op-2.4"])
    .optional()
    .describe("Whose session manager runs the operations: the playground's (SPEC, the default) or a real library's, quirks and all"),
});
export type WorkspaceSettings = z.infer<typeof settingsSchema>;

export const journalEntrySchema = z.union([
  z.strictObject({ seq: z.int().positive(), at: seconds, operation: z.unknown(), result: z.unknown() }),
  z.strictObject({ seq: z.int().positive(), at: seconds, operation: z.unknown(), error: z.strictObject({ code: z.string(), message: z.string() }) }),
]);
export type JournalEntry =
  | { seq: number; at: number; operation: Operation; result: OperationResult }
  | { seq: number; at: number; operation: Operation; error: { code: string; message: string } };

export const STATE_FILE_FORMAT = "oidc-session-playground";
export const STATE_FILE_VERSION = 1;

export const stateFileSchema = z.strictObject({
  format: z.literal(STATE_FILE_FORMAT),
  version: z.literal(STATE_FILE_VERSION),
  exported_at: z.string(),
  name: z.string().min(1).max(200),
  notes: z.string().optional(),
  seed: z.string(),
  start_time: seconds,
  settings: settingsSchema,
  journal: z.array(journalEntrySchema),
  snapshot: z.unknown(),
});
