/**
 * Counts what a random run actually exercised (each operation's successes and error codes, and
 * notable situations), so a test can assert that its generator still reaches them: a property that
 * only ever sees refused operations would pass while testing nothing.
 */
export class Coverage {
  readonly counts = new Map<string, number>();

  hit(label: string): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
  }

  /** Labels reached fewer times than their floor, with the count reached. */
  missing(floors: Record<string, number>): string[] {
    return Object.entries(floors)
      .filter(([l, min]) => (this.counts.get(l) ?? 0) < min)
      .map(([l, min]) => `${l}: ${this.counts.get(l) ?? 0} < ${min}`);
  }

  table(): string {
    return [...this.counts].sort(([a], [b]) => a.localeCompare(b)).map(([l, n]) => `${l}: ${n}`).join("\n");
  }
}
