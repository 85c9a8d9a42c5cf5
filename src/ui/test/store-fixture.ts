// A started app store for the UI's component tests, built through operations as the UI builds it.
import { MemoryWorkspaceRepository } from "../../persistence/index.ts";
import { createAppStore, type AppStore } from "../../store/index.ts";
import { AUTH_REQ } from "./workspace-fixture.ts";

/** Applies an operation through the store and returns its result, failing the test on a refused operation. */
export async function applyInStore(store: AppStore, op: string, args: Record<string, unknown>): Promise<Record<string, string>> {
  const entry = await store.getState().applyOperation({ op, args } as never);
  if (!entry || "error" in entry) throw new Error(`${op} failed`);
  return entry.result as Record<string, string>;
}

/** A store on a memory repository with diana's code flow: the code, used once, and an access and a refresh token minted from it. */
export async function storeWithCodeFlow(): Promise<{ store: AppStore; sessionId: string; code: string; at: string; rt: string }> {
  const store = createAppStore(new MemoryWorkspaceRepository(), { saveViewDelayMs: 0 });
  await store.getState().init();
  const { sessionId } = await applyInStore(store, "createSession", { userId: "diana", clientId: "client_1", authReq: AUTH_REQ });
  const { value: code } = await applyInStore(store, "mintToken", { sessionId, type: "authorization_code" });
  const { value: at } = await applyInStore(store, "mintToken", { sessionId, type: "access_token", basedOn: code });
  const { value: rt } = await applyInStore(store, "mintToken", { sessionId, type: "refresh_token", basedOn: code });
  await applyInStore(store, "registerUsage", { sessionId, value: code });
  return { store, sessionId, code, at, rt };
}
