import { useId, useMemo, useState, type MouseEvent, type ReactNode } from "react";
import type { SessionManager } from "../../core/index.ts";
import type { OperationName } from "../../ops/index.ts";
import { selectConsoleOp, selectCollapsed, selectJournalLength, selectOutcomes, selectSelectedNodeId, selectTimeTravelStep, type Outcome } from "../../store/index.ts";
import { operationTitle } from "../console/form-model.ts";
import { formatTime } from "../format.ts";
import { selectGraph, selectShownManager } from "../graph/graph-selectors.ts";
import { STATUS_PRESENTATION, WARNING_PRESENTATION } from "../graph/node-status.ts";
import { StatusIcon } from "../graph/status-icon.tsx";
import { tokenTypeWords, type GraphNodeModel, type ProjectedGraph } from "../graph/project-graph.ts";
import { OutcomeView, RichText } from "../outcome-view.tsx";
import { useAppStore, useStoreApi } from "../store-context.tsx";
import { explainNode } from "./explain-status.ts";
import { NodeLibraryNotes } from "./node-library-notes.tsx";
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

/**
 * A click that is the second of a double-click (detail 2 or more) presses no button: the first
 * may have changed what is under the pointer, and a second, different action must never follow.
 * Keyboard presses (detail 0) are not affected.
 */
function ignoreSecondClick(e: MouseEvent) {
  if (e.detail > 1 && (e.target as HTMLElement).closest("button")) {
    e.preventDefault();
    e.stopPropagation();
  }
}

/** Operations whose reach is wide enough that their message offers to take them back. */
const WIDE_REACH = new Set<string>(["revokeGrant", "revokeClientSession", "removeSession"]);

/**
 * The inspector's message about the last action taken on this node; after a recursive revocation
 * or a removal, with a button that takes the step back (while it is still the last step).
 */
function InspectorOutcome({ outcome, wide }: { outcome: Outcome | undefined; wide: boolean }) {
  const store = useStoreApi();
  const length = useAppStore(selectJournalLength);
  const revertible = outcome?.ok === true && wide && outcome.seq === length;
  return (
    <div className="inspector-outcome">
      <OutcomeView outcome={outcome} />
      {revertible && (
        <button type="button" onClick={() => void store.getState().undo()} aria-keyshortcuts="Control+Z">
          Revert step {outcome.seq}
        </button>
      )}
    </div>
  );
}

function Actions({ node, graph, onRun }: { node: GraphNodeModel; graph: ProjectedGraph; onRun: (wide: boolean) => void }) {
  const store = useStoreApi();
  const consoleOp = useAppStore(selectConsoleOp);
  const run = (op: OperationName, args: Record<string, unknown>) => {
    onRun(WIDE_REACH.has(op) || args.recursive === true);
    void store.getState().applyOperation({ op, args }, "inspector");
  };
  // One button per name on the page: an action whose console form is open is left to that form.
  const inConsole = (op: OperationName) => op === consoleOp;
  const note = (op: OperationName) => (
    <p key={`note-${op}`} className="inspector-note">
      {operationTitle(op)}: use the form in the API console (filled from this node).
    </p>
  );
  const sid = node.sessionId;
  // Two groups in a fixed order: what uses the node, then (set apart) what revokes or removes.
  const items: ReactNode[] = [];
  const destructive: ReactNode[] = [];
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
    destructive.push(
      inConsole("revokeToken") ? note("revokeToken") : (
        <button key="revoke" type="button" className="danger" onClick={() => run("revokeToken", { sessionId: sid, value })}>
          Revoke token
        </button>
      ),
    );
    destructive.push(
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
    destructive.push(
      inConsole("revokeGrant") ? note("revokeGrant") : (
        <button key="rg" type="button" className="danger" onClick={() => run("revokeGrant", { sessionId: sid })}>
          Revoke grant
        </button>
      ),
    );
  }
  if (node.kind !== "user") {
    const target = node.kind === "client" ? node.contractId : sid!;
    destructive.push(
      inConsole("revokeClientSession") ? note("revokeClientSession") : (
        <button key="rc" type="button" className="danger" onClick={() => run("revokeClientSession", { sessionId: target })}>
          Revoke client session
        </button>
      ),
    );
  }
  if ((node.kind === "token" || node.kind === "grant") && sid) {
    destructive.push(
      inConsole("removeSession") ? note("removeSession") : (
        <button key="rm" type="button" className="danger" onClick={() => run("removeSession", { sessionId: sid })}>
          Remove session
        </button>
      ),
    );
  }
  const usedUp = node.token?.max_usage !== undefined && node.token.used >= node.token.max_usage;
  if (!items.length && !destructive.length) return null;
  return (
    <section className="inspector-actions" aria-label="Actions">
      <h3>Actions</h3>
      {items.length > 0 && <div className="inspector-action-list">{items}</div>}
      {destructive.length > 0 && (
        <div className="inspector-action-list inspector-danger" role="group" aria-label="Revoke or remove">
          {destructive}
        </div>
      )}
      {/* Below every button, so that it appearing never moves one. */}
      {usedUp && !inConsole("registerUsage") && (
        <p className="inspector-note">
          <StatusIcon status="warning" /> Used {node.token!.used} of {node.token!.max_usage}: “Register usage” would record a use past its limit (the core counts it; the token stays inactive).
        </p>
      )}
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
  // The message of the last action is shown with the node it was taken on, not on others.
  const [acted, setActed] = useState<{ id: string; wide: boolean } | null>(null);
  const outcome = acted && acted.id === selectedId ? outcomes.inspector : undefined;
  const json = useMemo(() => (node && manager ? JSON.stringify(nodeJson(manager, node), null, 2) : ""), [node, manager]);

  return (
    <aside className="inspector" aria-labelledby="inspector-heading" onClickCapture={ignoreSecondClick}>
      <h2 id="inspector-heading" tabIndex={-1}>
        Inspector{node ? `: ${KIND_WORDS[node.kind]}` : ""}
      </h2>
      {!node || !graph ? (
        <>
          <p className="inspector-empty">Select a node in the graph (click it, or focus it and press Enter) to see its state and act on it.</p>
          {/* The node acted on may be gone (removed, or undone): its message stays until another selection. */}
          {outcome && <InspectorOutcome outcome={outcome} wide={acted?.wide ?? false} />}
        </>
      ) : (
        <>
          <p className="inspector-id" title={node.contractId}>
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
          {step !== null ? (
            <p className="inspector-note">You are looking at step {step} of the journal (read only): go “Back to now” to act on this node, or fork from this step.</p>
          ) : (
            <Actions node={node} graph={graph} onRun={(wide) => setActed({ id: node.id, wide })} />
          )}
          <InspectorOutcome outcome={outcome} wide={acted?.wide ?? false} />
          <NodeLibraryNotes node={node} />
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
          {(graph.children.get(node.id)?.length ?? 0) > 0 && (
            <button type="button" onClick={() => store.getState().toggleCollapsed(node.id)}>
              {collapsed.includes(node.id) ? "Expand subtree" : "Collapse subtree"}
            </button>
          )}
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
