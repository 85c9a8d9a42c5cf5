import { useId, useMemo, useState, type ReactNode } from "react";
import type { SessionManager } from "../../core/index.ts";
import type { OperationName } from "../../ops/index.ts";
import { selectConsoleOp, selectCollapsed, selectOutcomes, selectSelectedNodeId, selectTimeTravelStep } from "../../store/index.ts";
import { operationTitle } from "../console/form-model.ts";
import { formatTime } from "../format.ts";
import { selectGraph, selectShownManager } from "../graph/graph-selectors.ts";
import { STATUS_PRESENTATION, WARNING_PRESENTATION } from "../graph/node-status.ts";
import { StatusIcon } from "../graph/status-icon.tsx";
import { tokenTypeWords, type GraphNodeModel, type ProjectedGraph } from "../graph/project-graph.ts";
import { OutcomeView, RichText } from "../outcome-view.tsx";
import { useAppStore, useStoreApi } from "../store-context.tsx";
import { explainNode } from "./explain-status.ts";
import { KeptFieldsSection } from "../python-dump/kept-fields-section.tsx";

/** "An access token", "A refresh token". */
function withArticle(words: string): string {
  return `${/^[aeiou]/i.test(words) ? "An" : "A"} ${words}`;
}

const KIND_WORDS = { user: "User session", client: "Client session", grant: "Grant", token: "Token" } as const;

/** The node's JSON, as the reference documents it. */
function nodeJson(manager: SessionManager, node: GraphNodeModel): unknown {
  try {
    switch (node.kind) {
      case "user":
        return manager.get([node.userId]).toJSON();
      case "client":
        return manager.get([node.userId, node.clientId!]).toJSON();
      case "grant":
        return manager.getGrant(node.sessionId!).toJSON();
      case "token":
        return manager.getGrant(node.sessionId!).issued_token[node.token!.index]?.toJSON() ?? null;
    }
  } catch {
    return null;
  }
}

function MintAction({ node, types, onRun }: { node: GraphNodeModel; types: string[]; onRun: (type: string) => void }) {
  const id = useId();
  const [type, setType] = useState<string>("");
  const chosen = types.includes(type) ? type : types[0];
  if (!types.length) {
    return (
      <p className="inspector-note">
        {withArticle(tokenTypeWords(node.token?.type ?? "token"))} cannot mint anything: its usage rules allow no minting.
      </p>
    );
  }
  return (
    <div className="inspector-mint">
      <label htmlFor={id}>Token type</label>
      <select id={id} value={chosen} onChange={(e) => setType(e.target.value)}>
        {types.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => onRun(chosen)}>
        Mint token
      </button>
    </div>
  );
}

function Actions({ node, graph }: { node: GraphNodeModel; graph: ProjectedGraph }) {
  const store = useStoreApi();
  const consoleOp = useAppStore(selectConsoleOp);
  const run = (op: OperationName, args: Record<string, unknown>) => void store.getState().applyOperation({ op, args }, "inspector");
  // One button per name on the page: an action whose console form is open is left to that form.
  const inConsole = (op: OperationName) => op === consoleOp;
  const note = (op: OperationName) => (
    <p key={`note-${op}`} className="inspector-note">
      {operationTitle(op)}: use the form in the API console (filled from this node).
    </p>
  );
  const sid = node.sessionId;
  const items: ReactNode[] = [];
  if (node.kind === "token" && sid) {
    const value = node.contractId;
    items.push(
      inConsole("mintToken") ? note("mintToken") : (
        <MintAction key={`mint-${node.id}`} node={node} types={node.token!.supports_minting} onRun={(type) => run("mintToken", { sessionId: sid, type, basedOn: value })} />
      ),
    );
    items.push(
      inConsole("registerUsage") ? note("registerUsage") : (
        <button key="use" type="button" onClick={() => run("registerUsage", { sessionId: sid, value })}>
          Register usage
        </button>
      ),
    );
    items.push(
      inConsole("revokeToken") ? note("revokeToken") : (
        <button key="revoke" type="button" className="danger" onClick={() => run("revokeToken", { sessionId: sid, value })}>
          Revoke token
        </button>
      ),
    );
    items.push(
      <button key="revoke-rec" type="button" className="danger" onClick={() => run("revokeToken", { sessionId: sid, value, recursive: true })}>
        Revoke recursively
      </button>,
    );
  }
  if (node.kind === "grant" && sid) {
    const types = graph.byId.get(node.id)?.grant?.tokenTypes ?? [];
    items.push(inConsole("mintToken") ? note("mintToken") : <MintAction key={`mint-${node.id}`} node={node} types={types} onRun={(type) => run("mintToken", { sessionId: sid, type })} />);
  }
  if ((node.kind === "token" || node.kind === "grant") && sid) {
    items.push(
      inConsole("revokeGrant") ? note("revokeGrant") : (
        <button key="rg" type="button" className="danger" onClick={() => run("revokeGrant", { sessionId: sid })}>
          Revoke grant
        </button>
      ),
    );
  }
  if (node.kind !== "user") {
    const target = node.kind === "client" ? node.contractId : sid!;
    items.push(
      inConsole("revokeClientSession") ? note("revokeClientSession") : (
        <button key="rc" type="button" className="danger" onClick={() => run("revokeClientSession", { sessionId: target })}>
          Revoke client session
        </button>
      ),
    );
  }
  if ((node.kind === "token" || node.kind === "grant") && sid) {
    items.push(
      inConsole("removeSession") ? note("removeSession") : (
        <button key="rm" type="button" className="danger" onClick={() => run("removeSession", { sessionId: sid })}>
          Remove session
        </button>
      ),
    );
  }
  if (!items.length) return null;
  return (
    <section className="inspector-actions" aria-label="Actions">
      <h3>Actions</h3>
      <div className="inspector-action-list">{items}</div>
    </section>
  );
}

/** The selected node: its status in plain words, its JSON, and what can be done to it. */
export function Inspector() {
  const store = useStoreApi();
  const graph = useAppStore(selectGraph);
  const manager = useAppStore(selectShownManager);
  const selectedId = useAppStore(selectSelectedNodeId);
  const outcomes = useAppStore(selectOutcomes);
  const step = useAppStore(selectTimeTravelStep);
  const collapsed = useAppStore(selectCollapsed);
  const node = selectedId && graph ? graph.byId.get(selectedId) : undefined;
  const json = useMemo(() => (node && manager ? JSON.stringify(nodeJson(manager, node), null, 2) : ""), [node, manager]);

  return (
    <aside className="inspector" aria-labelledby="inspector-heading">
      <h2 id="inspector-heading" tabIndex={-1}>
        Inspector{node ? `: ${KIND_WORDS[node.kind]}` : ""}
      </h2>
      {!node || !graph ? (
        <p className="inspector-empty">Select a node in the graph (click it, or focus it and press Enter) to see its state and act on it.</p>
      ) : (
        <>
          <p className="inspector-id">
            <code>{node.contractId}</code>
          </p>
          <p className={`inspector-status status-${node.status}`}>
            <StatusIcon status={node.status} />{" "}
            Status: <strong>{STATUS_PRESENTATION[node.status].label}</strong>
            {node.warnings.includes("ancestor_revoked") && (
              <span className="inspector-warning-mark">
                {" "}
                · <StatusIcon status="warning" /> warning: {WARNING_PRESENTATION.label}
              </span>
            )}
          </p>
          <ul className="inspector-explanations" aria-label="Why">
            {explainNode(graph, node).map((e, i) => (
              <li key={i} className={`explain-${e.kind}`}>
                <span aria-hidden="true">{e.kind === "ok" ? "✓ " : e.kind === "warning" ? "⚠ " : "✕ "}</span>
                <RichText text={e.text} />
              </li>
            ))}
          </ul>
          {node.token && (
            <dl className="inspector-facts">
              <dt>Type</dt>
              <dd>{node.token.type}</dd>
              <dt>Used</dt>
              <dd>
                {node.token.used}
                {node.token.max_usage !== undefined ? ` of ${node.token.max_usage}` : ""}
              </dd>
              <dt>Expires</dt>
              <dd>{node.token.expires_at ? formatTime(node.token.expires_at) : "never"}</dd>
              <dt>based_on</dt>
              <dd>{node.token.based_on ?? "—"}</dd>
            </dl>
          )}
          {step !== null ? (
            <p className="inspector-note">You are looking at step {step} of the journal (read only): go “Back to now” to act on this node, or fork from this step.</p>
          ) : (
            <Actions node={node} graph={graph} />
          )}
          {(graph.children.get(node.id)?.length ?? 0) > 0 && (
            <button type="button" onClick={() => store.getState().toggleCollapsed(node.id)}>
              {collapsed.includes(node.id) ? "Expand subtree" : "Collapse subtree"}
            </button>
          )}
          <OutcomeView outcome={outcomes.inspector} />
          <KeptFieldsSection node={node} />
          <details className="inspector-json" open>
            <summary>JSON</summary>
            <pre tabIndex={0} aria-label="Node JSON">
              {json}
            </pre>
          </details>
        </>
      )}
    </aside>
  );
}
