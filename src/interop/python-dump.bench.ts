// `npm run bench`: opening and writing back a large Python session dump (2,000 grants, 8,000 tokens, about 25 MB),
// made by repeating the real idpy-oidc code-flow fixture under many users.
import { bench, describe } from "vitest";
import { detectPythonDump, exportPythonDump, importPythonDump, keptFields } from "./index.ts";
import { fixture } from "./test-fixtures.ts";

function bigDump(users: number): string {
  const source = fixture("idpy-oidc-code-flow");
  const db: Record<string, unknown> = {};
  for (let u = 0; u < users; u++) {
    const user = `user${u}`;
    for (const [key, [cls, fields]] of Object.entries(source.db)) {
      // Rename diana to this user, and make every token value unique to it.
      const text = JSON.stringify(fields).replaceAll('"diana', `"${user}`).replace(/"(value|based_on)": ?"([^"]{0,40})/g, `"$1":"${u}-$2`);
      db[key.replace(/^diana/, user)] = [cls, JSON.parse(text)];
    }
  }
  return JSON.stringify({ db, crypt_config: source.crypt_config });
}

describe("a 2,000-grant, 8,000-token idpy-oidc dump (about 25 MB: real token values are long)", () => {
  const text = bigDump(2_000);
  const imported = importPythonDump(text);
  const grantKey = imported.workspace.manager.getSidsByUserId("user1000")[0];
  bench("detectPythonDump", () => {
    detectPythonDump(text);
  }, { iterations: 3, time: 0 });
  bench("importPythonDump", () => {
    importPythonDump(text);
  }, { iterations: 3, time: 0 });
  bench("exportPythonDump (same flavour)", () => {
    exportPythonDump(imported.workspace, "idpy-oidc");
  }, { iterations: 3, time: 0 });
  bench("keptFields for one grant (cached check of the kept data)", () => {
    keptFields(imported.workspace, grantKey);
  });
});
