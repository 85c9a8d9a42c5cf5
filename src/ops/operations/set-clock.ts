import { z } from "zod";
import { defineOperation, noRefusalFocus, noRevocation } from "../operation-definition.ts";
import { seconds } from "../schema-parts.ts";
import { flippedByTime, virtualClock } from "./clock.ts";

export const setClockArgs = z.strictObject({ now: seconds.describe("Virtual time (epoch seconds)") });

/** Sets the virtual clock to an instant, forward or back. */
export const setClock = defineOperation({
  title: "Set clock",
  args: setClockArgs,
  apply: (args, { manager }): { now: number } => ({ now: virtualClock(manager).set(args.now) }),
  changes: () => ({ kind: "any" }),
  focus: flippedByTime,
  refusalFocus: noRefusalFocus,
  revocation: noRevocation,
});
