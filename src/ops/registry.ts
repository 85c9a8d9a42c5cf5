import type { OperationDefinition } from "./operation-definition.ts";
import { addGrant } from "./operations/add-grant.ts";
import { advanceClock } from "./operations/advance-clock.ts";
import { createSession } from "./operations/create-session.ts";
import { importState } from "./operations/import-state.ts";
import { mintToken } from "./operations/mint-token.ts";
import { registerUsage } from "./operations/register-usage.ts";
import { removeSession } from "./operations/remove-session.ts";
import { revokeClientSession } from "./operations/revoke-client-session.ts";
import { revokeGrant } from "./operations/revoke-grant.ts";
import { revokeToken } from "./operations/revoke-token.ts";
import { setClock } from "./operations/set-clock.ts";

/**
 * Every operation of SPEC §10, one entry each (see src/ops/README.md, "Adding an operation").
 * The order is the console's.
 */
export const OPERATIONS = {
  createSession,
  addGrant,
  mintToken,
  registerUsage,
  revokeToken,
  revokeGrant,
  revokeClientSession,
  removeSession,
  advanceClock,
  setClock,
  importState,
} satisfies Record<string, OperationDefinition>;

export type OperationName = keyof typeof OPERATIONS;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

/** Each operation's result, as JSON, by name. */
export type OperationResults = { [K in OperationName]: ReturnType<(typeof OPERATIONS)[K]["apply"]> };

/** One operation's definition, typed by name. */
export function operationDefinition<K extends OperationName>(name: K): (typeof OPERATIONS)[K] {
  return OPERATIONS[name];
}

/** Whether a string names an operation (own keys only: "toString" is not one). */
export function isOperationName(name: unknown): name is OperationName {
  return typeof name === "string" && Object.hasOwn(OPERATIONS, name);
}
