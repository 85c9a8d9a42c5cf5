import type fc from "fast-check";

/**
 * Parameters for `fc.assert`: `numRuns` runs (1,000 in CI), overridable from the environment so a
 * reported failure can be replayed exactly. fast-check prints the seed and path of every failure
 * (and, for command sequences, a `replayPath`):
 *   FC_SEED=<seed> FC_PATH=<path> FC_REPLAY_PATH=<replayPath> npx vitest run <file>
 */
export function propertyParams<T>(numRuns = 1000): fc.Parameters<T> {
  const env = process.env;
  return {
    numRuns: env.FC_NUM_RUNS ? Number(env.FC_NUM_RUNS) : numRuns,
    ...(env.FC_SEED ? { seed: Number(env.FC_SEED) } : {}),
    ...(env.FC_PATH ? { path: env.FC_PATH } : {}),
  };
}

/** Constraints for `fc.commands`, with the replay path from `FC_REPLAY_PATH` when replaying a failure. */
export function commandsParams(maxCommands: number): fc.CommandsContraints {
  const replayPath = process.env.FC_REPLAY_PATH;
  // "medium" so that sequences use the whole range up to maxCommands, not only short ones.
  return { maxCommands, size: "medium", ...(replayPath ? { replayPath } : {}) };
}

/** True for the full run CI does (no replay or run-count override), when coverage floors apply. */
export function isFullRun(): boolean {
  const env = process.env;
  return !env.FC_SEED && !env.FC_PATH && !env.FC_REPLAY_PATH && !env.FC_NUM_RUNS;
}

/** A test timeout for a property: 2 minutes per 1,000 runs (so FC_NUM_RUNS=10000 explorations are not cut short). */
export function propertyTimeout(numRuns = 1000): number {
  const runs = process.env.FC_NUM_RUNS ? Number(process.env.FC_NUM_RUNS) : numRuns;
  return Math.max(120_000, Math.ceil(runs / 1000) * 120_000);
}
