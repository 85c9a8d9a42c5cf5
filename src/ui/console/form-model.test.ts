import { describe, expect, it } from "vitest";
import { applyOperation, OPERATION_NAMES, operationArgs } from "../../ops/index.ts";
import { allFormModels, buildFormModel, formToArgs, operationTitle } from "./form-model.ts";
import { newWorkspace, T0 } from "../test/workspace-fixture.ts";

describe("console forms generated from the operation schemas", () => {
  it("has one form per operation with one field per argument, in schema order", () => {
    const forms = allFormModels(T0);
    expect(forms.map((f) => f.op)).toEqual(OPERATION_NAMES);
    for (const form of forms) expect(form.fields.map((f) => f.name)).toEqual(Object.keys(operationArgs[form.op].shape));
  });

  it("names each form after its operation", () => {
    expect(["createSession", "mintToken", "registerUsage", "revokeToken", "revokeGrant", "revokeClientSession", "removeSession", "advanceClock"].map((op) => operationTitle(op as never))).toEqual([
      "Create session", "Mint token", "Register usage", "Revoke token", "Revoke grant", "Revoke client session", "Remove session", "Advance clock",
    ]);
    expect(operationTitle("importState")).not.toMatch(/import/i);
  });

  it("labels fields with the schema's descriptions and picks a widget per type", () => {
    const mint = buildFormModel("mintToken", T0);
    const field = (name: string) => mint.fields.find((f) => f.name === name)!;
    expect(field("sessionId")).toMatchObject({ label: "Session id: user;;client;;grant", kind: "text", required: true });
    expect(field("type")).toMatchObject({ label: "Token type", defaultText: "authorization_code", examples: ["authorization_code", "access_token", "refresh_token", "id_token"] });
    expect(field("scope").kind).toBe("list");
    expect(field("claims").kind).toBe("json");
    expect(field("usageRules").kind).toBe("json");
    expect(field("expiresIn").kind).toBe("integer");
    expect(buildFormModel("revokeToken", T0).fields.find((f) => f.name === "recursive")!.kind).toBe("boolean");
    expect(buildFormModel("createSession", T0).fields.find((f) => f.name === "scopes")!.kind).toBe("list");
  });

  it("starts from realistic defaults: diana at client_1, redirect https://example.com/cb, scope openid email", () => {
    const form = buildFormModel("createSession", T0);
    const text = (name: string) => form.fields.find((f) => f.name === name)!.defaultText;
    expect(text("userId")).toBe("diana");
    expect(text("clientId")).toBe("client_1");
    expect(JSON.parse(text("authReq"))).toEqual({ client_id: "client_1", redirect_uri: "https://example.com/cb", scope: "openid email", response_type: "code" });
    expect(JSON.parse(text("authnEvent"))).toMatchObject({ uid: "diana", authn_time: T0, valid_until: T0 + 86400 });
    expect(buildFormModel("advanceClock", T0).fields[0].defaultText).toBe("60");
    expect(buildFormModel("setClock", T0 + 5).fields[0].defaultText).toBe(String(T0 + 5));
  });

  it("turns the default createSession form into an operation the core accepts", () => {
    const { args, errors } = formToArgs(buildFormModel("createSession", T0), {});
    expect(errors).toEqual([]);
    const ws = newWorkspace();
    const result = applyOperation(ws.manager, { op: "createSession", args }) as { sessionId: string };
    expect(ws.manager.getGrant(result.sessionId).scope).toEqual(["openid", "email"]);
  });

  it("leaves out empty optional fields, splits lists and parses numbers and JSON", () => {
    const mint = buildFormModel("mintToken", T0);
    const { args, errors } = formToArgs(mint, { sessionId: "a;;b;;c", type: "access_token", basedOn: "", scope: "openid, email profile", expiresIn: "300", claims: '{"email": null}' });
    expect(errors).toEqual([]);
    expect(args).toEqual({ sessionId: "a;;b;;c", type: "access_token", scope: ["openid", "email", "profile"], expiresIn: 300, claims: { email: null } });
    expect(formToArgs(buildFormModel("revokeToken", T0), { sessionId: "s", value: "v", recursive: "true" }).args).toEqual({ sessionId: "s", value: "v", recursive: true });
  });

  it("refuses JSON that does not parse and numbers that are not whole, naming the field", () => {
    const { errors } = formToArgs(buildFormModel("mintToken", T0), { sessionId: "s", claims: "{oops", expiresIn: "1.5" });
    expect(errors.map((e) => e.field)).toEqual(["claims", "expiresIn"]);
    expect(errors[1].message).toBe('Expires in (seconds): "1.5" is not a whole number.');
  });

  it("sends a negative number on for the core to refuse with its own message", () => {
    const { args, errors } = formToArgs(buildFormModel("advanceClock", T0), { seconds: "-5" });
    expect(errors).toEqual([]);
    expect(args).toEqual({ seconds: -5 });
  });
});
