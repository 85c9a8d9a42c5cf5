// The benchmarks' targets (from the issues), printed beside each figure as met or missed.

/** The median of some samples (the upper one of the middle two for an even count, as the tables print it). */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.5 * sorted.length))];
}

/** `[target: under 1 s: met]` or `[target: under 1 s: MISSED]`, for a time in ms against its limit. */
export function target(ms: number, limitMs: number, what = ""): string {
  const limit = limitMs >= 1000 ? `${limitMs / 1000} s` : `${limitMs} ms`;
  return `[target: ${what ? `${what} ` : ""}under ${limit}: ${ms < limitMs ? "met" : "MISSED"}]`;
}

/** `[target: at least 30 fps: met]` or `…: MISSED`, for a rate against its floor. */
export function targetAtLeast(value: number, floor: number, unit: string): string {
  return `[target: at least ${floor} ${unit}: ${value >= floor ? "met" : "MISSED"}]`;
}
