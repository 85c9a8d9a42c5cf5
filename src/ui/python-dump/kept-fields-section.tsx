import { useMemo } from "react";
import { keptFields, type KeptField } from "../../interop/index.ts";
import type { Workspace } from "../../ops/index.ts";
import { selectOpen, selectVersion } from "../../store/index.ts";
import type { GraphNodeModel } from "../graph/project-graph.ts";
import { useAppStore } from "../store-context.tsx";

/** What a Python dump import kept as is for a graph node (the node by its db key; a token by value, or by position when its value repeats). */
export function keptFieldsOf(workspace: Workspace | null | undefined, node: GraphNodeModel): KeptField[] {
  if (!workspace) return [];
  if (node.kind === "token") {
    if (!node.sessionId || !node.token) return [];
    return keptFields(workspace, node.sessionId, node.token.occurrence === 0 ? node.token.value : { index: node.token.index });
  }
  return keptFields(workspace, node.contractId);
}

function valueText(value: unknown): string {
  if (value === undefined) return "";
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The inspector's list of what the dump held for the selected node that the playground keeps without understanding it. */
export function KeptFieldsSection({ node }: { node: GraphNodeModel }) {
  const open = useAppStore(selectOpen);
  const version = useAppStore(selectVersion);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the version stands for changes inside `open`
  const fields = useMemo(() => keptFieldsOf(open?.workspace, node), [open, node, version]);
  if (!fields.length) return null;
  return (
    <section className="kept-fields" aria-label="Not understood: kept as is">
      <h3>Not understood: kept as is</h3>
      <p className="inspector-note">From the Python dump; written back unchanged by “Export Python dump”.</p>
      <dl>
        {fields.map((f, i) => (
          <div key={i} className={`kept-field kept-${f.kind}`} data-kept-kind={f.kind}>
            <dt>
              <code>{f.name}</code>
            </dt>
            <dd>
              {f.value !== null && f.value !== undefined && <pre className="kept-value">{valueText(f.value)}</pre>}
              <span className="kept-message">{f.message}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
