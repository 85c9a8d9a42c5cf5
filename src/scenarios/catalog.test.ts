import { describe, expect, it } from "vitest";
import { InvalidArgument } from "../core/index.ts";
import { canonicalJson, replay, Workspace } from "../ops/index.ts";
import { getScenario, listScenarios, loadScenario, SCENARIO_DEFINITIONS, SCENARIO_IDS, scenarioJournal } from "./index.ts";
import { graphIds } from "./test-helpers.ts";

describe("the scenario catalog", () => {
  it("offers at least seven scenarios with distinct ids, titles and summaries", () => {
    const scenarios = listScenarios();
    expect(scenarios.length).toBeGreaterThanOrEqual(7);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
    expect(new Set(scenarios.map((s) => s.title)).size).toBe(scenarios.length);
    expect(scenarios.map((s) => s.id)).toEqual(SCENARIO_IDS);
    for (const s of scenarios) {
      expect(s.summary.length).toBeGreaterThan(20);
      expect(s.steps.length).toBeGreaterThan(0);
    }
  });

  it("refuses an unknown scenario id by name", () => {
    expect(() => loadScenario("no-such-scenario")).toThrow(InvalidArgument);
    expect(() => getScenario("no-such-scenario")).toThrow(/no-such-scenario/);
  });

  it("hands out copies, so a caller cannot change a scenario for everyone", () => {
    const a = getScenario("code-flow");
    a.steps[0].explanation = "changed";
    a.steps.pop();
    const b = getScenario("code-flow");
    expect(b.steps[0].explanation).not.toBe("changed");
    expect(b.steps.length).toBe(a.steps.length + 1);
  });
});

describe.each(SCENARIO_DEFINITIONS.map((d) => d.id))("scenario %s", (id) => {
  const scenario = getScenario(id);

  it("loads as a fresh workspace named after its title, holding the whole journal", () => {
    const ws = loadScenario(id);
    expect(ws).toBeInstanceOf(Workspace);
    expect(ws.name).toBe(scenario.title);
    expect(ws.notes).toBe(scenario.summary);
    expect(ws.seed).toBe(scenario.seed);
    expect(ws.start_time).toBe(scenario.start_time);
    expect(ws.journal.length).toBe(scenario.steps.length);
    const other = loadScenario(id);
    expect(other).not.toBe(ws);
    other.apply({ op: "advanceClock", args: { seconds: 5 } });
    expect(ws.journal.length).toBe(scenario.steps.length);
    expect(loadScenario(id).journal.length).toBe(scenario.steps.length);
  });

  it("replays byte for byte, also through a state file", () => {
    const ws = loadScenario(id);
    const again = replay(ws.base, scenarioJournal(id));
    expect(canonicalJson(again.toJSON())).toBe(canonicalJson(ws.manager.toJSON()));
    const reread = Workspace.fromStateFile(ws.toStateFile({ exportedAt: "2024-01-01T00:00:00Z" }));
    expect(canonicalJson(reread.manager.toJSON())).toBe(canonicalJson(ws.manager.toJSON()));
  });

  it("numbers step k as journal entry k, with the same operation", () => {
    const journal = scenarioJournal(id);
    scenario.steps.forEach((step, i) => {
      expect(step.seq).toBe(i + 1);
      expect(journal[i].seq).toBe(i + 1);
      expect(journal[i].operation).toEqual(step.operation);
    });
  });

  it("explains every step briefly, in plain words", () => {
    for (const step of scenario.steps) {
      expect(step.explanation.trim().length).toBeGreaterThan(10);
      // 1–3 sentences: at most three full stops that end a sentence.
      const sentences = step.explanation.split(/[.!?](?:\s|$)/).filter((s) => s.trim().length > 0);
      expect(sentences.length, step.explanation).toBeLessThanOrEqual(3);
    }
  });

  it("marks exactly the refused steps as expected failures, with the recorded code", () => {
    const journal = scenarioJournal(id);
    scenario.steps.forEach((step, i) => {
      const entry = journal[i];
      if ("error" in entry) expect(step.expectError).toBe(entry.error.code);
      else expect(step.expectError).toBeUndefined();
    });
  });

  it("focuses each step on nodes that exist just before or just after it", () => {
    const ws = loadScenario(id);
    for (const step of scenario.steps) {
      const ids = new Set([...graphIds(ws.stateAt(step.seq - 1)), ...graphIds(ws.stateAt(step.seq))]);
      for (const node of step.focus) expect(ids.has(node), `step ${step.seq} focus ${node}`).toBe(true);
    }
  });

  it("focuses every step that creates, changes or removes a node", () => {
    for (const step of scenario.steps) {
      if (step.operation.op !== "advanceClock" && step.operation.op !== "setClock") {
        expect(step.focus.length, `step ${step.seq} (${step.operation.op})`).toBeGreaterThan(0);
      }
    }
  });
});
