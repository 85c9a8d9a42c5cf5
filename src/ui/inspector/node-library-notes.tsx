import { useMemo } from "react";
import { selectOpen, selectTimeTravelStep, selectVersion } from "../../store/index.ts";
import type { GraphNodeModel } from "../graph/project-graph.ts";
import { useAppStore } from "../store-context.tsx";
import { libraryNotesFor } from "./library-notes.ts";

/** Under a library profile: the steps where the library did something to this node the playground would not. */
export function NodeLibraryNotes({ node }: { node: GraphNodeModel }) {
  const workspace = useAppStore(selectOpen)?.workspace;
  const step = useAppStore(selectTimeTravelStep);
  const version = useAppStore(selectVersion);
  const steps = useMemo(
    () => (workspace && workspace.semantics !== "playground" ? libraryNotesFor(workspace, node, step ?? workspace.journal.length) : []),
    // version: the journal changed.
    [workspace, node, step, version], // eslint-disable-line react-hooks/exhaustive-deps
  );
  if (!steps.length) return null;
  return (
    <section className="inspector-library-notes" aria-label="What the library did here">
      <h3>What the library did here</h3>
      <ul>
        {steps.flatMap(({ seq, notes }) =>
          notes.map((n, i) => (
            <li key={`${seq}-${i}`}>
              <strong>Step {seq}:</strong> {n}
            </li>
          )),
        )}
      </ul>
    </section>
  );
}
