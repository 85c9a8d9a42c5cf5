// Compares a replay with a recorded oracle trace, by the README's rules: outcomes on their kind
// (and a raised exception's class), states deeply; ephemeral subjects by form, resources as sets.
import type { ReplayedStep, TraceOutcome } from "./library-run.ts";
import type { OracleTrace } from "./replay-oracle-trace.ts";

export interface TraceDifference {
  seq: number;
  path: string;
  expected: unknown;
  actual: unknown;
}

const EPHEMERAL = /^[0-9a-f]{32}$/;

/** Every difference between the replayed steps and the trace's, empty when they agree. */
export function compareTrace(trace: OracleTrace, replayed: readonly ReplayedStep[]): TraceDifference[] {
  const out: TraceDifference[] = [];
  if (replayed.length !== trace.steps.length) out.push({ seq: 0, path: "steps.length", expected: trace.steps.length, actual: replayed.length });
  trace.steps.forEach((step, i) => {
    const got = replayed[i];
    if (!got) return;
    compareOutcome(step.seq, step.outcome, got.outcome, out);
    diff(step.seq, "state", step.state, got.state, out);
  });
  return out;
}

function compareOutcome(seq: number, expected: TraceOutcome, actual: TraceOutcome, out: TraceDifference[]): void {
  if (expected.kind === "not_run") {
    if (actual.kind !== "not_run" && actual.kind !== "raised") out.push({ seq, path: "outcome.kind", expected: "a refusal", actual: actual.kind });
    return;
  }
  if (expected.kind !== actual.kind) {
    out.push({ seq, path: "outcome.kind", expected: expected.kind, actual: actual.kind === "raised" ? `raised ${actual.exception}: ${actual.message}` : actual.kind });
    return;
  }
  if (expected.kind === "raised" && actual.kind === "raised" && expected.exception !== actual.exception) {
    out.push({ seq, path: "outcome.exception", expected: expected.exception, actual: actual.exception });
  }
  if (expected.kind === "returned" && actual.kind === "returned") diff(seq, "outcome.value", expected.value, actual.value, out);
}

function diff(seq: number, path: string, expected: unknown, actual: unknown, out: TraceDifference[]): void {
  if (path.endsWith(".sub") && typeof expected === "string" && EPHEMERAL.test(expected)) {
    if (typeof actual !== "string" || !EPHEMERAL.test(actual)) out.push({ seq, path, expected: "32 hex characters", actual });
    return;
  }
  if (path.endsWith(".resources") && Array.isArray(expected) && Array.isArray(actual)) {
    expected = [...expected].sort();
    actual = [...actual].sort();
  }
  if (expected === null || actual === null || typeof expected !== "object" || typeof actual !== "object") {
    if (!Object.is(expected, actual)) out.push({ seq, path, expected, actual });
    return;
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) {
    out.push({ seq, path, expected, actual });
    return;
  }
  const ek = Object.keys(expected);
  const ak = Object.keys(actual);
  if (ek.join("\u0000") !== ak.join("\u0000")) out.push({ seq, path: `${path} (keys)`, expected: ek, actual: ak });
  for (const k of ek) if (Object.hasOwn(actual, k)) diff(seq, `${path}.${k}`, (expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], out);
}
