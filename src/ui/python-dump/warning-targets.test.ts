import { describe, expect, test } from "vitest";
import { importPythonDump } from "../../interop/index.ts";
import { fixture } from "../../interop/test-fixtures.ts";
import { clientNodeId, grantNodeId, projectGraph, userNodeId } from "../graph/project-graph.ts";
import { warningNodeId, warningsByNode } from "./warning-targets.ts";

const GRANT = "diana;;client_1;;f2c4a5374737e44f6520b35a19e7ca8f";

function open(edit: (d: ReturnType<typeof fixture>) => void) {
  const d = fixture("idpy-oidc-code-flow");
  edit(d);
  const imported = importPythonDump(JSON.stringify(d));
  return { imported, graph: projectGraph(imported.workspace.manager) };
}

describe("the graph node a dump warning names", () => {
  test("a token problem names the token at its position in the grant, even when values repeat", () => {
    const { imported, graph } = open((d) => {
      const tokens = d.db[GRANT][1].issued_token as Record<string, Record<string, unknown>>[];
      Object.values(tokens[1])[0].based_on = "no-such-token";
      Object.values(tokens[3])[0].value = Object.values(tokens[2])[0].value;
    });
    const dangling = imported.warnings.find((w) => w.code === "dangling_based_on")!;
    const duplicate = imported.warnings.find((w) => w.code === "duplicate_token_value")!;
    const danglingNode = graph.byId.get(warningNodeId(graph, dangling)!)!;
    expect(danglingNode).toMatchObject({ kind: "token", sessionId: GRANT, token: { index: 1 } });
    // The repeated value is the second token with it: its own node, not the first one's.
    const dup = graph.byId.get(warningNodeId(graph, duplicate)!)!;
    expect(dup.token).toMatchObject({ index: 3, occurrence: 1 });
  });

  test("session problems name the user, client session or grant of their key", () => {
    const { imported, graph } = open((d) => {
      d.db.diana[1].subordinate = ["diana;;client_1", "diana;;client_9"];
      d.db["diana;;client_1"][1].colour = "red";
      d.db[GRANT][0] = "myapp.session.TenantGrant";
    });
    const byCode = Object.fromEntries(imported.warnings.map((w) => [w.code, warningNodeId(graph, w)]));
    expect(byCode).toEqual({
      dangling_subordinate: userNodeId("diana"),
      unknown_field: clientNodeId("diana", "client_1"),
      unknown_class: grantNodeId(GRANT),
    });
    expect(warningsByNode(graph, imported.warnings)).toEqual(
      new Map([
        [userNodeId("diana"), ["dangling_subordinate"]],
        [clientNodeId("diana", "client_1"), ["unknown_field"]],
        [grantNodeId(GRANT), ["unknown_class"]],
      ]),
    );
  });

  test("a key that fits nowhere names no node", () => {
    const { imported, graph } = open((d) => {
      d.db["diana;;client_1;;x;;y"] = ["myapp.Thing", { a: 1 }] as never;
    });
    const unplaced = imported.warnings.find((w) => w.code === "unplaced_key")!;
    expect(warningNodeId(graph, unplaced)).toBeNull();
    expect(warningsByNode(graph, imported.warnings).size).toBe(0);
  });
});
