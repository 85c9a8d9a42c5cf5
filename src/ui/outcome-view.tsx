import type { Outcome } from "../store/index.ts";

/**
 * The result of the last operation issued from one place: the result JSON, or the refusal's
 * `code` (and `reason`) and message verbatim, with every problem and its path.
 */
export function OutcomeView({ outcome, id }: { outcome: Outcome | undefined; id?: string }) {
  if (!outcome) return <div id={id} className="outcome" aria-live="polite" />;
  if (outcome.ok) {
    return (
      <div id={id} className="outcome outcome-ok" role="status">
        <span aria-hidden="true">✓ </span>
        {outcome.op} done (step {outcome.seq}): <code className="outcome-result">{JSON.stringify(outcome.result)}</code>
      </div>
    );
  }
  return (
    <div id={id} className="outcome outcome-error" role="alert">
      <p className="outcome-code">
        <span aria-hidden="true">✕ </span>
        Refused: <code>{outcome.code}</code>
        {outcome.reason && (
          <>
            {" "}
            (<code>{outcome.reason}</code>)
          </>
        )}
        {outcome.seq !== undefined && <span className="outcome-seq"> · step {outcome.seq}</span>}
      </p>
      <p className="outcome-message">{outcome.message}</p>
      {outcome.problems && outcome.problems.length > 0 && (
        <ul className="outcome-problems">
          {outcome.problems.map((p, i) => (
            <li key={i}>
              <code>{p.path || "(root)"}</code> {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Text with `code` spans in backticks, rendered as text and <code> elements (never as HTML). */
export function RichText({ text }: { text: string }) {
  const parts = text.split("`");
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <span key={i}>{part}</span>))}
    </>
  );
}
