// Replays an oracle trace (fixtures/oracle-traces/README.md) under its library's profile and gives,
// per step, the outcome and the whole database in the trace's normalized form.
import { profileOfLibrary } from "../../core/profiles/library-profiles.ts";
import type { Dict } from "../../core/profiles/python-objects.ts";
import { LibraryRun, type ReplayedStep, type TraceOutcome } from "./library-run.ts";

export interface TraceStep {
  seq: number;
  operation: { op: string; args?: unknown; method?: string };
  creates?: string | null;
  outcome: TraceOutcome;
  state: { clock: number; db: Record<string, unknown> };
}

export interface OracleTrace {
  format: "oidc-session-oracle-trace";
  version: 1;
  library: { name: string; version: string; commit?: string };
  seed: number | string;
  salt: string;
  start_time: number;
  token_usage_rules: Record<string, Dict>;
  steps: TraceStep[];
}

/** Replays `trace` under the profile of its library: per step, the outcome and the whole database in the trace's normalized form. */
export function replayOracleTrace(trace: OracleTrace): { steps: ReplayedStep[] } {
  const profile = profileOfLibrary(trace.library.name);
  if (!profile) throw new Error(`no library profile for ${JSON.stringify(trace.library.name)}: use idpy-oidc or oidc-op`);
  const run = new LibraryRun(profile, { startTime: trace.start_time, salt: trace.salt, usagePolicy: trace.token_usage_rules });
  return {
    steps: trace.steps.map((step) => ({ seq: step.seq, outcome: run.apply(step.operation, step.creates ?? null).outcome, state: run.state() })),
  };
}

