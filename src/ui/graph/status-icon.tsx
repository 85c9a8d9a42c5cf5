import type { NodeStatus } from "./node-status.ts";

// Inline SVG, drawn in the text colour: a symbol font or emoji font may be missing (the hourglass
// character rendered as an empty box without one), a path never is.
const PATHS: Record<NodeStatus | "warning", string> = {
  active: "M8 3.5a4.5 4.5 0 1 1 0 9a4.5 4.5 0 1 1 0-9z",
  used: "M3 8.5l3.2 3.2L13 4.8",
  expired: "M4 2h8M4 14h8M5 2c0 4 6 4 6 6s-6 2-6 6M11 2c0 4-6 4-6 6s6 2 6 6",
  "not-yet-valid": "M8 2a6 6 0 1 1 0 12a6 6 0 1 1 0-12zM8 4.5V8l2.5 1.5",
  revoked: "M3.5 3.5l9 9M12.5 3.5l-9 9",
  "inactive-ancestor": "M8 2a6 6 0 1 1 0 12a6 6 0 1 1 0-12zM3.8 12.2l8.4-8.4",
  warning: "M8 1.8L15 14H1zM8 6v4M8 11.6v1",
};

/** The icon that goes with a status's words (never colour or shape alone); hidden from assistive technology. */
export function StatusIcon({ status }: { status: NodeStatus | "warning" }) {
  const filled = status === "active";
  return (
    <svg className="status-icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d={PATHS[status]} fill={filled ? "currentColor" : "none"} stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
