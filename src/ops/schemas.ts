import { z } from "zod";

// One schema per operation of SPEC §10. The console's forms are generated from these
// (field descriptions and defaults live here), and every operation is checked against them
// before the core runs it, so the UI can never drift from the core.

const id = z.string().min(1).refine((s) => !s.includes(";;"), { message: 'must not contain ";;"' });
const sessionId = z.string().min(1).describe("Session id: user;;client;;grant");
const seconds = z.int().nonnegative();
const stringList = z.array(z.string());

export const usageRulesSchema = z.looseObject({
  expires_in: seconds.optional().describe("Lifetime in seconds"),
  supports_minting: stringList.optional().describe("Token types this token may mint"),
  max_usage: seconds.optional().describe("How many uses are allowed"),
});

const rulesPerType = z.record(z.string(), usageRulesSchema);

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

export const addGrantArgs = z.strictObject({
  userId: id.describe("User id").meta({ default: "diana" }),
  clientId: id.describe("Client id").meta({ default: "client_1" }),
  grant: z.record(z.string(), z.unknown()).describe("Grant fields: scope, claims, resources, usage_rules, expires_in, …"),
});

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

export const registerUsageArgs = z.strictObject({ sessionId, value: z.string().min(1).describe("Token value") });

export const revokeTokenArgs = z.strictObject({
  sessionId,
  value: z.string().min(1).describe("Token value"),
  recursive: z.boolean().optional().describe("Also revoke every token minted from it"),
});

export const sessionIdArgs = z.strictObject({ sessionId });
export const clientSessionIdArgs = z.strictObject({ sessionId: sessionId.describe("Session id: user;;client or user;;client;;grant") });

export const advanceClockArgs = z.strictObject({
  seconds: z.int().positive().describe("Seconds to move the virtual clock forward").meta({ default: 60 }),
});

export const setClockArgs = z.strictObject({ now: seconds.describe("Virtual time (epoch seconds)") });

export const importStateArgs = z.strictObject({
  source: z.string().min(1).describe("Where the state came from, e.g. idpy-oidc 5.0.0"),
  snapshot: z.unknown().describe("A SessionManager.toJSON() snapshot"),
  strict: z.boolean().optional().describe("Refuse based_on values no token has (default true)"),
});

/** Each operation's argument schema, by name. */
export const operationArgs = {
  createSession: createSessionArgs,
  addGrant: addGrantArgs,
  mintToken: mintTokenArgs,
  registerUsage: registerUsageArgs,
  revokeToken: revokeTokenArgs,
  revokeGrant: sessionIdArgs,
  revokeClientSession: clientSessionIdArgs,
  removeSession: sessionIdArgs,
  advanceClock: advanceClockArgs,
  setClock: setClockArgs,
  importState: importStateArgs,
} as const;

export type OperationName = keyof typeof operationArgs;
export const OPERATION_NAMES = Object.keys(operationArgs) as OperationName[];

export const operationSchema = z.discriminatedUnion(
  "op",
  OPERATION_NAMES.map((op) => z.strictObject({ op: z.literal(op), args: operationArgs[op] })) as unknown as [
    z.ZodObject<{ op: z.ZodLiteral<OperationName>; args: z.ZodTypeAny }>,
  ],
);

/** A plain JSON operation: what the UI issues and the journal records. */
export type Operation = { [K in OperationName]: { op: K; args: z.input<(typeof operationArgs)[K]> } }[OperationName];
export type OperationOf<K extends OperationName> = Extract<Operation, { op: K }>;

/** Results of each operation, as JSON. */
export interface OperationResults {
  createSession: { sessionId: string };
  addGrant: { sessionId: string; grantId: string };
  mintToken: { value: string; id: string };
  registerUsage: { used: number };
  revokeToken: { revoked: string[] };
  revokeGrant: Record<string, never>;
  revokeClientSession: Record<string, never>;
  removeSession: Record<string, never>;
  advanceClock: { now: number };
  setClock: { now: number };
  importState: Record<string, never>;
}
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
