import { describe, expect, expectTypeOf, test } from "vitest";
import { ClientSessionInfo, Database, Grant, UserSessionInfo } from "./index.ts";
import { caught } from "./test-helpers.ts";

const grant = (id: string) => new Grant({ id });

describe("Database", () => {
  test("get is typed by the length of its path", () => {
    const db = new Database();
    db.set(["diana", "client_1", "g1"], grant("g1"));
    expectTypeOf(db.get(["diana"])).toEqualTypeOf<UserSessionInfo>();
    expectTypeOf(db.get(["diana", "client_1"])).toEqualTypeOf<ClientSessionInfo>();
    expectTypeOf(db.get(["diana", "client_1", "g1"])).toEqualTypeOf<Grant>();
    expect(db.get(["diana", "client_1", "g1"])).toBeInstanceOf(Grant);
  });

  test("set on a deep path creates the missing ancestors and lists each child in subordinate (jump ahead)", () => {
    const db = new Database();
    db.set(["diana", "client_1", "g1"], grant("g1"));
    const user = db.get(["diana"]) as UserSessionInfo;
    const client = db.get(["diana", "client_1"]) as ClientSessionInfo;
    expect(user).toBeInstanceOf(UserSessionInfo);
    expect(user.user_id).toBe("diana");
    expect(user.subordinate).toEqual(["client_1"]);
    expect(client.client_id).toBe("client_1");
    expect(client.subordinate).toEqual(["g1"]);
    db.set(["diana", "client_1", "g2"], grant("g2"));
    db.set(["diana", "client_1", "g1"], grant("g1"));
    expect(client.subordinate).toEqual(["g1", "g2"]);
    expect(db.keys()).toEqual(["diana", "diana;;client_1", "diana;;client_1;;g1", "diana;;client_1;;g2"]);
  });

  test("setting an existing path replaces only that node", () => {
    const db = new Database();
    db.set(["diana", "client_1", "g1"], grant("g1"));
    const replacement = grant("g1");
    db.set(["diana", "client_1", "g1"], replacement);
    expect(db.get(["diana", "client_1", "g1"])).toBe(replacement);
    expect((db.get(["diana", "client_1"]) as ClientSessionInfo).subordinate).toEqual(["g1"]);
  });

  test("get names the missing level with its own error", () => {
    const db = new Database();
    db.set(["diana", "client_1", "g1"], grant("g1"));
    expect(caught(() => db.get(["bob"])).code).toBe("no_such_user_session");
    expect(caught(() => db.get(["diana", "client_2"])).code).toBe("no_such_client_session");
    expect(caught(() => db.get(["diana", "client_1", "g9"])).code).toBe("no_such_grant");
    expect(caught(() => db.get(["diana", "client_1", "g9"])).name).toBe("NoSuchGrant");
  });

  test("refuses ids that are empty or contain ;;, and nodes of the wrong kind for the depth", () => {
    const db = new Database();
    expect(caught(() => db.set(["di;;ana"], new UserSessionInfo({ user_id: "x" }))).code).toBe("invalid_argument");
    expect(caught(() => db.set(["diana", ""], new ClientSessionInfo({ client_id: "x" }))).code).toBe("invalid_argument");
    expect(caught(() => db.set(["diana"], grant("g"))).code).toBe("invalid_argument");
    expect(db.keys()).toEqual([]);
  });

  test("delete of a missing node is a silent no-op", () => {
    const db = new Database();
    db.delete(["nobody", "c", "g"]);
    expect(db.size).toBe(0);
  });

  test("deleting the last grant of the last client removes the client and the user", () => {
    const db = new Database();
    db.set(["diana", "client_1", "g1"], grant("g1"));
    db.delete(["diana", "client_1", "g1"]);
    expect(db.keys()).toEqual([]);
  });

  test("deleting one of two grants keeps the client session", () => {
    const db = new Database();
    db.set(["diana", "client_1", "g1"], grant("g1"));
    db.set(["diana", "client_1", "g2"], grant("g2"));
    db.delete(["diana", "client_1", "g1"]);
    expect(db.keys()).toEqual(["diana", "diana;;client_1", "diana;;client_1;;g2"]);
    expect((db.get(["diana", "client_1"]) as ClientSessionInfo).subordinate).toEqual(["g2"]);
  });

  test("deleting a user deletes its whole subtree (deviation: the reference left orphans)", () => {
    const db = new Database();
    db.set(["diana", "client_1", "g1"], grant("g1"));
    db.set(["diana", "client_2", "g2"], grant("g2"));
    db.set(["bob", "client_1", "g3"], grant("g3"));
    db.delete(["diana"]);
    expect(db.keys()).toEqual(["bob", "bob;;client_1", "bob;;client_1;;g3"]);
  });

  test("deleting a client deletes its grants and, when it was the last, its user", () => {
    const db = new Database();
    db.set(["diana", "client_1", "g1"], grant("g1"));
    db.set(["diana", "client_1", "g2"], grant("g2"));
    db.delete(["diana", "client_1"]);
    expect(db.keys()).toEqual([]);
  });

  test("update assigns fields and stores the node again", () => {
    const db = new Database();
    db.set(["diana", "client_1", "g1"], grant("g1"));
    db.update(["diana", "client_1", "g1"], { scope: ["openid"] });
    expect((db.get(["diana", "client_1", "g1"]) as Grant).scope).toEqual(["openid"]);
  });
});

describe("session infos", () => {
  test("keep keys other than the declared fields in extra", () => {
    const u = new UserSessionInfo({ user_id: "diana", note: "x" });
    expect(u.toJSON()).toEqual({ type: "UserSessionInfo", user_id: "diana", subordinate: [], revoked: false, extra: { note: "x" } });
    const c = new ClientSessionInfo({ client_id: "c", revoked: true });
    expect(c.toJSON()).toEqual({ type: "ClientSessionInfo", client_id: "c", subordinate: [], revoked: true, extra: {} });
  });
});
