import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo, useContext } from "react";
import { GroupToggleContext } from "./group-toggle-context.ts";
import { expiryText, shortId } from "../format.ts";
import { DOWN_HANDLE_X, type FlowNode } from "./flow-elements.ts";
import { STATUS_PRESENTATION, WARNING_PRESENTATION } from "./node-status.ts";
import { tokenBadge } from "./project-graph.ts";
import { StatusIcon } from "./status-icon.tsx";
import { DumpWarningMark } from "../python-dump/dump-warning-mark.tsx";

const KIND_LABEL = { user: "User session", client: "Client session", grant: "Grant", token: "Token" } as const;

function nodeTitle(d: FlowNode["data"]): string {
  const m = d.model;
  if (m.kind === "client") return m.clientId ?? m.contractId;
  if (m.kind === "grant") return shortId(m.grant?.id ?? m.contractId, 12);
  return shortId(m.contractId, m.kind === "token" ? 18 : 20);
}

/** Moves focus to the inspector (keyboard users reach it without tabbing through every node). */
function focusInspector() {
  document.getElementById("inspector-heading")?.focus();
}

/**
 * One graph node: its kind, short id, a status icon and words (never colour alone), the token's
 * type badge, uses and expiry countdown in virtual time, and the revoked-ancestor warning mark.
 * Everything from data is rendered as text.
 */
function SessionNodeView({ data, selected }: NodeProps<FlowNode>) {
  const m = data.model;
  const status = STATUS_PRESENTATION[data.status];
  const t = m.token;
  const toggleGroup = useContext(GroupToggleContext);
  return (
    <div className={`gnode gnode-${m.kind} status-${data.status}${selected ? " is-selected" : ""}`} title={m.contractId}>
      <Handle id="in" type="target" position={Position.Left} isConnectable={false} className="gnode-handle" />
      <div className="gnode-head">
        {t ? <span className="gnode-badge">{tokenBadge(t.type)}</span> : <span className="gnode-kind">{KIND_LABEL[m.kind]}</span>}
        <span className="gnode-status">
          <span className="gnode-icon" aria-hidden="true">
            <StatusIcon status={data.status} />
          </span>{" "}
          {status.label}
        </span>
      </div>
      <div className="gnode-id">{nodeTitle(data)}</div>
      {t && (
        <div className="gnode-meta">
          {t.max_usage !== undefined ? `used ${t.used} / ${t.max_usage}` : `used ${t.used}`} · {expiryText(t.expires_at, data.now)}
        </div>
      )}
      {m.grant && (
        <div className="gnode-meta">
          {m.grant.tokenCount} token{m.grant.tokenCount === 1 ? "" : "s"} · {expiryText(m.grant.expires_at, data.now)}
        </div>
      )}
      {data.warnings.includes("ancestor_revoked") && (
        <div className="gnode-warning">
          <StatusIcon status="warning" /> {WARNING_PRESENTATION.label}
        </div>
      )}
      <DumpWarningMark warnings={data.warnings} />
      {data.hiddenCount > 0 && <div className="gnode-hidden">+{data.hiddenCount} hidden</div>}
      {data.group && (
        <button type="button" className="gnode-group nodrag nopan" aria-expanded={data.group.open} onClick={() => toggleGroup(data.group!.key)}>
          {data.group.open ? `Fold ${data.group.hidden} ${data.group.words}` : `+${data.group.hidden} ${data.group.words}`}
        </button>
      )}
      {selected && (
        <button type="button" className="gnode-goto nodrag" onClick={focusInspector}>
          Go to inspector
        </button>
      )}
      <Handle id="out" type="source" position={Position.Right} isConnectable={false} className="gnode-handle" />
      <Handle id="down" type="source" position={Position.Bottom} isConnectable={false} className="gnode-handle" style={{ left: DOWN_HANDLE_X }} />
    </div>
  );
}

export const SessionNode = memo(SessionNodeView);
