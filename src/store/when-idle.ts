/** Runs a task when the browser is idle (within `timeoutMs`), or on the next task where there is no idle callback. */
export function whenIdle(task: () => void, timeoutMs = 10_000): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(task, { timeout: timeoutMs });
  else setTimeout(task, 0);
}

/** Resolves in a later task, so input waiting since is handled first (scheduler.yield where the browser has it). */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === "function") return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
