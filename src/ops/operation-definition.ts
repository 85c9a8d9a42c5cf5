import type { z } from "zod";
import type { SessionManager } from "../core/index.ts";

/**
 * What an operation runs against. An object rather than positional arguments, so that later
 * needs (a library profile, a request context) are added without touching every operation.
 */
export interface OperationContext {
  readonly manager: SessionManager;
}

/** The state around one applied step, for working out which nodes it changed. */
export interface FocusContext<A, R> {
  readonly args: A;
  readonly result: R;
  /** Node ids (user ids, `user;;client`, session ids) and the clock reading before the step. */
  readonly before: { readonly ids: ReadonlySet<string>; readonly now: number };
  /** The state after the step. */
  readonly manager: SessionManager;
}

/**
 * Which existing grants an applied operation may have changed, so a view can keep the rest:
 * none (a grant may appear or go, the others keep their tokens and flags), one grant, every grant
 * of one client session, or any of them.
 */
export type ChangedGrants =
  | { readonly kind: "none" }
  | { readonly kind: "grant"; readonly sessionId: string }
  | { readonly kind: "clientSession"; readonly userId: string; readonly clientId: string }
  | { readonly kind: "any" };

/**
 * What a revocation revoked, as the views draw it spreading down the tree. For a token, `revoked`
 * lists the values the operation returned, breadth first.
 */
export type RevocationTarget =
  | { readonly kind: "token"; readonly sessionId: string; readonly value: string; readonly revoked: readonly string[] }
  | { readonly kind: "grant"; readonly sessionId: string }
  | { readonly kind: "clientSession"; readonly userId: string; readonly clientId: string };

/**
 * Everything the ops layer knows about one operation, in one place. Pieces that belong to higher
 * layers (code generation, timeline words, console fills, the reference model) live in tables
 * typed `Record<OperationName, …>` in those layers, so a new operation is a compile error there too.
 */
export interface OperationDefinition<S extends z.ZodObject = z.ZodObject, R = unknown> {
  /** The console's form and button title; part of the UI's accessibility contract. */
  readonly title: string;
  /** The argument schema; the console's forms are generated from it. */
  readonly args: S;
  /** Runs the operation on validated arguments and returns its JSON result; throws the core's `SessionError`s. */
  apply(args: z.output<S>, context: OperationContext): R;
  /** Which existing grants an applied step may have changed. */
  changes(args: z.output<S>, result: R): ChangedGrants;
  /** The node ids (user ids, `user;;client`, session ids, token values) an applied step changed. */
  focus(context: FocusContext<z.output<S>, R>): string[];
  /** What a refused step points at; its arguments are unchecked (the refusal may be over them). */
  refusalFocus(args: Readonly<Record<string, unknown>>): string[];
  /** What an applied step revoked, or null when it revokes nothing. */
  revocation(args: z.output<S>, result: R): RevocationTarget | null;
}

/** Types an operation's definition against its own schema, so `apply` and the rest see its arguments. */
export function defineOperation<S extends z.ZodObject, R>(
  // The result type is taken from `apply` alone: shared helpers typed for any result must not widen it.
  definition: Pick<OperationDefinition<S, R>, "args" | "apply"> & Omit<OperationDefinition<S, NoInfer<R>>, "args" | "apply">,
): OperationDefinition<S, R> {
  return definition;
}

/** For an operation whose refusal points at nothing in particular. */
export const noRefusalFocus = (): string[] => [];

/** For an operation that revokes nothing. */
export const noRevocation = (): null => null;

/** Node ids in a manager: user ids, `user;;client` and session ids. */
export function nodeIds(manager: SessionManager): Set<string> {
  return new Set(manager.keys());
}

/** Node ids present after a step that were not before. */
export function addedIds({ before, manager }: FocusContext<unknown, unknown>): string[] {
  return [...nodeIds(manager)].filter((k) => !before.ids.has(k));
}
