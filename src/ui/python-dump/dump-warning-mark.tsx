import { DUMP_WARNING_MARK } from "./warning-targets.ts";

/** The mark on a graph node that a Python dump warning names: an icon, with the codes as its title and for screen readers. */
export function DumpWarningMark({ warnings }: { warnings: readonly string[] }) {
  if (!warnings.includes(DUMP_WARNING_MARK)) return null;
  const codes = warnings.slice(warnings.indexOf(DUMP_WARNING_MARK) + 1).join(", ");
  return (
    <span className="gnode-dump-mark" title={`Python dump warning: ${codes}`}>
      <span aria-hidden="true">⚠</span>
      <span className="visually-hidden">Python dump warning: {codes}</span>
    </span>
  );
}
