import type { ReactNode } from "react";

/**
 * A side panel of the page that can collapse to a narrow strip, giving its width to the graph.
 * Collapsed, the strip is one button naming the panel; open, a small button hides it again.
 */
export function SidePanel({ name, side, open, onOpenChange, children }: { name: string; side: "left" | "right"; open: boolean; onOpenChange: (open: boolean) => void; children: ReactNode }) {
  const arrow = (side === "left") === open ? "«" : "»";
  return (
    <div className={`side-panel side-${side}${open ? "" : " is-collapsed"}`}>
      <button
        type="button"
        className={open ? "side-hide" : "side-show"}
        aria-expanded={open}
        aria-label={`${open ? "Hide" : "Show"} ${name}`}
        title={`${open ? "Hide" : "Show"} ${name}`}
        onClick={() => onOpenChange(!open)}
      >
        <span aria-hidden="true">{arrow}</span>
        {!open && <span className="side-show-name">{name}</span>}
      </button>
      <div className="side-body" hidden={!open}>
        {children}
      </div>
    </div>
  );
}
