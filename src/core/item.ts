import type { Clock } from "./clock.ts";
import { InvalidArgument, type Problem } from "./errors.ts";

/** Lifetime fields given when an item is made; all optional. */
export interface ItemFields {
  issued_at?: number;
  not_before?: number;
  expires_at?: number;
  expires_in?: number;
  revoked?: boolean;
  used?: number;
}

/** The lifetime every grant and token has: issue time, validity window, usage count, revocation. */
export abstract class SessionItem {
  issued_at: number;
  not_before: number;
  expires_at: number;
  revoked: boolean;
  used: number;
  // A private field, not a property: it stays out of JSON and costs nothing per item to hide.
  readonly #clock: Clock;

  protected constructor(fields: ItemFields, clock: Clock, fallbackExpiresIn?: number, exact = false) {
    this.#clock = clock;
    // Restored fields were checked by the snapshot schema; 100,000 tokens need not be checked twice.
    if (!exact) checkTimes(fields);
    // `exact` restores saved state as it was, even an issued_at of 0.
    this.issued_at = exact ? (fields.issued_at ?? 0) : fields.issued_at || clock.now();
    this.not_before = fields.not_before ?? 0;
    // Restoring keeps a stored expires_at of 0 ("never") rather than deriving one from the usage rules.
    if (exact && fields.expires_at !== undefined) this.expires_at = fields.expires_at;
    else if (fields.expires_at) this.expires_at = fields.expires_at;
    else if (fields.expires_in !== undefined) this.expires_at = this.issued_at + fields.expires_in;
    else if (fallbackExpiresIn !== undefined) this.expires_at = this.issued_at + fallbackExpiresIn;
    else this.expires_at = 0;
    if (!Number.isSafeInteger(this.expires_at)) {
      // issued_at + expires_in past 2^53 could not be saved and loaded again: refuse the item.
      throw new InvalidArgument(`The expiry time (${this.issued_at} + lifetime) is too large; use a shorter lifetime or an earlier time.`, [
        { path: fields.expires_in !== undefined ? "expires_in" : "usage_rules.expires_in", message: "makes expires_at larger than 2^53 - 1 seconds" },
      ]);
    }
    this.revoked = fields.revoked === true;
    this.used = fields.used ?? 0;
  }

  /** The clock this item reads "now" from. */
  protected get clock(): Clock {
    return this.#clock;
  }

  /** Rules limiting this item's use; `max_usage` is what `maxUsageReached` reads. */
  protected abstract maxUsage(): number | undefined;

  /** True when `used` has reached `max_usage` (never when no `max_usage` is set). */
  maxUsageReached(): boolean {
    const max = this.maxUsage();
    return typeof max === "number" && this.used >= max;
  }

  /** True when `now` is before `not_before`. */
  notYetValid(now: number = this.clock.now()): boolean {
    return !!this.not_before && now < this.not_before;
  }

  /** True when `now` is past `expires_at` (at exactly `expires_at` the item is still valid). */
  isExpired(now: number = this.clock.now()): boolean {
    return !!this.expires_at && now > this.expires_at;
  }

  /** The item on its own: not used up, not revoked, inside its validity window. */
  isActive(now: number = this.clock.now()): boolean {
    return !this.maxUsageReached() && !this.revoked && !this.notYetValid(now) && !this.isExpired(now);
  }

  revoke(): void {
    this.revoked = true;
  }

  registerUsage(): void {
    this.used += 1;
  }

  hasBeenUsed(): boolean {
    return this.used !== 0;
  }

  /** The lifetime fields, for `toJSON` of subclasses. */
  protected lifetimeJSON(): { issued_at: number; not_before: number; expires_at: number; revoked: boolean; used: number } {
    return { issued_at: this.issued_at, not_before: this.not_before, expires_at: this.expires_at, revoked: this.revoked, used: this.used };
  }
}

const TIME_FIELDS = ["issued_at", "not_before", "expires_at", "expires_in", "used"] as const;

/** Problems with the lifetime fields: times and counters must be whole non-negative numbers. */
export function timeProblems(fields: ItemFields, prefix = ""): Problem[] {
  const problems: Problem[] = [];
  for (const key of TIME_FIELDS) {
    const v = fields[key];
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) {
      problems.push({ path: prefix + key, message: `must be a whole, non-negative number${key === "used" ? "" : " of seconds"}` });
    }
  }
  if (fields.revoked !== undefined && typeof fields.revoked !== "boolean") {
    problems.push({ path: prefix + "revoked", message: "must be true or false" });
  }
  return problems;
}

/** Rejects times and counters that are not whole non-negative numbers, before anything is made. */
export function checkTimes(fields: ItemFields, prefix = ""): void {
  const problems = timeProblems(fields, prefix);
  if (problems.length) {
    throw new InvalidArgument(`Invalid ${problems.map((p) => p.path).join(", ")}: ${problems[0].message}.`, problems);
  }
}
