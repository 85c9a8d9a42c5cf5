import { z } from "zod";
import { DIVIDER } from "../core/index.ts";

// The argument pieces several operations share; each operation's own schema sits in its file under operations/.

export const id = z.string().min(1).refine((s) => !s.includes(DIVIDER), { message: `must not contain "${DIVIDER}"` });
export const sessionId = z.string().min(1).describe("Session id: user;;client;;grant");
export const seconds = z.int().nonnegative();
export const stringList = z.array(z.string());

export const usageRulesSchema = z.looseObject({
  expires_in: seconds.optional().describe("Lifetime in seconds"),
  supports_minting: stringList.optional().describe("Token types this token may mint"),
  max_usage: seconds.optional().describe("How many uses are allowed"),
});

export const rulesPerType = z.record(z.string(), usageRulesSchema);
