import { useState } from "react";
import { selectWorkspaceId } from "../../store/index.ts";
import { plural } from "../format.ts";
import { selectGraph } from "../graph/graph-selectors.ts";
import { selectionFill } from "../graph/graph-view.tsx";
import { useAppStore, useStoreApi } from "../store-context.tsx";
import { selectDumpReport } from "./dump-selectors.ts";
import { warningLocator } from "./warning-targets.ts";
import "./python-dump.css";

/** More than this many warnings are summed up, not listed (a badly damaged dump can have thousands). */
const LISTED = 200;

/**
 * The banner of a workspace opened from a Python session dump: the library and the version guessed
 * from its class names, what it held, and its structural problems. Each problem names its JSON path
 * and node key; choosing one selects that node. Everything from the dump is rendered as text.
 */
export function PythonDumpPanel() {
  const store = useStoreApi();
  const report = useAppStore(selectDumpReport);
  const graph = useAppStore(selectGraph);
  const workspaceId = useAppStore(selectWorkspaceId);
  const [dismissed, setDismissed] = useState<readonly string[]>([]);
  if (!report || !workspaceId || dismissed.includes(workspaceId)) return null;

  const c = report.counts;
  const locate = graph ? warningLocator(graph) : () => null;
  const select = (nodeId: string) => {
    const model = graph?.byId.get(nodeId);
    if (!model) return;
    const s = store.getState();
    if (s.activeTab !== "graph") s.setActiveTab("graph");
    s.select(nodeId, selectionFill(model));
  };
  const shown = report.warnings.slice(0, LISTED);
  return (
    <section className="banner banner-info dump-panel" aria-label="Python session dump">
      <p role="status">
        This workspace was opened from an <strong>{report.library}</strong> session dump, version <strong>{report.versionGuess}</strong> (guessed from its class
        names): {plural(c.users, "user")}, {plural(c.clients, "client session")}, {plural(c.grants, "grant")}, {plural(c.tokens, "token")}, {c.revoked} revoked.
        {report.warnings.length === 0 ? " No structural problems." : ` ${plural(report.warnings.length, "warning")}:`}
      </p>
      <button type="button" onClick={() => setDismissed((d) => [...d, workspaceId])}>
        Dismiss
      </button>
      {shown.length > 0 && (
        <ul className="dump-warnings" aria-label="Dump warnings">
          {shown.map((w, i) => {
            const nodeId = locate(w);
            const body = (
              <>
                <code className="dump-warning-code">{w.code}</code> <span className="dump-warning-key">{w.key !== undefined ? w.key || "(empty key)" : "(dump)"}</span>
                {w.token ? <span className="dump-warning-token"> token {w.token.index + 1}</span> : null} <code className="dump-warning-path">{w.path}</code>:{" "}
                <span className="dump-warning-message">{w.message}</span>
              </>
            );
            return (
              <li key={i} data-warning-code={w.code}>
                {nodeId ? (
                  <button type="button" className="dump-warning-link" onClick={() => select(nodeId)} title="Select it in the graph">
                    {body}
                  </button>
                ) : (
                  <span>{body} (not drawn)</span>
                )}
              </li>
            );
          })}
          {report.warnings.length > LISTED && <li>… and {report.warnings.length - LISTED} more.</li>}
        </ul>
      )}
    </section>
  );
}
