/**
 * Benchmark targets, written into a bench's name so the figure and its target cannot part:
 * `bench("ours … [target: mean < 100 ms]", …)` or `bench("… [target: hz > 1000]", …)`.
 * `npm run bench` prints, after the tables, every target as met or missed.
 */

export interface Target {
  measure: "mean" | "hz";
  comparison: "<" | ">";
  limit: number;
}

export interface Verdict {
  name: string;
  target: Target;
  value: number;
  met: boolean;
}

const PATTERN = /\[target: (mean|hz) ([<>]) ([\d,._]+)(?: ms)?\]/;

/** The target in a bench's name, or null when it has none. */
export function parseTarget(name: string): Target | null {
  const m = PATTERN.exec(name);
  if (!m) return null;
  return { measure: m[1] as Target["measure"], comparison: m[2] as Target["comparison"], limit: Number(m[3].replace(/[,_]/g, "")) };
}

export function judge(name: string, result: { mean: number; hz: number }): Verdict | null {
  const target = parseTarget(name);
  if (!target) return null;
  const value = target.measure === "mean" ? result.mean : result.hz;
  const met = target.comparison === "<" ? value < target.limit : value > target.limit;
  return { name, target, value, met };
}

export function formatVerdict(v: Verdict): string {
  const unit = v.target.measure === "mean" ? " ms" : " hz";
  const value = v.target.measure === "mean" ? v.value.toFixed(2) : Math.round(v.value).toLocaleString("en");
  const limit = v.target.limit.toLocaleString("en");
  return `${v.met ? "met   " : "MISSED"}  ${v.name.replace(PATTERN, "").trim()}: ${v.target.measure} ${value}${unit} (target ${v.target.comparison} ${limit}${unit})`;
}
