import { useId, useState, type FormEvent } from "react";
import { selectConsoleOp, selectNow, selectOutcomes, selectTimeTravelStep } from "../../store/index.ts";
import { selectShownManager } from "../graph/graph-selectors.ts";
import { formatTime } from "../format.ts";
import { OutcomeView } from "../outcome-view.tsx";
import { useAppStore, useStoreApi } from "../store-context.tsx";

/** "2023-11-14T22:13" (UTC) for a datetime-local input. */
function toInput(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 16);
}

/**
 * Virtual now, and the buttons that move it. Moving time is an operation (`advanceClock`,
 * `setClock`), journaled like any other, so it replays.
 */
export function VirtualClock() {
  const store = useStoreApi();
  const now = useAppStore(selectNow);
  // While a past step is viewed, the clock shows that step's time, as the graph does.
  const step = useAppStore(selectTimeTravelStep);
  const shownNow = useAppStore((s) => selectShownManager(s)?.clock.now() ?? null);
  const consoleOp = useAppStore(selectConsoleOp);
  const outcome = useAppStore(selectOutcomes).clock;
  const [seconds, setSeconds] = useState("60");
  const [setting, setSetting] = useState(false);
  const [target, setTarget] = useState("");
  const secondsId = useId();
  const targetId = useId();
  if (now === null) return null;

  const advance = (s: number) => void store.getState().applyOperation({ op: "advanceClock", args: { seconds: s } }, "clock");
  const submitAdvance = (e: FormEvent) => {
    e.preventDefault();
    // Sent as typed: the core refuses what is not a positive whole number, with its own message.
    advance(Number(seconds.trim() === "" ? NaN : seconds));
  };
  const submitSet = (e: FormEvent) => {
    e.preventDefault();
    const ms = Date.parse(`${target}:00Z`);
    void store.getState().applyOperation({ op: "setClock", args: { now: Number.isNaN(ms) ? target : Math.floor(ms / 1000) } }, "clock");
    setSetting(false);
  };

  return (
    <div className="clock" role="group" aria-label="Virtual clock">
      <span className="clock-now">
        Virtual time{step !== null ? ` at step ${step}` : ""}: <output aria-live="polite">{formatTime(shownNow ?? now)}</output>
      </span>
      <button type="button" onClick={() => advance(60)}>
        +1 min
      </button>
      <button type="button" onClick={() => advance(300)}>
        +5 min
      </button>
      <button type="button" onClick={() => advance(3600)}>
        +1 h
      </button>
      {consoleOp !== "advanceClock" && (
        <form className="clock-advance" onSubmit={submitAdvance}>
          <label htmlFor={secondsId}>Seconds</label>
          <input id={secondsId} type="text" inputMode="numeric" size={6} value={seconds} onChange={(e) => setSeconds(e.target.value)} />
          <button type="submit">Advance clock</button>
        </form>
      )}
      <button
        type="button"
        aria-expanded={setting}
        onClick={() => {
          setTarget(toInput(now));
          setSetting((s) => !s);
        }}
      >
        Set time…
      </button>
      {setting && (
        <form className="clock-set" onSubmit={submitSet}>
          <label htmlFor={targetId}>Virtual time (UTC)</label>
          <input id={targetId} type="datetime-local" value={target} onChange={(e) => setTarget(e.target.value)} />
          <button type="submit">Apply time</button>
        </form>
      )}
      {outcome && !outcome.ok && <OutcomeView outcome={outcome} />}
    </div>
  );
}
