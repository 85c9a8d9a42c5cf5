import { z } from "zod";
import { defineOperation, noRefusalFocus, noRevocation } from "../operation-definition.ts";
import { flippedByTime, virtualClock } from "./clock.ts";

export const advanceClockArgs = z.strictObject({
  seconds: z.int().positive().describe("Seconds to move the virtual clock forward").meta({ default: 60 }),
});

/** Moves the virtual clock forward. */
export const advanceClock = defineOperation({
  title: "Advance clock",
  args: advanceClockArgs,
  apply: (args, { manager }): { now: number } => ({ now: virtualClock(manager).advance(args.seconds) }),
  // Any grant or token may have expired.
  changes: () => ({ kind: "any" }),
  focus: flippedByTime,
  refusalFocus: noRefusalFocus,
  revocation: noRevocation,
});
