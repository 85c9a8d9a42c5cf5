import { InvalidArgument } from "./errors.ts";

/** Where the session manager reads time: whole seconds since the Unix epoch. */
export interface Clock {
  now(): number;
}

/** A clock that only moves when told to; journals replay against it. */
export interface VirtualClock extends Clock {
  advance(seconds: number): number;
  set(now: number): number;
}

/** The wall clock, in whole seconds. */
export const systemClock: Clock = { now: () => Math.floor(Date.now() / 1000) };

/** Creates a virtual clock starting at `start` (whole seconds since the epoch). */
export function createVirtualClock(start: number): VirtualClock {
  assertTime(start, "start");
  let current = start;
  return {
    now: () => current,
    advance(seconds: number) {
      assertTime(seconds, "seconds");
      // Past 2^53 seconds are no longer whole numbers a snapshot can hold: refuse, changing nothing.
      assertTime(current + seconds, "the new time");
      current += seconds;
      return current;
    },
    set(now: number) {
      assertTime(now, "now");
      current = now;
      return current;
    },
  };
}

/** True for clocks made by `createVirtualClock` (or anything shaped like one). */
export function isVirtualClock(clock: Clock): clock is VirtualClock {
  const c = clock as Partial<VirtualClock>;
  return typeof c.advance === "function" && typeof c.set === "function";
}

function assertTime(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgument(`${name} must be a whole, non-negative number of seconds, got ${value}.`, [
      { path: name, message: "must be a whole, non-negative number of seconds" },
    ]);
  }
}
