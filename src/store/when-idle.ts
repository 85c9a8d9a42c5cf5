/** Runs a task when the browser is idle (within `timeoutMs`), or on the next task where there is no idle callback. */
export function whenIdle(task: () => void, timeoutMs = 10_000): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(task, { timeout: timeoutMs });
  else setTimeout(task, 0);
}
