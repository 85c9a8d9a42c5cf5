import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeState } from "../../core/profiles/normalize.ts";
import { FLOW_SCRIPTS, flowProvider } from "./flow-scripts.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");

interface RecordedStep {
  seq: number;
  kind: "setup" | "request" | "clock";
  clock: number;
  calls?: Record<string, unknown>[];
  outcome?: unknown;
  state_after?: unknown;
  used_adjustments?: Record<string, unknown>[];
}

interface RecordedFlow {
  library: { name: "idpy-oidc" | "oidc-op" };
  flow: string;
  start_time: number;
  steps: RecordedStep[];
}

function flows(): { file: string; flow: RecordedFlow }[] {
  const out: { file: string; flow: RecordedFlow }[] = [];
  for (const library of ["idpy-oidc", "oidc-op"]) {
    for (const f of readdirSync(join(FIXTURES, library)).filter((x) => x.startsWith("flow-")).sort()) {
      out.push({ file: `${library}/${f}`, flow: JSON.parse(readFileSync(join(FIXTURES, library, f), "utf8")) as RecordedFlow });
    }
  }
  return out;
}

/**
 * The recorded form of a call, as compared: `changes` (the recorder's per-call state diff) is left
 * out, since the state after every step is compared whole; a `direct_change` event compares by its
 * place in the list. A missing `kwargs` is `{}`.
 */
function callShape(c: Record<string, unknown>): unknown {
  if ("event" in c) return { event: "direct_change" };
  const { changes: _changes, ...rest } = c;
  // Python keyword arguments have no meaningful order across calls' records: the fields are compared sorted.
  const shaped: Record<string, unknown> = { ...rest, kwargs: rest.kwargs ?? {} };
  return Object.fromEntries(Object.keys(shaped).sort().map((k) => [k, shaped[k]]));
}

function adjustmentShape(a: Record<string, unknown>): unknown {
  return { key: a.key, token: a.token, from: a.from, to: a.to, event: a.event };
}

/** The recorder names subjects SUB-n in order of appearance (the test configurations salt them at random). */
class Subjects {
  #names = new Map<string, string>();
  rename(json: string): string {
    return json.replace(/"([0-9a-f]{64})"/g, (_m, hex: string) => {
      if (!this.#names.has(hex)) this.#names.set(hex, `SUB-${this.#names.size + 1}`);
      return `"${this.#names.get(hex)!}"`;
    });
  }
}

function firstDifference(path: string, expected: unknown, actual: unknown): string | null {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return null;
  if (expected && actual && typeof expected === "object" && typeof actual === "object" && Array.isArray(expected) === Array.isArray(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    for (const k of keys) {
      const d = firstDifference(`${path}.${k}`, (expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k]);
      if (d) return d;
    }
    return `${path} (key order): expected ${JSON.stringify(Object.keys(expected))}, got ${JSON.stringify(Object.keys(actual))}`;
  }
  return `${path}: expected ${JSON.stringify(expected)?.slice(0, 300)}, got ${JSON.stringify(actual)?.slice(0, 300)}`;
}

/** Every difference between a recorded flow and its replay under `library`'s profile (its own by default). */
function replayDifferences(file: string, flow: RecordedFlow, library = flow.library.name): { differences: string[]; steps: number; calls: number } {
  const script = FLOW_SCRIPTS[flow.flow];
  if (!script) return { differences: [`${file}: no script for ${flow.flow}`], steps: 0, calls: 0 };
  const c = flowProvider(library, flow.flow, flow.start_time);
  const subjects = new Subjects();
  const differences: string[] = [];
  let steps = 0;
  let calls = 0;
  for (const step of flow.steps) {
    steps += 1;
    if (step.kind === "clock") {
      c.p.advance(step.clock - c.p.now);
      continue;
    }
    const log = c.p.begin();
    let outcome: unknown;
    try {
      const v = script.steps[step.seq]!(c);
      outcome = v === null || v === undefined ? { kind: "returned_none" } : { kind: "returned", value: v };
    } catch (e) {
      differences.push(`${file} step ${step.seq}: threw ${(e as Error).message}`);
      continue;
    }
    const got = JSON.parse(subjects.rename(JSON.stringify({ calls: log.entries.map((x) => callShape(x as unknown as Record<string, unknown>)), state: normalizeState(c.p.sm), outcome }))) as Record<string, unknown>;
    const expected = { calls: (step.calls ?? []).map(callShape), state: step.state_after, outcome: step.outcome };
    calls += expected.calls.length;
    for (const part of ["calls", "state", "outcome"] as const) {
      const d = firstDifference(part, expected[part], got[part]);
      if (d) differences.push(`${file} step ${step.seq} ${d}`);
    }
    const d = firstDifference("used_adjustments", (step.used_adjustments ?? []).map(adjustmentShape), log.usedAdjustments.map((a) => adjustmentShape(a as unknown as Record<string, unknown>)));
    if (d) differences.push(`${file} step ${step.seq} ${d}`);
  }
  return { differences, steps, calls };
}

describe("endpoint flows replayed under the library profiles", () => {
  it("gives every step of all 18 recorded flows exactly: state, ordered calls and used adjustments", () => {
    const all = flows();
    const differences: string[] = [];
    let steps = 0;
    let calls = 0;
    for (const { file, flow } of all) {
      const r = replayDifferences(file, flow);
      differences.push(...r.differences);
      steps += r.steps;
      calls += r.calls;
    }
    console.log(`endpoint flows: ${all.length} files, ${steps} steps, ${calls} recorded calls and events, ${differences.length} differences`);
    expect(all.length).toBe(18);
    expect(differences).toEqual([]);
  });

  it("tells the libraries apart: idpy-oidc's code exchange replayed under oidc-op's endpoints differs in calls, state and used adjustments", () => {
    const file = "idpy-oidc/flow-code-exchange.json";
    const flow = JSON.parse(readFileSync(join(FIXTURES, file), "utf8")) as RecordedFlow;
    const { differences } = replayDifferences(file, flow, "oidc-op");
    expect(differences.some((d) => d.includes("used_adjustments"))).toBe(true);
    expect(differences.some((d) => d.includes(" state."))).toBe(true);
    expect(differences.some((d) => d.includes(" calls."))).toBe(true);
  });
});
