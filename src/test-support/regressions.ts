/**
 * Counterexamples the model-based properties found (each fixed in src/core or src/ops), kept as
 * fixed sequences so they run on every test run whatever the generators become. The seeds are those
 * fast-check printed at the time, with the generator of that commit.
 */
import type { OpSpec } from "./operation-arbitraries.ts";

const MAX = Number.MAX_SAFE_INTEGER;

export interface Regression {
  name: string;
  found: string;
  base: { seed: string; start: number; settings: number };
  specs: OpSpec[];
}

const diana: OpSpec = { op: "createSession", args: { userId: "diana", clientId: "client_1" } };
const grant0 = { kind: "grant" as const, i: 0 };

export const REGRESSIONS: Regression[] = [
  {
    name: "a loaded state file keeps the key order of its settings",
    found: "seed 1499800690, path 4:0:0:1:1:1",
    base: { seed: "seed-1", start: 1_700_000_000, settings: 1 },
    specs: [],
  },
  {
    name: "toJSON → fromJSON → toJSON keeps the key order of usage rules",
    found: "seed -1486087445, path 5:0:2, replayPath AGA:F",
    base: { seed: "seed-1", start: MAX - 200, settings: 1 },
    specs: [{ op: "removeSession", session: grant0 }],
  },
  {
    name: "a user named __proto__ survives toJSON",
    found: "seed 1331574015, path 4:0:0:0:1:1:3:1:1:1:1:1:1:1:1:1:1, replayPath HAM:F",
    base: { seed: "seed-1", start: 1_700_000_000, settings: 0 },
    specs: [{ op: "createSession", args: { userId: "__proto__", authReq: Object.defineProperty({ client_id: "client_1" }, "__proto__", { value: { polluted: true }, enumerable: true }) } }],
  },
  {
    name: "advanceClock past 2^53 is refused",
    found: "seed -305458081, path 22:0:0:0:1:4:0:1, replayPath HAD:F",
    base: { seed: "seed-1", start: MAX - 200, settings: 0 },
    specs: [{ op: "advanceClock", seconds: 201 }],
  },
  {
    name: "a grant expiring past 2^53 is refused",
    found: "seed 425897004, path 300:0:0:1:0:0:0:0:0:0:0:0:3:2:2:2, replayPath AAM:F",
    base: { seed: "seed-1", start: 1_700_000_000, settings: 0 },
    specs: [{ op: "addGrant", userId: "diana", clientId: "client_1", grant: {}, times: { issued_at: { abs: MAX }, expires_in: { rel: 0 } } }],
  },
  {
    name: "a custom token type named toString can be minted",
    found: "seed -1356106638, path 330:0:4:3:3:14:3:4:5:5:5:5:5, replayPath GBY:F",
    base: { seed: "seed-1", start: MAX - 200, settings: 2 },
    specs: [
      { op: "createSession", args: { userId: "toString", clientId: "client_1", subType: "public", sectorIdentifier: "https://sector.example", tokenUsageRules: {}, scopes: [] } },
      { op: "mintToken", session: grant0, type: "toString", fields: {}, times: {} },
      { op: "mintToken", session: grant0, type: "constructor", fields: {}, times: {} },
    ],
  },
  {
    name: "a token stored with expires_at 0 is restored with expires_at 0",
    found: "seed 1830057196, path 693:0:3:3:3:3:3:5:1:2:2:2:2:2:3:3:1:1:3:1:1:1:1:2:1:1, replayPath BAZ:F",
    base: { seed: "seed-1", start: 0, settings: 0 },
    specs: [diana, { op: "mintToken", session: grant0, type: "authorization_code", fields: { usageRules: { expires_in: 5 } }, times: { expiresIn: { rel: 0 } } }],
  },
];
