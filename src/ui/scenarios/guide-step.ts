import type { Scenario, ScenarioStep } from "../../scenarios/index.ts";
import type { ProjectedGraph } from "../graph/project-graph.ts";

/** What the explanation panel shows for the step being viewed. */
export interface GuideStep {
  /** The step shown: the time-travel step, or the whole journal at now. */
  step: number;
  /** Steps in the scenario. */
  total: number;
  /** The scenario's step, when `step` is one (0 and steps added after loading are not). */
  entry: ScenarioStep | null;
}

/** The guide's step for the time-travel step (`null` = now, after `journalLength` entries). */
export function guideStep(scenario: Scenario, timeTravelStep: number | null, journalLength: number): GuideStep {
  const step = timeTravelStep ?? journalLength;
  return { step, total: scenario.steps.length, entry: scenario.steps.find((s) => s.seq === step) ?? null };
}

/**
 * The graph node ids of a step's focus (user ids, `user;;client`, session ids, token values) in the
 * graph shown, in focus order; focus nodes the state does not hold (a removed session) are left out.
 */
export function focusNodeIds(graph: ProjectedGraph, focus: readonly string[]): string[] {
  const byContract = new Map<string, string>();
  for (const node of graph.nodes) if (!byContract.has(node.contractId)) byContract.set(node.contractId, node.id);
  const out: string[] = [];
  for (const f of focus) {
    const id = byContract.get(f);
    if (id && !out.includes(id)) out.push(id);
  }
  return out;
}

/** A CSS rule outlining the graph nodes with these contract ids (`data-node-id`), so the highlight needs no graph state. */
export function highlightCss(contractIds: readonly string[], escape: (s: string) => string = cssEscape): string {
  if (!contractIds.length) return "";
  const selectors = contractIds.map((id) => `[data-node-id="${escape(id)}"]`).join(",\n");
  return `${selectors} {\n  outline: 3px dashed #7c3aed;\n  outline-offset: 4px;\n  border-radius: 8px;\n}`;
}

/** `CSS.escape` where the browser has it; otherwise escapes what would end a quoted attribute value. */
function cssEscape(s: string): string {
  if (typeof CSS !== "undefined" && typeof CSS.escape === "function") return CSS.escape(s);
  return s.replace(/["\\\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);
}
