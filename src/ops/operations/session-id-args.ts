import { z } from "zod";
import { sessionId } from "../schema-parts.ts";

/** The arguments of an operation on one grant's session. */
export const sessionIdArgs = z.strictObject({ sessionId });
