import { loadScenario } from "../../scenarios/index.ts";
import { toFailure, type AppStore } from "../../store/index.ts";

/**
 * Loads a guided scenario as a new workspace (the open one is never touched) and opens its
 * explanation at step 1. Resolves to whether it opened.
 */
export async function openScenario(store: AppStore, id: string, title: string): Promise<boolean> {
  try {
    const ok = await store.getState().importWorkspace(loadScenario(id), `Loaded the scenario “${title}” as a new workspace.`);
    if (ok) {
      store.getState().setScenarioGuide(id);
      store.getState().setTimeTravelStep(1);
    }
    return ok;
  } catch (e) {
    store.getState().setFailure(toFailure(e));
    return false;
  }
}
