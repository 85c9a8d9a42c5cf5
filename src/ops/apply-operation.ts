import { InvalidArgument, isVirtualClock, SessionManager, type CreateSessionArgs, type GrantFields, type Problem } from "../core/index.ts";
import { formatPath } from "../core/index.ts";
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
  if (typeof op !== "string" || !Object.hasOwn(operationArgs, op)) {
    problems.push({ path: "op", message: `unknown operation ${JSON.stringify(op)}; use one of ${OPERATION_NAMES.join(", ")}` });
    throw new InvalidArgument(`Unknown operation ${JSON.stringify(op)}. Use one of: ${OPERATION_NAMES.join(", ")}.`, problems);
  }
  const parsed = operationArgs[op as OperationName].safeParse(args ?? {});
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
export function applyOperation<K extends OperationName>(manager: SessionManager, operation: { op: K; args: unknown }): OperationResults[K];
export function applyOperation(manager: SessionManager, operation: unknown): OperationResult;
export function applyOperation(manager: SessionManager, operation: unknown): OperationResult {
  const op = validateOperation(operation);
  switch (op.op) {
    case "createSession":
      return { sessionId: manager.createSession(op.args as CreateSessionArgs) };
    case "addGrant": {
      const grant = manager.addGrant(op.args.userId, op.args.clientId, op.args.grant as Omit<GrantFields, "id">);
      return { sessionId: `${op.args.userId};;${op.args.clientId};;${grant.id}`, grantId: grant.id };
    }
    case "mintToken": {
      const { sessionId, type, ...opts } = op.args;
      const token = manager.mintToken(sessionId, type, opts);
      return { value: token.value, id: token.id };
    }
    case "registerUsage":
      return { used: manager.registerUsage(op.args.sessionId, op.args.value).used };
    case "revokeToken":
      return { revoked: manager.revokeToken(op.args.sessionId, op.args.value, op.args.recursive ?? false) };
    case "revokeGrant":
      manager.revokeGrant(op.args.sessionId);
      return {};
    case "revokeClientSession":
      manager.revokeClientSession(op.args.sessionId);
      return {};
    case "removeSession":
      manager.removeSession(op.args.sessionId);
      return {};
    case "advanceClock":
      return { now: virtualClock(manager).advance(op.args.seconds) };
    case "setClock":
      return { now: virtualClock(manager).set(op.args.now) };
    case "importState":
      manager.importState(op.args.snapshot, { strict: op.args.strict });
      return {};
  }
}

function virtualClock(manager: SessionManager) {
  if (!isVirtualClock(manager.clock)) {
    throw new InvalidArgument("This manager reads the real clock; only a manager built with createVirtualClock can have its time moved.");
  }
  return manager.clock;
}
