import { unpackSessionKey } from "../../core/index.ts";
import { useMemo, useState } from "react";
import { LIBRARY_PROFILES, SEMANTICS_NAMES, type SemanticsName } from "../../core/index.ts";
import { compareRerun, describeChange, rerunUnder, type StateChange } from "../../ops/index.ts";
import { DEFAULT_SETTINGS, selectOpen, selectVersion, selectWorkspaceId } from "../../store/index.ts";
import { selectGraph } from "../graph/graph-selectors.ts";
import { selectionFill } from "../graph/graph-view.tsx";
import { grantNodeId, tokenNodeId, userNodeId, clientNodeId } from "../graph/project-graph.ts";
import { useAppStore, useStoreApi } from "../store-context.tsx";
import "./profiles.css";

export const SEMANTICS_LABELS: Record<SemanticsName, string> = {
  playground: "Playground (SPEC)",
  "idpy-oidc-5.0": LIBRARY_PROFILES["idpy-oidc-5.0"].label,
  "oidc-op-2.4": LIBRARY_PROFILES["oidc-op-2.4"].label,
};

/** The graph node a change is about, in the graph of the workspace compared from. */
function nodeIdOf(c: StateChange): string {
  const [path, token] = c.key.split("#") as [string, string | undefined];
  const [u, cl, g] = unpackSessionKey(path) as [string, string | undefined, string | undefined];
  if (token !== undefined) {
    const [value, occurrence] = token.split("~") as [string, string | undefined];
    return tokenNodeId(path, value, occurrence ? Number(occurrence) : 0);
  }
  if (g !== undefined) return grantNodeId(path);
  if (cl !== undefined) return clientNodeId(u, cl);
  return userNodeId(u);
}

/** The panel, made anew for each workspace, so a comparison chosen in one never shows in another. */
export function ProfilePanel() {
  const id = useAppStore(selectWorkspaceId);
  return <WorkspaceProfilePanel key={id ?? ""} />;
}

/**
 * "Library behaviour": whose session manager runs this workspace, how that library differs from the
 * playground, and the same journal replayed under another profile, with what comes out differently.
 */
function WorkspaceProfilePanel() {
  const store = useStoreApi();
  const open = useAppStore(selectOpen);
  const version = useAppStore(selectVersion);
  const graph = useAppStore(selectGraph);
  const [other, setOther] = useState<SemanticsName | "">("");
  const [fresh, setFresh] = useState<SemanticsName>("idpy-oidc-5.0");
  const workspace = open?.workspace;
  const semantics = workspace?.semantics ?? "playground";
  const comparison = useMemo(() => {
    if (!workspace || !other) return null;
    const rerun = rerunUnder(workspace, other);
    return { rerun, ...compareRerun(workspace, rerun) };
    // version: the journal changed.
  }, [workspace, other, version]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!workspace) return null;
  const profile = semantics === "playground" ? null : LIBRARY_PROFILES[semantics];
  const leftOut = workspace.leftOut();
  const select = (nodeId: string) => {
    const model = graph?.byId.get(nodeId);
    if (!model) return;
    const s = store.getState();
    if (s.activeTab !== "graph") s.setActiveTab("graph");
    s.select(nodeId, selectionFill(model));
  };
  return (
    <section className="profile-panel" aria-label="Library behaviour">
      <h2>Library behaviour</h2>
      <p>
        This workspace runs as <strong>{SEMANTICS_LABELS[semantics]}</strong>
        {profile
          ? ` does: every operation is the call ${profile.library} ${profile.version} makes, with its quirks, proven step for step against traces recorded from the real library.`
          : ": the idealized session manager of the contract. Pick a library below to see what it would do with the same steps."}
      </p>
      {profile && (
        <details>
          <summary>How {profile.label} differs from the playground</summary>
          <ul className="profile-differences">
            {profile.differences.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </details>
      )}
      {leftOut.length > 0 && (
        <details>
          <summary>What the library holds that the graph does not draw ({leftOut.length})</summary>
          <ul>
            {leftOut.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </details>
      )}
      <div className="profile-new" role="group" aria-label="New workspace under a profile">
        <label>
          New empty workspace as{" "}
          <select value={fresh} onChange={(e) => setFresh(e.target.value as SemanticsName)}>
            {SEMANTICS_NAMES.map((n) => (
              <option key={n} value={n}>
                {SEMANTICS_LABELS[n]}
              </option>
            ))}
          </select>
        </label>{" "}
        <button
          type="button"
          onClick={() =>
            void store.getState().createWorkspace(`New workspace (${SEMANTICS_LABELS[fresh]})`, fresh === "playground" ? DEFAULT_SETTINGS : { ...DEFAULT_SETTINGS, semantics: fresh })
          }
        >
          Create
        </button>
      </div>
      <label className="profile-compare">
        Compare with{" "}
        <select value={other} onChange={(e) => setOther(e.target.value as SemanticsName | "")}>
          <option value="">(choose a profile)</option>
          {SEMANTICS_NAMES.filter((n) => n !== semantics).map((n) => (
            <option key={n} value={n}>
              {SEMANTICS_LABELS[n]}
            </option>
          ))}
        </select>
      </label>
      {comparison && other && (
        <div className="profile-comparison" role="region" aria-label={`Compared with ${SEMANTICS_LABELS[other]}`}>
          <p role="status">
            Under {SEMANTICS_LABELS[other]}, {comparison.steps.length === 0 ? "every step comes out the same" : `${comparison.steps.length} of ${workspace.journal.length} steps come out differently`}
            {comparison.changes.length === 0 ? ", and the final state is the same." : `, and ${comparison.changes.length} nodes end up different.`}
          </p>
          {comparison.steps.length > 0 && (
            <table className="profile-steps">
              <caption>Steps that differ</caption>
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">{SEMANTICS_LABELS[semantics]}</th>
                  <th scope="col">{SEMANTICS_LABELS[other]}</th>
                </tr>
              </thead>
              <tbody>
                {comparison.steps.map((s) => (
                  <tr key={s.seq}>
                    <td>{s.seq}</td>
                    <td>{s.origin}</td>
                    <td>{s.rerun}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {comparison.changes.length > 0 && (
            <ul className="profile-changes" aria-label="Nodes that end up different">
              {comparison.changes.map((c) => {
                const id = nodeIdOf(c);
                return (
                  <li key={c.key} data-change={c.change}>
                    {graph?.byId.has(id) ? (
                      <button type="button" className="link-button" onClick={() => select(id)} title="Select it in the graph">
                        {describeChange(c)}
                      </button>
                    ) : (
                      <span>{describeChange(c)}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          <button
            type="button"
            onClick={() => void store.getState().importWorkspace(comparison.rerun.workspace, `Opened "${comparison.rerun.workspace.name}": the same steps under ${SEMANTICS_LABELS[other]}.`)}
          >
            Open as a workspace under {SEMANTICS_LABELS[other]}
          </button>
        </div>
      )}
    </section>
  );
}
