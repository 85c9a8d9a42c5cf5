import type { z } from "zod";
import { formatPath, InvalidArgument, SessionManager, type Problem } from "../core/index.ts";
import type { OperationContext, OperationDefinition } from "./operation-definition.ts";
import { isOperationName, OPERATIONS } from "./registry.ts";
import { operationArgs, OPERATION_NAMES, type Operation, type OperationName, type OperationResult, type OperationResults } from "./schemas.ts";

/**
 * Checks an operation against its schema and returns it typed; throws `InvalidArgument`
 * listing every problem with its path.
 */
export function validateOperation(operation: unknown): Operation {
  if (typeof operation !== "object" || operation === null || Array.isArray(operation)) {
    throw new InvalidArgument("An operation is an object { op, args }.", [{ path: "(root)", message: "must be an object { op, args }" }]);
  }
  const { op, args, ...rest } = operation as Record<string, unknown>;
  const problems: Problem[] = Object.keys(rest).map((k) => ({ path: k, message: "is not part of an operation; use { op, args }" }));
  if (!isOperationName(op)) {
    problems.push({ path: "op", message: `unknown operation ${JSON.stringify(op)}; use one of ${OPERATION_NAMES.join(", ")}` });
    throw new InvalidArgument(`Unknown operation ${JSON.stringify(op)}. Use one of: ${OPERATION_NAMES.join(", ")}.`, problems);
  }
  const parsed = operationArgs[op].safeParse(args ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ path: formatPath(["args", ...issue.path]), message: issue.message });
  }
  if (problems.length) {
    throw new InvalidArgument(`Invalid ${op}: ${problems.map((p) => `${p.path} ${p.message}`).join("; ")}.`, problems);
  }
  return { op, args: parsed.data } as Operation;
}

/**
 * Validates and applies one operation to the manager, returning its JSON result.
 * Throws the core's `SessionError`s; a failed operation changes nothing.
 */
export function applyOperation<K extends OperationName>(context: SessionManager | OperationContext, operation: { op: K; args: unknown }): OperationResults[K];
export function applyOperation(context: SessionManager | OperationContext, operation: unknown): OperationResult;
export function applyOperation(context: SessionManager | OperationContext, operation: unknown): OperationResult {
  const op = validateOperation(operation);
  const ctx = context instanceof SessionManager ? { manager: context } : context;
  // One generic call instead of a switch: each definition's apply is typed by its own schema.
  const definition = OPERATIONS[op.op] as OperationDefinition<z.ZodObject, OperationResult>;
  return definition.apply(op.args as never, ctx);
}
