// Vitest's benchmark tables, followed by the targets named in the benches, each met or missed.
import type { RunnerTask } from "vitest";
import { BenchmarkReporter } from "vitest/reporters";
import { formatVerdict, judge, type Verdict } from "./bench-targets.ts";

function benches(task: RunnerTask): RunnerTask[] {
  if ("tasks" in task) return task.tasks.flatMap(benches);
  return task.meta?.benchmark ? [task] : [];
}

export default class BenchTargetsReporter extends BenchmarkReporter {
  override async onTestRunEnd(...args: Parameters<BenchmarkReporter["onTestRunEnd"]>): Promise<void> {
    await super.onTestRunEnd(...args);
    const verdicts: Verdict[] = [];
    for (const file of this.ctx.state.getFiles()) {
      for (const task of benches(file)) {
        const result = (task.result as { benchmark?: { mean: number; hz: number } } | undefined)?.benchmark;
        const verdict = result ? judge(task.name, result) : null;
        if (verdict) verdicts.push(verdict);
      }
    }
    if (!verdicts.length) return;
    const met = verdicts.filter((v) => v.met).length;
    this.log(`\nTargets: ${met} met, ${verdicts.length - met} missed`);
    for (const v of verdicts) this.log(`  ${formatVerdict(v)}`);
  }
}
